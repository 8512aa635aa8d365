import type { AssistanceTaskInput } from '../assistance-task/types';
import { taskWorkflowId } from '../assistance-task/messages';
import type * as M from './messages';
import { addDays } from './deadlines';
import { checkAllowed, reject, requireText } from './rules';
import { enterStage, extendFollowUps, nextId, nextVisit, recordEvent, refreshEscalated, setDue, settleStage, shiftDates } from './state';
import type { CaseState, ClosureReason, Problem, TaskRef } from './types';

/**
 * One function per caseworker action and event: `validate*` checks without changing anything
 * (update validators), `apply*` changes the state and returns the effects the workflow must carry
 * out on other workflows (start, pause, resume or cancel assistance tasks).
 */
export type Effect =
  | { type: 'startTask'; task: AssistanceTaskInput }
  | { type: 'cancelTasks'; taskIds: string[]; reason: string }
  | { type: 'pauseTasks'; taskIds: string[] }
  | { type: 'resumeTasks'; taskIds: string[] };

const none: Effect[] = [];
const openTaskIds = (state: CaseState): string[] => state.tasks.filter((t) => t.status === 'open').map((t) => t.taskId);

// ---- verification ----

export function validateVerify(state: CaseState, input: M.VerifyTargetInput): void {
  checkAllowed(state, 'verifyTarget', input.actor);
  if (input.outcome === 'moved' && !input.movedTo) reject('input', 'movedTo is required when the household moved');
  if (input.outcome === 'duplicate' && !input.duplicateOf) reject('input', 'duplicateOf is required for a duplicate');
  if (input.outcome === 'duplicate' && input.duplicateOf === state.caseId) reject('input', 'duplicateOf must be another case');
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
  if (input.householdType !== 'declines' && input.problems.length === 0) reject('input', 'problems: record at least one problem (or classify the household as declining help)');
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
 * Left out of the pass rate (PROCESS.md, Closure): failing only the newborn-weight indicator, or
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
  if (!state.analysis) reject('stage', 'record the 4ท analysis before the plan');
  if (input.items.length === 0) reject('input', 'items: the plan needs at least one action item');
  input.items.forEach((item, i) => {
    requireText(item.action, `items[${i}].action`);
    if (item.problemId && !state.problems.some((p) => p.id === item.problemId)) reject('input', `items[${i}].problemId: no problem ${item.problemId} in this case`);
    if (item.problemIndex !== undefined && !state.problems[item.problemIndex]) reject('input', `items[${i}].problemIndex: no problem at ${item.problemIndex}`);
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
  if (input.baht < 0 || input.items < 0) reject('input', 'baht and items cannot be negative');
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
    dueAt: ref.dueAt,
    timers: { reminderDaysBefore: state.policy.reminderDaysBefore, reescalateAfterDays: state.policy.reescalateAfterDays },
  };
}

export function validateAssign(state: CaseState, input: M.AssignProblemsInput): void {
  checkAllowed(state, 'assignProblems', input.actor);
  const role = input.actor.role;
  if ((role === 'district' || role === 'province') && role !== state.assignmentLevel) {
    reject('role', `the case is with the ${state.assignmentLevel}; a ${role} may not assign it`);
  }
  if (input.assignments.length === 0) reject('input', 'assignments: assign at least one problem');
  const seen = new Set<string>();
  input.assignments.forEach((a, i) => {
    const problem = state.problems.find((p) => p.id === a.problemId);
    if (!problem) reject('input', `assignments[${i}].problemId: no problem ${a.problemId} in this case`);
    if (problem.status !== 'open') reject('input', `assignments[${i}].problemId: problem ${a.problemId} is ${problem.status}, not waiting for assignment`);
    if (seen.has(a.problemId)) reject('input', `assignments[${i}].problemId: problem ${a.problemId} is assigned twice`);
    seen.add(a.problemId);
    requireText(a.agencyCode, `assignments[${i}].agencyCode`);
    if (a.dueDays !== undefined && (a.dueDays < 1 || a.dueDays > 730)) reject('input', `assignments[${i}].dueDays must be between 1 and 730`);
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
  if (state.assignmentLevel === 'province') reject('stage', 'the case is already with the province');
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
  if (state.assignmentLevel !== 'province') reject('stage', 'the case is not with the province');
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
  if (input.results.length === 0) reject('input', 'results: record the outcome of at least one problem');
  input.results.forEach((r, i) => {
    if (!state.problems.some((p) => p.id === r.problemId)) reject('input', `results[${i}].problemId: no problem ${r.problemId} in this case`);
  });
}

export function applyFollowUp(state: CaseState, input: M.RecordFollowUpInput, now: string): Effect[] {
  const by = input.actor.userId;
  const visit = nextVisit(state);
  if (visit) {
    visit.doneAt = now;
    visit.results = input.results;
  }
  for (const r of input.results) {
    const problem = state.problems.find((p) => p.id === r.problemId)!;
    problem.lastOutcome = r.outcome;
    // Not yet solvable goes back to district assignment (PROCESS.md, Follow-up).
    problem.status = r.outcome === 'notYetSolvable' ? 'open' : r.outcome;
  }
  recordEvent(state, 'followUpRecorded', by, now, { visit: visit?.no ?? null, results: input.results, ...(input.note ? { note: input.note } : {}) });
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
}

export function applyPause(state: CaseState, input: M.PauseCaseInput, now: string): Effect[] {
  state.status = 'paused';
  state.pause = { reason: input.reason, since: now, by: input.actor.userId, ...(input.note ? { note: input.note } : {}) };
  recordEvent(state, 'paused', input.actor.userId, now, { reason: input.reason, ...(input.note ? { note: input.note } : {}) });
  return [{ type: 'pauseTasks', taskIds: openTaskIds(state) }];
}

export function validateResume(state: CaseState, input: { actor: M.VerifyTargetInput['actor'] }): void {
  checkAllowed(state, 'resumeCase', input.actor);
  if (state.status !== 'paused') reject('stage', 'the case is not paused');
}

export function applyResume(state: CaseState, input: { actor: M.VerifyTargetInput['actor'] }, now: string): Effect[] {
  const pausedMs = Date.parse(now) - Date.parse(state.pause!.since);
  shiftDates(state, pausedMs);
  state.status = 'active';
  state.pause = null;
  state.lastProgressAt = now;
  recordEvent(state, 'resumed', input.actor.userId, now, { pausedDays: Math.round(pausedMs / 86_400_000) });
  return [{ type: 'resumeTasks', taskIds: openTaskIds(state) }];
}

export function validateTransfer(state: CaseState, input: M.TransferCaseInput): void {
  checkAllowed(state, 'transferCase', input.actor);
  if (input.to.districtCode === state.household.districtCode && input.to.subdistrictCode === state.household.subdistrictCode) {
    reject('input', 'to: the household already lives there');
  }
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
  if (input.reason === 'graduated') {
    // Certification by the district: every problem solved (a survey pass closes by signal).
    const unsolved = state.problems.filter((p) => p.status !== 'solved');
    if (state.stage !== 'followUp' || unsolved.length > 0) reject('stage', `graduation needs every problem solved at follow-up (${unsolved.length} not solved)`);
  }
  if (input.reason === 'merged') reject('input', 'reason: merge a duplicate through verification');
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
  if (input.policy.version === state.policy.version) reject('input', `policy: the case already uses ${state.policy.version}`);
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
