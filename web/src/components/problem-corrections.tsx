import { useState } from 'preact/hooks';
import { label, useI18n } from '../i18n';
import type { CaseView } from '../types';
import { changedFields, Correction, ReasonField, withReason, type CorrectionFormProps } from './correction-form';
import { ProblemFields, type ProblemDraft } from './problem-fields';
import { ActionForm } from './ui';

/**
 * Correcting the household's problems: change the wording (and, while unassigned, the dimension
 * and indicator), add new ones (they wait for the district's assignment) and remove an unassigned
 * one recorded by mistake; a save that removes asks once, naming what goes.
 */
export function ProblemCorrections({ caseView, onChanged }: { caseView: CaseView; onChanged(next: CaseView): void }) {
  const { t } = useI18n();
  return (
    <Correction caseView={caseView} action="amendProblems" summary={t.actions.amendProblems} onChanged={onChanged}>
      {(props) => <ProblemsForm {...props} />}
    </Correction>
  );
}

type Problem = CaseView['problems'][number];
interface Row {
  problem: Problem;
  draft: ProblemDraft;
  removed: boolean;
}

const draftOf = ({ dimension, indicator, description }: ProblemDraft): ProblemDraft => ({ dimension, indicator, description });
const removable = (p: Problem) => p.status === 'open' && p.taskId === null;

/** The body of amend-problems from the rows: what was removed, changed and added. */
function problemsBody(rows: Row[], added: ProblemDraft[]) {
  const remove = rows.filter((r) => r.removed).map((r) => r.problem.id);
  const change = rows.filter((r) => !r.removed).flatMap((r) => {
    const changes = changedFields(draftOf(r.problem), r.draft);
    return Object.keys(changes).length ? [{ problemId: r.problem.id, ...changes }] : [];
  });
  return { ...(remove.length ? { remove } : {}), ...(change.length ? { change } : {}), ...(added.length ? { add: added } : {}) };
}

function ProblemsForm({ caseView, needsReason, save, done }: CorrectionFormProps) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[]>(() => caseView.problems.map((problem) => ({ problem, draft: draftOf(problem), removed: false })));
  const [added, setAdded] = useState<ProblemDraft[]>([]);
  const [reason, setReason] = useState('');
  const setRow = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const body = problemsBody(rows, added);
  const changeIndex = (id: string) => body.change?.findIndex((c) => c.problemId === id) ?? -1;
  const removing = rows.filter((r) => r.removed).map((r) => r.problem.description);
  const submit = () => {
    const what = [body.remove && t.corrections.problemRemoved, body.change && t.corrections.problemChanged, body.add && t.corrections.problemAdded].filter((w): w is string => !!w);
    return save('amend-problems', withReason(body, reason), what);
  };
  return (
    <ActionForm label={t.save} submit={submit} onDone={done} confirm={removing.length ? t.flow.ask.removeProblem(removing.join('", "')) : undefined}>
      {rows.map((row, i) => (
        <fieldset class="row-editor" key={row.problem.id}>
          <legend>
            {label(t.dimensions, row.problem.dimension)} · {row.problem.indicator} <span class={`badge problem-${row.problem.status}`}>{label(t.problemStatus, row.problem.status)}</span>
          </legend>
          {row.removed ? (
            <p>
              <s>{row.problem.description}</s> <small>{t.corrections.toBeRemoved}</small>
            </p>
          ) : (
            <ProblemFields problem={row.draft} locked={row.problem.status !== 'open'} onChange={(patch) => setRow(i, { draft: { ...row.draft, ...patch } })} apiField={changeIndex(row.problem.id) >= 0 ? `change[${changeIndex(row.problem.id)}]` : undefined} />
          )}
          {row.problem.status !== 'open' && <small>{t.corrections.assignedWording}</small>}
          {removable(row.problem) && (
            <button type="button" class="secondary outline" onClick={() => setRow(i, { removed: !row.removed })}>
              {row.removed ? t.corrections.keepProblem : t.form.remove}
            </button>
          )}
        </fieldset>
      ))}
      {added.map((p, i) => (
        <fieldset class="row-editor" key={`new${i}`}>
          <legend>{t.corrections.newProblem(i + 1)}</legend>
          <ProblemFields problem={p} onChange={(patch) => setAdded(added.map((a, j) => (j === i ? { ...a, ...patch } : a)))} apiField={`add[${i}]`} />
          <small>{t.corrections.newProblemWaits}</small>
          <button type="button" class="secondary outline" onClick={() => setAdded(added.filter((_, j) => j !== i))}>
            {t.form.remove}
          </button>
        </fieldset>
      ))}
      <button type="button" class="secondary" onClick={() => setAdded([...added, { dimension: 'income', indicator: 'I1', description: '' }])}>
        {t.form.addProblem}
      </button>
      <ReasonField value={reason} onInput={setReason} needed={needsReason} />
    </ActionForm>
  );
}
