import { useEffect, useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api } from '../api';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { offlineDb, getMeta } from '../offline/db';
import { useLive, useOnline } from '../offline/hooks';
import { onSyncChange, syncNow, syncState } from '../offline/outbox';
import { useSession } from '../session';

/**
 * The header's sync indicator: online or offline, how many recorded actions wait, when the phone
 * last synced, and a button to sync by hand. Coming back online syncs by itself.
 */
export function SyncStatus() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const online = useOnline();
  const waiting = useLive(() => offlineDb.outbox.where('status').equals('waiting').count(), 0);
  const lastSynced = useLive(() => getMeta('lastSynced'), undefined);
  const [tick, setTick] = useState(0);
  const [conflicts, setConflicts] = useState(0);
  useEffect(() => onSyncChange(() => setTick((n) => n + 1)), []);
  // The queue of conflicts this person sees (their area's, and their own sent ones).
  useEffect(() => {
    if (online && !syncState.syncing) api.get<{ items: unknown[] }>('/conflicts').then((r) => setConflicts(r.items.length), () => undefined);
  }, [online, tick]);
  useEffect(() => {
    if (online && waiting > 0 && !syncState.needsSignIn) void syncNow(user.userId);
  }, [online, waiting > 0]);
  return (
    <div class="sync-status" role="status" aria-live="polite" data-online={online ? 'yes' : 'no'} data-waiting={waiting}>
      <span class={`badge ${online ? 'ok' : 'warn'}`}>{online ? t.offline.online : t.offline.offline}</span>{' '}
      {waiting > 0 && <span class="badge">{t.offline.waiting(waiting)}</span>}{' '}
      <small>
        {t.offline.lastSynced}: {lastSynced ? formatDateTime(lastSynced, lang) : t.offline.never}
      </small>
      {conflicts > 0 && (
        <Link href="/conflicts" class="badge danger">
          {t.offline.conflicts} ({conflicts})
        </Link>
      )}{' '}
      {syncState.needsSignIn && <small class="error"> {t.offline.signInToSync}</small>}
      {online && waiting > 0 && (
        <button type="button" class="secondary outline small" disabled={syncState.syncing} onClick={() => void syncNow(user.userId)}>
          {syncState.syncing ? t.offline.syncing : t.offline.syncNow}
        </button>
      )}
    </div>
  );
}
