import { useState } from 'preact/hooks';
import { errorText } from '../error-text';
import { ConfirmDialog } from './confirm';
import { formatDateTime } from '../format';
import { label, useI18n } from '../i18n';
import { offlineDb } from '../offline/db';
import { useLive } from '../offline/hooks';
import { discardAction } from '../offline/outbox';

/**
 * On the household page (or a task's: only that task's activities): what was recorded here on this
 * phone and has not reached the server. A refusal reads as its sentence, never the server's text.
 */
export function OutboxList({ householdId, taskId }: { householdId: string; taskId?: string }) {
  const { t, lang } = useI18n();
  // A task's page reads only its own actions, through the outbox's taskId index.
  const actions = useLive(() => (taskId ? offlineDb.outbox.where('taskId').equals(taskId) : offlineDb.outbox.where('householdId').equals(householdId)).sortBy('seq'), [], [householdId, taskId]);
  const [discarding, setDiscarding] = useState<number | null>(null);
  if (actions.length === 0) return null;
  const statusText = { waiting: t.offline.statusWaiting, conflict: t.offline.statusConflict, rejected: t.offline.statusRejected };
  return (
    <section aria-labelledby="outbox" class="outbox">
      <h2 id="outbox">{t.offline.waitingHere}</h2>
      <ul>
        {actions.map((a) => (
          <li key={a.key} data-status={a.status}>
            <strong>{label(t.offline.actions, a.action)}</strong> · {statusText[a.status]} · {t.offline.recordedAt} {formatDateTime(a.recordedAt, lang)}
            {a.error && <small class="error"> {errorText({ status: a.error.status ?? 422, code: a.error.code, field: a.error.field }, t.errors).text}</small>}
            {a.status !== 'waiting' && a.seq !== undefined && (
              <button type="button" class="secondary outline small" onClick={() => setDiscarding(a.seq!)}>
                {t.offline.discard}
              </button>
            )}
          </li>
        ))}
      </ul>
      {discarding !== null && (
        <ConfirmDialog open text={t.offline.confirmDiscard} onConfirm={() => (setDiscarding(null), void discardAction(discarding))} onCancel={() => setDiscarding(null)} />
      )}
    </section>
  );
}
