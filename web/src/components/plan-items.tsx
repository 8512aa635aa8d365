import { todayIso } from '../format';
import { useI18n } from '../i18n';
import type { CaseView } from '../types';
import { ThaiDateInput } from './thai-date';
import { Field, inputValue, Select } from './ui';

/** A plan item as a form holds it (targetDate Gregorian YYYY-MM-DD, or '' for none). */
export interface PlanItemDraft {
  problemId: string;
  dimension: string;
  action: string;
  supportBy: string;
  targetDate: string;
}

/** The items as the plan's body carries them (the plan and its correction). */
export const planItemsBody = (items: PlanItemDraft[]) =>
  items.map((item) => ({ dimension: item.dimension, action: item.action, supportBy: item.supportBy, ...(item.problemId ? { problemId: item.problemId } : {}), ...(item.targetDate ? { targetDate: item.targetDate } : {}) }));

/** A target date already past (a plan being corrected months later) stays as it is: only a new date must be ahead. */
const pastKept = (targetDate: string): boolean => targetDate !== '' && targetDate < todayIso();

/** The plan's action items, each for a problem of the case (or none), with an add and a remove. */
export function PlanItemsEditor({ caseView, items, onChange }: { caseView: CaseView; items: PlanItemDraft[]; onChange(items: PlanItemDraft[]): void }) {
  const { t } = useI18n();
  const setItem = (i: number, patch: Partial<PlanItemDraft>) => onChange(items.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const problemOptions: Array<[string, string]> = [['', '–'], ...caseView.problems.map((p): [string, string] => [p.id, `${p.indicator} ${p.description}`])];
  return (
    <>
      {items.map((item, i) => (
        <fieldset class="row-editor" key={i}>
          <legend>
            {t.form.action} {i + 1}
          </legend>
          <Field name={t.form.problem} apiField={`items[${i}].problemId`}>
            {(id) => <Select id={id} value={item.problemId} onChange={(v) => setItem(i, { problemId: v, dimension: caseView.problems.find((p) => p.id === v)?.dimension ?? item.dimension })} options={problemOptions} />}
          </Field>
          <Field name={t.form.action} apiField={`items[${i}].action`}>{(id) => <input id={id} required value={item.action} onInput={(e) => setItem(i, { action: inputValue(e) })} />}</Field>
          <Field name={t.form.supportBy} apiField={`items[${i}].supportBy`}>{(id) => <input id={id} required value={item.supportBy} onInput={(e) => setItem(i, { supportBy: inputValue(e) })} />}</Field>
          <Field name={t.form.targetDate} apiField={`items[${i}].targetDate`}>{(id) => <ThaiDateInput id={id} value={item.targetDate} min={pastKept(item.targetDate) ? undefined : todayIso()} onChange={(targetDate) => setItem(i, { targetDate })} />}</Field>
          <button type="button" class="secondary outline" onClick={() => onChange(items.filter((_, j) => j !== i))}>
            {t.form.remove}
          </button>
        </fieldset>
      ))}
      <button type="button" class="secondary" onClick={() => onChange([...items, { problemId: '', dimension: 'income', action: '', supportBy: '', targetDate: '' }])}>
        {t.form.addItem}
      </button>
    </>
  );
}
