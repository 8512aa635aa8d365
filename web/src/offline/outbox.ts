import { api, ApiError, newIdempotencyKey } from '../api';
import type { SyncAction } from '../../../domain/contract/sync';
import type { CaseView } from '../types';
import { rememberCase } from './caseload';
import { getMeta, offlineDb, setMeta, type OutboxAction } from './db';
import { applyLocally, forServer } from './local-apply';

/**
 * The outbox: field actions recorded without signal wait here and go to POST /sync/actions in
 * the order they were recorded, each with the key it was given on the phone, so a send the
 * network cut off is answered, not applied again. The server applies, merges, or queues a
 * conflict for a person; nothing is dropped here either (a refusal stays, marked, until the
 * official discards it).
 */
export const SYNC_PATHS: readonly SyncAction[] = ['verify', 'analysis', 'plan', 'relief', 'follow-up'];
export const isSyncPath = (path: string): path is SyncAction => SYNC_PATHS.some((p) => p === path);

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
export async function submitFieldAction(view: CaseView, action: SyncAction, fields: Record<string, unknown>, userId: string): Promise<CaseView> {
  if (!isOffline()) {
    try {
      const key = newIdempotencyKey();
      const next = await api.post<CaseView>(`/cases/${view.caseId}/${action}`, forServer(action, fields), key);
      if (await offlineDb.cases.get(view.caseId)) await rememberCase(next);
      return next;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 0)) throw error;
    }
  }
  const recordedAt = new Date().toISOString();
  await offlineDb.outbox.add({ key: newIdempotencyKey(), caseId: view.caseId, householdId: view.householdId, action, baseVersion: view.version, fields, recordedAt, userId, status: 'waiting' });
  const local = applyLocally(view, action, fields, userId, recordedAt);
  await rememberCase(local);
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
    const answer = await api.post<SyncAnswer>(
      '/sync/actions',
      { caseId: action.caseId, action: action.action, baseVersion: action.baseVersion, fields: forServer(action.action, action.fields), recordedAt: action.recordedAt },
      action.key,
    );
    report.sent++;
    if (answer.outcome === 'conflict') {
      report.conflicts++;
      await offlineDb.outbox.update(action.seq!, { status: 'conflict' });
    } else await offlineDb.outbox.delete(action.seq!);
    if (answer.case && (await offlineDb.outbox.where('caseId').equals(action.caseId).filter((a) => a.status === 'waiting').count()) === 0) await rememberCase(answer.case);
    changed();
    return null;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === 0) return 'network';
    if (error.status === 401) return 'signIn';
    if (error.status >= 500 || error.status === 409 || error.status === 429) return 'server';
    report.rejected++;
    await offlineDb.outbox.update(action.seq!, { status: 'rejected', error: { code: error.code, message: error.message } });
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
