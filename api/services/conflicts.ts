import type { EntityManager } from '@mikro-orm/postgresql';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ALL_SYNC_ACTIONS, CONFLICT_REASONS, ConflictView, SYNC_ACTIONS, type AnySyncAction, type ResolveConflictBody, type SyncAction } from '../../domain/contract/sync';

export { ConflictView };
import { areaCondition, type Principal } from '../../domain/scope';
import { recordAudit } from '../../db/audit';
import { conflictById, markResolved, openConflicts, type ConflictOwner, type ConflictRow } from '../../db/sync-conflicts';
import type { CaseState } from '../../workflows/household-case/types';
import type { AssistanceTaskState } from '../../workflows/assistance-task/types';
import { ApiError, notFound } from '../errors';
import { LOG_ACTIVITY, TASK_ROLES } from '../routes/tasks';
import { caseInScope, taskInScope } from '../scope';
import { actionRoute } from './sync';

/**
 * The conflict queue ("ข้อมูลขัดแย้ง"): what the offline sync could not apply, side by side with
 * what the case holds now, for the case's owner to decide. A choice is applied through the ordinary
 * update, as the person deciding; both values stay in the audit whatever is chosen.
 */


const isSyncAction = (value: string): value is AnySyncAction => ALL_SYNC_ACTIONS.some((a) => a === value);
const isCaseAction = (value: string): value is SyncAction => SYNC_ACTIONS.some((a) => a === value);
const decidesTasks = (principal: Principal): boolean => TASK_ROLES.some((role) => role === principal.role);
const isReason = (value: string): value is ConflictView['reason'] => CONFLICT_REASONS.some((r) => r === value);

export async function conflictViews(em: EntityManager, rows: ConflictRow[]): Promise<ConflictView[]> {
  if (rows.length === 0) return [];
  const userIds = [...new Set(rows.flatMap((r) => [r.submitted_by, r.theirs_by ?? '']).filter(Boolean))];
  const users = await em.execute<Array<{ id: string; display_name: string }>>('select id::text as id, display_name from app_user where id::text in (select jsonb_array_elements_text(?::jsonb))', [JSON.stringify(userIds)]);
  const heads = await em.execute<Array<{ id: string; head_name: string | null }>>(
    'select hc.id, h.head_name from household_case hc join household h on h.id = hc.household_id where hc.id in (select jsonb_array_elements_text(?::jsonb))',
    [JSON.stringify([...new Set(rows.map((r) => r.case_id))])],
  );
  const nameOf = (id: string | null) => (id ? (users.find((u) => u.id === id)?.display_name ?? null) : null);
  return rows.flatMap((r) => {
    if (!isSyncAction(r.action) || !isReason(r.reason)) return [];
    return [{
      id: r.id,
      caseId: r.case_id,
      taskId: r.task_id,
      headName: heads.find((h) => h.id === r.case_id)?.head_name ?? null,
      action: r.action,
      reason: r.reason,
      field: r.field,
      mine: r.mine,
      theirs: r.theirs,
      theirsBy: r.theirs_by,
      theirsByName: nameOf(r.theirs_by),
      theirsAt: r.theirs_at ? new Date(r.theirs_at).toISOString() : null,
      baseVersion: r.base_version,
      caseVersion: r.case_version,
      submittedBy: r.submitted_by,
      submittedByName: nameOf(r.submitted_by),
      recordedAt: new Date(r.recorded_at).toISOString(),
      receivedAt: new Date(r.received_at).toISOString(),
      status: r.status,
    }];
  });
}

export async function listConflicts(em: EntityManager, principal: Principal): Promise<ConflictView[]> {
  // An agency decides its own tasks' conflicts and sees nothing else of its province's; the field
  // teams see their area's case conflicts; oversight roles see both in their area.
  const owner: ConflictOwner = principal.role === 'agency' && principal.agencyCode ? { agencyCode: principal.agencyCode } : { area: areaCondition(principal), withTasks: decidesTasks(principal) };
  return conflictViews(em, await openConflicts(em, owner, principal.userId, 200));
}

export interface ResolveContext {
  /** The request's own EntityManager (api/plugins/services.ts). */
  em: EntityManager;
  principal: Principal;
  ip: string;
  idempotencyKey: string | undefined;
}

/**
 * Applies the person's choice: "theirs" keeps the case as it is; "mine" or an edited value runs
 * the ordinary update as the person deciding. The update ID is the conflict's, so two people
 * deciding at once apply it once; the first to mark it decided wins, the other gets 409.
 */
export async function resolveConflict(
  app: FastifyInstance,
  ctx: ResolveContext,
  id: string,
  body: Static<typeof ResolveConflictBody>,
): Promise<{ conflict: ConflictView; state: CaseState | null; task: AssistanceTaskState | null }> {
  const { em } = ctx;
  const row = await conflictById(em, id);
  if (!row || !isSyncAction(row.action)) throw notFound();
  const task = row.task_id ? await taskInScope(em, ctx.principal, row.task_id) : null;
  if (task && !decidesTasks(ctx.principal)) throw notFound();
  if (!task) await caseInScope(em, ctx.principal, row.case_id);
  if (row.status !== 'open') throw new ApiError(409, 'this conflict was already decided', 'params.id', 'CONFLICT_RESOLVED');
  if (body.choice === 'edited' && !body.value) throw new ApiError(422, 'an edited choice needs the value to apply', 'body.value', 'VALUE_REQUIRED');
  const applied = body.choice === 'mine' ? row.mine : body.choice === 'edited' ? (body.value ?? null) : null;
  const updateId = `conflict:${row.id}`;
  const applyTo = async () => {
    if (!applied) return { state: null, task: null };
    if (task && row.task_id) return { state: null, task: await LOG_ACTIVITY.apply(app, ctx.principal, { taskId: row.task_id, caseOpenedAt: task.caseOpenedAt }, applied, updateId, 'body.value') };
    if (!isCaseAction(row.action)) throw notFound();
    return { state: await actionRoute(row.action).apply(app, em, ctx.principal, row.case_id, applied, updateId, 'body.value'), task: null };
  };
  const { state, task: taskAfter } = await applyTo();
  const resolution = { choice: body.choice, applied };
  if (!(await markResolved(em, row.id, resolution, ctx.principal.userId))) throw new ApiError(409, 'this conflict was already decided', 'params.id', 'CONFLICT_RESOLVED');
  await recordAudit(em, {
    actor: { userId: ctx.principal.userId, role: ctx.principal.role },
    action: 'conflict.resolve',
    entityType: row.task_id ? 'task' : 'case',
    entityId: row.task_id ?? row.case_id,
    ip: ctx.ip,
    changes: { conflictId: row.id, action: row.action, reason: row.reason, choice: body.choice, mine: row.mine, theirs: row.theirs, applied, submittedBy: row.submitted_by },
    idempotencyKey: ctx.idempotencyKey ? `conflict.resolve:${ctx.idempotencyKey}` : null,
  });
  const [view] = await conflictViews(em, [{ ...row, status: 'resolved' }]);
  return { conflict: view, state, task: taskAfter };
}
