import type { AssistanceTaskInput } from '../assistance-task/types';
import { taskWorkflowId } from '../assistance-task/messages';
import { CLOSURE_REASONS, FOLLOW_UP_OUTCOMES, HAND_CLOSURE_REASONS, HOUSEHOLD_TYPES, PAUSE_REASONS, PLAN_GOALS, VERIFICATION_OUTCOMES } from '../../domain/vocabulary';
import type * as M from './messages';
import { addDays } from './deadlines';
import { requireAmount } from '../plausibility';
import { excerpt, reject, requireArea, requireDate, requireList, requireOneOf, requireText, optionalText, optionalInstant, deviceTime } from '../rejections';
import { checkAllowed } from './rules';
import { enterStage, extendFollowUps, nextId, nextVisit, recordEvent, refreshEscalated, setDue, settleStage, shiftDates } from './state';
import { DIMENSIONS, type CaseState, type ClosureReason, type Problem, type TaskRef } from './types';

/**
 * One function per caseworker action and event: `validate*` checks without changing anything
 * (update validators), `apply*` changes the state and returns the effects the workflow must carry
 * out on other workflows (start, pause, resume or cancel assistance tasks).
 *
 * Longer than 300 lines on purpose: this is the case's whole state machine, and each validate/apply
 * pair reads best beside the others it must agree with (rules.ts holds who may do what). Splitting
 * it would also move code that recorded workflow histories replay (test/workflows) for no gain.
 */
export type Effect =
  | { type: 'startTask'; task: AssistanceTaskInput }
  | { type: 'cancelTasks'; taskIds: string[]; reason: string }
  | { type: 'pauseTasks'; taskIds: string[] }
  | { type: 'resumeTasks'; taskIds: string[] };

const none: Effect[] = [];

/**
 * The values each input may take. The API's schemas say the same; the validators check again
 * because whatever passes `validate*` must be something `apply*` can take without throwing or
 * leaving the state inconsistent (a failing workflow task retries forever and jams the case).
 */
const OUTCOMES = VERIFICATION_OUTCOMES;
/** By hand; a merge closes through verification. */
const HAND_CLOSURES: ReadonlySet<string> = new Set(HAND_CLOSURE_REASONS);
const MAX_PROBLEMS = 40;
const MAX_PLAN_ITEMS = 60;

const sameArea = (state: CaseState, to: { districtCode: string; subdistrictCode: string }): boolean =>
  to.districtCode === state.household.districtCode && to.subdistrictCode === state.household.subdistrictCode;
const openTaskIds = (state: CaseState): string[] => state.tasks.filter((t) => t.status === 'open').map((t) => t.taskId);

// ---- verification ----

export function validateVerify(state: CaseState, input: M.VerifyTargetInput): void {
  checkAllowed(state, 'verifyTarget', input.actor);
  requireOneOf(input.outcome, OUTCOMES, 'outcome');
  optionalText(input.note, 'note');
  if (input.outcome === 'moved') {
    if (!input.movedTo) reject('input', 'REQUIRED', 'movedTo is required when the household moved', 'movedTo');
    requireArea(input.movedTo, 'movedTo');
    if (sameArea(state, input.movedTo)) reject('input', 'SAME_AREA', 'movedTo: the household already lives there', 'movedTo');
  }
  if (input.outcome === 'duplicate') {
    if (!input.duplicateOf) reject('input', 'REQUIRED', 'duplicateOf is required for a duplicate', 'duplicateOf');
    requireText(input.duplicateOf, 'duplicateOf');
    if (input.duplicateOf === state.caseId) reject('input', 'SAME_CASE', 'duplicateOf must be another case', 'duplicateOf');
  }
}

export function applyVerify(state: CaseState, input: M.VerifyTargetInput, now: string): Effect[] {
  const by = input.actor.userId;
  state.verification = { outcome: input.outcome, at: now, by, ...(input.note ? { note: input.note } : {}) };
  recordEvent(state, 'verified', by, now, { outcome: input.outcome, ...(input.note ? { note: input.note } : {}) });
  switch (input.outcome) {
    case 'confirmed':
      enterStage(state, 'analysis', now);
      return none;
    case 'moved':
      // The household is followed where it lives now: the new district verifies it again.
      return applyTransfer(state, { actor: input.actor, to: input.movedTo!, note: input.note }, now);
    case 'duplicate':
      return close(state, 'merged', by, now, input.note, input.duplicateOf);
    default:
      return close(state, input.outcome, by, now, input.note);
  }
}

// ---- analysis and plan ----

export function validateAnalysis(state: CaseState, input: M.RecordAnalysisInput): void {
  checkAllowed(state, 'recordAnalysis', input.actor);
  for (const [field, value] of Object.entries({ attitude: input.attitude, skills: input.skills, resources: input.resources, wayOut: input.wayOut })) {
    requireText(value, field);
  }
  requireOneOf(input.householdType, HOUSEHOLD_TYPES, 'householdType');
  requireList(input.problems, 'problems', MAX_PROBLEMS);
  if (input.householdType !== 'declines' && input.problems.length === 0) reject('input', 'REQUIRED', 'problems: record at least one problem (or classify the household as declining help)', 'problems');
  input.problems.forEach((p, i) => {
    if (!p || typeof p !== 'object') reject('input', 'REQUIRED', `problems[${i}] is required`, `problems[${i}]`);
    requireOneOf(p.dimension, DIMENSIONS, `problems[${i}].dimension`);
    requireText(p.indicator, `problems[${i}].indicator`);
    requireText(p.description, `problems[${i}].description`);
  });
}

export function applyAnalysis(state: CaseState, input: M.RecordAnalysisInput, now: string): Effect[] {
  const by = input.actor.userId;
  const { attitude, skills, resources, wayOut, householdType } = input;
  state.analysis = { attitude, skills, resources, wayOut, householdType, recordedAt: now, by };
  state.householdType = householdType;
  state.track = householdType === 'welfare' ? 'welfare' : 'development';
  // A second analysis (before the plan) replaces the first one's problems.
  state.problems = input.problems.map(
    (p): Problem => ({ id: nextId(state, 'p'), dimension: p.dimension, indicator: p.indicator, description: p.description, status: 'open', lastOutcome: null, taskId: null }),
  );
  state.exemption = exemptionOf(state);
  state.lastProgressAt = now;
  recordEvent(state, 'analysisRecorded', by, now, { householdType, problems: state.problems.length });
  if (householdType === 'declines') return close(state, 'declinedHelp', by, now);
  return none;
}

/**
 * Left out of the pass rate (docs/PROGRAM.md, "Exemptions from the pass rate"): failing only the newborn-weight indicator, or
 * failing income with disabled or elderly members who cannot develop (the welfare track).
 */
function exemptionOf(state: CaseState): CaseState['exemption'] {
  const failed = state.household.failedIndicators;
  if (failed.length > 0 && failed.every((code) => code === 'H1')) return 'newbornWeightOnly';
  const failsIncome = failed.some((code) => code.startsWith('I')) || state.problems.some((p) => p.dimension === 'income');
  const thisYear = new Date(state.stageEnteredAt).getUTCFullYear();
  const dependentOnly = state.household.members.length > 0 && state.household.members.every((m) => m.disabled || (m.birthYear !== undefined && thisYear - m.birthYear >= 60));
  if (state.track === 'welfare' && failsIncome && dependentOnly) return 'longTermWelfare';
  return null;
}

export function validatePlan(state: CaseState, input: M.RecordPlanInput): void {
  checkAllowed(state, 'recordPlan', input.actor);
  requireOneOf(input.goal, PLAN_GOALS, 'goal');
  checkPlanItems(state, input.items);
}

/** The plan's action items, as recorded or as a correction replaces them. */
export function checkPlanItems(state: CaseState, items: M.RecordPlanInput['items']): void {
  requireList(items, 'items', MAX_PLAN_ITEMS);
  if (items.length === 0) reject('input', 'REQUIRED', 'items: the plan needs at least one action item', 'items');
  items.forEach((item, i) => {
    if (!item || typeof item !== 'object') reject('input', 'REQUIRED', `items[${i}] is required`, `items[${i}]`);
    requireOneOf(item.dimension, DIMENSIONS, `items[${i}].dimension`);
    requireText(item.action, `items[${i}].action`);
    requireText(item.supportBy, `items[${i}].supportBy`);
    requireDate(item.targetDate, `items[${i}].targetDate`, true);
    if (item.problemId !== undefined && !state.problems.some((p) => p.id === item.problemId)) {
      reject('input', 'UNKNOWN_PROBLEM', `items[${i}].problemId: no problem ${excerpt(item.problemId)} in this case`, `items[${i}].problemId`);
    }
    if (item.problemIndex !== undefined && !(Number.isInteger(item.problemIndex) && state.problems[item.problemIndex])) {
      reject('input', 'UNKNOWN_PROBLEM', `items[${i}].problemIndex: no problem at ${excerpt(item.problemIndex)}`, `items[${i}].problemIndex`);
    }
  });
}

export function applyPlan(state: CaseState, input: M.RecordPlanInput, now: string): Effect[] {
  const by = input.actor.userId;
  state.plan = {
    goal: input.goal,
    recordedAt: now,
    by,
    items: input.items.map((item) => ({
      id: nextId(state, 'i'),
      dimension: item.dimension,
      problemId: item.problemId ?? (item.problemIndex !== undefined ? state.problems[item.problemIndex].id : undefined),
      action: item.action,
      supportBy: item.supportBy,
      ...(item.targetDate ? { targetDate: item.targetDate } : {}),
    })),
  };
  recordEvent(state, 'planRecorded', by, now, { goal: input.goal, items: state.plan.items.length });
  enterStage(state, 'districtAssignment', now);
  return none;
}

export function validateRelief(state: CaseState, input: M.GiveReliefInput): void {
  checkAllowed(state, 'giveRelief', input.actor);
  requireText(input.kind, 'kind');
  requireText(input.description, 'description');
  requireAmount(input.baht, 'baht', 'baht');
  requireAmount(input.items, 'items', 'items');
}

export function applyRelief(state: CaseState, input: M.GiveReliefInput, now: string): Effect[] {
  const by = input.actor.userId;
  state.reliefs.push({ at: now, kind: input.kind, description: input.description, baht: input.baht, items: input.items, by });
  recordEvent(state, 'reliefGiven', by, now, { kind: input.kind, baht: input.baht, items: input.items });
  return none;
}

// ---- district assignment and escalation ----

/**
 * What an assigned task starts with. The case's projection publishes the same opening, so a task
 * is readable as soon as the assignment answers, before its own workflow has run a task.
 */
export function assistanceTaskInput(state: CaseState, ref: TaskRef, assignedBy: string): AssistanceTaskInput {
  const h = state.household;
  const problem = state.problems.find((p) => p.id === ref.problemId)!;
  return {
    taskId: ref.taskId,
    caseId: state.caseId,
    householdId: h.householdId,
    provinceCode: h.provinceCode,
    districtCode: h.districtCode,
    subdistrictCode: h.subdistrictCode,
    problem: { id: problem.id, dimension: problem.dimension, indicator: problem.indicator, description: problem.description },
    agencyCode: ref.agencyCode,
    ...(ref.menuItem ? { menuItem: ref.menuItem } : {}),
    level: ref.level,
    assignedAt: ref.assignedAt,
    assignedBy,
    caseOpenedAt: state.openedAt,
    dueAt: ref.dueAt,
    timers: { reminderDaysBefore: state.policy.reminderDaysBefore, reescalateAfterDays: state.policy.reescalateAfterDays, ...(state.policy.correctionDays !== undefined ? { correctionDays: state.policy.correctionDays } : {}) },
  };
}

export function validateAssign(state: CaseState, input: M.AssignProblemsInput): void {
  checkAllowed(state, 'assignProblems', input.actor);
  requireList(input.assignments, 'assignments', MAX_PROBLEMS);
  if (input.assignments.length === 0) reject('input', 'REQUIRED', 'assignments: assign at least one problem', 'assignments');
  optionalText(input.meetingId, 'meetingId');
  const seen = new Set<string>();
  input.assignments.forEach((a, i) => {
    const field = `assignments[${i}]`;
    if (!a || typeof a !== 'object') reject('input', 'REQUIRED', `${field} is required`, field);
    const problem = state.problems.find((p) => p.id === a.problemId);
    if (!problem) reject('input', 'UNKNOWN_PROBLEM', `${field}.problemId: no problem ${excerpt(a.problemId)} in this case`, `${field}.problemId`);
    if (problem.status !== 'open') reject('input', 'PROBLEM_NOT_OPEN', `${field}.problemId: problem ${problem.id} is ${problem.status}, not waiting for assignment`, `${field}.problemId`);
    if (seen.has(a.problemId)) reject('input', 'DUPLICATE_ENTRY', `${field}.problemId: problem ${problem.id} is assigned twice`, `${field}.problemId`);
    seen.add(a.problemId);
    requireText(a.agencyCode, `${field}.agencyCode`);
    optionalText(a.menuItem, `${field}.menuItem`);
    if (a.dueDays !== undefined && !(Number.isInteger(a.dueDays) && a.dueDays >= 1 && a.dueDays <= 730)) {
      reject('input', 'OUT_OF_RANGE', `${field}.dueDays must be a whole number from 1 to 730`, `${field}.dueDays`);
    }
  });
}

export function applyAssign(state: CaseState, input: M.AssignProblemsInput, now: string): Effect[] {
  const by = input.actor.userId;
  const effects: Effect[] = [];
  for (const a of input.assignments) {
    const problem = state.problems.find((p) => p.id === a.problemId)!;
    const taskId = taskWorkflowId(state.caseId, state.nextId++);
    const dueAt = addDays(now, a.dueDays ?? state.policy.dueDays.assistance);
    problem.status = 'assigned';
    problem.taskId = taskId;
    const ref: TaskRef = { taskId, problemId: problem.id, agencyCode: a.agencyCode, ...(a.menuItem ? { menuItem: a.menuItem } : {}), level: state.assignmentLevel, status: 'open', assignedAt: now, dueAt, endedAt: null };
    state.tasks.push(ref);
    effects.push({ type: 'startTask', task: assistanceTaskInput(state, ref, by) });
    recordEvent(state, 'problemAssigned', by, now, { problemId: problem.id, taskId, agencyCode: a.agencyCode, level: state.assignmentLevel, ...(input.meetingId ? { meetingId: input.meetingId } : {}) });
  }
  settleStage(state, now);
  return effects;
}

export function validateEscalate(state: CaseState, input: M.EscalateCaseInput): void {
  checkAllowed(state, 'escalateCase', input.actor);
  requireText(input.reason, 'reason');
}

export function applyEscalate(state: CaseState, input: M.EscalateCaseInput, now: string): Effect[] {
  state.assignmentLevel = 'province';
  refreshEscalated(state);
  state.lastProgressAt = now;
  recordEvent(state, 'escalated', input.actor.userId, now, { stage: state.stage, from: 'district', to: 'province', reason: input.reason, byHand: true });
  return none;
}

export function validateReturnToDistrict(state: CaseState, input: M.ReturnToDistrictInput): void {
  checkAllowed(state, 'returnToDistrict', input.actor);
  requireText(input.instructions, 'instructions');
}

export function applyReturnToDistrict(state: CaseState, input: M.ReturnToDistrictInput, now: string): Effect[] {
  state.assignmentLevel = 'district';
  state.lastProgressAt = now;
  if (state.stage === 'districtAssignment') setDue(state, addDays(now, state.policy.dueDays.districtAssignment));
  refreshEscalated(state);
  recordEvent(state, 'returnedToDistrict', input.actor.userId, now, { from: 'province', to: 'district', instructions: input.instructions });
  return none;
}

// ---- assistance: a task ended (signal from the child) ----

export function applyTaskEnded(state: CaseState, signal: M.TaskEndedSignal): Effect[] {
  const task = state.tasks.find((t) => t.taskId === signal.taskId);
  if (!task || task.status !== 'open') return none; // duplicate or late signal: already applied
  task.status = signal.status;
  task.endedAt = signal.at;
  const problem = state.problems.find((p) => p.id === task.problemId);
  if (problem && problem.taskId === task.taskId) {
    // Done: wait for the follow-up visit. Returned as beyond capacity: back to the district.
    problem.status = signal.status === 'done' ? 'waiting' : problem.status === 'solved' ? 'solved' : 'open';
  }
  state.lastProgressAt = signal.at;
  recordEvent(state, signal.status === 'returned' ? 'taskReturned' : signal.status === 'done' ? 'taskCompleted' : 'taskCancelled', signal.by, signal.at, {
    taskId: task.taskId,
    problemId: task.problemId,
    agencyCode: task.agencyCode,
    ...(signal.note ? { note: signal.note } : {}),
  });
  if (signal.status === 'returned' && state.stage !== 'closed') {
    // A returned task goes back to the district, which reassigns it or escalates.
    state.assignmentLevel = task.level === 'province' ? 'province' : 'district';
  }
  settleStage(state, signal.at);
  return none;
}

// ---- follow-up ----

export function validateFollowUp(state: CaseState, input: M.RecordFollowUpInput): void {
  checkAllowed(state, 'recordFollowUp', input.actor);
  optionalText(input.note, 'note');
  optionalInstant(input.recordedOnDevice, 'recordedOnDevice');
  requireList(input.results, 'results', MAX_PROBLEMS);
  if (input.results.length === 0) reject('input', 'REQUIRED', 'results: record the outcome of at least one problem', 'results');
  const seen = new Set<string>();
  input.results.forEach((r, i) => {
    const field = `results[${i}]`;
    if (!r || typeof r !== 'object') reject('input', 'REQUIRED', `${field} is required`, field);
    if (!state.problems.some((p) => p.id === r.problemId)) reject('input', 'UNKNOWN_PROBLEM', `${field}.problemId: no problem ${excerpt(r.problemId)} in this case`, `${field}.problemId`);
    if (seen.has(r.problemId)) reject('input', 'DUPLICATE_ENTRY', `${field}.problemId: problem ${r.problemId} has two outcomes`, `${field}.problemId`);
    seen.add(r.problemId);
    requireOneOf(r.outcome, FOLLOW_UP_OUTCOMES, `${field}.outcome`);
  });
}

export function applyFollowUp(state: CaseState, input: M.RecordFollowUpInput, now: string): Effect[] {
  const by = input.actor.userId;
  const visit = nextVisit(state);
  // A visit recorded offline keeps the phone's time, and the time it reached the server beside it.
  // Only state and the event's detail change (no new commands), and histories from before carry
  // no recordedOnDevice, so running cases replay as they ran. The visit and the event keep one time.
  const doneAt = deviceTime(input.recordedOnDevice, now);
  if (visit) {
    visit.doneAt = doneAt;
    if (input.recordedOnDevice !== undefined) visit.receivedAt = now;
    visit.results = input.results;
  }
  for (const r of input.results) {
    const problem = state.problems.find((p) => p.id === r.problemId)!;
    problem.lastOutcome = r.outcome;
    // Not yet solvable goes back to district assignment (docs/PROGRAM.md, "Follow-up").
    problem.status = r.outcome === 'notYetSolvable' ? 'open' : r.outcome;
  }
  recordEvent(state, 'followUpRecorded', by, now, {
    visit: visit?.no ?? null,
    results: input.results,
    ...(input.note ? { note: input.note } : {}),
    ...(input.recordedOnDevice !== undefined ? { recordedOnDevice: doneAt } : {}),
  });
  extendFollowUps(state);
  const before = state.stage;
  settleStage(state, now);
  if (state.stage === before && state.stage === 'followUp') {
    state.lastProgressAt = now;
    setDue(state, nextVisit(state)?.dueAt ?? null);
  }
  return none;
}

// ---- pause, transfer, close, reopen ----

export function validatePause(state: CaseState, input: M.PauseCaseInput): void {
  checkAllowed(state, 'pauseCase', input.actor);
  requireOneOf(input.reason, PAUSE_REASONS, 'reason');
  optionalText(input.note, 'note');
}

export function applyPause(state: CaseState, input: M.PauseCaseInput, now: string): Effect[] {
  state.status = 'paused';
  state.pause = { reason: input.reason, since: now, by: input.actor.userId, ...(input.note ? { note: input.note } : {}) };
  recordEvent(state, 'paused', input.actor.userId, now, { reason: input.reason, ...(input.note ? { note: input.note } : {}) });
  return [{ type: 'pauseTasks', taskIds: openTaskIds(state) }];
}

export function validateResume(state: CaseState, input: { actor: M.VerifyTargetInput['actor'] }): void {
  checkAllowed(state, 'resumeCase', input.actor);
}

export function applyResume(state: CaseState, input: { actor: M.VerifyTargetInput['actor'] }, now: string): Effect[] {
  const pausedMs = Date.parse(now) - Date.parse(state.pause!.since);
  shiftDates(state, pausedMs, state.pause!.since);
  state.status = 'active';
  state.pause = null;
  state.lastProgressAt = now;
  recordEvent(state, 'resumed', input.actor.userId, now, { pausedDays: Math.round(pausedMs / 86_400_000) });
  return [{ type: 'resumeTasks', taskIds: openTaskIds(state) }];
}

export function validateTransfer(state: CaseState, input: M.TransferCaseInput): void {
  checkAllowed(state, 'transferCase', input.actor);
  requireArea(input.to, 'to');
  if (sameArea(state, input.to)) reject('input', 'SAME_AREA', 'to: the household already lives there', 'to');
  optionalText(input.note, 'note');
}

/** The case moves with the household: the new district's team verifies it again. Open tasks end. */
export function applyTransfer(state: CaseState, input: M.TransferCaseInput, now: string): Effect[] {
  const from = { provinceCode: state.household.provinceCode, districtCode: state.household.districtCode, subdistrictCode: state.household.subdistrictCode };
  const cancelled = openTaskIds(state);
  for (const task of state.tasks) if (task.status === 'open') Object.assign(task, { status: 'cancelled', endedAt: now });
  for (const problem of state.problems) if (problem.status === 'assigned') problem.status = 'open';
  Object.assign(state.household, input.to);
  state.assignmentLevel = 'district';
  state.status = 'active';
  state.pause = null;
  state.followUp = null;
  recordEvent(state, 'transferred', input.actor.userId, now, { from, to: input.to, ...(input.note ? { note: input.note } : {}) });
  enterStage(state, 'verification', now);
  return cancelled.length ? [{ type: 'cancelTasks', taskIds: cancelled, reason: 'transferred' }] : none;
}

export function validateClose(state: CaseState, input: M.CloseCaseInput): void {
  checkAllowed(state, 'closeCase', input.actor);
  requireOneOf(input.reason, CLOSURE_REASONS, 'reason');
  optionalText(input.note, 'note');
  // A merge closes through verification (an old client may still send it).
  if (!HAND_CLOSURES.has(input.reason)) reject('input', 'USE_VERIFICATION', 'reason: merge a duplicate through verification', 'reason');
  if (input.reason === 'graduated') {
    // Certification by the district: every problem solved (a survey pass closes by signal).
    const unsolved = state.problems.filter((p) => p.status !== 'solved');
    if (state.stage !== 'followUp' || unsolved.length > 0) reject('stage', 'NOT_ALL_SOLVED', `graduation needs every problem solved at follow-up (${unsolved.length} not solved)`, 'reason');
  }
}

export function applyClose(state: CaseState, input: M.CloseCaseInput, now: string): Effect[] {
  return close(state, input.reason, input.actor.userId, now, input.note);
}

function close(state: CaseState, reason: ClosureReason, by: string, now: string, note?: string, mergedInto?: string): Effect[] {
  const cancelled = openTaskIds(state);
  for (const task of state.tasks) if (task.status === 'open') Object.assign(task, { status: 'cancelled', endedAt: now });
  state.status = 'closed';
  state.pause = null;
  state.closure = { reason, at: now, by, ...(note ? { note } : {}), ...(mergedInto ? { mergedInto } : {}) };
  recordEvent(state, 'closed', by, now, { reason, ...(note ? { note } : {}), ...(mergedInto ? { mergedInto } : {}) });
  enterStage(state, 'closed', now);
  return cancelled.length ? [{ type: 'cancelTasks', taskIds: cancelled, reason: `case closed: ${reason}` }] : none;
}

export function validateReopen(state: CaseState, input: M.ReopenCaseInput): void {
  checkAllowed(state, 'reopenCase', input.actor);
  requireText(input.reason, 'reason');
}

/** A reopened case resumes where it makes sense: before analysis it is verified again. */
export function applyReopen(state: CaseState, input: M.ReopenCaseInput, now: string): Effect[] {
  const previous = state.closure;
  state.status = 'active';
  state.closure = null;
  recordEvent(state, 'reopened', input.actor.userId, now, { reason: input.reason, previousClosure: previous?.reason ?? null });
  if (!state.analysis || previous?.reason === 'declinedHelp' || !state.plan) {
    state.analysis = previous?.reason === 'declinedHelp' ? null : state.analysis;
    enterStage(state, state.verification?.outcome === 'confirmed' ? 'analysis' : 'verification', now);
    return none;
  }
  for (const problem of state.problems) if (problem.status !== 'solved') problem.status = 'open';
  enterStage(state, 'districtAssignment', now);
  settleStage(state, now);
  return none;
}

// ---- events from outside, and policy ----

export function applySurveyResult(state: CaseState, signal: M.SurveyResultSignal, now: string): Effect[] {
  state.household.failedIndicators = signal.failedIndicators;
  recordEvent(state, 'surveyResult', 'survey', now, { year: signal.year, passed: signal.passed, failedIndicators: signal.failedIndicators });
  if (signal.passed && state.stage !== 'closed') return close(state, 'graduated', 'survey', now, `passed the ${signal.year} survey`);
  return none;
}

export function applyHouseholdDataChanged(state: CaseState, signal: M.HouseholdDataChangedSignal, now: string): Effect[] {
  // A signal has no validator: a malformed one is dropped here rather than failing the workflow
  // task forever. Only the fields the contract names are taken.
  const changes = signal?.changes;
  if (!changes || typeof changes !== 'object') return none;
  const allowed = ['headName', 'address', 'villageNo', 'houseCode', 'members'] as const;
  const picked = Object.fromEntries(allowed.filter((key) => changes[key] !== undefined).map((key) => [key, changes[key]]));
  if (Object.keys(picked).length === 0) return none;
  if (picked.members !== undefined && !Array.isArray(picked.members)) return none;
  Object.assign(state.household, picked);
  recordEvent(state, 'householdDataChanged', typeof signal.by === 'string' ? signal.by : 'unknown', now, { fields: Object.keys(picked) });
  return none;
}

export function validateMigratePolicy(state: CaseState, input: M.MigratePolicyInput): void {
  checkAllowed(state, 'migratePolicy', input.actor);
  checkPolicy(input.policy);
  if (input.policy.version === state.policy.version) reject('input', 'SAME_POLICY', `policy: the case already uses ${excerpt(state.policy.version)}`, 'policy.version');
}

/** Moves the case to a new policy version; the current due date is recomputed from the new durations. */
export function applyMigratePolicy(state: CaseState, input: M.MigratePolicyInput, now: string): Effect[] {
  const from = state.policy.version;
  state.policy = input.policy;
  recordEvent(state, 'policyMigrated', input.actor.userId, now, { from, to: input.policy.version });
  if (['verification', 'analysis', 'districtAssignment'].includes(state.stage)) {
    const days = state.stage === 'verification' ? input.policy.dueDays.verification : state.stage === 'analysis' ? input.policy.dueDays.analysis : input.policy.dueDays.districtAssignment;
    setDue(state, addDays(state.stageEnteredAt, days));
  }
  return none;
}

/** A policy `applyMigratePolicy` and the deadline ladder can run on: every duration a positive whole number. */
function checkPolicy(policy: M.MigratePolicyInput['policy']): void {
  if (!policy || typeof policy !== 'object') reject('input', 'REQUIRED', 'policy is required', 'policy');
  requireText(policy.version, 'policy.version');
  const days = (value: unknown, field: string, min = 1): void => {
    if (!(typeof value === 'number' && Number.isInteger(value) && value >= min && value <= 3650)) reject('input', 'OUT_OF_RANGE', `${field} must be a whole number from ${min} to 3650`, field);
  };
  if (!policy.dueDays || typeof policy.dueDays !== 'object') reject('input', 'REQUIRED', 'policy.dueDays is required', 'policy.dueDays');
  for (const stage of ['verification', 'analysis', 'districtAssignment', 'assistance'] as const) days(policy.dueDays[stage], `policy.dueDays.${stage}`);
  days(policy.reminderDaysBefore, 'policy.reminderDaysBefore', 0);
  days(policy.reescalateAfterDays, 'policy.reescalateAfterDays');
  days(policy.welfareFollowUpMonths, 'policy.welfareFollowUpMonths');
  requireList(policy.followUpMonths, 'policy.followUpMonths', 24);
  if (policy.followUpMonths.length === 0) reject('input', 'REQUIRED', 'policy.followUpMonths: at least one visit', 'policy.followUpMonths');
  policy.followUpMonths.forEach((m, i) => days(m, `policy.followUpMonths[${i}]`));
  requireText(policy.districtMeetingCron, 'policy.districtMeetingCron');
}
