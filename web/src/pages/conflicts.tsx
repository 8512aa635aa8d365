import { useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorMessage, Loaded } from '../components/ui';
import { formatDateTime } from '../format';
import { useResource, useTitle } from '../hooks';
import { label, useI18n } from '../i18n';
import type { ConflictView } from '../../../domain/contract/sync';

/**
 * ข้อมูลขัดแย้ง: what a phone recorded offline that the server could not apply as it was. Side by
 * side, what the phone sent and what the system holds now; the owner keeps one, or edits the
 * phone's text and saves that. Every choice is confirmed, and both values stay in the audit.
 */
export function ConflictsPage() {
  const { t } = useI18n();
  useTitle(t.offline.conflicts);
  const list = useResource(() => api.get<{ items: ConflictView[] }>('/conflicts'), []);
  return (
    <>
      <h1>{t.offline.conflicts}</h1>
      <Loaded resource={list}>
        {(data) => (data.items.length === 0 ? <p>{t.offline.noConflicts}</p> : data.items.map((c) => <ConflictCard key={c.id} conflict={c} onDone={list.reload} />))}
      </Loaded>
    </>
  );
}

/** The text fields of an action body, which a person may edit; numbers and lists stay as the phone sent them. */
const textFields = (value: Record<string, unknown>) => Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');

function Values({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <p>–</p>;
  if (typeof value !== 'object') return <p>{String(value)}</p>;
  return (
    <dl class="facts">
      {Object.entries(value).map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{typeof v === 'object' && v !== null ? Array.isArray(v) ? v.map((item) => (typeof item === 'object' ? Object.values(item as object).join(' · ') : String(item))).join(' / ') : Object.values(v).join(' · ') : String(v)}</dd>
        </>
      ))}
    </dl>
  );
}

function ConflictCard({ conflict: c, onDone }: { conflict: ConflictView; onDone(): void }) {
  const { t, lang } = useI18n();
  const [edited, setEdited] = useState<Record<string, unknown>>(c.mine);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (choice: 'mine' | 'theirs' | 'edited') => {
    if (!confirm(t.offline.confirmChoice)) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/conflicts/${c.id}/resolve`, choice === 'edited' ? { choice, value: edited } : { choice });
      onDone();
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
            {t.offline.by} {c.submittedByName ?? '–'} · {formatDateTime(c.recordedAt, lang)}
          </small>
          <Values value={c.mine} />
          <button type="button" disabled={busy} onClick={() => void decide('mine')}>
            {t.offline.chooseMine}
          </button>
        </section>
        <section>
          <h3>{t.offline.theirs}</h3>
          <small>
            {t.offline.by} {c.theirsByName ?? '–'} · {formatDateTime(c.theirsAt, lang)}
          </small>
          <Values value={c.theirs} />
          <button type="button" class="secondary" disabled={busy} onClick={() => void decide('theirs')}>
            {t.offline.chooseTheirs}
          </button>
        </section>
      </div>
      <details>
        <summary>{t.offline.edited}</summary>
        {textFields(c.mine).map(([k]) => (
          <label key={k}>
            {k}
            <input value={String(edited[k] ?? '')} onInput={(e) => setEdited({ ...edited, [k]: (e.target as HTMLInputElement).value })} />
          </label>
        ))}
        <button type="button" class="secondary outline" disabled={busy} onClick={() => void decide('edited')}>
          {t.offline.chooseEdited}
        </button>
      </details>
      <ErrorMessage error={error} />
    </article>
  );
}
