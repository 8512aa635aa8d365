import { useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorMessage, Loaded, SavedNotice } from '../components/ui';
import { formatDateTime } from '../format';
import { useResource, useTitle } from '../hooks';
import { label, useI18n } from '../i18n';
import type { ConflictView } from '../../../domain/contract/sync';
import { ConflictValues } from '../components/conflict-values';
import { ConfirmDialog } from '../components/confirm';

/**
 * ข้อมูลขัดแย้ง: what a phone recorded offline that the server could not apply as it was. Side by
 * side, what the phone sent and what the system holds now; the owner keeps one, or edits the
 * phone's text and saves that. Every choice is confirmed, and both values stay in the audit.
 */
export function ConflictsPage() {
  const { t } = useI18n();
  useTitle(t.offline.conflicts);
  const list = useResource(() => api.get<{ items: ConflictView[] }>('/conflicts'), []);
  const [saved, setSaved] = useState<string | null>(null);
  const decided = (text: string) => (setSaved(text), list.reload());
  return (
    <>
      <h1>{t.offline.conflicts}</h1>
      {saved && <SavedNotice text={saved} />}
      <Loaded resource={list}>
        {(data) => (data.items.length === 0 ? <p>{t.offline.noConflicts}</p> : data.items.map((c) => <ConflictCard key={c.id} conflict={c} onDone={decided} />))}
      </Loaded>
    </>
  );
}

/** The text fields of an action body, which a person may edit (by their label); numbers and lists stay as the phone sent them. */
const textFields = (value: Record<string, unknown>) => Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'recordedOnDevice');

type Choice = 'mine' | 'theirs' | 'edited';

function ConflictCard({ conflict: c, onDone }: { conflict: ConflictView; onDone(saved: string): void }) {
  const { t, lang } = useI18n();
  const [edited, setEdited] = useState<Record<string, unknown>>(c.mine);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<Choice | null>(null);
  // An ended task takes no activity: "mine" or an edited value would only be refused (a dead end).
  const applicable = c.reason !== 'TASK_ENDED';
  const choiceText: Record<Choice, string> = { mine: t.offline.chooseMine, theirs: t.offline.chooseTheirs, edited: t.offline.chooseEdited };
  const decide = async (choice: Choice) => {
    setAsking(null);
    setBusy(true);
    setError(null);
    try {
      await api.post(`/conflicts/${c.id}/resolve`, choice === 'edited' ? { choice, value: edited } : { choice });
      onDone(t.offline.decided(c.headName ?? '–', label(t.offline.actions, c.action), choiceText[choice]));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <article class="conflict" data-reason={c.reason}>
      <header>
        <strong>{c.headName ?? '–'}</strong> · {label(t.offline.actions, c.action)}
        <br />
        <small>{label(t.offline.reasons, c.reason)}</small>
      </header>
      <div class="grid">
        <section>
          <h3>{t.offline.mine}</h3>
          <small>
            {t.offline.by} {c.submittedByName ?? '–'} · {t.offline.recordedOnDevice} {formatDateTime(c.recordedAt, lang)} · {t.offline.receivedAt} {formatDateTime(c.receivedAt, lang)}
          </small>
          <ConflictValues value={c.mine} action={c.action} />
          {applicable ? (
            <button type="button" disabled={busy} onClick={() => setAsking('mine')}>
              {t.offline.chooseMine}
            </button>
          ) : (
            <p class="notice">{t.offline.taskEndedKeepOnly}</p>
          )}
        </section>
        <section>
          <h3>{t.offline.theirs}</h3>
          <small>
            {t.offline.by} {c.theirsByName ?? '–'} · {formatDateTime(c.theirsAt, lang)}
          </small>
          <ConflictValues value={c.theirs} action={c.action} />
          <button type="button" class="secondary" disabled={busy} onClick={() => setAsking('theirs')}>
            {t.offline.chooseTheirs}
          </button>
        </section>
      </div>
      {applicable && textFields(c.mine).length > 0 && (
        <details>
          <summary>{t.offline.edited}</summary>
          {textFields(c.mine).map(([k]) => (
            <label key={k}>
              {t.offline.fields[k] ?? t.corrections.fields[k] ?? k}
              <input value={String(edited[k] ?? '')} onInput={(e) => setEdited({ ...edited, [k]: (e.target as HTMLInputElement).value })} />
            </label>
          ))}
          <button type="button" class="secondary outline" disabled={busy} onClick={() => setAsking('edited')}>
            {t.offline.chooseEdited}
          </button>
        </details>
      )}
      <ErrorMessage error={error} />
      {/* One dialog at a time in the page (its text's id is the dialog's label). */}
      {asking && <ConfirmDialog open text={`${choiceText[asking]}: ${t.offline.confirmChoice}`} onConfirm={() => void decide(asking)} onCancel={() => setAsking(null)} />}
    </article>
  );
}
