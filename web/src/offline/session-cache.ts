import { api, ApiError } from '../api';
import type { Principal, Reference } from '../types';
import { clearOfflineData, getMeta, offlineDb, setMeta } from './db';

/**
 * Who is signed in and the reference data, kept on the phone so that the app opens without
 * signal. The server's answer wins whenever there is one; a 401 is never covered up by the copy.
 */
export async function cached<T>(path: string, key: string): Promise<T> {
  try {
    const fresh = await api.get<T>(path);
    await setMeta(key, JSON.stringify(fresh));
    return fresh;
  } catch (error) {
    const copy = error instanceof ApiError && error.status === 0 ? await getMeta(key) : undefined;
    if (!copy) throw error;
    return JSON.parse(copy) as T;
  }
}

export const currentUser = () => cached<Principal>('/auth/me', 'user');
/** The user who just signed in, for the next opening without signal. */
export const rememberUser = (user: Principal) => setMeta('user', JSON.stringify(user));
export const referenceData = () => cached<Reference>('/reference', 'reference');

/**
 * Sign-out deletes the caseload and the outbox. Work not yet sent would be lost, so the official
 * confirms first (false: stay signed in). A session that merely expired keeps everything.
 */
export async function signOutClearing(confirmLoss: (waiting: number) => boolean): Promise<boolean> {
  const waiting = await offlineDb.outbox.where('status').equals('waiting').count();
  if (waiting > 0 && !confirmLoss(waiting)) return false;
  await api.post('/auth/logout').catch(() => undefined);
  await clearOfflineData();
  return true;
}
