import Dexie, { type EntityTable } from 'dexie';
import type { SyncAction } from '../../../domain/contract/sync';
import type { CaseView, HouseholdDetail } from '../types';

/**
 * What the phone keeps for work without signal (IndexedDB through Dexie): the signed-in user's
 * caseload (only theirs, national IDs as the server masked them for the role), and the outbox of
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

export type OutboxStatus = 'waiting' | 'conflict' | 'rejected';

export interface OutboxAction {
  seq?: number;
  /** The Idempotency-Key: made on the device when the action is recorded, sent with every try. */
  key: string;
  caseId: string;
  householdId: string;
  action: SyncAction;
  baseVersion: number;
  fields: Record<string, unknown>;
  /** Device time when the official recorded it. */
  recordedAt: string;
  userId: string;
  status: OutboxStatus;
  error?: { code?: string; message: string };
}

interface MetaRow {
  key: string;
  value: string;
}

export const offlineDb = new Dexie('kaejon-offline') as Dexie & {
  households: EntityTable<CachedHousehold, 'householdId'>;
  cases: EntityTable<CachedCase, 'caseId'>;
  outbox: EntityTable<OutboxAction, 'seq'>;
  meta: EntityTable<MetaRow, 'key'>;
};
offlineDb.version(1).stores({ households: 'householdId', cases: 'caseId, householdId', outbox: '++seq, caseId, householdId, status', meta: 'key' });

export async function getMeta(key: string): Promise<string | undefined> {
  return (await offlineDb.meta.get(key))?.value;
}

export async function setMeta(key: string, value: string): Promise<void> {
  await offlineDb.meta.put({ key, value });
}

/** Sign-out: nothing of this user's caseload stays on the phone. */
export async function clearOfflineData(): Promise<void> {
  await offlineDb.transaction('rw', [offlineDb.households, offlineDb.cases, offlineDb.outbox, offlineDb.meta], async () => {
    await Promise.all([offlineDb.households.clear(), offlineDb.cases.clear(), offlineDb.outbox.clear(), offlineDb.meta.clear()]);
  });
  if ('caches' in self) for (const name of await caches.keys()) if (name.startsWith('kaejon-data')) await caches.delete(name);
}
