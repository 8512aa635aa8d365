import Dexie, { type EntityTable } from 'dexie';
import type { AnySyncAction } from '../../../domain/contract/sync';
import type { CaseView, HouseholdDetail, Task } from '../types';

/**
 * What the phone keeps for work without signal (IndexedDB through Dexie): the signed-in user's
 * caseload (only theirs, national IDs as the server masked them for the role; for an agency, its
 * open tasks and their households), and the outbox of
 * field actions recorded offline, in the order they were recorded. Sign-out deletes it all.
 */
export interface CachedHousehold {
  householdId: string;
  detail: HouseholdDetail;
  savedAt: string;
}

export interface CachedCase {
  caseId: string;
  householdId: string;
  view: CaseView;
  savedAt: string;
}

export interface CachedTask {
  taskId: string;
  householdId: string;
  task: Task;
  savedAt: string;
}

export type OutboxStatus = 'waiting' | 'conflict' | 'rejected';

export interface OutboxAction {
  seq?: number;
  /** The Idempotency-Key: made on the device when the action is recorded, sent with every try. */
  key: string;
  caseId: string;
  householdId: string;
  /** An agency's activity names its task (the case is the task's, for the household page). */
  taskId?: string;
  action: AnySyncAction;
  /** The case version, or for a task action the task version, the phone showed. */
  baseVersion: number;
  fields: Record<string, unknown>;
  /** Device time when the official recorded it. */
  recordedAt: string;
  userId: string;
  status: OutboxStatus;
  /** The server's refusal: its status and code (the message is the server's English, never shown). */
  error?: { status?: number; code?: string; field?: string; message: string };
}

interface MetaRow {
  key: string;
  value: string;
}

export const offlineDb = new Dexie('kaejon-offline') as Dexie & {
  households: EntityTable<CachedHousehold, 'householdId'>;
  cases: EntityTable<CachedCase, 'caseId'>;
  tasks: EntityTable<CachedTask, 'taskId'>;
  outbox: EntityTable<OutboxAction, 'seq'>;
  meta: EntityTable<MetaRow, 'key'>;
};
offlineDb.version(1).stores({ households: 'householdId', cases: 'caseId, householdId', outbox: '++seq, caseId, householdId, status', meta: 'key' });
// An agency's open tasks, and its activities in the outbox by task.
offlineDb.version(2).stores({ tasks: 'taskId, householdId', outbox: '++seq, caseId, householdId, taskId, status' });

/** What was recorded offline on a case or a task and still waits to be sent (pages reload when it has gone). */
export const waitingFor = (index: 'caseId' | 'taskId', id: string) => offlineDb.outbox.where(index).equals(id).filter((a) => a.status === 'waiting');

export async function getMeta(key: string): Promise<string | undefined> {
  return (await offlineDb.meta.get(key))?.value;
}

export async function setMeta(key: string, value: string): Promise<void> {
  await offlineDb.meta.put({ key, value });
}

/** Sign-out: nothing of this user's caseload stays on the phone. */
export async function clearOfflineData(): Promise<void> {
  const tables = [offlineDb.households, offlineDb.cases, offlineDb.tasks, offlineDb.outbox, offlineDb.meta];
  await offlineDb.transaction('rw', tables, async () => {
    await Promise.all(tables.map((table) => table.clear()));
  });
  if ('caches' in self) for (const name of await caches.keys()) if (name.startsWith('kaejon-data')) await caches.delete(name);
}
