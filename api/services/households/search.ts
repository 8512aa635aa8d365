import { NOT_SUPERSEDED } from '../../../db/case-links';
import { Type, type Static } from '@sinclair/typebox';
import { DIMENSIONS, STAGES } from '../../../domain/vocabulary';
import { ProvinceCode, DistrictCode, SubdistrictCode } from '../../../domain/contract/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fiscalYear, fiscalYearOf, MAX_BUDDHIST_YEAR, MIN_BUDDHIST_YEAR, type FiscalYear } from '../../../domain/fiscal-year';
import type { Principal } from '../../../domain/scope';
import { areaNameJoins } from '../../views/names';
import { RELIEF } from '../reports/labels';
import { likeEscape, orderBy, Page, PageQuery, runPage, SortQuery, StringEnum, type PageOf, type Where } from '../lists';
import { householdScope, HouseholdSummary, memberView, MemberView, SUMMARY_FROM, SUMMARY_SELECT, summaryView, type MemberRow, type SummaryRow } from './rows';

/** Household search: by name, house code, area and stage, and by a member's national ID. */
const SORT_FIELDS = ['headName', 'houseCode', 'subdistrictCode', 'stage', 'dueAt', 'updatedAt'] as const;
const SORT_COLUMNS: Record<(typeof SORT_FIELDS)[number], string> = {
  headName: 'h.head_name',
  houseCode: 'h.house_code',
  subdistrictCode: 'h.subdistrict_code',
  stage: 'hc.stage',
  dueAt: 'hc.due_at',
  updatedAt: 'h.updated_at',
};

export const HouseholdSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 2, maxLength: 100, description: "Name of the head or a member (word prefix; substring when pg_trgm is installed); digits also match house codes" })),
    houseCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,11}$', description: 'A full 11-digit house code, or its leading digits' })),
    provinceCode: Type.Optional(ProvinceCode),
    districtCode: Type.Optional(DistrictCode),
    subdistrictCode: Type.Optional(SubdistrictCode),
    stage: Type.Optional(StringEnum(STAGES)),
    // The lists behind the dashboard's figures, counted as its reports count them (open cases only).
    open: Type.Optional(Type.Boolean({ description: 'Only households whose case is open (in the program)' })),
    overdue: Type.Optional(Type.Boolean({ description: 'Only open cases flagged overdue' })),
    escalated: Type.Optional(Type.Boolean({ description: 'Only open cases escalated to the province' })),
    graduatedInFiscalYear: Type.Optional(
      Type.Integer({ minimum: MIN_BUDDHIST_YEAR, maximum: MAX_BUDDHIST_YEAR, description: 'Only cases closed as graduated in this Buddhist-era fiscal year, e.g. 2570' }),
    ),
    helpedIn: Type.Optional(StringEnum([...DIMENSIONS, RELIEF], { description: "Only households helped in this dimension ('relief': relief on a visit) in `helpedInFiscalYear`, or else this fiscal year" })),
    helpedInFiscalYear: Type.Optional(
      Type.Integer({ minimum: MIN_BUDDHIST_YEAR, maximum: MAX_BUDDHIST_YEAR, description: 'Only households helped in this Buddhist-era fiscal year (in `helpedIn`, or in any dimension)' }),
    ),
    ...PageQuery,
    sort: SortQuery(SORT_FIELDS, 'headName'),
  },
  { additionalProperties: false },
);
export type HouseholdSearchQuery = Static<typeof HouseholdSearchQuery>;

export const HouseholdPage = Page(HouseholdSummary);

export const NationalIdSearchBody = Type.Object(
  {
    nationalId: Type.String({ maxLength: 20, description: '13-digit national ID with a valid check digit (422 otherwise)' }),
    purpose: Type.Optional(Type.String({ maxLength: 500, description: 'Why this person is looked up, at least 10 characters; required (422 otherwise), kept in the audit log' })),
  },
  { additionalProperties: false },
);

export const NationalIdSearchResult = Type.Object({
  items: Type.Array(Type.Composite([HouseholdSummary, Type.Object({ member: MemberView })])),
});
export type NationalIdSearchResult = Static<typeof NationalIdSearchResult>;

const trigramCache = new WeakMap<object, Promise<boolean>>();

/**
 * Whether pg_trgm is installed. With it, a name matches anywhere (a GIN trigram index can serve
 * ILIKE '%q%'); without it, only at the start of a word, which is what a Thai caseworker types
 * (given name or surname) and reads no more rows than the area filter already does.
 */
function hasTrigram(em: EntityManager, orm: object): Promise<boolean> {
  let known = trigramCache.get(orm);
  if (!known) {
    known = em
      .execute<Array<{ ok: boolean }>>(`select exists (select 1 from pg_extension where extname = 'pg_trgm') as ok`)
      .then(([row]) => Boolean(row?.ok))
      .catch(() => false);
    trigramCache.set(orm, known);
  }
  return known;
}

async function nameCondition(em: EntityManager, orm: object, q: string): Promise<{ sql: string; params: string[] }> {
  const text = likeEscape(q.trim());
  const digits = /^[0-9]{2,11}$/.test(q.trim()) ? [`${text}%`] : [];
  const houseCode = digits.length ? ' or h.house_code like ?' : '';
  if (await hasTrigram(em, orm)) {
    const pattern = `%${text}%`;
    return {
      sql: `h.head_name ilike ? or exists (select 1 from household_member m where m.household_id = h.id and m.name ilike ?)${houseCode}`,
      params: [pattern, pattern, ...digits],
    };
  }
  const [start, word] = [`${text}%`, `% ${text}%`];
  return {
    sql: `h.head_name ilike ? or h.head_name ilike ? or exists (select 1 from household_member m where m.household_id = h.id and (m.name ilike ? or m.name ilike ?))${houseCode}`,
    params: [start, word, start, word, ...digits],
  };
}

export async function searchHouseholds(em: EntityManager, orm: object, principal: Principal, query: HouseholdSearchQuery): Promise<PageOf<HouseholdSummary>> {
  const where = householdScope(principal)
    .when(query.houseCode, query.houseCode?.length === 11 ? 'h.house_code = ?' : 'h.house_code like ?', query.houseCode?.length === 11 ? query.houseCode : `${query.houseCode}%`)
    .when(query.provinceCode, 'h.province_code = ?', query.provinceCode)
    .when(query.districtCode, 'h.district_code = ?', query.districtCode)
    .when(query.subdistrictCode, 'h.subdistrict_code = ?', query.subdistrictCode)
    .when(query.stage, 'hc.stage = ?', query.stage)
    .when(query.open || undefined, `hc.status <> 'closed'`)
    .when(query.overdue || undefined, `hc.status <> 'closed' and hc.overdue_level > 0`)
    .when(query.escalated || undefined, `hc.status <> 'closed' and hc.escalated`);
  if (query.graduatedInFiscalYear) {
    const fy = fiscalYear(query.graduatedInFiscalYear);
    where.add(`hc.closure_reason = 'graduated' and hc.closed_at >= ? and hc.closed_at < ?`, fy.start, fy.end);
  }
  if (query.helpedIn || query.helpedInFiscalYear) helpedCondition(where, query.helpedIn, fiscalYear(query.helpedInFiscalYear ?? fiscalYearOf(new Date())));
  if (query.q?.trim()) {
    const name = await nameCondition(em, orm, query.q);
    where.add(name.sql, ...name.params);
  }
  return runPage(
    em,
    { select: SUMMARY_SELECT, from: SUMMARY_FROM, where, orderBy: orderBy(query.sort ?? 'headName', SORT_COLUMNS, 'h.id'), limit: query.limit, offset: query.offset },
    summaryView,
  );
}

/**
 * Helped in a fiscal year, as the dimensions report counts its households (reports/dimensions.ts):
 * a logbook entry dated in the year (a task's entries carry its dimension; relief on a visit has
 * none, and is `relief`), or a task of the dimension assigned in the year and not cancelled.
 */
function helpedCondition(where: Where, dimension: string | undefined, fy: FiscalYear): void {
  const entry = dimension ? ` and coalesce(l.dimension, '${RELIEF}') = ?` : '';
  const task = dimension ? ' and t.dimension = ?' : '';
  where.add(
    `(exists (select 1 from logbook_entry l where l.case_id = hc.id and l.date >= ?::date and l.date < ?::date${entry})
      or exists (select 1 from assistance_task t where t.case_id = hc.id and t.status <> 'cancelled' and t.assigned_at >= ? and t.assigned_at < ?${task}))`,
    ...[fy.firstDay, fy.endDay, ...(dimension ? [dimension] : []), fy.start, fy.end, ...(dimension ? [dimension] : [])],
  );
}

/** Households in the caller's scope with a member holding this national ID. */
export async function householdsByNationalId(em: EntityManager, principal: Principal, nationalId: string): Promise<NationalIdSearchResult['items']> {
  const where = householdScope(principal).add('m.national_id = ?', nationalId);
  const rows = await em.execute<Array<SummaryRow & MemberRow>>(
    `select ${SUMMARY_SELECT}, m.household_id, m.ord, m.name, m.national_id, m.birth_year, m.sex, m.disabled
       from household_member m join household h on h.id = m.household_id left join household_case hc on hc.household_id = h.id and ${NOT_SUPERSEDED('hc')} ${areaNameJoins('h')}
      where ${where.sql}
      order by h.id, m.ord
      limit 20`,
    where.params,
  );
  return rows.map((row) => ({ ...summaryView(row), member: memberView(row, principal) }));
}