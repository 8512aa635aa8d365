import { Type, type Static } from '@sinclair/typebox';
import { OPEN_STAGES as STAGES } from '../../domain/vocabulary';
import { ProvinceCode, DistrictCode, SubdistrictCode } from '../../domain/contract/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import * as TM from '../../workflows/assistance-task/messages';
import * as M from '../../workflows/household-case/messages';
import type { Actor } from '../../workflows/roles';
import type { Principal } from '../../domain/scope';
import { ApiError, notFound } from '../errors';
import { IncidentPage, WorkflowProblems } from './incidents';
import { iso, NullableString, orderBy, Page, PageQuery, runPage, SortQuery, StringEnum, Where, type PageOf } from './lists';

/**
 * The supervisor's lists over the read model (household_case, with the partial indexes its entity
 * declares) and the reassignment of a task, which the case workflows do not offer as one step.
 */

export type CaseListKind = 'overdue' | 'escalated' | 'stuck';

const SORT_FIELDS = ['dueAt', 'overdueLevel', 'lastProgressAt', 'stageEnteredAt', 'districtCode', 'stage'] as const;
const SORT_COLUMNS: Record<(typeof SORT_FIELDS)[number], string> = {
  dueAt: 'hc.due_at',
  overdueLevel: 'hc.overdue_level',
  lastProgressAt: 'hc.last_progress_at',
  stageEnteredAt: 'hc.stage_entered_at',
  districtCode: 'hc.district_code',
  stage: 'hc.stage',
};

const listFilters = {
  provinceCode: Type.Optional(ProvinceCode),
  districtCode: Type.Optional(DistrictCode),
  subdistrictCode: Type.Optional(SubdistrictCode),
  stage: Type.Optional(StringEnum(STAGES)),
  assignmentLevel: Type.Optional(StringEnum(['district', 'province'] as const)),
  ...PageQuery,
};

export const OverdueQuery = Type.Object({ ...listFilters, sort: SortQuery(SORT_FIELDS, '-overdueLevel') }, { additionalProperties: false });
export const EscalatedQuery = Type.Object({ ...listFilters, sort: SortQuery(SORT_FIELDS, 'dueAt') }, { additionalProperties: false });
export const StuckQuery = Type.Object(
  {
    days: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, default: 30, description: 'No progress for this many days' })),
    ...listFilters,
    sort: SortQuery(SORT_FIELDS, 'lastProgressAt'),
  },
  { additionalProperties: false },
);
export type CaseListQuery = Static<typeof OverdueQuery> & { days?: number };

export const CaseListItem = Type.Object({
  caseId: Type.String(),
  householdId: Type.String(),
  houseCode: NullableString,
  headName: NullableString,
  provinceCode: Type.String(),
  districtCode: Type.String(),
  subdistrictCode: Type.String(),
  stage: Type.String(),
  status: Type.String(),
  assignmentLevel: Type.String(),
  dueAt: NullableString,
  overdueLevel: Type.Integer(),
  escalated: Type.Boolean(),
  stageEnteredAt: NullableString,
  lastProgressAt: Type.String(),
});
export type CaseListItem = Static<typeof CaseListItem>;
export const CaseListPage = Page(CaseListItem);
/** GET /supervisor/stuck: the stuck cases, with the open engine incidents and the workflows the engine reports as failing. */
export const StuckPage = Type.Composite([CaseListPage, Type.Object({ incidents: IncidentPage, workflowProblems: WorkflowProblems })]);
export type StuckPage = Static<typeof StuckPage>;

interface CaseListRow {
  id: string;
  household_id: string;
  house_code: string | null;
  head_name: string | null;
  province_code: string;
  district_code: string;
  subdistrict_code: string;
  stage: string;
  status: string;
  assignment_level: string;
  due_at: Date | null;
  overdue_level: number;
  escalated: boolean;
  stage_entered_at: Date | null;
  last_progress_at: Date;
}

export async function listCases(em: EntityManager, principal: Principal, kind: CaseListKind, query: CaseListQuery): Promise<PageOf<CaseListItem>> {
  const where = new Where().area(principal, 'hc');
  if (kind === 'overdue') where.add(`hc.status = 'active'`).add('hc.overdue_level > 0 or hc.due_at < now()');
  // Closed cases keep the flag they closed with; only open ones need anyone.
  if (kind === 'escalated') where.add('hc.escalated').add(`hc.status <> 'closed'`);
  if (kind === 'stuck') where.add(`hc.status = 'active'`).add(`hc.last_progress_at < now() - (? * interval '1 day')`, query.days ?? 30);
  where
    .when(query.provinceCode, 'hc.province_code = ?', query.provinceCode)
    .when(query.districtCode, 'hc.district_code = ?', query.districtCode)
    .when(query.subdistrictCode, 'hc.subdistrict_code = ?', query.subdistrictCode)
    .when(query.stage, 'hc.stage = ?', query.stage)
    .when(query.assignmentLevel, 'hc.assignment_level = ?', query.assignmentLevel);
  const defaults: Record<CaseListKind, string> = { overdue: '-overdueLevel', escalated: 'dueAt', stuck: 'lastProgressAt' };
  return runPage(
    em,
    {
      select: `hc.id, hc.household_id, h.house_code, h.head_name, hc.province_code, hc.district_code, hc.subdistrict_code, hc.stage, hc.status,
               hc.assignment_level, hc.due_at, hc.overdue_level, hc.escalated, hc.stage_entered_at, hc.last_progress_at`,
      from: 'household_case hc left join household h on h.id = hc.household_id',
      where,
      orderBy: orderBy(query.sort ?? defaults[kind], SORT_COLUMNS, 'hc.due_at asc nulls last, hc.id'),
      limit: query.limit,
      offset: query.offset,
    },
    (r: CaseListRow) => ({
      caseId: r.id,
      householdId: r.household_id,
      houseCode: r.house_code,
      headName: r.head_name,
      provinceCode: r.province_code,
      districtCode: r.district_code,
      subdistrictCode: r.subdistrict_code,
      stage: r.stage,
      status: r.status,
      assignmentLevel: r.assignment_level,
      dueAt: iso(r.due_at),
      overdueLevel: r.overdue_level,
      escalated: r.escalated,
      stageEnteredAt: iso(r.stage_entered_at),
      lastProgressAt: iso(r.last_progress_at)!,
    }),
  );
}

/** How long a reassignment waits for the case to take in the returned task (a signal away). */
const CASE_CATCH_UP_MS = 15_000;

/**
 * Moves a task to another agency: the task is returned (which the case treats as beyond the
 * agency's capacity: the problem is open again and the case back in district assignment), then
 * the problem is assigned to the new agency. Both are updates with IDs from the request's
 * Idempotency-Key, so a retried request neither returns nor assigns twice. Returning and not
 * cancelling, because the case reopens the problem only for a returned task.
 */
export async function reassignTask(
  temporal: Client,
  input: { caseId: string; taskId: string; agencyCode: string; reason: string; actor: Actor; updateIds: { returnTask: string; assign: string } },
): Promise<M.CaseAnswer> {
  const caseHandle = temporal.workflow.getHandle(input.caseId);
  const before = await caseHandle.query(M.caseStateQuery);
  const task = before.tasks.find((t) => t.taskId === input.taskId);
  if (!task) throw notFound();
  if (task.status === 'open') {
    if (task.agencyCode === input.agencyCode) throw new ApiError(422, `the task is already with ${input.agencyCode}`, 'body.agencyCode', 'SAME_AGENCY');
    await temporal.workflow.getHandle(input.taskId).executeUpdate(TM.returnTaskUpdate, { args: [{ actor: input.actor, reason: input.reason }], updateId: input.updateIds.returnTask });
  } else if (task.status !== 'returned') {
    throw new ApiError(409, `the task is already ${task.status}`, undefined, 'TASK_ENDED');
  }
  // The task tells its case by signal when it ends: wait until the case has taken it in.
  const problemId = task.problemId;
  const deadline = Date.now() + CASE_CATCH_UP_MS;
  for (;;) {
    const state = await caseHandle.query(M.caseStateQuery);
    if (state.tasks.find((t) => t.taskId === input.taskId)?.status !== 'open') break;
    if (Date.now() > deadline) throw new ApiError(503, 'the task is returned but the case has not taken it in yet; retry with the same Idempotency-Key', undefined, 'CASE_CATCHING_UP');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return caseHandle.executeUpdate(M.assignProblemsUpdate, {
    args: [{ actor: input.actor, assignments: [{ problemId, agencyCode: input.agencyCode, ...(task.menuItem ? { menuItem: task.menuItem } : {}) }] }],
    updateId: input.updateIds.assign,
  });
}
