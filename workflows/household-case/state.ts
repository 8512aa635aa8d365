import type { CasePolicy } from '../policy';
import { addDays, addMonthsUtc, stageDueDays } from './deadlines';
import type { CaseEvent, CaseEventType, CaseState, Household, Stage } from './types';

/**
 * The case state and the bookkeeping every change shares. Plain JSON in, plain JSON out: the
 * same object is the query result, the projection payload and the continue-as-new input.
 */
const RECENT_EVENTS_KEPT = 50;

export function openCaseState(caseId: string, household: Household, policy: CasePolicy, now: string): CaseState {
  const state: CaseState = {
    caseId,
    household,
    stage: 'verification',
    status: 'active',
    version: 0,
    openedAt: now,
    stageEnteredAt: now,
    lastProgressAt: now,
    dueAt: null,
    overdueLevel: 0,
    escalated: false,
    assignmentLevel: 'district',
    policy,
    verification: null,
    analysis: null,
    plan: null,
    householdType: null,
    track: 'development',
    exemption: null,
    problems: [],
    reliefs: [],
    tasks: [],
    followUp: null,
    pause: null,
    remindedFor: null,
    closure: null,
    recentEvents: [],
    nextEventSeq: 1,
    nextId: 1,
  };
  enterStage(state, 'verification', now);
  return state;
}

export function recordEvent(state: CaseState, type: CaseEventType, actor: string, now: string, detail?: Record<string, unknown>): CaseEvent {
  const event: CaseEvent = { seq: state.nextEventSeq++, at: now, type, actor, ...(detail ? { detail } : {}) };
  state.recentEvents.push(event);
  if (state.recentEvents.length > RECENT_EVENTS_KEPT) state.recentEvents.splice(0, state.recentEvents.length - RECENT_EVENTS_KEPT);
  state.version++;
  return event;
}

export function nextId(state: CaseState, prefix: string): string {
  return `${prefix}${state.nextId++}`;
}

/** A new due date starts the reminder and escalation ladder again. */
export function setDue(state: CaseState, dueAt: string | null): void {
  state.dueAt = dueAt;
  state.overdueLevel = 0;
  state.remindedFor = null;
  refreshEscalated(state);
}

export function refreshEscalated(state: CaseState): void {
  state.escalated = state.assignmentLevel === 'province' || state.overdueLevel > 0;
}

export function enterStage(state: CaseState, stage: Stage, now: string): void {
  state.stage = stage;
  state.stageEnteredAt = now;
  state.lastProgressAt = now;
  if (stage === 'followUp') {
    setDue(state, nextVisit(state)?.dueAt ?? null);
    return;
  }
  const days = stageDueDays(state.policy, stage);
  setDue(state, days === null ? null : addDays(now, days));
}

export function nextVisit(state: CaseState) {
  return state.followUp?.visits.find((visit) => visit.doneAt === null);
}

/** Visits at the policy's months after the last task ended; the welfare track visits yearly. */
export function scheduleFollowUps(state: CaseState, anchorAt: string): void {
  const months = state.track === 'welfare' ? [state.policy.welfareFollowUpMonths] : state.policy.followUpMonths;
  state.followUp = {
    anchorAt,
    visits: months.map((m, i) => ({ no: i + 1, dueAt: addMonthsUtc(anchorAt, m), doneAt: null, results: [] })),
  };
}

/** After the scheduled visits, a case not yet closed is visited again every year. */
export function extendFollowUps(state: CaseState): void {
  const followUp = state.followUp;
  if (!followUp || nextVisit(state)) return;
  const last = followUp.visits[followUp.visits.length - 1];
  const from = last?.doneAt ?? followUp.anchorAt;
  followUp.visits.push({ no: followUp.visits.length + 1, dueAt: addMonthsUtc(from, state.policy.welfareFollowUpMonths), doneAt: null, results: [] });
}

/**
 * After analysis, the stage follows from the problems and tasks: a problem nobody works on needs
 * assignment; open tasks mean assistance; otherwise the mentor follows up.
 */
export function settleStage(state: CaseState, now: string): void {
  if (!['districtAssignment', 'assistance', 'followUp'].includes(state.stage)) return;
  const needsAssignment = state.problems.some((p) => p.status === 'open');
  const tasksOpen = state.tasks.some((t) => t.status === 'open');
  const target: Stage = needsAssignment ? 'districtAssignment' : tasksOpen ? 'assistance' : 'followUp';
  if (target === state.stage) return;
  if (target === 'followUp') {
    scheduleFollowUps(state, now);
  }
  enterStage(state, target, now);
  recordEvent(state, 'stageChanged', 'system', now, { stage: target });
}

/**
 * Moves every date that was counting while the case was paused, so paused time is not lost. A task
 * assigned during the pause (an emergency's assignment) never waited: its due date stays.
 */
export function shiftDates(state: CaseState, ms: number, pausedSince?: string): void {
  const shift = (iso: string): string => new Date(Date.parse(iso) + ms).toISOString();
  if (state.dueAt) state.dueAt = shift(state.dueAt);
  if (state.remindedFor) state.remindedFor = shift(state.remindedFor);
  for (const visit of state.followUp?.visits ?? []) if (!visit.doneAt) visit.dueAt = shift(visit.dueAt);
  for (const task of state.tasks) if (task.status === 'open' && !(pausedSince && task.assignedAt > pausedSince)) task.dueAt = shift(task.dueAt);
}
