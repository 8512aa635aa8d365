import { allHandlersFinished, condition, continueAsNew, getExternalWorkflowHandle, patched, proxyActivities, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { localProjection, shortActivity } from '../activity-options';
import { nextDeadline } from '../household-case/deadlines';
import { localFirst } from '../local-first';
import { activityCorrectedSignal, taskEndedSignal } from '../household-case/messages';
import { applyAmendActivity, applyVoidActivity, validateAmendActivity, validateVoidActivity } from './corrections';
import * as M from './messages';
import { applyEnd, applyLog, applyPause, applyResume, openTaskState, validateComplete, validateLog, validateReturn } from './state';
import type { ActivityCorrection, AssistanceTaskInput, AssistanceTaskState } from './types';

const { projectTask } = proxyActivities<Activities>(shortActivity);
const local = proxyLocalActivities<Activities>(localProjection);
const now = (): string => new Date().toISOString();
/**
 * A task done or returned by its agency stays correctable for a year after its last change (the
 * reports it feeds are yearly), then completes. Tasks that ended before this shipped replay
 * without the wait: they completed at once.
 */
export const TASK_CORRECTIONS_PATCH = 'task-corrections-window';
const CORRECTION_WINDOW = '365 days';
/**
 * The task's row is written inside the workflow task that changed it, as the case's is, so an
 * agency's action answers once its task list and the household's logbook show it (a completed
 * task no longer listed as open). Tasks started before this replay their projection activities.
 */
export const TASK_LOCAL_PROJECTION_PATCH = 'task-local-projection';

/**
 * One agency's assignment for one problem. Its own ladder: a reminder to the agency before the
 * due date, a flag to the district when overdue, to the province when still overdue. When it
 * ends it tells the case by signal, which reaches the case's latest run after a continue-as-new.
 */
export async function assistanceTaskWorkflow(input: AssistanceTaskInput): Promise<AssistanceTaskState> {
  const state = input.carriedState ?? openTaskState(input);

  // ---- message handling ----
  setHandler(M.taskStateQuery, () => state);
  setHandler(M.logActivityUpdate, (i) => (applyLog(state, i, now()), state), { validator: (i) => validateLog(state, i, now()) });
  setHandler(M.completeTaskUpdate, (i) => (applyEnd(state, 'done', i.actor.userId, now(), i.note, i.withoutCost), state), { validator: (i) => validateComplete(state, i) });
  setHandler(M.returnTaskUpdate, (i) => (applyEnd(state, 'returned', i.actor.userId, now(), i.reason), state), {
    validator: (i) => validateReturn(state, i),
  });
  // A correction also goes to the case's timeline, where the household page shows its history.
  const tellCase = async (correction: ActivityCorrection): Promise<AssistanceTaskState> => {
    const { seq, change, at, by, reason, before, after } = correction;
    await getExternalWorkflowHandle(state.caseId)
      .signal(activityCorrectedSignal, { at, by, detail: { item: 'activity', ref: String(seq), taskId: state.taskId, change, ...(reason ? { reason } : {}), before, after } })
      .catch(() => undefined); // the case has completed: the task's own record is what remains
    return state;
  };
  setHandler(M.amendActivityUpdate, (i) => tellCase(applyAmendActivity(state, i, now())), { validator: (i) => validateAmendActivity(state, i, now()) });
  setHandler(M.voidActivityUpdate, (i) => tellCase(applyVoidActivity(state, i, now())), { validator: (i) => validateVoidActivity(state, i, now()) });
  setHandler(M.pauseTaskSignal, ({ at }) => applyPause(state, at));
  setHandler(M.resumeTaskSignal, ({ at }) => applyResume(state, at));
  setHandler(M.cancelTaskSignal, ({ at, by, reason }) => {
    if (state.status === 'open') applyEnd(state, 'cancelled', by, at, reason);
  });

  // ---- main logic ----
  let projected = 0;
  const publish = async (): Promise<void> => {
    if (projected === state.version) return;
    const version = state.version;
    await (patched(TASK_LOCAL_PROJECTION_PATCH) ? localFirst(state, local.projectTask, projectTask) : projectTask(state));
    projected = version;
  };

  // Wait for a change not yet projected (see householdCaseWorkflow), so none is missed.
  const unpublished = (): boolean => state.version !== projected;
  while (state.status === 'open') {
    await publish();
    if (state.status !== 'open') break;
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof assistanceTaskWorkflow>({ ...input, carriedState: state });
    }
    const deadline = state.pausedSince ? null : nextDeadline({ ...state, policy: state.timers });
    const timeout = deadline ? Math.max(0, Date.parse(deadline.at) - Date.now()) : undefined;
    const changed = await condition(unpublished, timeout);
    if (changed || !deadline) continue;
    if (deadline.action === 'remind') state.remindedFor = state.dueAt;
    else state.overdueLevel = deadline.action === 'overdue' ? 1 : 2;
    state.version++;
  }

  await condition(allHandlersFinished);
  await publish();
  const outcome = state.outcome!;
  await getExternalWorkflowHandle(state.caseId)
    .signal(taskEndedSignal, { taskId: state.taskId, status: state.status as 'done' | 'returned' | 'cancelled', at: outcome.at, by: outcome.by, ...(outcome.note ? { note: outcome.note } : {}) })
    .catch(() => undefined); // the case is gone (completed long after closure): nothing to tell
  if (state.status !== 'cancelled' && patched(TASK_CORRECTIONS_PATCH)) {
    while (await condition(unpublished, CORRECTION_WINDOW)) await publish();
    await condition(allHandlersFinished);
    await publish();
  }
  return state;
}
