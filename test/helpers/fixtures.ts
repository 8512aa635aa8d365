/**
 * Hand-built case and task states for tests that need a snapshot without running a workflow
 * (the projections). Every builder makes fresh ids, so parallel test files sharing one database
 * never see each other's rows. `event` mirrors the workflow's recordEvent: it appends with the next
 * seq and bumps the version, which is what the read model keys on.
 */
import { randomUUID } from 'node:crypto';
import type { AssistanceTaskState, LogEntry } from '../../workflows/assistance-task/types';
import type { CaseEventType, CaseState, Household, PlanItem, Problem } from '../../workflows/household-case/types';
import { DEFAULT_POLICY } from '../../workflows/policy';
import { openCaseState } from '../../workflows/household-case/state';
import { openTaskState } from '../../workflows/assistance-task/state';

export const T0 = '2026-10-01T02:00:00.000Z';
const DAY_MS = 24 * 60 * 60 * 1000;

export function daysAfter(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}

export function household(overrides: Partial<Household> = {}): Household {
  const id = `h${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  return {
    householdId: id,
    provinceCode: '64',
    districtCode: '6401',
    subdistrictCode: '640101',
    villageNo: '3',
    headName: 'สมชาย ใจดี',
    members: [
      { name: 'สมชาย ใจดี', birthYear: 1968, sex: 'male' },
      { name: 'มาลี ใจดี', birthYear: 1971, sex: 'female', disabled: true },
    ],
    source: 'tpmap',
    failedIndicators: ['I3', 'L1'],
    ...overrides,
  };
}

/** A case just opened: verification stage, version 1, one 'caseOpened' event. */
export function caseState(overrides: Partial<CaseState> = {}): CaseState {
  const h = overrides.household ?? household();
  // The workflow's own constructor, so a fixture can never drift from a real opened case.
  const state: CaseState = { ...openCaseState(`household-case-${h.householdId}`, h, { ...DEFAULT_POLICY, provinceCode: h.provinceCode }, T0), ...overrides };
  if (state.recentEvents.length === 0) event(state, 'caseOpened', 'import', T0, { source: h.source });
  return state;
}

/** Appends an event the way the workflow does (next seq, version + 1). Returns the state. */
export function event(state: CaseState, type: CaseEventType, actor: string, at: string, detail?: Record<string, unknown>): CaseState {
  state.recentEvents.push({ seq: state.nextEventSeq++, at, type, actor, ...(detail ? { detail } : {}) });
  state.version++;
  return state;
}

/** A deep copy to evolve into the next snapshot without touching the one already projected. */
export function next(state: CaseState): CaseState {
  return structuredClone(state);
}

export function enterStage(state: CaseState, stage: CaseState['stage'], at: string, dueDays: number | null): CaseState {
  state.stage = stage;
  state.stageEnteredAt = at;
  state.lastProgressAt = at;
  state.overdueLevel = 0;
  state.dueAt = dueDays === null ? null : daysAfter(at, dueDays);
  return event(state, 'stageChanged', 'system', at, { stage });
}

export function problem(state: CaseState, overrides: Partial<Problem> = {}): Problem {
  const p: Problem = {
    id: `p${state.nextId++}`,
    dimension: 'income',
    indicator: 'I3',
    description: 'รายได้เฉลี่ยต่ำกว่าเกณฑ์',
    status: 'open',
    lastOutcome: null,
    taskId: null,
    ...overrides,
  };
  state.problems.push(p);
  return p;
}

export function planItem(state: CaseState, overrides: Partial<PlanItem> = {}): PlanItem {
  const item: PlanItem = {
    id: `i${state.nextId++}`,
    dimension: 'income',
    action: 'ปลูกผักสวนครัวขาย',
    supportBy: 'DOAE',
    targetDate: '2027-03-31',
    ...overrides,
  };
  state.plan ??= { goal: 'sufficient', items: [], recordedAt: state.lastProgressAt, by: 'mentor-1' };
  state.plan.items.push(item);
  return item;
}

/** An open task for one problem of `state`, version 1, with no activity yet. */
export function taskState(state: CaseState, overrides: Partial<AssistanceTaskState> = {}): AssistanceTaskState {
  const h = state.household;
  const assignedAt = daysAfter(T0, 60);
  return {
    ...openTaskState({
      taskId: `${state.caseId}-task-${state.nextId++}`,
      caseId: state.caseId,
      householdId: h.householdId,
      provinceCode: h.provinceCode,
      districtCode: h.districtCode,
      subdistrictCode: h.subdistrictCode,
      problem: { id: 'p1', dimension: 'income', indicator: 'I3', description: 'รายได้เฉลี่ยต่ำกว่าเกณฑ์' },
      agencyCode: 'CDD',
      menuItem: 'INC-JOB-TRAINING',
      level: 'district',
      assignedAt,
      assignedBy: 'district-1',
      dueAt: daysAfter(assignedAt, 90),
      timers: { reminderDaysBefore: 7, reescalateAfterDays: 30 },
    }),
    ...overrides,
  };
}

/** Appends an activity the way the task workflow does (next seq, totals, version + 1). */
export function logActivity(task: AssistanceTaskState, entry: Partial<LogEntry> = {}): AssistanceTaskState {
  const e: LogEntry = {
    seq: task.nextSeq++,
    date: '2026-12-15',
    kind: 'training',
    description: 'อบรมอาชีพทำขนม',
    baht: 1500,
    items: 1,
    by: 'cdd-officer-1',
    recordedAt: daysAfter(T0, 75),
    ...entry,
  };
  task.log.push(e);
  task.totals = { baht: task.totals.baht + e.baht, items: task.totals.items + e.items, activities: task.totals.activities + 1 };
  task.version++;
  return task;
}
