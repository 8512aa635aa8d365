import { Type, type Static } from '@sinclair/typebox';
import { ProvinceCode, DistrictCode } from '../../domain/contract/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { meetingStateQuery, type MeetingDecision, type MeetingState } from '../../workflows/district-meeting/messages';
import { areaInScope, type Principal } from '../../domain/scope';
import { ApiError, notFound } from '../errors';
import type { ReferenceCheck } from '../schemas/references';
import { ActorView, AreaNames, areaNameColumns, areaNameJoins, areaNamesOf, name, NullableName, type AreaNameRow } from '../views/names';
import { iso, NullableString, orderBy, Page, PageQuery, runPage, SortQuery, StringEnum, Where, type PageOf } from './lists';

/**
 * District meetings (ประชุมชี้เป้า): the read model's rows for the lists, the workflow's live state
 * for one meeting. A meeting's ID names its district (`district-meeting-<district>…`, both for the
 * Schedule's runs and for meetings started by hand), so scope is known before anything is read.
 *
 * A little over 300 lines: the list, the live meeting and its minutes share one view schema and
 * the scope rule above, and the minutes are rebuilt from the same rows the agenda names.
 */

export const MEETING_ID_PATTERN = '^district-meeting-[0-9]{4}(-[A-Za-z0-9:._-]{1,60})?$';

export function districtOfMeeting(meetingId: string): string {
  return meetingId.slice('district-meeting-'.length, 'district-meeting-'.length + 4);
}

export function meetingIdFor(districtCode: string, at = new Date()): string {
  // 20261121T093240123Z: sortable, and free of the ':' a hand-typed URL would have to escape.
  return `district-meeting-${districtCode}-${at.toISOString().replace(/[-:.]/g, '')}`;
}

/** Meetings belong to districts: a subdistrict-level principal reads its district's. */
function meetingScope(principal: Principal): Where {
  return new Where().area({ ...principal, subdistrictCode: null }, 'dm');
}


export function meetingInScope(principal: Principal, meetingId: string): { districtCode: string; provinceCode: string } {
  const districtCode = districtOfMeeting(meetingId);
  const provinceCode = districtCode.slice(0, 2);
  if (!areaInScope({ ...principal, subdistrictCode: null }, { provinceCode, districtCode, subdistrictCode: '' })) throw notFound();
  return { districtCode, provinceCode };
}

const SORT_FIELDS = ['openedAt', 'districtCode', 'status'] as const;
const SORT_COLUMNS: Record<(typeof SORT_FIELDS)[number], string> = { openedAt: 'dm.opened_at', districtCode: 'dm.district_code', status: 'dm.status' };

export const MeetingListQuery = Type.Object(
  {
    provinceCode: Type.Optional(ProvinceCode),
    districtCode: Type.Optional(DistrictCode),
    status: Type.Optional(StringEnum(['open', 'decided', 'lapsed'] as const)),
    ...PageQuery,
    sort: SortQuery(SORT_FIELDS, '-openedAt'),
  },
  { additionalProperties: false },
);
export type MeetingListQuery = Static<typeof MeetingListQuery>;

export const MeetingSummary = Type.Object({
  meetingId: Type.String(),
  provinceCode: Type.String(),
  districtCode: Type.String(),
  status: Type.String(),
  openedAt: Type.String(),
  closedAt: NullableString,
  agendaSize: Type.Integer(),
  decisionCount: Type.Integer(),
});
export const MeetingPage = Page(MeetingSummary);

const DecisionResultView = Type.Object({ caseId: Type.String(), ok: Type.Boolean(), error: Type.Optional(Type.String()), code: Type.Optional(Type.String()) });

const AgendaProblemView = Type.Object({ problemId: Type.String(), dimension: Type.String(), indicator: Type.String(), description: Type.String(), proposedAgencies: Type.Array(Type.String()) });

const MinutesDecisionView = Type.Object(
  {
    kind: StringEnum(['assign', 'escalate', 'later'] as const, { description: 'assign: problems given to agencies; escalate: sent to the province; later: not decided at this meeting' }),
    assignments: Type.Array(
      Type.Object({
        problemId: Type.String(),
        dimension: NullableString,
        indicator: NullableString,
        description: NullableString,
        agencyCode: Type.String(),
        agencyName: NullableName,
        taskId: NullableString,
      }),
    ),
    escalationReason: NullableString,
  },
  { description: 'What the meeting decided for the case, from the case timeline' },
);

const AgendaItemView = Type.Object({
  caseId: Type.String(),
  householdId: Type.String(),
  subdistrictCode: Type.String(),
  dueAt: NullableString,
  overdueLevel: Type.Integer(),
  problems: Type.Array(AgendaProblemView, { description: 'An open meeting: the open problems to decide. Minutes: empty (see decision)' }),
  household: Type.Object({ houseCode: NullableString, headName: NullableString, villageNo: NullableString }),
  areaNames: AreaNames,
  decision: Type.Union([MinutesDecisionView, Type.Null()], { description: 'A finished meeting: what it decided for this case; null while open' }),
});

export const MeetingView = Type.Object({
  meetingId: Type.String(),
  provinceCode: Type.String(),
  districtCode: Type.String(),
  status: Type.String(),
  openedAt: Type.String(),
  closedAt: NullableString,
  agenda: Type.Array(AgendaItemView, { description: 'Open: each case with its open problems, from the running workflow. Finished: the minutes, each case with its decision' }),
  results: Type.Array(DecisionResultView),
  decidedBy: Type.Union([Type.Composite([ActorView, Type.Object({ at: Type.String() })]), Type.Null()], { description: 'Who recorded the decisions, and when' }),
  source: StringEnum(['workflow', 'readModel'] as const),
});
export type MeetingView = Static<typeof MeetingView>;

interface MeetingRow {
  id: string;
  province_code: string;
  district_code: string;
  status: string;
  opened_at: Date;
  closed_at: Date | null;
  agenda: string[];
  decisions: Array<{ caseId: string; ok: boolean; error?: string }>;
}

export async function listMeetings(em: EntityManager, principal: Principal, query: MeetingListQuery): Promise<PageOf<Static<typeof MeetingSummary>>> {
  const where = meetingScope(principal)
    .when(query.provinceCode, 'dm.province_code = ?', query.provinceCode)
    .when(query.districtCode, 'dm.district_code = ?', query.districtCode)
    .when(query.status, 'dm.status = ?', query.status);
  // The list shows only the sizes of the agenda and decisions: count them in SQL, not ship them.
  return runPage(
    em,
    {
      select: 'dm.id, dm.province_code, dm.district_code, dm.status, dm.opened_at, dm.closed_at, jsonb_array_length(dm.agenda)::int as agenda_size, jsonb_array_length(dm.decisions)::int as decision_count',
      from: 'district_meeting dm',
      where,
      orderBy: orderBy(query.sort ?? '-openedAt', SORT_COLUMNS, 'dm.id'),
      limit: query.limit,
      offset: query.offset,
    },
    (r: Omit<MeetingRow, 'agenda' | 'decisions'> & { agenda_size: number; decision_count: number }) => ({
      meetingId: r.id,
      provinceCode: r.province_code,
      districtCode: r.district_code,
      status: r.status,
      openedAt: iso(r.opened_at)!,
      closedAt: iso(r.closed_at),
      agendaSize: r.agenda_size,
      decisionCount: r.decision_count,
    }),
  );
}

/**
 * One meeting. An open meeting is read from its workflow (the agenda with each case's problems);
 * a finished one, or one whose workflow cannot answer, from the read model, as minutes: each case
 * with what the meeting decided for it (its problemAssigned events carry the meeting's ID; an
 * escalation is the case's escalation during the meeting), and who recorded the decisions.
 */
export async function readMeeting(em: EntityManager, temporal: Client, meetingId: string): Promise<MeetingView> {
  const [row] = await em.execute<MeetingRow[]>('select * from district_meeting where id = ?', [meetingId]);
  const decidedBy = readDecidedBy(em, meetingId);
  if (!row || row.status === 'open') {
    try {
      const live = await temporal.workflow.getHandle(meetingId).query(meetingStateQuery);
      const households = await householdsOf(em, live.agenda.map((item) => item.caseId));
      return {
        ...fromState(live),
        agenda: live.agenda.map((item) => ({ ...item, ...householdFields(households.get(item.caseId)), decision: null })),
        closedAt: iso(row?.closed_at),
        decidedBy: await decidedBy,
      };
    } catch (error) {
      if (!row) throw error instanceof WorkflowNotFoundError ? notFound() : error;
    }
  }
  const caseIds: string[] = row.agenda;
  const [households, decisions] = await Promise.all([householdsOf(em, caseIds), minutesDecisions(em, row)]);
  return {
    meetingId: row.id,
    provinceCode: row.province_code,
    districtCode: row.district_code,
    status: row.status,
    openedAt: iso(row.opened_at)!,
    closedAt: iso(row.closed_at),
    agenda: caseIds.map((caseId) => {
      const household = households.get(caseId);
      return {
        caseId,
        // Looked up, never derived from the case ID (opaque since issue 15); a case not yet in the read model has none.
        householdId: household?.household_id ?? '',
        subdistrictCode: household?.subdistrict_code ?? '',
        dueAt: iso(household?.due_at),
        overdueLevel: household?.overdue_level ?? 0,
        problems: [],
        ...householdFields(household),
        decision: decisions.get(caseId) ?? { kind: 'later' as const, assignments: [], escalationReason: null },
      };
    }),
    results: row.decisions,
    decidedBy: await decidedBy,
    source: 'readModel',
  };
}

interface AgendaHouseholdRow extends AreaNameRow {
  case_id: string;
  household_id: string;
  subdistrict_code: string;
  house_code: string | null;
  head_name: string | null;
  village_no: string | null;
  due_at: Date | null;
  overdue_level: number;
}

async function householdsOf(em: EntityManager, caseIds: string[]): Promise<Map<string, AgendaHouseholdRow>> {
  if (caseIds.length === 0) return new Map();
  // The list travels as one jsonb parameter: knex would expand an array into a placeholder per value.
  const rows = await em.execute<AgendaHouseholdRow[]>(
    `select hc.id as case_id, h.id as household_id, h.subdistrict_code, h.house_code, h.head_name, h.village_no, hc.due_at, hc.overdue_level, ${areaNameColumns('h')}
       from household_case hc join household h on h.id = hc.household_id ${areaNameJoins('h')}
      where hc.id in (select jsonb_array_elements_text(?::jsonb))`,
    [JSON.stringify(caseIds)],
  );
  return new Map(rows.map((r) => [r.case_id, r]));
}

function householdFields(row: AgendaHouseholdRow | undefined): Pick<Static<typeof AgendaItemView>, 'household' | 'areaNames'> {
  return {
    household: { houseCode: row?.house_code ?? null, headName: row?.head_name ?? null, villageNo: row?.village_no ?? null },
    areaNames: row ? areaNamesOf(row) : { province: null, district: null, subdistrict: null },
  };
}

async function minutesDecisions(em: EntityManager, row: MeetingRow): Promise<Map<string, Static<typeof MinutesDecisionView>>> {
  const decisions = new Map<string, Static<typeof MinutesDecisionView>>();
  if (row.agenda.length === 0) return decisions;
  const caseIds = JSON.stringify(row.agenda);
  const [assigned, escalated] = await Promise.all([
    em.execute<Array<{ case_id: string; problem_id: string; task_id: string | null; agency_code: string; agency_th: string | null; agency_en: string | null; dimension: string | null; indicator: string | null; description: string | null }>>(
      `select e.case_id, e.detail->>'problemId' as problem_id, e.detail->>'taskId' as task_id, e.detail->>'agencyCode' as agency_code,
              a.name_th as agency_th, a.name_en as agency_en, p.dimension, p.indicator, p.description
         from case_event e
         left join agency a on a.code = e.detail->>'agencyCode'
         left join case_problem p on p.case_id = e.case_id and p.problem_id = e.detail->>'problemId'
        where e.case_id in (select jsonb_array_elements_text(?::jsonb)) and e.type = 'problemAssigned' and e.detail->>'meetingId' = ?
        order by e.case_id, e.seq`,
      [caseIds, row.id],
    ),
    // An escalation carries no meeting ID: the meeting's is the one between its opening and closing.
    em.execute<Array<{ case_id: string; reason: string | null }>>(
      `select distinct on (e.case_id) e.case_id, e.detail->>'reason' as reason
         from case_event e
        where e.case_id in (select jsonb_array_elements_text(?::jsonb)) and e.type = 'escalated' and e.detail->>'byHand' = 'true'
          and e.at >= ? and e.at <= coalesce(?::timestamptz, now())
        order by e.case_id, e.seq desc`,
      [caseIds, row.opened_at, row.closed_at],
    ),
  ]);
  const delivered = new Set(row.decisions.filter((d) => d.ok).map((d) => d.caseId));
  for (const a of assigned) {
    const decision = decisions.get(a.case_id) ?? { kind: 'assign' as const, assignments: [], escalationReason: null };
    decision.assignments.push({
      problemId: a.problem_id,
      dimension: a.dimension,
      indicator: a.indicator,
      description: a.description,
      agencyCode: a.agency_code,
      agencyName: name(a.agency_th, a.agency_en),
      taskId: a.task_id,
    });
    decisions.set(a.case_id, decision);
  }
  for (const e of escalated) if (!decisions.has(e.case_id) && delivered.has(e.case_id)) decisions.set(e.case_id, { kind: 'escalate', assignments: [], escalationReason: e.reason });
  return decisions;
}

async function readDecidedBy(em: EntityManager, meetingId: string): Promise<Static<typeof MeetingView>['decidedBy']> {
  const [row] = await em.execute<Array<{ at: Date; display_name: string | null; role: string | null; actor_role: string; agency_th: string | null; agency_en: string | null }>>(
    `select ae.at, u.display_name, u.role, ae.actor_role, a.name_th as agency_th, a.name_en as agency_en
       from audit_event ae left join app_user u on u.id::text = ae.actor_id left join agency a on a.code = u.agency_code
      where ae.entity_type = 'meeting' and ae.entity_id = ? and ae.action = 'meeting.decisions'
      order by ae.at asc limit 1`,
    [meetingId],
  );
  if (!row) return null;
  return {
    kind: row.display_name ? 'user' : 'unknown',
    displayName: row.display_name,
    role: row.role ?? row.actor_role,
    agency: name(row.agency_th, row.agency_en),
    at: iso(row.at)!,
  };
}

function fromState(state: MeetingState): Omit<MeetingView, 'agenda' | 'decidedBy'> {
  return {
    meetingId: state.meetingId,
    provinceCode: state.provinceCode,
    districtCode: state.districtCode,
    status: state.status,
    openedAt: state.openedAt,
    closedAt: null,
    results: state.results,
    source: 'workflow',
  };
}

const AssignmentInput = Type.Object(
  {
    problemId: Type.String({ minLength: 1, maxLength: 20 }),
    agencyCode: Type.String({ minLength: 1, maxLength: 40 }),
    menuItem: Type.Optional(Type.String({ maxLength: 60 })),
    dueDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 730 })),
  },
  { additionalProperties: false },
);

export const DecisionsBody = Type.Object(
  {
    decisions: Type.Array(
      Type.Object(
        {
          caseId: Type.String({ pattern: '^household-case-[A-Za-z0-9-]+$', maxLength: 80 }),
          assignments: Type.Optional(Type.Array(AssignmentInput, { minItems: 1, maxItems: 40 })),
          escalate: Type.Optional(Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type DecisionsBody = Static<typeof DecisionsBody>;

export const DecisionsResult = Type.Object({ meetingId: Type.String(), status: Type.String(), results: Type.Array(DecisionResultView) });

/**
 * Checks the decisions against the meeting before the workflow sees them, naming the field: each
 * case must be on the agenda, each problem one of its open problems. Answers the codes the
 * decisions name (agencies, menu items), for the route's checkReferences.
 */
export function checkDecisions(meeting: MeetingState, decisions: MeetingDecision[]): ReferenceCheck[] {
  const agenda = new Map(meeting.agenda.map((item) => [item.caseId, item]));
  const seen = new Set<string>();
  const references: ReferenceCheck[] = [];
  decisions.forEach((d, i) => {
    const item = agenda.get(d.caseId);
    if (!item) throw new ApiError(422, `case ${d.caseId} is not on this meeting's agenda`, `body.decisions[${i}].caseId`, 'NOT_ON_AGENDA');
    if (seen.has(d.caseId)) throw new ApiError(422, `case ${d.caseId} is decided twice`, `body.decisions[${i}].caseId`, 'DUPLICATE_DECISION');
    seen.add(d.caseId);
    if (!d.assignments?.length && !d.escalate) throw new ApiError(422, 'assign problems or escalate the case', `body.decisions[${i}]`, 'EMPTY_DECISION');
    if (d.assignments?.length && d.escalate) throw new ApiError(422, 'assign problems or escalate the case, not both', `body.decisions[${i}].escalate`, 'CONFLICTING_DECISION');
    d.assignments?.forEach((a, j) => {
      const field = `body.decisions[${i}].assignments[${j}]`;
      if (!item.problems.some((p) => p.problemId === a.problemId)) {
        throw new ApiError(422, `problem ${a.problemId} is not an open problem of case ${d.caseId}`, `${field}.problemId`, 'UNKNOWN_PROBLEM');
      }
      references.push({ kind: 'agency', code: a.agencyCode, field: `${field}.agencyCode` });
      if (a.menuItem) references.push({ kind: 'menuItem', code: a.menuItem, field: `${field}.menuItem` });
    });
  });
  return references;
}
