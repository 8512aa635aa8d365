import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import type { CaseView } from '../types';
import { Correction, ReasonField, withReason, type CorrectionFormProps } from './correction-form';
import { PlanItemsEditor, planItemsBody, type PlanItemDraft } from './plan-items';
import { ActionForm, Field, optionsOf, Select } from './ui';

/** Correcting the household plan: its goal, and its items (sent whole, as the plan replaces them). */
export function PlanCorrection({ caseView, onChanged }: { caseView: CaseView; onChanged(next: CaseView): void }) {
  const { t } = useI18n();
  return (
    <Correction caseView={caseView} action="amendPlan" summary={t.actions.amendPlan} onChanged={onChanged}>
      {(props) => <PlanForm {...props} />}
    </Correction>
  );
}

function PlanForm({ caseView, needsReason, save, done }: CorrectionFormProps) {
  const { t } = useI18n();
  const plan = caseView.plan;
  const recorded = (plan?.items ?? []).map((item): PlanItemDraft => ({ problemId: item.problemId ?? '', dimension: item.dimension, action: item.action, supportBy: item.supportBy, targetDate: item.targetDate ?? '' }));
  const [goal, setGoal] = useState<string>(plan?.goal ?? 'sufficient');
  const [items, setItems] = useState(recorded);
  const [reason, setReason] = useState('');
  const submit = () => {
    const itemsChanged = JSON.stringify(planItemsBody(items)) !== JSON.stringify(planItemsBody(recorded));
    const body = { ...(goal !== plan?.goal ? { goal } : {}), ...(itemsChanged ? { items: planItemsBody(items) } : {}) };
    const what = [goal !== plan?.goal && t.corrections.fields.goal, itemsChanged && t.corrections.planItems].filter((w): w is string => !!w);
    return save('amend-plan', withReason(body, reason), what);
  };
  return (
    <ActionForm label={t.save} submit={submit} onDone={done}>
      <Field name={t.form.goal} apiField="goal">
        {(id) => <Select id={id} value={goal} onChange={setGoal} options={optionsOf(t.goals)} />}
      </Field>
      <PlanItemsEditor caseView={caseView} items={items} onChange={setItems} />
      <ReasonField value={reason} onInput={setReason} needed={needsReason} />
    </ActionForm>
  );
}
