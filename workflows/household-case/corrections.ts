import { correctionRefusal, type CorrectionAction, type CorrectionSubject } from '../correction-rules';
import { correctionDaysOf } from '../policy';
import { PLAN_GOALS } from '../../domain/vocabulary';
import { requireAmount } from '../plausibility';
import { excerpt, raise, reject, requireList, requireOneOf, requireText } from '../rejections';
import type * as M from './messages';
import { checkAllowed, stageAllows, type CaseAction } from './rules';
import { nextId, recordEvent, settleStage } from './state';
import { checkPlanItems, type Effect } from './transitions';
import { DIMENSIONS, type CaseState, type CorrectionDetail, type Problem } from './types';

/**
 * Corrections of what was recorded on the case: amend or void a relief entry, amend the 4ท
 * analysis, the problems, the plan and a member. Nothing is deleted: a voided relief stays in the
 * state, struck through, and every correction is a `corrected` timeline event with who, when, why,
 * and the fields before and after. The read model and the reports recompute from the state.
 */
const none: Effect[] = [];

function checkCorrection(state: CaseState, action: Extract<CorrectionAction, CaseAction>, input: { actor: M.AmendReliefInput['actor']; reason?: string }, subject: CorrectionSubject | null, now: string, free?: boolean): void {
  if (input.reason !== undefined) requireText(input.reason, 'reason');
  const refused = correctionRefusal({ action, actor: input.actor, subject, reason: input.reason, now, windowDays: correctionDaysOf(state.policy), ...(free === undefined ? {} : { stageAllows: free }) });
  if (refused) raise(refused);
}

/** The fields an amendment names that differ from the record, as before and after. */
function diff<T extends object>(record: T, changes: Partial<T>): { before: Partial<T>; after: Partial<T> } {
  const before: Partial<T> = {};
  const after: Partial<T> = {};
  for (const key of Object.keys(changes) as Array<keyof T>) {
    if (changes[key] === undefined || JSON.stringify(changes[key]) === JSON.stringify(record[key])) continue;
    before[key] = record[key];
    after[key] = changes[key];
  }
  return { before, after };
}

function requireChange(after: object): void {
  if (Object.keys(after).length === 0) reject('input', 'NOTHING_TO_CHANGE', 'the correction changes nothing', 'body');
}

function corrected(state: CaseState, by: string, now: string, detail: CorrectionDetail): void {
  state.lastProgressAt = now;
  recordEvent(state, 'corrected', by, now, { ...detail });
}

const reasonOf = (reason: string | undefined) => (reason ? { reason } : {});

// ---- relief ----

function reliefAt(state: CaseState, reliefNo: number) {
  const relief = Number.isInteger(reliefNo) ? state.reliefs[reliefNo - 1] : undefined;
  if (!relief) reject('input', 'UNKNOWN_ENTRY', `reliefNo: no relief ${excerpt(reliefNo)} in this case`, 'reliefNo');
  if (relief.voided) reject('stage', 'ALREADY_VOIDED', `relief ${reliefNo} was voided`, 'reliefNo');
  return relief;
}

const reliefChanges = (input: M.AmendReliefInput) => ({ kind: input.kind, description: input.description, baht: input.baht, items: input.items });

export function validateAmendRelief(state: CaseState, input: M.AmendReliefInput, now: string): void {
  checkAllowed(state, 'amendRelief', input.actor);
  const relief = reliefAt(state, input.reliefNo);
  checkCorrection(state, 'amendRelief', input, { by: relief.by, at: relief.at }, now);
  if (input.kind !== undefined) requireText(input.kind, 'kind');
  if (input.description !== undefined) requireText(input.description, 'description');
  if (input.baht !== undefined) requireAmount(input.baht, 'baht', 'baht');
  if (input.items !== undefined) requireAmount(input.items, 'items', 'items');
  requireChange(diff(relief, reliefChanges(input)).after);
}

export function applyAmendRelief(state: CaseState, input: M.AmendReliefInput, now: string): Effect[] {
  const relief = state.reliefs[input.reliefNo - 1];
  const { before, after } = diff(relief, reliefChanges(input));
  Object.assign(relief, after);
  corrected(state, input.actor.userId, now, { item: 'relief', ref: String(input.reliefNo), change: 'amend', ...reasonOf(input.reason), before, after });
  return none;
}

export function validateVoidRelief(state: CaseState, input: M.VoidReliefInput, now: string): void {
  checkAllowed(state, 'voidRelief', input.actor);
  const relief = reliefAt(state, input.reliefNo);
  checkCorrection(state, 'voidRelief', input, { by: relief.by, at: relief.at }, now);
}

export function applyVoidRelief(state: CaseState, input: M.VoidReliefInput, now: string): Effect[] {
  const relief = state.reliefs[input.reliefNo - 1];
  relief.voided = { at: now, by: input.actor.userId, reason: input.reason };
  const { kind, description, baht, items } = relief;
  corrected(state, input.actor.userId, now, { item: 'relief', ref: String(input.reliefNo), change: 'void', reason: input.reason, before: { kind, description, baht, items }, after: {} });
  return none;
}

// ---- the 4ท analysis ----

const analysisChanges = (input: M.AmendAnalysisInput) => ({ attitude: input.attitude, skills: input.skills, resources: input.resources, wayOut: input.wayOut, householdType: input.householdType });

export function validateAmendAnalysis(state: CaseState, input: M.AmendAnalysisInput, now: string): void {
  checkAllowed(state, 'amendAnalysis', input.actor);
  const analysis = state.analysis!;
  checkCorrection(state, 'amendAnalysis', input, { by: analysis.by, at: analysis.recordedAt }, now, stageAllows(state));
  for (const field of ['attitude', 'skills', 'resources', 'wayOut'] as const) if (input[field] !== undefined) requireText(input[field], field);
  if (input.householdType !== undefined && input.householdType !== 'canDevelop' && input.householdType !== 'welfare') {
    reject('input', 'INVALID_VALUE', 'householdType: a household that declines help is closed, not corrected', 'householdType');
  }
  requireChange(diff(analysis, analysisChanges(input)).after);
}

export function applyAmendAnalysis(state: CaseState, input: M.AmendAnalysisInput, now: string): Effect[] {
  const analysis = state.analysis!;
  const { before, after } = diff(analysis, analysisChanges(input));
  Object.assign(analysis, after);
  if (after.householdType) {
    state.householdType = after.householdType;
    state.track = after.householdType === 'welfare' ? 'welfare' : 'development';
  }
  corrected(state, input.actor.userId, now, { item: 'analysis', change: 'amend', ...reasonOf(input.reason), before, after });
  return none;
}

// ---- the problems ----

export function validateAmendProblems(state: CaseState, input: M.AmendProblemsInput, now: string): void {
  checkAllowed(state, 'amendProblems', input.actor);
  const analysis = state.analysis!;
  checkCorrection(state, 'amendProblems', input, { by: analysis.by, at: analysis.recordedAt }, now, stageAllows(state));
  const add = input.add ?? [];
  const change = input.change ?? [];
  const remove = input.remove ?? [];
  requireList(add, 'add', 40);
  requireList(change, 'change', 40);
  requireList(remove, 'remove', 40);
  if (add.length + change.length + remove.length === 0) reject('input', 'NOTHING_TO_CHANGE', 'add, change or remove at least one problem', 'body');
  add.forEach((p, i) => {
    if (!DIMENSIONS.includes(p.dimension)) reject('input', 'INVALID_VALUE', `add[${i}].dimension is not a dimension`, `add[${i}].dimension`);
    requireText(p.indicator, `add[${i}].indicator`);
    requireText(p.description, `add[${i}].description`);
  });
  const problemOf = (id: string, field: string): Problem => {
    const problem = state.problems.find((p) => p.id === id);
    if (!problem) reject('input', 'UNKNOWN_PROBLEM', `${field}: no problem ${excerpt(id)} in this case`, field);
    return problem;
  };
  change.forEach((c, i) => {
    const problem = problemOf(c.problemId, `change[${i}].problemId`);
    // An assigned problem's indicator is the agency's brief: only its wording may be corrected.
    if ((c.dimension !== undefined || c.indicator !== undefined) && problem.status !== 'open') {
      reject('input', 'PROBLEM_NOT_OPEN', `change[${i}]: problem ${problem.id} is ${problem.status}; only its description may change`, `change[${i}].problemId`);
    }
    if (c.description !== undefined) requireText(c.description, `change[${i}].description`);
  });
  remove.forEach((id, i) => {
    const problem = problemOf(id, `remove[${i}]`);
    if (problem.status !== 'open' || problem.taskId !== null) reject('input', 'PROBLEM_NOT_OPEN', `remove[${i}]: problem ${problem.id} has been assigned; it is followed up, not removed`, `remove[${i}]`);
  });
  if (state.problems.length - new Set(remove).size + add.length === 0) reject('input', 'LAST_PROBLEM', 'the household keeps at least one problem', 'remove');
}

/** New problems wait for assignment: a case past it goes back to district assignment (settleStage). */
export function applyAmendProblems(state: CaseState, input: M.AmendProblemsInput, now: string): Effect[] {
  const removed = new Set(input.remove ?? []);
  const before = state.problems.filter((p) => removed.has(p.id) || (input.change ?? []).some((c) => c.problemId === p.id)).map(({ id, dimension, indicator, description }) => ({ id, dimension, indicator, description }));
  state.problems = state.problems.filter((p) => !removed.has(p.id));
  if (state.plan) for (const item of state.plan.items) if (item.problemId && removed.has(item.problemId)) delete item.problemId;
  for (const c of input.change ?? []) {
    const problem = state.problems.find((p) => p.id === c.problemId)!;
    Object.assign(problem, diff(problem, { dimension: c.dimension, indicator: c.indicator, description: c.description }).after);
  }
  const added = (input.add ?? []).map((p): Problem => ({ id: nextId(state, 'p'), dimension: p.dimension, indicator: p.indicator, description: p.description, status: 'open', lastOutcome: null, taskId: null }));
  state.problems.push(...added);
  const after = {
    ...(added.length ? { added: added.map(({ id, dimension, indicator, description }) => ({ id, dimension, indicator, description })) } : {}),
    ...(input.change?.length ? { changed: state.problems.filter((p) => input.change!.some((c) => c.problemId === p.id)).map(({ id, dimension, indicator, description }) => ({ id, dimension, indicator, description })) } : {}),
    ...(removed.size ? { removed: [...removed] } : {}),
  };
  corrected(state, input.actor.userId, now, { item: 'problems', change: 'amend', ...reasonOf(input.reason), before: { problems: before }, after });
  settleStage(state, now);
  return none;
}

// ---- the plan ----

export function validateAmendPlan(state: CaseState, input: M.AmendPlanInput, now: string): void {
  checkAllowed(state, 'amendPlan', input.actor);
  const plan = state.plan!;
  checkCorrection(state, 'amendPlan', input, { by: plan.by, at: plan.recordedAt }, now, stageAllows(state));
  if (input.goal === undefined && input.items === undefined) reject('input', 'NOTHING_TO_CHANGE', 'amend the goal or the items', 'body');
  if (input.goal !== undefined) requireOneOf(input.goal, PLAN_GOALS, 'goal');
  if (input.items !== undefined) checkPlanItems(state, input.items);
}

export function applyAmendPlan(state: CaseState, input: M.AmendPlanInput, now: string): Effect[] {
  const plan = state.plan!;
  const before = { goal: plan.goal, items: plan.items.map(({ id, dimension, action, supportBy }) => ({ id, dimension, action, supportBy })) };
  if (input.goal) plan.goal = input.goal;
  if (input.items) {
    plan.items = input.items.map((item) => ({
      id: nextId(state, 'i'),
      dimension: item.dimension,
      problemId: item.problemId ?? (item.problemIndex !== undefined ? state.problems[item.problemIndex].id : undefined),
      action: item.action,
      supportBy: item.supportBy,
      ...(item.targetDate ? { targetDate: item.targetDate } : {}),
    }));
  }
  const after = { goal: plan.goal, items: plan.items.map(({ id, dimension, action, supportBy }) => ({ id, dimension, action, supportBy })) };
  corrected(state, input.actor.userId, now, { item: 'plan', change: 'amend', ...reasonOf(input.reason), before, after });
  return none;
}

export { validateAmendMember, applyAmendMember } from './member-corrections';

/** A task's activity was corrected: the case's timeline keeps it (a signal: a malformed one is dropped). */
export function applyActivityCorrected(state: CaseState, signal: M.ActivityCorrectedSignal): Effect[] {
  const detail = signal?.detail;
  if (!detail || typeof detail !== 'object' || detail.item !== 'activity' || typeof signal.at !== 'string' || typeof signal.by !== 'string') return none;
  recordEvent(state, 'corrected', signal.by, signal.at, { ...detail });
  return none;
}
