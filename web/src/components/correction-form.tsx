import { Fragment, type ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { label, useI18n } from '../i18n';
import type { CaseAction, CaseView } from '../types';
import { Field, inputValue, SavedNotice } from './ui';

/**
 * The frame of one correction of a case record (the analysis, the problems, the plan, a member):
 * a closed "แก้ไข…" button, offered only when the case's allowedActions include the correction;
 * after a save, a notice that says in words what was corrected. The form inside starts again from
 * the case's new state after each save (keyed by the case's version).
 */
export interface CorrectionFormProps {
  caseView: CaseView;
  /** Whether the rules want a reason from this user (CaseView.reasonRequired). */
  needsReason: boolean;
  /** Posts the correction; `what` names the corrected fields in words, for the notice. */
  save(path: string, body: Record<string, unknown>, what: string[]): Promise<CaseView>;
  done(next: CaseView): void;
}

export function Correction({ caseView, action, summary, onChanged, children }: { caseView: CaseView; action: CaseAction; summary: string; onChanged(next: CaseView): void; children: (props: CorrectionFormProps) => ComponentChildren }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const what = useRef<string[]>([]);
  if (!caseView.allowedActions.includes(action)) return null;
  // A view cached on the phone before reasonRequired existed lacks it: the server still asks, in Thai.
  const needsReason = (caseView.reasonRequired ?? []).includes(action);
  const save = (path: string, body: Record<string, unknown>, words: string[]) => {
    what.current = words;
    return api.post<CaseView>(`/cases/${caseView.caseId}/${path}`, body);
  };
  const done = (next: CaseView) => {
    setSaved(t.corrections.saved(label(t.flow.recorded, action), what.current.join(', ')));
    setOpen(false);
    onChanged(next);
  };
  return (
    <div class="correction">
      {saved && <SavedNotice text={saved} />}
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary role="button" class="secondary outline">
          {summary}
        </summary>
        <Fragment key={caseView.version}>{children({ caseView, needsReason, save, done })}</Fragment>
      </details>
    </div>
  );
}

/** The reason of a correction, asked only when the rules want one; it goes to the history. */
export function ReasonField({ value, onInput, needed }: { value: string; onInput(value: string): void; needed: boolean }) {
  const { t } = useI18n();
  if (!needed) return null;
  return (
    <Field name={t.form.reason} hint={t.corrections.reasonNeeded} apiField="reason">
      {(id) => <textarea id={id} required rows={2} value={value} onInput={(e) => onInput(inputValue(e))} />}
    </Field>
  );
}

/** The reason in a correction's body, when one was written. */
export const withReason = (body: Record<string, unknown>, reason: string): Record<string, unknown> => (reason.trim() ? { ...body, reason: reason.trim() } : body);

/** The fields of `draft` that differ from `record`: what an amendment sends. */
export function changedFields(record: object, draft: object): Record<string, unknown> {
  const recorded = new Map(Object.entries(record));
  return Object.fromEntries(Object.entries(draft).filter(([key, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(recorded.get(key))));
}
