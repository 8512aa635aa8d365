import { useState } from 'preact/hooks';
import { api } from '../api';
import { formatBaht, formatDate } from '../format';
import { useI18n } from '../i18n';
import type { CaseView, HouseholdDetail, Task, TimelineEventView } from '../types';
import { changedFields, withReason } from './correction-form';
import { CorrectionHistory } from './correction-history';
import { ActionForm, AmountInput, Field, inputValue } from './ui';

/**
 * Corrections of logbook-like entries on the household and task pages: "แก้ไข" and "ยกเลิกรายการ"
 * beside each relief or activity that may be corrected, and its history (correction-history.tsx).
 */

/** Amend or void one logbook-like entry: the amount, the items and the wording; a void asks once and wants a reason. */
function EntryCorrection({ path, id, entry, onDone }: { path: string; id: Record<string, number>; entry: { kind: string; description: string; baht: number; items: number }; onDone(result: unknown): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ kind: entry.kind, description: entry.description, baht: String(entry.baht), items: String(entry.items), reason: '' });
  const [voidReason, setVoidReason] = useState('');
  const amend = () => {
    const changes = changedFields(entry, { kind: form.kind, description: form.description, baht: Number(form.baht), items: Number(form.items) });
    return api.post(`${path}/amend-${id.seq !== undefined ? 'activity' : 'relief'}`, withReason({ ...id, ...changes }, form.reason));
  };
  const voidIt = () => api.post(`${path}/void-${id.seq !== undefined ? 'activity' : 'relief'}`, { ...id, reason: voidReason.trim() });
  return (
    <div class="corrections">
      <details name="correct">
        <summary role="button" class="secondary outline">
          {t.corrections.amend}
        </summary>
        <ActionForm label={t.save} submit={amend} onDone={onDone}>
          <Field name={t.form.kind} apiField="kind">{(fid) => <input id={fid} required value={form.kind} onInput={(e) => setForm({ ...form, kind: inputValue(e) })} />}</Field>
          <Field name={t.household.description} apiField="description">{(fid) => <input id={fid} required value={form.description} onInput={(e) => setForm({ ...form, description: inputValue(e) })} />}</Field>
          <div class="grid">
            <Field name={t.form.baht} apiField="baht">{(fid) => <AmountInput id={fid} unit="baht" value={form.baht} onInput={(baht) => setForm({ ...form, baht })} />}</Field>
            <Field name={t.form.items} apiField="items">{(fid) => <AmountInput id={fid} unit="items" value={form.items} onInput={(items) => setForm({ ...form, items })} />}</Field>
          </div>
          <Field name={t.form.reason} hint={t.corrections.reasonHint} apiField="reason">{(fid) => <textarea id={fid} rows={2} value={form.reason} onInput={(e) => setForm({ ...form, reason: inputValue(e) })} />}</Field>
        </ActionForm>
      </details>
      <details name="correct">
        <summary role="button" class="secondary outline">
          {t.corrections.void}
        </summary>
        <ActionForm label={t.corrections.void} tone="secondary" confirm={t.corrections.confirmVoid} submit={voidIt} onDone={onDone}>
          <Field name={t.form.reason} apiField="reason">{(fid) => <textarea id={fid} required rows={2} value={voidReason} onInput={(e) => setVoidReason(inputValue(e))} />}</Field>
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
