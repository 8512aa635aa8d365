import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api';
import { AreaPicker, type AreaCodes } from '../components/area-picker';
import { ConfirmDialog } from '../components/confirm';
import { ProblemFields, type ProblemDraft } from '../components/problem-fields';
import { PlanItemsEditor, planItemsBody, type PlanItemDraft } from '../components/plan-items';
import { ActionForm, AmountInput, Field, inputValue, optionsOf, SavedNotice, Select } from '../components/ui';
import { formatDate } from '../format';
import { label, useI18n } from '../i18n';
import { nameOf, useSession } from '../session';
import type { CaseAction, CaseView, Reference } from '../types';
import type { SyncAction } from '../../../domain/contract/sync';
import { submitFieldAction } from '../offline/outbox';
import { useOnline } from '../offline/hooks';

type Done = (next: CaseView) => void;
interface FormProps {
  caseView: CaseView;
  onDone: Done;
}

const post = (caseView: CaseView, path: string, body: object) => api.post<CaseView>(`/cases/${caseView.caseId}/${path}`, body);
/** A field action (verification, analysis, plan, relief, follow-up): kept in the outbox when there is no signal. */
function useFieldPost() {
  const { user } = useSession();
  return (caseView: CaseView, path: SyncAction, body: Record<string, unknown>) => submitFieldAction(caseView, path, body, user.userId);
}
const optional = (text: string) => (text.trim() ? text.trim() : undefined);

/**
 * The actions the signed-in role may take at the case's stage (the server's `allowedActions`),
 * each a form that runs the workflow update and shows its answer. The step the case is waiting
 * for is open.
 */
export function CaseActions({ caseView, onChanged }: { caseView: CaseView; onChanged: Done }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<CaseAction | null>(null);
  const actions = allowed(caseView);
  const primary = primaryAction(caseView, actions, saved);
  return (
    <section aria-labelledby="actions" class="actions">
      <h2 id="actions">{t.household.actions}</h2>
      {saved && <CaseSavedNotice action={saved} caseView={caseView} />}
      {actions.length === 0 && <p>{t.household.noActions}</p>}
      {actions.map((action) => {
        const Form = FORMS[action]!;
        return (
          <details key={`${action}-${caseView.version}`} open={action === primary} name="case-action" data-version={caseView.version}>
            <summary role="button" class={action === primary ? '' : 'secondary outline'}>
              {label(t.actions, action)}
            </summary>
            <Form caseView={caseView} onDone={(next) => (setSaved(action), onChanged(next))} />
          </details>
        );
      })}
    </section>
  );
}

const allowed = (caseView: CaseView): CaseAction[] => caseView.allowedActions.filter((a) => a in FORMS);

/**
 * What the last save recorded, and where the case goes from here: the next step's form is the
 * one open below (or, when the step is someone else's, the stage the case waits at). It takes the
 * focus, so a phone scrolls to it and a screen reader reads it.
 */
function CaseSavedNotice({ action, caseView }: { action: CaseAction; caseView: CaseView }) {
  const { t, lang } = useI18n();
  // Without signal the action waits on the phone: the notice says so.
  const online = useOnline();
  const step = caseView.stage === 'closed' ? undefined : stageStep(caseView);
  const next = step && step !== action && allowed(caseView).includes(step) ? step : undefined;
  // The same step again is the next follow-up visit, months away: its date, not a form to fill now.
  const again = step === action && caseView.dueAt;
  return (
    <SavedNotice text={label(t.flow.recorded, action)} focusKey={`${action}@${caseView.version}`}>
      {!online && (
        <>
          <br />
          {t.offline.savedOffline}
        </>
      )}
      <br />
      {next
        ? t.flow.next(label(t.actions, next))
        : again
          ? t.flow.nextVisit(formatDate(again, lang))
          : t.flow.nowAt(caseView.stage === 'districtAssignment' && caseView.assignmentLevel === 'province' ? t.caseAt.province : label(t.stages, caseView.stage))}
    </SavedNotice>
  );
}

/**
 * The step the case waits for at its stage, when the role may take it: verification, the analysis
 * and then the plan, assignment (also for a case the province sent back), the follow-up visit.
 * Relief, pausing and the rest stay one tap away, closed, also when the step is another role's.
 */
const STAGE_STEP: Record<string, CaseAction> = {
  verification: 'verifyTarget',
  analysis: 'recordAnalysis',
  districtAssignment: 'assignProblems',
  followUp: 'recordFollowUp',
  closed: 'reopenCase',
};

const stageStep = (caseView: CaseView): CaseAction | undefined => (caseView.stage === 'analysis' && caseView.analysis ? 'recordPlan' : STAGE_STEP[caseView.stage]);

/** The step's form, open; none when the step is someone else's or was just recorded (the next follow-up visit is months away). */
function primaryAction(caseView: CaseView, actions: CaseAction[], saved: CaseAction | null): CaseAction | undefined {
  const step = stageStep(caseView);
  return step && step !== saved && actions.includes(step) ? step : undefined;
}

function TextArea({ name, value: v, onInput, required = true }: { name: string; value: string; onInput(v: string): void; required?: boolean }) {
  return <Field name={name}>{(id) => <textarea id={id} required={required} rows={2} value={v} onInput={(e) => onInput(inputValue(e))} />}</Field>;
}

function VerifyForm({ caseView, onDone }: FormProps) {
  const fieldPost = useFieldPost();
  const { t } = useI18n();
  const [outcome, setOutcome] = useState('confirmed');
  const [note, setNote] = useState('');
  const [movedTo, setMovedTo] = useState<AreaCodes | null>(null);
  const body = () => ({ outcome, note: optional(note), ...(outcome === 'moved' && movedTo ? { movedTo } : {}) });
  return (
    <ActionForm label={t.save} submit={() => fieldPost(caseView, 'verify', body())} onDone={onDone}>
      <Field name={t.form.outcome}>{(id) => <Select id={id} value={outcome} onChange={setOutcome} options={optionsOf(t.verifyOutcomes)} />}</Field>
      {outcome === 'moved' && <AreaPicker initial={caseView} onChange={setMovedTo} />}
      <TextArea name={t.form.note} value={note} onInput={setNote} required={false} />
    </ActionForm>
  );
}

/** The failed TPMAP indicators, as the problems to start the analysis from. */
function problemsFromIndicators(caseView: CaseView, reference: Reference, lang: string): ProblemDraft[] {
  return caseView.failedIndicators.map((code) => {
    const indicator = reference.indicators.find((i) => i.code === code);
    return { dimension: indicator?.dimension ?? 'income', indicator: code, description: nameOf(reference.indicators, code, lang) };
  });
}

function AnalysisForm({ caseView, onDone }: FormProps) {
  const fieldPost = useFieldPost();
  const { t, lang } = useI18n();
  const { reference } = useSession();
  const [text, setText] = useState({ attitude: '', skills: '', resources: '', wayOut: '' });
  const [householdType, setHouseholdType] = useState('canDevelop');
  const [problems, setProblems] = useState<ProblemDraft[]>(() => problemsFromIndicators(caseView, reference, lang));
  const setProblem = (i: number, patch: Partial<ProblemDraft>) => setProblems(problems.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const [removing, setRemoving] = useState<number | null>(null);
  return (
    <ActionForm label={t.save} submit={() => fieldPost(caseView, 'analysis', { ...text, householdType, problems })} onDone={onDone}>
      <div class="grid-2">
        {(['attitude', 'skills', 'resources', 'wayOut'] as const).map((k) => (
          <TextArea key={k} name={t.form[k]} value={text[k]} onInput={(v) => setText({ ...text, [k]: v })} />
        ))}
      </div>
      <Field name={t.form.householdType}>{(id) => <Select id={id} value={householdType} onChange={setHouseholdType} options={optionsOf(t.householdTypes)} />}</Field>
      <fieldset>
        <legend>{t.household.problems}</legend>
        {problems.map((p, i) => (
          <div class="row-editor" key={i}>
            <ProblemFields problem={p} onChange={(patch) => setProblem(i, patch)} apiField={`problems[${i}]`} />
            <button type="button" class="secondary outline" onClick={() => setRemoving(i)}>
              {t.form.remove}
            </button>
          </div>
        ))}
        <ConfirmDialog
          open={removing !== null}
          text={t.flow.ask.removeProblem(removing === null ? '' : (problems[removing]?.description || problems[removing]?.indicator) ?? '')}
          confirmLabel={t.form.remove}
          onConfirm={() => (setProblems(problems.filter((_, j) => j !== removing)), setRemoving(null))}
          onCancel={() => setRemoving(null)}
        />
        <button type="button" class="secondary" onClick={() => setProblems([...problems, { dimension: 'income', indicator: 'I1', description: '' }])}>
          {t.form.addProblem}
        </button>
      </fieldset>
    </ActionForm>
  );
}

function PlanForm({ caseView, onDone }: FormProps) {
  const fieldPost = useFieldPost();
  const { t } = useI18n();
  const [goal, setGoal] = useState('sufficient');
  const [items, setItems] = useState<PlanItemDraft[]>(() => caseView.problems.map((p) => ({ problemId: p.id, dimension: p.dimension, action: '', supportBy: '', targetDate: '' })));
  return (
    <ActionForm label={t.save} submit={() => fieldPost(caseView, 'plan', { goal, items: planItemsBody(items) })} onDone={onDone}>
      <Field name={t.form.goal}>{(id) => <Select id={id} value={goal} onChange={setGoal} options={optionsOf(t.goals)} />}</Field>
      <PlanItemsEditor caseView={caseView} items={items} onChange={setItems} />
    </ActionForm>
  );
}

function ReliefForm({ caseView, onDone }: FormProps) {
  const fieldPost = useFieldPost();
  const { t } = useI18n();
  const [relief, setRelief] = useState({ kind: '', description: '', baht: '0', items: '1' });
  return (
    <ActionForm label={t.save} submit={() => fieldPost(caseView, 'relief', { ...relief, baht: Number(relief.baht), items: Number(relief.items) })} onDone={onDone}>
      <Field name={t.form.kind}>{(id) => <input id={id} required value={relief.kind} onInput={(e) => setRelief({ ...relief, kind: inputValue(e) })} />}</Field>
      <Field name={t.household.description}>{(id) => <input id={id} required value={relief.description} onInput={(e) => setRelief({ ...relief, description: inputValue(e) })} />}</Field>
      <div class="grid">
        <Field name={t.form.baht} apiField="baht">{(id) => <AmountInput id={id} unit="baht" value={relief.baht} onInput={(baht) => setRelief({ ...relief, baht })} />}</Field>
        <Field name={t.form.items} apiField="items">{(id) => <AmountInput id={id} unit="items" value={relief.items} onInput={(items) => setRelief({ ...relief, items })} />}</Field>
      </div>
    </ActionForm>
  );
}

/** One agency per open problem, the indicator's proposed lead agency chosen already. */
export function AgencyChoice({ dimension, proposed, agency, menuItem, onChange }: { dimension: string; proposed: string[]; agency: string; menuItem: string; onChange(agency: string, menuItem: string): void }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  const agencies = [...proposed.map((code) => reference.agencies.find((a) => a.code === code)).filter((a) => !!a), ...reference.agencies.filter((a) => !proposed.includes(a.code))];
  const menu = reference.menu.filter((m) => m.dimension === dimension);
  return (
    <div class="grid">
      <Field name={t.household.agency} hint={proposed.length ? `${t.form.proposed}: ${proposed.map((c) => nameOf(reference.agencies, c, lang)).join(', ')}` : undefined}>
        {(id) => <Select id={id} value={agency} onChange={(a) => onChange(a, menuItem)} options={agencies.map((a) => [a.code, nameOf(reference.agencies, a.code, lang)])} />}
      </Field>
      <Field name={t.form.menuItem}>{(id) => <Select id={id} value={menuItem} onChange={(m) => onChange(agency, m)} options={[['', '–'], ...menu.map((m): [string, string] => [m.code, nameOf(reference.menu, m.code, lang)])]} />}</Field>
    </div>
  );
}

export function proposedFor(reference: Reference, indicator: string): string[] {
  return reference.indicators.find((i) => i.code === indicator)?.proposedAgencyCodes ?? [];
}

function AssignForm({ caseView, onDone }: FormProps) {
  const { t } = useI18n();
  const { reference } = useSession();
  const open = caseView.problems.filter((p) => p.status === 'open');
  const [choices, setChoices] = useState(() => Object.fromEntries(open.map((p) => [p.id, { agency: proposedFor(reference, p.indicator)[0] ?? reference.agencies[0].code, menuItem: '' }])));
  const body = () => ({ assignments: open.map((p) => ({ problemId: p.id, agencyCode: choices[p.id].agency, ...(choices[p.id].menuItem ? { menuItem: choices[p.id].menuItem } : {}) })) });
  return (
    <ActionForm label={t.save} submit={() => post(caseView, 'assign', body())} onDone={onDone}>
      {open.map((p) => (
        <fieldset key={p.id}>
          <legend>
            [{label(t.dimensions, p.dimension)}] {p.indicator} {p.description}
          </legend>
          <AgencyChoice dimension={p.dimension} proposed={proposedFor(reference, p.indicator)} agency={choices[p.id].agency} menuItem={choices[p.id].menuItem} onChange={(agency, menuItem) => setChoices({ ...choices, [p.id]: { agency, menuItem } })} />
        </fieldset>
      ))}
    </ActionForm>
  );
}

function FollowUpForm({ caseView, onDone }: FormProps) {
  const fieldPost = useFieldPost();
  const { t } = useI18n();
  const followed = caseView.problems.filter((p) => p.status !== 'open' || p.lastOutcome);
  const [outcomes, setOutcomes] = useState<Record<string, string>>(() => Object.fromEntries(followed.map((p) => [p.id, p.status === 'solved' ? 'solved' : 'followingUp'])));
  const [note, setNote] = useState('');
  return (
    <ActionForm label={t.save} submit={() => fieldPost(caseView, 'follow-up', { results: followed.map((p) => ({ problemId: p.id, outcome: outcomes[p.id] })), note: optional(note) })} onDone={onDone}>
      {followed.map((p) => (
        <Field key={p.id} name={`[${label(t.dimensions, p.dimension)}] ${p.indicator} ${p.description}`}>
          {(id) => <Select id={id} value={outcomes[p.id]} onChange={(v) => setOutcomes({ ...outcomes, [p.id]: v })} options={optionsOf(t.followUpOutcomes)} />}
        </Field>
      ))}
      <TextArea name={t.form.note} value={note} onInput={setNote} required={false} />
    </ActionForm>
  );
}

/** An action that takes one text (reason, instructions) and nothing else. */
function textForm(path: string, field: 'reason' | 'instructions', ask?: (t: ReturnType<typeof useI18n>['t']) => string) {
  return function TextForm({ caseView, onDone }: FormProps) {
    const { t } = useI18n();
    const [text, setText] = useState('');
    return (
      <ActionForm label={t.save} submit={() => post(caseView, path, { [field]: text })} onDone={onDone} confirm={ask?.(t)}>
        <TextArea name={t.form[field]} value={text} onInput={setText} />
      </ActionForm>
    );
  };
}

/** An action with a coded reason and an optional note (pause, close). */
function reasonForm(path: string, reasons: (t: ReturnType<typeof useI18n>['t']) => Record<string, string>, codes: string[], ask?: (t: ReturnType<typeof useI18n>['t'], reason: string) => string) {
  return function ReasonForm({ caseView, onDone }: FormProps) {
    const { t } = useI18n();
    const [reason, setReason] = useState(codes[0]);
    const [note, setNote] = useState('');
    return (
      <ActionForm label={t.save} submit={() => post(caseView, path, { reason, note: optional(note) })} onDone={onDone} confirm={ask?.(t, label(reasons(t), reason))}>
        <Field name={t.form.reason}>{(id) => <Select id={id} value={reason} onChange={setReason} options={optionsOf(reasons(t), codes)} />}</Field>
        <TextArea name={t.form.note} value={note} onInput={setNote} required={false} />
      </ActionForm>
    );
  };
}

function ResumeForm({ caseView, onDone }: FormProps) {
  const { t } = useI18n();
  return <ActionForm label={t.actions.resumeCase} submit={() => post(caseView, 'resume', {})} onDone={onDone} />;
}

function TransferForm({ caseView, onDone }: FormProps) {
  const { t } = useI18n();
  const [to, setTo] = useState<AreaCodes>(caseView);
  const [note, setNote] = useState('');
  return (
    <ActionForm label={t.save} submit={() => post(caseView, 'transfer', { to: { provinceCode: to.provinceCode, districtCode: to.districtCode, subdistrictCode: to.subdistrictCode }, note: optional(note) })} onDone={onDone}>
      <AreaPicker initial={caseView} onChange={setTo} />
      <TextArea name={t.form.note} value={note} onInput={setNote} required={false} />
    </ActionForm>
  );
}

const FORMS: Partial<Record<CaseAction, (props: FormProps) => ComponentChildren>> = {
  verifyTarget: VerifyForm,
  recordAnalysis: AnalysisForm,
  recordPlan: PlanForm,
  assignProblems: AssignForm,
  recordFollowUp: FollowUpForm,
  giveRelief: ReliefForm,
  escalateCase: textForm('escalate', 'reason', (t) => t.flow.ask.escalateCase),
  returnToDistrict: textForm('return-to-district', 'instructions', (t) => t.flow.ask.returnToDistrict),
  pauseCase: reasonForm('pause', (t) => t.pauseReasons, ['householdAway', 'disaster', 'lockdown', 'budgetNotReleased', 'other']),
  resumeCase: ResumeForm,
  transferCase: TransferForm,
  closeCase: reasonForm('close', (t) => t.closeReasons, ['graduated', 'declinedHelp', 'notInArea', 'allDeceased', 'transferred'], (t, reason) => t.flow.ask.closeCase(reason)),
  reopenCase: textForm('reopen', 'reason'),
};
