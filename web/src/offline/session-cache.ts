import { api, ApiError } from '../api';
import { firstScreen } from '../hooks';
import type { Principal, Reference } from '../types';

/**
 * Who is signed in and the reference data, kept on the phone so that the app opens without
 * signal. The server's answer wins whenever there is one; a 401 is never covered up by the copy.
 *
 * The store (Dexie, ./db) is not in the app's entry: it is a third of the first load's JavaScript,
 * and the first screen needs only the server's answers. It is imported when a copy is needed
 * (no signal) or, to keep the copies, once the first screen is up.
 */
const offlineStore = () => import('./db');

/** Bumped by sign-out: a copy queued before it is not written after the store was cleared. */
let generation = 0;

/** Keeps `value` under `key`, once the first screen is up (its download then competes with nothing). */
export function keepCopy(key: string, value: unknown): Promise<void> {
  const mine = generation;
  const json = JSON.stringify(value);
  return firstScreen
    .then(offlineStore)
    .then((db) => (mine === generation ? db.setMeta(key, json) : undefined))
    .catch(() => undefined);
}

export async function cached<T>(path: string, key: string): Promise<T> {
  try {
    const fresh = await api.get<T>(path);
    void keepCopy(key, fresh);
    return fresh;
  } catch (error) {
    const copy = error instanceof ApiError && error.status === 0 ? await (await offlineStore()).getMeta(key) : undefined;
    if (!copy) throw error;
    return JSON.parse(copy) as T;
  }
}

export const currentUser = () => cached<Principal>('/auth/me', 'user');
/** The user who just signed in, for the next opening without signal. */
export const rememberUser = (user: Principal) => keepCopy('user', user);
export const referenceData = () => cached<Reference>('/reference', 'reference');

/**
 * Sign-out deletes the caseload and the outbox. Work not yet sent would be lost, so the official
 * confirms first (false: stay signed in). A session that merely expired keeps everything.
 */
export async function signOutClearing(confirmLoss: (waiting: number) => Promise<boolean>): Promise<boolean> {
  const { clearOfflineData, offlineDb } = await offlineStore();
  const waiting = await offlineDb.outbox.where('status').equals('waiting').count();
  if (waiting > 0 && !(await confirmLoss(waiting))) return false;
  generation++;
  await api.post('/auth/logout').catch(() => undefined);
  await clearOfflineData();
  return true;
}
