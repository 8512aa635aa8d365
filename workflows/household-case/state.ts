import type { CasePolicy } from '../policy';
import { addDays, stageDueDays } from './deadlines';
import type { CaseEvent, CaseState, Household, Stage } from './types';

/**
 * The case state and the changes that can happen to it. Plain JSON in, plain JSON out: the
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
    policy,
    recentEvents: [],
    nextEventSeq: 1,
    closure: null,
  };
  enterStage(state, 'verification', now);
  return state;
}

export function recordEvent(state: CaseState, type: string, actor: string, now: string, detail?: Record<string, unknown>): CaseEvent {
  const event: CaseEvent = { seq: state.nextEventSeq++, at: now, type, actor, ...(detail ? { detail } : {}) };
  state.recentEvents.push(event);
  if (state.recentEvents.length > RECENT_EVENTS_KEPT) state.recentEvents.splice(0, state.recentEvents.length - RECENT_EVENTS_KEPT);
  state.version++;
  return event;
}

export function enterStage(state: CaseState, stage: Stage, now: string): void {
  state.stage = stage;
  state.stageEnteredAt = now;
  state.lastProgressAt = now;
  state.overdueLevel = 0;
  const days = stageDueDays(state.policy, stage);
  state.dueAt = days === null ? null : addDays(now, days);
}
