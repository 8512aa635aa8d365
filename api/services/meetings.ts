import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { meetingStateQuery, type MeetingDecision, type MeetingState } from '../../workflows/district-meeting/messages';
import { areaInScope, type Principal } from '../../domain/scope';
import { ApiError } from '../errors';
import type { ReferenceCheck } from '../schemas/references';
import { iso, NullableString, orderBy, Page, PageQuery, runPage, SortQuery, StringEnum, Where, type PageOf } from './lists';

/**
 * District meetings (ประชุมชี้เป้า): the read model's rows for the lists, the workflow's live state
 * for one meeting. A meeting's ID names its district (`district-meeting-<district>…`, both for the
 * Schedule's runs and for meetings started by hand), so scope is known before anything is read.
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

const notFound = (): ApiError => new ApiError(404, 'Not found', undefined, 'NOT_FOUND');

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
    provinceCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}$' })),
    districtCode: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
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

const AgendaItemView = Type.Object({
  caseId: Type.String(),
  householdId: Type.Optional(Type.String()),
  subdistrictCode: Type.Optional(Type.String()),
  dueAt: Type.Optional(NullableString),
  overdueLevel: Type.Optional(Type.Integer()),
  problems: Type.Optional(
    Type.Array(Type.Object({ problemId: Type.String(), dimension: Type.String(), indicator: Type.String(), description: Type.String(), proposedAgencies: Type.Array(Type.String()) })),
  ),
});

export const MeetingView = Type.Object({
  meetingId: Type.String(),
  provinceCode: Type.String(),
  districtCode: Type.String(),
  status: Type.String(),
  openedAt: Type.String(),
  closedAt: NullableString,
  agenda: Type.Array(AgendaItemView, { description: 'From the running workflow: each case with its open problems; from the read model: case IDs only' }),
  results: Type.Array(DecisionResultView),
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
 * a finished one, or one whose workflow cannot answer, from its row.
 */
export async function readMeeting(em: EntityManager, temporal: Client, meetingId: string): Promise<MeetingView> {
  const [row] = await em.execute<MeetingRow[]>('select * from district_meeting where id = ?', [meetingId]);
  if (!row || row.status === 'open') {
    try {
      const live = await temporal.workflow.getHandle(meetingId).query(meetingStateQuery);
      return { ...fromState(live), closedAt: iso(row?.closed_at) };
    } catch (error) {
      if (!row) throw error instanceof WorkflowNotFoundError ? notFound() : error;
    }
  }
  return {
    meetingId: row.id,
    provinceCode: row.province_code,
    districtCode: row.district_code,
    status: row.status,
    openedAt: iso(row.opened_at)!,
    closedAt: iso(row.closed_at),
    agenda: row.agenda.map((caseId) => ({ caseId })),
    results: row.decisions,
    source: 'readModel',
  };
}

function fromState(state: MeetingState): MeetingView {
  return {
    meetingId: state.meetingId,
    provinceCode: state.provinceCode,
    districtCode: state.districtCode,
    status: state.status,
    openedAt: state.openedAt,
    closedAt: null,
    agenda: state.agenda,
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
