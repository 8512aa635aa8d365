import { Type, type Static } from '@sinclair/typebox';
import { STAGES } from '../../domain/vocabulary';
import { ProvinceCode, DistrictCode, SubdistrictCode } from '../../domain/contract/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fiscalYear, MAX_BUDDHIST_YEAR, MIN_BUDDHIST_YEAR } from '../../domain/fiscal-year';
import { maskNationalId, type Principal } from '../../domain/scope';
import { notFound } from '../errors';
import { CaseEventView } from '../views/case-view';
import { actorColumns, actorJoins, actorOf, ActorView, AreaNames, areaNameColumns, areaNameJoins, areaNamesOf, name, NullableName, type ActorRow, type AreaNameRow } from '../views/names';
import { iso, likeEscape, NullableString, orderBy, Page, PageQuery, runPage, SortQuery, StringEnum, Where, type PageOf } from './lists';

/**
 * Household search and the household page ("the logbook"), read from the read model. Scope is
 * the caller's area; an agency officer sees only households its agency has a task for. Outside
 * the scope a household does not exist (404), as in api/scope.ts.
 */

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
    ...PageQuery,
    sort: SortQuery(SORT_FIELDS, 'headName'),
  },
  { additionalProperties: false },
);
export type HouseholdSearchQuery = Static<typeof HouseholdSearchQuery>;

export const HouseholdSummary = Type.Object({
  householdId: Type.String(),
  houseCode: NullableString,
  headName: NullableString,
  provinceCode: Type.String(),
  districtCode: Type.String(),
  subdistrictCode: Type.String(),
  villageNo: NullableString,
  areaNames: AreaNames,
  memberCount: Type.Integer(),
  source: Type.String(),
  caseId: NullableString,
  stage: NullableString,
  status: NullableString,
  dueAt: NullableString,
  overdueLevel: Type.Union([Type.Integer(), Type.Null()]),
  escalated: Type.Union([Type.Boolean(), Type.Null()]),
});
export type HouseholdSummary = Static<typeof HouseholdSummary>;
export const HouseholdPage = Page(HouseholdSummary);

const MemberView = Type.Object({
  ord: Type.Integer(),
  name: Type.String(),
  nationalId: Type.Optional(Type.String({ description: 'Masked except for the roles that need it' })),
  birthYear: Type.Union([Type.Integer(), Type.Null()]),
  sex: NullableString,
  disabled: Type.Boolean(),
});

const CaseRowView = Type.Object({
  caseId: Type.String(),
  stage: Type.String(),
  status: Type.String(),
  version: Type.Integer(),
  openedAt: Type.String(),
  stageEnteredAt: NullableString,
  lastProgressAt: Type.String(),
  dueAt: NullableString,
  overdueLevel: Type.Integer(),
  escalated: Type.Boolean(),
  assignmentLevel: Type.String(),
  verificationOutcome: NullableString,
  householdType: NullableString,
  track: Type.String(),
  exemption: NullableString,
  planGoal: NullableString,
  paused: Type.Boolean(),
  pauseReason: NullableString,
  closedAt: NullableString,
  closureReason: NullableString,
  policyVersion: Type.String(),
});

const ProblemRowView = Type.Object({
  problemId: Type.String(),
  dimension: Type.String(),
  indicator: Type.String(),
  description: Type.String(),
  status: Type.String(),
  lastOutcome: NullableString,
  taskId: NullableString,
});

const TaskRowView = Type.Object({
  taskId: Type.String(),
  problemId: Type.String(),
  dimension: Type.String(),
  agencyCode: Type.String(),
  agencyName: NullableName,
  menuItem: NullableString,
  level: Type.String(),
  status: Type.String(),
  assignedAt: Type.String(),
  dueAt: Type.String(),
  endedAt: NullableString,
  overdueLevel: Type.Integer(),
  bahtTotal: Type.Number(),
  itemsTotal: Type.Integer(),
  activitiesCount: Type.Integer(),
});

export const HouseholdDetailQuery = Type.Object(
  {
    timelineLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    timelineOffset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type HouseholdDetailQuery = Static<typeof HouseholdDetailQuery>;

/**
 * A timeline event as a person reads it: who acted (name and role, or the engine's timers), and
 * for a change of stage the stage it left. The workflow records only the stage entered; the one
 * left is the stage set by the case's previous stage-setting event.
 */
export const TimelineEventView = Type.Composite([
  CaseEventView,
  Type.Object({
    by: ActorView,
    fromStage: Type.Optional(Type.String({ description: 'stageChanged: the stage the case left' })),
  }),
]);
export type TimelineEventView = Static<typeof TimelineEventView>;

const LogbookEntryView = Type.Object({
  source: Type.String({ description: 'relief: urgent relief on a visit; task: an activity an agency logged on its task' }),
  taskId: NullableString,
  date: Type.String({ description: 'YYYY-MM-DD, the day it happened' }),
  dimension: NullableString,
  kind: Type.String(),
  description: Type.String(),
  baht: Type.Number(),
  items: Type.Integer(),
  agencyCode: NullableString,
  agencyName: NullableName,
  by: ActorView,
});

const LogbookTotal = Type.Object({
  dimension: Type.Union([Type.String(), Type.Null()], { description: 'null: urgent relief (no dimension)' }),
  baht: Type.Number(),
  items: Type.Integer(),
  entries: Type.Integer(),
});

export const HouseholdLogbook = Type.Object(
  {
    entries: Type.Array(LogbookEntryView, { description: 'Every relief and task activity of the case, newest first (at most 500)' }),
    totals: Type.Array(LogbookTotal, { description: 'Per dimension, relief last' }),
    total: Type.Object({ baht: Type.Number(), items: Type.Integer(), entries: Type.Integer() }),
  },
  { description: 'The household logbook (สมุดพก): relief and agency activities with their baht and items' },
);
export type HouseholdLogbook = Static<typeof HouseholdLogbook>;

export const HouseholdDetail = Type.Object({
  household: Type.Composite([HouseholdSummary, Type.Object({ address: NullableString, entryReason: NullableString, failedIndicators: Type.Array(Type.String()) })]),
  members: Type.Array(MemberView),
  case: Type.Union([CaseRowView, Type.Null()]),
  problems: Type.Array(ProblemRowView),
  tasks: Type.Array(TaskRowView),
  logbook: HouseholdLogbook,
  timeline: Page(TimelineEventView),
});
export type HouseholdDetail = Static<typeof HouseholdDetail>;

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

interface SummaryRow extends AreaNameRow {
  id: string;
  house_code: string | null;
  head_name: string | null;
  province_code: string;
  district_code: string;
  subdistrict_code: string;
  village_no: string | null;
  member_count: number;
  source: string;
  case_id: string | null;
  stage: string | null;
  status: string | null;
  due_at: Date | null;
  overdue_level: number | null;
  escalated: boolean | null;
}

const SUMMARY_SELECT = `h.id, h.house_code, h.head_name, h.province_code, h.district_code, h.subdistrict_code, h.village_no, h.member_count, h.source,
  hc.id as case_id, hc.stage, hc.status, hc.due_at, hc.overdue_level, hc.escalated, ${areaNameColumns('h')}`;
const SUMMARY_FROM = `household h left join household_case hc on hc.household_id = h.id ${areaNameJoins('h')}`;

/** The caller's households: the area, and for an agency officer its agency's tasks. */
function householdScope(principal: Principal): Where {
  const where = new Where().area(principal, 'h');
  if (principal.role === 'agency') where.add('exists (select 1 from assistance_task t where t.household_id = h.id and t.agency_code = ?)', principal.agencyCode ?? '');
  return where;
}

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

function summaryView(row: SummaryRow): HouseholdSummary {
  return {
    householdId: row.id,
    houseCode: row.house_code,
    headName: row.head_name,
    provinceCode: row.province_code,
    districtCode: row.district_code,
    subdistrictCode: row.subdistrict_code,
    villageNo: row.village_no,
    areaNames: areaNamesOf(row),
    memberCount: row.member_count,
    source: row.source,
    caseId: row.case_id,
    stage: row.stage,
    status: row.status,
    dueAt: iso(row.due_at),
    overdueLevel: row.overdue_level,
    escalated: row.escalated,
  };
}

interface MemberRow {
  household_id: string;
  ord: number;
  name: string;
  national_id: string | null;
  birth_year: number | null;
  sex: string | null;
  disabled: boolean;
}

function memberView(row: MemberRow, principal: Principal): Static<typeof MemberView> {
  const nationalId = maskNationalId(row.national_id, principal);
  return { ord: row.ord, name: row.name, ...(nationalId ? { nationalId } : {}), birthYear: row.birth_year, sex: row.sex, disabled: row.disabled };
}

interface CaseRow {
  id: string;
  stage: string;
  status: string;
  version: number;
  opened_at: Date;
  stage_entered_at: Date | null;
  last_progress_at: Date;
  due_at: Date | null;
  overdue_level: number;
  escalated: boolean;
  assignment_level: string;
  verification_outcome: string | null;
  household_type: string | null;
  track: string;
  exemption: string | null;
  plan_goal: string | null;
  paused: boolean;
  pause_reason: string | null;
  closed_at: Date | null;
  closure_reason: string | null;
  policy_version: string;
}

/** The scalar columns the page shows: the row's inline state snapshot (wide jsonb) stays unread. */
const CASE_COLUMNS = `id, stage, status, version, opened_at, stage_entered_at, last_progress_at, due_at, overdue_level, escalated, assignment_level,
  verification_outcome, household_type, track, exemption, plan_goal, paused, pause_reason, closed_at, closure_reason, policy_version`;

interface ProblemRow {
  problem_id: string;
  dimension: string;
  indicator: string;
  description: string;
  status: string;
  last_outcome: string | null;
  task_id: string | null;
}

interface TaskRow {
  id: string;
  agency_th: string | null;
  agency_en: string | null;
  problem_id: string;
  dimension: string;
  agency_code: string;
  menu_item: string | null;
  level: string;
  status: string;
  assigned_at: Date;
  due_at: Date;
  ended_at: Date | null;
  overdue_level: number;
  baht_total: string | number;
  items_total: number;
  activities_count: number;
}

interface EventRow extends ActorRow {
  seq: number;
  at: Date;
  type: string;
  actor: string;
  detail: Record<string, unknown> | null;
  from_stage: string | null;
}

interface LogbookRow extends ActorRow {
  source: string;
  task_id: string | null;
  date: string;
  dimension: string | null;
  kind: string;
  description: string;
  baht: string | number;
  items: number;
  by: string;
  agency_code: string | null;
  agency_th: string | null;
  agency_en: string | null;
}

/**
 * The stage a stageChanged event left. The workflow settles the stage only from district
 * assignment, assistance or follow-up, so the stage left is the one the previous stageChanged
 * entered, unless a plan, a reopening or a transfer came between (each of which puts the case
 * back at assignment before it settles).
 */
const FROM_STAGE = `case when e.type = 'stageChanged' then coalesce((
    select case when p.type = 'stageChanged' then p.detail->>'stage' else 'districtAssignment' end
      from case_event p
     where p.case_id = e.case_id and p.seq < e.seq and p.type in ('stageChanged', 'planRecorded', 'reopened', 'transferred')
     order by p.seq desc limit 1), 'districtAssignment') end as from_stage`;

const LOGBOOK_LIMIT = 500;


/** The household page: members, its case row, problems, tasks and the timeline, newest first. */
export async function householdDetail(em: EntityManager, principal: Principal, householdId: string, query: HouseholdDetailQuery): Promise<HouseholdDetail> {
  const where = householdScope(principal).add('h.id = ?', householdId);
  const [row] = await em.execute<Array<SummaryRow & { address: string | null; entry_reason: string | null; failed_indicators: string[] | string | null }>>(
    `select ${SUMMARY_SELECT}, h.address, h.entry_reason, h.failed_indicators from ${SUMMARY_FROM} where ${where.sql}`,
    where.params,
  );
  if (!row) throw notFound();
  const caseId = row.case_id;
  const agencyOnly = principal.role === 'agency' ? ' and agency_code = ?' : '';
  const timelineLimit = query.timelineLimit ?? 50;
  const timelineOffset = query.timelineOffset ?? 0;
  const none = Promise.resolve([]);
  const logbookQuery = caseId
    ? em.execute<LogbookRow[]>(
        `select l.source, l.task_id, to_char(l.date, 'YYYY-MM-DD') as date, l.dimension, l.kind, l.description, l.baht, l.items, l.by, l.agency_code,
                a.name_th as agency_th, a.name_en as agency_en, ${actorColumns('u')}
           from logbook_entry l left join agency a on a.code = l.agency_code ${actorJoins('l.by', 'u')}
          where l.case_id = ?${agencyOnly.replace('agency_code', 'l.agency_code')}
          order by l.date desc, l.recorded_at desc limit ${LOGBOOK_LIMIT}`,
        principal.role === 'agency' ? [caseId, principal.agencyCode] : [caseId],
      )
    : Promise.resolve([]);
  const [members, [caseRow], problems, tasks, events, [eventCount]] = await Promise.all([
    em.execute<MemberRow[]>('select * from household_member where household_id = ? order by ord', [householdId]),
    caseId ? em.execute<CaseRow[]>(`select ${CASE_COLUMNS} from household_case where id = ?`, [caseId]) : none,
    caseId ? em.execute<ProblemRow[]>('select * from case_problem where case_id = ? order by length(problem_id), problem_id', [caseId]) : none,
    caseId
      ? em.execute<TaskRow[]>(
          `select t.*, a.name_th as agency_th, a.name_en as agency_en from assistance_task t left join agency a on a.code = t.agency_code
            where t.case_id = ?${agencyOnly.replace('agency_code', 't.agency_code')} order by t.assigned_at, t.id`,
          principal.role === 'agency' ? [caseId, principal.agencyCode] : [caseId],
        )
      : none,
    caseId
      ? em.execute<EventRow[]>(
          `select e.seq, e.at, e.type, e.actor, e.detail, ${FROM_STAGE}, ${actorColumns('u')}
             from case_event e ${actorJoins('e.actor', 'u')}
            where e.case_id = ? order by e.seq desc limit ? offset ?`,
          [caseId, timelineLimit, timelineOffset],
        )
      : none,
    caseId ? em.execute<Array<{ total: number }>>('select count(*)::int as total from case_event where case_id = ?', [caseId]) : Promise.resolve([{ total: 0 }]),
  ]);
  const logbookRows = await logbookQuery;
  return {
    household: { ...summaryView(row), address: row.address, entryReason: row.entry_reason, failedIndicators: pgArray(row.failed_indicators) },
    members: members.map((m) => memberView(m, principal)),
    case: caseRow ? caseRowView(caseRow) : null,
    problems: problems.map((p) => ({
      problemId: p.problem_id,
      dimension: p.dimension,
      indicator: p.indicator,
      description: p.description,
      status: p.status,
      lastOutcome: p.last_outcome,
      taskId: p.task_id,
    })),
    tasks: tasks.map((t) => ({
      taskId: t.id,
      problemId: t.problem_id,
      dimension: t.dimension,
      agencyCode: t.agency_code,
      agencyName: name(t.agency_th, t.agency_en),
      menuItem: t.menu_item,
      level: t.level,
      status: t.status,
      assignedAt: iso(t.assigned_at)!,
      dueAt: iso(t.due_at)!,
      endedAt: iso(t.ended_at),
      overdueLevel: t.overdue_level,
      // numeric(14,2) arrives as a string: exact in the database, a number in JSON.
      bahtTotal: Number(t.baht_total),
      itemsTotal: t.items_total,
      activitiesCount: t.activities_count,
    })),
    logbook: logbookView(logbookRows),
    timeline: {
      items: events.map((e) => ({
        seq: e.seq,
        at: iso(e.at)!,
        type: e.type,
        actor: e.actor,
        ...(e.detail ? { detail: e.detail } : {}),
        by: actorOf(e.actor, e),
        ...(e.from_stage ? { fromStage: e.from_stage } : {}),
      })),
      total: eventCount?.total ?? 0,
      // One household's timeline is counted in full.
      totalExact: true,
      limit: timelineLimit,
      offset: timelineOffset,
    },
  };
}

const DIMENSION_ORDER = ['health', 'living', 'education', 'income', 'access'];

function logbookView(rows: LogbookRow[]): HouseholdLogbook {
  const entries = rows.map((r) => ({
    source: r.source,
    taskId: r.task_id,
    date: r.date,
    dimension: r.dimension,
    kind: r.kind,
    description: r.description,
    // numeric(14,2) arrives as a string: exact in the database, a number in JSON.
    baht: Number(r.baht),
    items: r.items,
    agencyCode: r.agency_code,
    agencyName: name(r.agency_th, r.agency_en),
    by: actorOf(r.by, r),
  }));
  const byDimension = new Map<string | null, { dimension: string | null; baht: number; items: number; entries: number }>();
  for (const e of entries) {
    const total = byDimension.get(e.dimension) ?? { dimension: e.dimension, baht: 0, items: 0, entries: 0 };
    // Sums in satang: 0.1 + 0.2 baht must not print as 0.30000000000000004.
    total.baht = Math.round((total.baht + e.baht) * 100) / 100;
    total.items += e.items;
    total.entries += 1;
    byDimension.set(e.dimension, total);
  }
  const rank = (d: string | null) => (d === null ? DIMENSION_ORDER.length : DIMENSION_ORDER.indexOf(d) === -1 ? DIMENSION_ORDER.length - 0.5 : DIMENSION_ORDER.indexOf(d));
  const totals = [...byDimension.values()].sort((a, b) => rank(a.dimension) - rank(b.dimension));
  return {
    entries,
    totals,
    total: {
      baht: Math.round(totals.reduce((sum, t) => sum + t.baht * 100, 0)) / 100,
      items: totals.reduce((sum, t) => sum + t.items, 0),
      entries: entries.length,
    },
  };
}

/** A text[] column: node-postgres parses it, but be tolerant of the '{a,b}' literal too. */
function pgArray(value: string[] | string | null): string[] {
  if (Array.isArray(value)) return value;
  if (!value || value === '{}') return [];
  return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

function caseRowView(r: CaseRow): Static<typeof CaseRowView> {
  return {
    caseId: r.id,
    stage: r.stage,
    status: r.status,
    version: r.version,
    openedAt: iso(r.opened_at)!,
    stageEnteredAt: iso(r.stage_entered_at),
    lastProgressAt: iso(r.last_progress_at)!,
    dueAt: iso(r.due_at),
    overdueLevel: r.overdue_level,
    escalated: r.escalated,
    assignmentLevel: r.assignment_level,
    verificationOutcome: r.verification_outcome,
    householdType: r.household_type,
    track: r.track,
    exemption: r.exemption,
    planGoal: r.plan_goal,
    paused: r.paused,
    pauseReason: r.pause_reason,
    closedAt: iso(r.closed_at),
    closureReason: r.closure_reason,
    policyVersion: r.policy_version,
  };
}

/** Households in the caller's scope with a member holding this national ID. */
export async function householdsByNationalId(em: EntityManager, principal: Principal, nationalId: string): Promise<NationalIdSearchResult['items']> {
  const where = householdScope(principal).add('m.national_id = ?', nationalId);
  const rows = await em.execute<Array<SummaryRow & MemberRow>>(
    `select ${SUMMARY_SELECT}, m.household_id, m.ord, m.name, m.national_id, m.birth_year, m.sex, m.disabled
       from household_member m join household h on h.id = m.household_id left join household_case hc on hc.household_id = h.id ${areaNameJoins('h')}
      where ${where.sql}
      order by h.id, m.ord
      limit 20`,
    where.params,
  );
  return rows.map((row) => ({ ...summaryView(row), member: memberView(row, principal) }));
}
