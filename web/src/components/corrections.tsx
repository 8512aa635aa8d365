import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { formatBaht, formatDate, formatDateTime } from '../format';
import { useI18n } from '../i18n';
import type { CaseView, HouseholdDetail, Task, TimelineEventView } from '../types';
import { Actor } from './names';
import { ActionForm, Field, inputValue } from './ui';

/**
 * Corrections on the household and task pages: "แก้ไข" and "ยกเลิกรายการ" beside each entry that
 * may be corrected, and the history of each corrected entry (before → after, who, when, why),
 * read from the case's timeline, where the server resolves who acted to a name.
 */
type Change = { item?: string; ref?: string; taskId?: string; change?: string; reason?: string; before?: Record<string, unknown>; after?: Record<string, unknown> };
const changeOf = (e: TimelineEventView): Change => (e.detail ?? {}) as Change;

function FieldChange({ field, before, after }: { field: string; before: unknown; after: unknown }) {
  const { t, lang } = useI18n();
  const shown = (value: unknown): string => {
    if (value === null || value === undefined) return '–';
    if (typeof value === 'number') return field === 'birthYear' ? String(value) : formatBaht(value, lang);
    if (typeof value === 'string') return field === 'nationalId' ? (t.corrections.idChanges[value] ?? '•••') : value;
    return '…';
  };
  return (
    <li>
      {t.corrections.fields[field] ?? field}: {shown(before)} → {shown(after)}
    </li>
  );
}

/** The corrections of one entry, oldest first. */
export function CorrectionHistory({ events, match }: { events: TimelineEventView[]; match: (c: Change) => boolean }) {
  const { t, lang } = useI18n();
  const mine = events.filter((e) => e.type === 'corrected' && match(changeOf(e))).sort((a, b) => a.seq - b.seq);
  if (mine.length === 0) return null;
  return (
    <details class="correction-history">
      <summary>
        {t.corrections.history} ({mine.length})
      </summary>
      <ol>
        {mine.map((e) => {
          const c = changeOf(e);
          const fields = Object.keys({ ...c.before, ...c.after }).filter((f) => f !== 'problems' && f !== 'items');
          return (
            <li key={e.seq}>
              <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time> <strong>{c.change === 'void' ? t.corrections.voided : t.corrections.amended}</strong> {t.people.by} <Actor actor={e.by} timer={false} />
              {c.change !== 'void' && <ul>{fields.map((f) => <FieldChange key={f} field={f} before={c.before?.[f]} after={c.after?.[f]} />)}</ul>}
              {c.reason && (
                <div class="note">
                  {t.form.reason}: {c.reason}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </details>
  );
}

/** Amend or void one logbook-like entry: the amount, the items and the wording; a void asks once and wants a reason. */
function EntryCorrection({ path, id, entry, onDone }: { path: string; id: Record<string, number>; entry: { kind: string; description: string; baht: number; items: number }; onDone(result: unknown): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ kind: entry.kind, description: entry.description, baht: String(entry.baht), items: String(entry.items), reason: '' });
  const [voidReason, setVoidReason] = useState('');
  const amend = () => {
    const changed = { kind: form.kind, description: form.description, baht: Number(form.baht), items: Number(form.items) };
    const body = Object.fromEntries(Object.entries(changed).filter(([k, v]) => v !== entry[k as keyof typeof entry]));
    return api.post(`${path}/amend-${id.seq !== undefined ? 'activity' : 'relief'}`, { ...id, ...body, ...(form.reason.trim() ? { reason: form.reason.trim() } : {}) });
  };
  const voidIt = () => (window.confirm(t.corrections.confirmVoid) ? api.post(`${path}/void-${id.seq !== undefined ? 'activity' : 'relief'}`, { ...id, reason: voidReason.trim() }) : Promise.reject(new ApiError(409, t.corrections.notVoided)));
  return (
    <div class="corrections">
      <details name="correct">
        <summary role="button" class="secondary outline">
          {t.corrections.amend}
        </summary>
        <ActionForm label={t.save} submit={amend} onDone={onDone}>
          <Field name={t.form.kind}>{(fid) => <input id={fid} required value={form.kind} onInput={(e) => setForm({ ...form, kind: inputValue(e) })} />}</Field>
          <Field name={t.household.description}>{(fid) => <input id={fid} required value={form.description} onInput={(e) => setForm({ ...form, description: inputValue(e) })} />}</Field>
          <div class="grid">
            <Field name={t.form.baht}>{(fid) => <input id={fid} type="number" min="0" step="0.01" required value={form.baht} onInput={(e) => setForm({ ...form, baht: inputValue(e) })} />}</Field>
            <Field name={t.form.items}>{(fid) => <input id={fid} type="number" min="0" step="1" required value={form.items} onInput={(e) => setForm({ ...form, items: inputValue(e) })} />}</Field>
          </div>
          <Field name={t.form.reason} hint={t.corrections.reasonHint}>{(fid) => <textarea id={fid} rows={2} value={form.reason} onInput={(e) => setForm({ ...form, reason: inputValue(e) })} />}</Field>
        </ActionForm>
      </details>
      <details name="correct">
        <summary role="button" class="secondary outline">
          {t.corrections.void}
        </summary>
        <ActionForm label={t.corrections.void} tone="secondary" submit={voidIt} onDone={onDone}>
          <Field name={t.form.reason}>{(fid) => <textarea id={fid} required rows={2} value={voidReason} onInput={(e) => setVoidReason(inputValue(e))} />}</Field>
        </ActionForm>
      </details>
    </div>
  );
}

/** A struck-through entry says when and why it was voided. */
function VoidedNote({ voided }: { voided: { at: string; reason: string } }) {
  const { t, lang } = useI18n();
  return (
    <small class="voided-note">
      {t.corrections.voided} {formatDate(voided.at, lang)}: {voided.reason}
    </small>
  );
}

/** The case's relief entries, each correctable while the rules allow it (the server re-checks author and window). */
export function ReliefCorrections({ caseView, timeline, onChanged }: { caseView: CaseView; timeline: HouseholdDetail['timeline']['items']; onChanged(next: CaseView): void }) {
  const { t, lang } = useI18n();
  if (caseView.reliefs.length === 0) return null;
  const mayCorrect = caseView.allowedActions.includes('amendRelief');
  return (
    <section aria-labelledby="reliefs">
      <h2 id="reliefs">{t.corrections.reliefs}</h2>
      <ul class="entries">
        {caseView.reliefs.map((r, i) => (
          <li key={i}>
            {r.voided ? <s>{`${formatDate(r.at, lang)} ${r.kind} · ${formatBaht(r.baht, lang)}`}</s> : `${formatDate(r.at, lang)} ${r.kind} · ${formatBaht(r.baht, lang)}`} <small>{r.description}</small>
            {r.voided && <VoidedNote voided={r.voided} />}
            {!r.voided && mayCorrect && <EntryCorrection path={`/cases/${caseView.caseId}`} id={{ reliefNo: i + 1 }} entry={r} onDone={(next) => onChanged(next as CaseView)} />}
            <CorrectionHistory events={timeline} match={(c) => c.item === 'relief' && c.ref === String(i + 1)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** On the task page: each activity's corrections, for the agency's officers and the district. */
export function ActivityCorrections({ task, entry, timeline, mayCorrect, onChanged }: { task: Task; entry: Task['log'][number]; timeline: TimelineEventView[]; mayCorrect: boolean; onChanged(): void }) {
  return (
    <>
      {entry.voided && <VoidedNote voided={entry.voided} />}
      {!entry.voided && mayCorrect && <EntryCorrection path={`/tasks/${encodeURIComponent(task.taskId)}`} id={{ seq: entry.seq }} entry={entry} onDone={onChanged} />}
      <CorrectionHistory events={timeline} match={(c) => c.item === 'activity' && c.taskId === task.taskId && c.ref === String(entry.seq)} />
    </>
  );
}
