import { formatDateTime } from '../format';
import { label, useI18n } from '../i18n';
import { offlineDb } from '../offline/db';
import { useLive } from '../offline/hooks';
import { discardAction } from '../offline/outbox';

/** On the household page: what was recorded here on this phone and has not reached the server. */
export function OutboxList({ householdId }: { householdId: string }) {
  const { t, lang } = useI18n();
  const actions = useLive(() => offlineDb.outbox.where('householdId').equals(householdId).sortBy('seq'), [], [householdId]);
  if (actions.length === 0) return null;
  const statusText = { waiting: t.offline.statusWaiting, conflict: t.offline.statusConflict, rejected: t.offline.statusRejected };
  return (
    <section aria-labelledby="outbox" class="outbox">
      <h2 id="outbox">{t.offline.waitingHere}</h2>
      <ul>
        {actions.map((a) => (
          <li key={a.key} data-status={a.status}>
            <strong>{label(t.offline.actions, a.action)}</strong> · {statusText[a.status]} · {t.offline.recordedAt} {formatDateTime(a.recordedAt, lang)}
            {a.error && <small class="error"> {a.error.message}</small>}
            {a.status !== 'waiting' && a.seq !== undefined && (
              <button type="button" class="secondary outline small" onClick={() => confirm(t.offline.confirmDiscard) && void discardAction(a.seq!)}>
                {t.offline.discard}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
