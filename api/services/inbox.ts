import { Type, type Static } from '@sinclair/typebox';
import { DistrictCode, SubdistrictCode } from '../../domain/contract/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ROLES, type Role } from '../../workflows/roles';
import type { Principal } from '../../domain/scope';
import { ApiError } from '../errors';
import { AreaNames, areaNameColumns, areaNameJoins, areaNamesOf, name, NullableName, type AreaNameRow } from '../views/names';
import { iso, NullableString, orderBy, PageQuery, PageWith, runPage, SortQuery, StringEnum, Where, type PageOf } from './lists';

/**
 * "My tasks": the open inbox items (written by the projections) of the caller's role in the
 * caller's area; an agency officer's are its agency's. Overdue first, then by due date. The
 * counters are over the whole inbox, not the filtered page, so they stay put while one filters.
 */
const DUE_SOON_DAYS = 7;
const OVERSIGHT: readonly Role[] = ['supervisor', 'admin'];

const SORT_FIELDS = ['dueAt', 'createdAt', 'kind', 'stage'] as const;
const SORT_COLUMNS: Record<(typeof SORT_FIELDS)[number], string> = { dueAt: 'i.due_at', createdAt: 'i.created_at', kind: 'i.kind', stage: 'i.stage' };
const NAMED_ORDERS = { urgency: '(i.due_at < now()) desc nulls last, i.due_at asc nulls last, i.created_at asc' };

export const InboxQuery = Type.Object(
  {
    kind: Type.Optional(StringEnum(['work', 'reminder', 'escalation', 'task'] as const)),
    stage: Type.Optional(StringEnum(['verification', 'analysis', 'districtAssignment', 'assistance', 'followUp'] as const)),
    due: Type.Optional(StringEnum(['overdue', 'dueSoon', 'later', 'none'] as const, { description: `overdue; due within ${DUE_SOON_DAYS} days; later; no due date` })),
    districtCode: Type.Optional(DistrictCode),
    subdistrictCode: Type.Optional(SubdistrictCode),
    role: Type.Optional(StringEnum(ROLES, { description: "Supervisors and admins: whose inbox to read (default: every role's). Others read only their own." })),
    ...PageQuery,
    sort: SortQuery(SORT_FIELDS, 'urgency', ['urgency'] as const),
  },
  { additionalProperties: false },
);
export type InboxQuery = Static<typeof InboxQuery>;

export const InboxItemView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  caseId: Type.String(),
  taskId: NullableString,
  ownerRole: Type.String(),
  provinceCode: Type.String(),
  districtCode: Type.String(),
  subdistrictCode: Type.String(),
  agencyCode: NullableString,
  title: Type.String(),
  stage: NullableString,
  dueAt: NullableString,
  createdAt: Type.String(),
  overdue: Type.Boolean(),
  household: Type.Object(
    { householdId: NullableString, houseCode: NullableString, headName: NullableString, villageNo: NullableString },
    { description: 'Who the item is about: the head of household, the village (หมู่) and the house code' },
  ),
  areaNames: AreaNames,
  agencyName: NullableName,
  assignmentLevel: Type.Union([Type.String(), Type.Null()], { description: "Who holds the case's assignment: district, or province while escalated" }),
  escalated: Type.Union([Type.Boolean(), Type.Null()]),
  returnedByProvince: Type.Union([Type.Object({ at: Type.String(), instructions: NullableString }), Type.Null()], {
    description: "The province sent the case back to the district, and has not had it again since: when, and the province's instructions",
  }),
  escalatedByDistrict: Type.Union([Type.Object({ at: Type.String(), reason: NullableString }), Type.Null()], {
    description: "The district escalated the case to the province, which holds it now: when, and the district's reason",
  }),
});
export type InboxItemView = Static<typeof InboxItemView>;

export const InboxCounters = Type.Object({ total: Type.Integer(), overdue: Type.Integer(), dueSoon: Type.Integer({ description: `Due within ${DUE_SOON_DAYS} days, not yet overdue` }) });
export const InboxPage = PageWith(InboxItemView, { counters: InboxCounters });

interface InboxRow extends AreaNameRow {
  household_id: string | null;
  house_code: string | null;
  head_name: string | null;
  village_no: string | null;
  agency_th: string | null;
  agency_en: string | null;
  assignment_level: string | null;
  case_escalated: boolean | null;
  /** The last hand-over between district and province (a timer's overdue flag is not one). */
  handover: { type: string; at: string; instructions: string | null; reason: string | null } | null;
  id: string;
  kind: string;
  case_id: string;
  task_id: string | null;
  owner_role: string;
  province_code: string;
  district_code: string;
  subdistrict_code: string;
  agency_code: string | null;
  title: string;
  stage: string | null;
  due_at: Date | null;
  created_at: Date;
  overdue: boolean;
}

/** The caller's own inbox: role, area and (for agency officers) agency. */
function inboxScope(principal: Principal, role: Role | undefined): Where {
  const where = new Where().add('i.resolved_at is null');
  if (OVERSIGHT.includes(principal.role)) {
    where.when(role, 'i.owner_role = ?', role);
  } else {
    if (role && role !== principal.role) throw new ApiError(403, `a ${principal.role} reads only its own inbox`, 'querystring.role', 'FORBIDDEN_ROLE');
    where.add('i.owner_role = ?', principal.role);
  }
  // Agency codes are office types (every district has one): the area narrows them further.
  if (principal.role === 'agency') where.add('i.agency_code = ?', principal.agencyCode ?? '');
  return where.area(principal, 'i');
}

const DUE: Record<NonNullable<InboxQuery['due']>, string> = {
  overdue: 'i.due_at < now()',
  dueSoon: `i.due_at >= now() and i.due_at < now() + interval '${DUE_SOON_DAYS} days'`,
  later: `i.due_at >= now() + interval '${DUE_SOON_DAYS} days'`,
  none: 'i.due_at is null',
};

/**
 * Each item with the names a person reads: the household (head, village, house code), the area,
 * the agency; and the case's last hand-over between district and province, so a case the
 * province sent back says so, with its instructions.
 */
const INBOX_SELECT = `i.*, coalesce(i.due_at < now(), false) as overdue,
  h.id as household_id, h.house_code, h.head_name, h.village_no, hc.assignment_level, hc.escalated as case_escalated,
  ${areaNameColumns('i')}, a.name_th as agency_th, a.name_en as agency_en,
  (select jsonb_build_object('type', e.type, 'at', e.at, 'instructions', e.detail->>'instructions', 'reason', e.detail->>'reason')
     from case_event e where e.case_id = i.case_id
      and (e.type = 'returnedToDistrict' or (e.type = 'escalated' and e.detail->>'byHand' = 'true'))
    order by e.seq desc limit 1) as handover`;
const INBOX_FROM = `inbox_item i
  left join household_case hc on hc.id = i.case_id
  left join household h on h.id = hc.household_id
  ${areaNameJoins('i')}
  left join agency a on a.code = i.agency_code`;

export async function readInbox(em: EntityManager, principal: Principal, query: InboxQuery): Promise<PageOf<InboxItemView> & { counters: Static<typeof InboxCounters> }> {
  const where = inboxScope(principal, query.role)
    .when(query.kind, 'i.kind = ?', query.kind)
    .when(query.stage, 'i.stage = ?', query.stage)
    .when(query.districtCode, 'i.district_code = ?', query.districtCode)
    .when(query.subdistrictCode, 'i.subdistrict_code = ?', query.subdistrictCode)
    .when(query.due, query.due ? DUE[query.due] : '');
  const counterScope = inboxScope(principal, query.role);
  const [page, [counters]] = await Promise.all([
    runPage(
      em,
      {
        select: INBOX_SELECT,
        // Left joins on primary keys that the WHERE never reads: the count leaves them out.
        from: INBOX_FROM,
        where,
        orderBy: orderBy(query.sort ?? 'urgency', SORT_COLUMNS, 'i.id', NAMED_ORDERS),
        limit: query.limit,
        offset: query.offset,
      },
      inboxItemView,
    ),
    em.execute<Array<{ total: number; overdue: number; due_soon: number }>>(
      `select count(*)::int as total,
              (count(*) filter (where ${DUE.overdue}))::int as overdue,
              (count(*) filter (where ${DUE.dueSoon}))::int as due_soon
         from inbox_item i where ${counterScope.sql}`,
      counterScope.params,
    ),
  ]);
  return {
    ...page,
    counters: { total: counters?.total ?? 0, overdue: counters?.overdue ?? 0, dueSoon: counters?.due_soon ?? 0 },
  };
}

function inboxItemView(row: InboxRow): InboxItemView {
  return {
    id: row.id,
    kind: row.kind,
    caseId: row.case_id,
    taskId: row.task_id,
    ownerRole: row.owner_role,
    provinceCode: row.province_code,
    districtCode: row.district_code,
    subdistrictCode: row.subdistrict_code,
    agencyCode: row.agency_code,
    title: row.title,
    stage: row.stage,
    dueAt: iso(row.due_at),
    createdAt: iso(row.created_at)!,
    overdue: row.overdue,
    household: { householdId: row.household_id, houseCode: row.house_code, headName: row.head_name, villageNo: row.village_no },
    areaNames: areaNamesOf(row),
    agencyName: name(row.agency_th, row.agency_en),
    assignmentLevel: row.assignment_level,
    escalated: row.case_escalated,
    returnedByProvince: row.handover?.type === 'returnedToDistrict' ? { at: iso(row.handover.at)!, instructions: row.handover.instructions } : null,
    escalatedByDistrict: row.handover?.type === 'escalated' && row.assignment_level === 'province' ? { at: iso(row.handover.at)!, reason: row.handover.reason } : null,
  };
}
