import { api, ApiError, newIdempotencyKey } from '../api';
import { SYNC_ACTIONS, TASK_SYNC_ACTIONS, type SyncAction, type SyncActionInput } from '../../../domain/contract/sync';
import type { CaseView, Task } from '../types';
import { rememberCase, rememberTask } from './caseload';
import { getMeta, offlineDb, setMeta, waitingFor, type OutboxAction } from './db';
import { activityLocally, applyLocally, forServer } from './local-apply';

/**
 * The outbox: field actions recorded without signal wait here and go to POST /sync/actions in
 * the order they were recorded, each with the key it was given on the phone, so a send the
 * network cut off is answered, not applied again. The server applies, merges, or queues a
 * conflict for a person; nothing is dropped here either (a refusal stays, marked, until the
 * official discards it).
 */
export const isSyncPath = (path: string): path is SyncAction => SYNC_ACTIONS.some((p) => p === path);
const isTaskAction = (action: string): action is (typeof TASK_SYNC_ACTIONS)[number] => TASK_SYNC_ACTIONS.some((a) => a === action);

type Listener = () => void;
const listeners = new Set<Listener>();
let syncing: Promise<SyncReport> | null = null;

export const syncState = { syncing: false, needsSignIn: false };
export function onSyncChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const changed = () => listeners.forEach((l) => l());

const isOffline = (): boolean => typeof navigator !== 'undefined' && navigator.onLine === false;

/**
 * A field action from a household form: sent at once when online (the ordinary route), kept in
 * the outbox when there is no network; the form then shows the case as the action leaves it.
 */
export function submitFieldAction(view: CaseView, action: SyncAction, fields: Record<string, unknown>, userId: string): Promise<CaseView> {
  return sendOrKeep({
    send: (key) => api.post<CaseView>(`/cases/${view.caseId}/${action}`, forServer(action, fields), key),
    remember: async (next) => ((await offlineDb.cases.get(view.caseId)) ? rememberCase(next) : undefined),
    queued: { caseId: view.caseId, householdId: view.householdId, action, baseVersion: view.version, fields, userId },
    local: (at) => applyLocally(view, action, fields, userId, at),
    keepLocal: rememberCase,
  });
}

/**
 * An agency's logbook activity on its task, the same way: the task page shows it in the logbook,
 * marked as waiting, until it is sent. Its date is the day the officer chose on the phone.
 */
export function submitTaskActivity(task: Task, fields: Record<string, unknown>, userId: string): Promise<Task> {
  return sendOrKeep({
    send: (key) => api.post<Task>(`/tasks/${encodeURIComponent(task.taskId)}/activities`, fields, key),
    remember: async (next) => ((await offlineDb.tasks.get(task.taskId)) ? rememberTask(next) : undefined),
    queued: { caseId: task.caseId, householdId: task.householdId, taskId: task.taskId, action: 'activity', baseVersion: task.version, fields, userId },
    local: (at) => activityLocally(task, fields, userId, at),
    keepLocal: rememberTask,
  });
}

interface SendOrKeep<T> {
  send: (key: string) => Promise<T>;
  /** Keeps the server's answer on the phone (when the record is in the caseload). */
  remember: (next: T) => Promise<void>;
  queued: Omit<OutboxAction, 'key' | 'recordedAt' | 'status'>;
  /** The record as the action will leave it, shown until the server has it. */
  local: (recordedAt: string) => T;
  keepLocal: (local: T) => Promise<void>;
}

async function sendOrKeep<T>(how: SendOrKeep<T>): Promise<T> {
  if (!isOffline()) {
    try {
      const next = await how.send(newIdempotencyKey());
      await how.remember(next);
      return next;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 0)) throw error;
    }
  }
  const recordedAt = new Date().toISOString();
  await offlineDb.outbox.add({ ...how.queued, key: newIdempotencyKey(), recordedAt, status: 'waiting' });
  const local = how.local(recordedAt);
  await how.keepLocal(local);
  changed();
  return local;
}

export interface SyncReport {
  sent: number;
  conflicts: number;
  rejected: number;
  stoppedBy: 'done' | 'network' | 'signIn' | 'server';
}

interface SyncAnswer {
  outcome: 'applied' | 'merged' | 'conflict';
  case?: CaseView;
  task?: Task;
}

/** The outbox entry as POST /sync/actions takes it: a task action names its task, a case action its case. */
function syncBody(a: OutboxAction): SyncActionInput {
  const recorded = { baseVersion: a.baseVersion, recordedAt: a.recordedAt };
  if (a.taskId && isTaskAction(a.action)) return { taskId: a.taskId, action: a.action, fields: a.fields, ...recorded };
  if (isSyncPath(a.action)) return { caseId: a.caseId, action: a.action, fields: forServer(a.action, a.fields), ...recorded };
  throw new ApiError(422, 'not an action the outbox sends', 'body.action', 'VALIDATION');
}

/** Sends what waits, in order; one run at a time (a reconnect and a tap do not race). */
export function syncNow(userId: string): Promise<SyncReport> {
  syncing ??= runSync(userId).finally(() => {
    syncing = null;
    syncState.syncing = false;
    changed();
  });
  return syncing;
}

async function runSync(userId: string): Promise<SyncReport> {
  syncState.syncing = true;
  changed();
  const report: SyncReport = { sent: 0, conflicts: 0, rejected: 0, stoppedBy: 'done' };
  for (;;) {
    const next = await offlineDb.outbox.where('status').equals('waiting').first();
    if (!next) break;
    // Someone else's work on a shared phone waits for them to sign in.
    if (next.userId !== userId) {
      report.stoppedBy = 'signIn';
      break;
    }
    const stop = await sendOne(next, report);
    if (stop) {
      report.stoppedBy = stop;
      break;
    }
  }
  if (report.stoppedBy === 'done') await setMeta('lastSynced', new Date().toISOString());
  syncState.needsSignIn = report.stoppedBy === 'signIn';
  return report;
}

async function sendOne(action: OutboxAction, report: SyncReport): Promise<SyncReport['stoppedBy'] | null> {
  try {
    const answer = await api.post<SyncAnswer>('/sync/actions', syncBody(action), action.key);
    report.sent++;
    if (answer.outcome === 'conflict') {
      report.conflicts++;
      await offlineDb.outbox.update(action.seq!, { status: 'conflict' });
    } else await offlineDb.outbox.delete(action.seq!);
    if (answer.case && (await waitingFor('caseId', action.caseId).count()) === 0) await rememberCase(answer.case);
    if (answer.task && (await waitingFor('taskId', answer.task.taskId).count()) === 0) await rememberTask(answer.task);
    changed();
    return null;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === 0) return 'network';
    if (error.status === 401) return 'signIn';
    if (error.status >= 500 || error.status === 409 || error.status === 429) return 'server';
    report.rejected++;
    await offlineDb.outbox.update(action.seq!, { status: 'rejected', error: { status: error.status, code: error.code, field: error.field, message: error.message } });
    changed();
    return null;
  }
}

/** The official decided to drop an action the server refused (or already queued as a conflict). */
export async function discardAction(seq: number): Promise<void> {
  await offlineDb.outbox.delete(seq);
  changed();
}

export async function lastSynced(): Promise<string | undefined> {
  return getMeta('lastSynced');
}
