import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../domain/scope';
import { notFound } from '../../errors';
import { CaseEventView } from '../../views/case-view';
import { actorColumns, actorJoins, actorOf, ActorView, name, NullableName, type ActorRow } from '../../views/names';
import { iso, NullableString, Page } from '../lists';
import { householdScope, HouseholdSummary, memberView, MemberView, SUMMARY_FROM, SUMMARY_SELECT, summaryView, type MemberRow, type SummaryRow } from './rows';

import { HouseholdLogbook, logbookView, type LogbookRow } from './logbook';

/** The household page ("the logbook"): members, its case, problems, tasks, the logbook and the timeline. */
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

/** The household's earlier case, closed past its reopen window, that its current case follows (db/case-links.ts). */
const EarlierCaseView = Type.Object({ caseId: Type.String(), openedAt: Type.String(), closedAt: NullableString, closureReason: NullableString });

export const HouseholdDetail = Type.Object({
  household: Type.Composite([HouseholdSummary, Type.Object({ address: NullableString, entryReason: NullableString, failedIndicators: Type.Array(Type.String()) })]),
  members: Type.Array(MemberView),
  case: Type.Union([CaseRowView, Type.Null()]),
  earlierCase: Type.Union([EarlierCaseView, Type.Null()]),
  problems: Type.Array(ProblemRowView),
  tasks: Type.Array(TaskRowView),
  logbook: HouseholdLogbook,
  timeline: Page(TimelineEventView),
});
export type HouseholdDetail = Static<typeof HouseholdDetail>;

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
  const [members, [caseRow], [earlier], problems, tasks, events, [eventCount]] = await Promise.all([
    em.execute<MemberRow[]>('select * from household_member where household_id = ? order by ord', [householdId]),
    caseId ? em.execute<CaseRow[]>(`select ${CASE_COLUMNS} from household_case where id = ?`, [caseId]) : none,
    caseId
      ? em.execute<Array<{ id: string; opened_at: Date; closed_at: Date | null; closure_reason: string | null }>>(
          'select p.id, p.opened_at, p.closed_at, p.closure_reason from case_link l join household_case p on p.id = l.previous_case_id where l.case_id = ?',
          [caseId],
        )
      : none,
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
    earlierCase: earlier ? { caseId: earlier.id, openedAt: iso(earlier.opened_at)!, closedAt: iso(earlier.closed_at), closureReason: earlier.closure_reason } : null,
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
