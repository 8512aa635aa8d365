import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import type { CaseView } from '../types';
import { changedFields, Correction, ReasonField, withReason, type CorrectionFormProps } from './correction-form';
import { ActionForm, Field, inputValue, optionsOf, Select } from './ui';

/** Correcting the 4ท analysis: the four answers and the household type (declining help is a closure, not a correction). */
export function AnalysisCorrection({ caseView, onChanged }: { caseView: CaseView; onChanged(next: CaseView): void }) {
  const { t } = useI18n();
  return (
    <Correction caseView={caseView} action="amendAnalysis" summary={t.actions.amendAnalysis} onChanged={onChanged}>
      {(props) => <AnalysisForm {...props} />}
    </Correction>
  );
}

const TEXTS = ['attitude', 'skills', 'resources', 'wayOut'] as const;

function AnalysisForm({ caseView, needsReason, save, done }: CorrectionFormProps) {
  const { t } = useI18n();
  const analysis = caseView.analysis;
  const [draft, setDraft] = useState<Record<(typeof TEXTS)[number] | 'householdType', string>>({ attitude: analysis?.attitude ?? '', skills: analysis?.skills ?? '', resources: analysis?.resources ?? '', wayOut: analysis?.wayOut ?? '', householdType: analysis?.householdType ?? 'canDevelop' });
  const [reason, setReason] = useState('');
  const submit = () => {
    const changes = changedFields(analysis ?? {}, draft);
    return save('amend-analysis', withReason(changes, reason), Object.keys(changes).map((k) => t.corrections.fields[k] ?? k));
  };
  return (
    <ActionForm label={t.save} submit={submit} onDone={done}>
      {TEXTS.map((k) => (
        <Field key={k} name={t.form[k]} apiField={k}>
          {(id) => <textarea id={id} required rows={2} value={draft[k]} onInput={(e) => setDraft({ ...draft, [k]: inputValue(e) })} />}
        </Field>
      ))}
      <Field name={t.form.householdType} apiField="householdType">
        {(id) => <Select id={id} value={draft.householdType} onChange={(householdType) => setDraft({ ...draft, householdType })} options={optionsOf(t.householdTypes, ['canDevelop', 'welfare'])} />}
      </Field>
      <ReasonField value={reason} onInput={setReason} needed={needsReason} />
    </ActionForm>
  );
}
