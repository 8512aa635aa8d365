import type { Actor } from '../roles';
import { requireAmount, requirePastDay } from '../plausibility';
import { deviceTime, optionalInstant, optionalText, raise, reject, refusal, requireText, type Refusal } from '../rejections';
import type * as M from './messages';
import type { AssistanceTaskInput, AssistanceTaskState } from './types';

/** The task's state changes, one per message, plain JSON like the case's. */
export function openTaskState(input: AssistanceTaskInput): AssistanceTaskState {
  return {
    ...input,
    status: 'open',
    version: 1,
    log: [],
    nextSeq: 1,
    totals: { baht: 0, items: 0, activities: 0 },
    overdueLevel: 0,
    pausedSince: null,
    remindedFor: null,
    outcome: null,
  };
}

/** Only the assigned agency's officers (and oversight) act on a task, and only while it is open. */
export function taskRefusal(state: AssistanceTaskState, actor: Actor): Refusal | null {
  const agencyOfficer = actor.role === 'agency' && actor.agencyCode === state.agencyCode;
  const oversight = actor.role === 'supervisor' || actor.role === 'admin' || (actor.role === 'district' && state.level === 'district') || actor.role === 'province';
  if (!agencyOfficer && !oversight) {
    return actor.role === 'agency' ? refusal('role', 'WRONG_AGENCY', `only officers of ${state.agencyCode} may act on this task`) : refusal('role', 'FORBIDDEN_ROLE', `a ${actor.role} may not act on this task`);
  }
  if (state.status !== 'open') return refusal('stage', 'TASK_ENDED', `the task is already ${state.status}`);
  if (state.pausedSince) return refusal('stage', 'TASK_PAUSED', 'the case is paused; its tasks wait until it resumes');
  return null;
}

export function checkTaskAction(state: AssistanceTaskState, actor: Actor): void {
  const refused = taskRefusal(state, actor);
  if (refused) raise(refused);
}

const LOG_KEPT_IN_STATE = 100;

/** `now` is the workflow's clock: an activity cannot have happened after today in Bangkok. */
export function validateLog(state: AssistanceTaskState, input: M.LogActivityInput, now: string): void {
  checkTaskAction(state, input.actor);
  // An impossible day (2026-02-31) used to pass here and then fail the logbook projection
  // forever, so the task never ended and never told its case: every date must be a real day.
  // Tasks started before caseOpenedAt was carried check only the upper bound.
  requirePastDay(input.date, 'date', now, state.caseOpenedAt);
  requireText(input.kind, 'kind');
  requireText(input.description, 'description');
  requireAmount(input.baht, 'baht', 'baht');
  requireAmount(input.items, 'items', 'items');
  optionalInstant(input.recordedOnDevice, 'recordedOnDevice');
}

export function validateComplete(state: AssistanceTaskState, input: M.EndTaskInput): void {
  checkTaskAction(state, input.actor);
  optionalText(input.note, 'note');
  if (input.withoutCost !== undefined && typeof input.withoutCost !== 'boolean') reject('input', 'INVALID_VALUE', 'withoutCost must be true or false', 'withoutCost');
  // A completed task counts the household as helped and starts the follow-up: something must
  // show for it in the logbook, or the agency says it was done without cost and what was done.
  // Only a validator changes (no new commands), so running tasks replay as before.
  if (state.totals.activities === 0 && !(input.withoutCost === true && input.note?.trim())) {
    reject('input', 'TASK_NO_ACTIVITY', 'log at least one activity first, or complete the task as done without cost with a note', 'note');
  }
}

export function validateReturn(state: AssistanceTaskState, input: M.ReturnTaskInput): void {
  checkTaskAction(state, input.actor);
  requireText(input.reason, 'reason');
}

export function applyLog(state: AssistanceTaskState, input: M.LogActivityInput, now: string): void {
  // An activity recorded offline keeps the phone's time beside the server's (no new commands:
  // histories from before carry no recordedOnDevice and replay as they ran).
  const offline = input.recordedOnDevice !== undefined ? { recordedOnDevice: deviceTime(input.recordedOnDevice, now) } : {};
  state.log.push({ seq: state.nextSeq++, date: input.date, kind: input.kind, description: input.description, baht: input.baht, items: input.items, by: input.actor.userId, recordedAt: now, ...offline });
  // The full logbook is in the read model; the state keeps the latest entries and the totals.
  if (state.log.length > LOG_KEPT_IN_STATE) state.log.splice(0, state.log.length - LOG_KEPT_IN_STATE);
  state.totals.baht += input.baht;
  state.totals.items += input.items;
  state.totals.activities += 1;
  state.version++;
}

export function applyEnd(state: AssistanceTaskState, status: 'done' | 'returned' | 'cancelled', by: string, now: string, note?: string, withoutCost?: boolean): void {
  state.status = status;
  state.outcome = { at: now, by, ...(note ? { note } : {}), ...(withoutCost && state.totals.activities === 0 ? { withoutCost: true } : {}) };
  state.version++;
}

export function applyPause(state: AssistanceTaskState, at: string): void {
  if (state.pausedSince || state.status !== 'open') return;
  state.pausedSince = at;
  state.version++;
}

export function applyResume(state: AssistanceTaskState, at: string): void {
  if (!state.pausedSince) return;
  const ms = Date.parse(at) - Date.parse(state.pausedSince);
  state.dueAt = new Date(Date.parse(state.dueAt) + ms).toISOString();
  if (state.remindedFor) state.remindedFor = state.dueAt;
  state.pausedSince = null;
  state.version++;
}
