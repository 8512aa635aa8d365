import type { FastifyInstance } from 'fastify';
import type { ConflictReason, TaskSyncInput } from '../../domain/contract/sync';
import { TASK_FIELD_RULES, taskRefusesSync, withDeviceTime } from '../../domain/sync/fields';
import { ApiError, toHttpError } from '../errors';
import { LOG_ACTIVITY, TASK_ROLES } from '../routes/tasks';
import { taskInScope } from '../scope';
import * as TM from '../../workflows/assistance-task/messages';
import { auditSync, queueConflict, type SyncContext, type SyncOutcome } from './sync-common';

/**
 * An agency's logbook activity recorded offline (docs/API.md, "Sync"). Activities are appended,
 * so nothing anyone changed meanwhile clashes with one; only a task that stopped taking them (done,
 * returned, cancelled or moved to another agency, or held by a paused case) makes it a conflict
 * for the agency to decide. Applied, it is the ordinary logActivity update, once per key.
 */
export async function syncTaskAction(app: FastifyInstance, ctx: SyncContext, input: TaskSyncInput): Promise<SyncOutcome> {
  const { principal, em } = ctx;
  if (!TASK_ROLES.some((role) => role === principal.role)) throw new ApiError(403, `a ${principal.role} may not act on a task`, 'body.action', 'FORBIDDEN_ROLE');
  const task = await taskInScope(em, principal, input.taskId);
  const fields = withDeviceTime(input.action, input.fields, input.recordedAt);
  const entity = { type: 'task' as const, id: input.taskId };
  const conflict = async (reason: ConflictReason): Promise<SyncOutcome> => {
    const ended = await endingOf(app, ctx, task.caseId, input.taskId);
    return queueConflict(
      ctx,
      {
        caseId: task.caseId,
        task: { taskId: input.taskId, agencyCode: task.agencyCode },
        action: input.action,
        reason,
        field: TASK_FIELD_RULES[input.action].field,
        mine: fields,
        theirs: { status: ended?.status ?? task.status, ...(ended?.note ? { note: ended.note } : {}) },
        theirsBy: ended?.by ?? null,
        theirsAt: ended?.at ?? null,
        baseVersion: input.baseVersion,
        caseVersion: task.version,
        recordedAt: input.recordedAt,
        area: task,
      },
      entity,
    );
  };

  const refused = taskRefusesSync(task);
  if (refused) return conflict(refused);
  try {
    const after = await LOG_ACTIVITY.apply(app, principal, { taskId: input.taskId, caseOpenedAt: task.caseOpenedAt }, fields, `${principal.userId}:sync:${ctx.idempotencyKey}`, 'body.fields');
    await auditSync(ctx, 'task.activities', entity, { ...fields, sync: { baseVersion: input.baseVersion, recordedAt: input.recordedAt } });
    return { outcome: 'applied', caseId: task.caseId, taskId: input.taskId, task: after };
  } catch (error) {
    // The task ended or its case paused between the check and the update.
    const http = toHttpError(error);
    if (http?.statusCode === 409) return conflict(http.code === 'TASK_PAUSED' ? 'STAGE_MOVED' : 'TASK_ENDED');
    throw error;
  }
}

interface Ending {
  status: string;
  by: string;
  at: string;
  note?: string | null;
}

/**
 * Who ended the task, when and why: the task's own state (the read model may not have caught up
 * with an end a moment old), or else the case's timeline, which keeps it after the workflow is gone.
 */
async function endingOf(app: FastifyInstance, ctx: SyncContext, caseId: string, taskId: string): Promise<Ending | null> {
  const state = await app.temporal.workflow.getHandle(taskId).query(TM.taskStateQuery).catch(() => null);
  if (state?.outcome) return { status: state.status, ...state.outcome };
  const [row] = await ctx.em.execute<Array<{ type: string; actor: string; at: Date; note: string | null }>>(
    `select type, actor, at, detail->>'note' as note from case_event
      where case_id = ? and type in ('taskCompleted', 'taskReturned', 'taskCancelled') and detail->>'taskId' = ? order by seq desc limit 1`,
    [caseId, taskId],
  );
  return row ? { status: ENDED_BY[row.type] ?? 'cancelled', by: row.actor, at: new Date(row.at).toISOString(), note: row.note } : null;
}

const ENDED_BY: Record<string, string> = { taskCompleted: 'done', taskReturned: 'returned', taskCancelled: 'cancelled' };
