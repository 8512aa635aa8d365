import { useI18n } from '../i18n';
import { nameOf, useSession } from '../session';
import { Field, inputValue, optionsOf, Select } from './ui';

/** A problem as a form holds it. */
export interface ProblemDraft {
  dimension: string;
  indicator: string;
  description: string;
}

/** The indicators of a dimension: TPMAP's, then จปฐ.'s, in the user's language. */
export function useIndicatorOptions(): (dimension: string) => Array<[string, string]> {
  const { lang } = useI18n();
  const { reference } = useSession();
  return (dimension) => [
    ...reference.indicators.filter((i) => i.dimension === dimension).map((i): [string, string] => [i.code, `${i.code} ${nameOf(reference.indicators, i.code, lang)}`]),
    ...reference.jptIndicators.filter((i) => i.dimension === dimension).map((i): [string, string] => [i.code, `จปฐ. ${i.code.slice(4)} ${nameOf(reference.jptIndicators, i.code, lang)}`]),
  ];
}

/**
 * The dimension, indicator and description of one problem, in the analysis and in its correction.
 * `locked`: an assigned problem's indicator is the agency's brief, so only its wording changes.
 * `apiField` is where the server names this problem in a refusal ("problems[0]", "change[1]").
 */
export function ProblemFields({ problem, onChange, locked, apiField }: { problem: ProblemDraft; onChange(patch: Partial<ProblemDraft>): void; locked?: boolean; apiField?: string }) {
  const { t } = useI18n();
  const indicatorOptions = useIndicatorOptions();
  const at = (field: string) => (apiField === undefined ? undefined : `${apiField}.${field}`);
  return (
    <>
      <Field name={t.form.dimension} apiField={at('dimension')}>
        {(id) => <Select id={id} value={problem.dimension} disabled={locked} onChange={(d) => onChange({ dimension: d, indicator: indicatorOptions(d)[0]?.[0] ?? '' })} options={optionsOf(t.dimensions)} />}
      </Field>
      <Field name={t.household.indicator} apiField={at('indicator')}>
        {(id) => <Select id={id} value={problem.indicator} disabled={locked} onChange={(v) => onChange({ indicator: v })} options={indicatorOptions(problem.dimension)} />}
      </Field>
      <Field name={t.household.description} apiField={at('description')}>
        {(id) => <input id={id} required value={problem.description} onInput={(e) => onChange({ description: inputValue(e) })} />}
      </Field>
    </>
  );
}
