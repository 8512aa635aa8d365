import { addDays as addCalendarDays, addMonths as addCalendarMonths } from 'date-fns';
import { UTCDate } from '@date-fns/utc';
import type { CasePolicy } from '../policy';
import type { CaseState, Stage } from './types';

/**
 * Pure rules for a stage's timers: when the reminder goes out, when the step is overdue, and when
 * it escalates again. The workflow sleeps until `nextDeadline` and then applies `deadlineAction`.
 */
export type OwnerLevel = 'team' | 'mentor' | 'district' | 'province' | 'agency';

export const STAGE_OWNER: Record<Stage, OwnerLevel> = {
  verification: 'team',
  analysis: 'mentor',
  districtAssignment: 'district',
  assistance: 'district',
  followUp: 'mentor',
  closed: 'district',
};

/** Who a flag goes to: mentor/team → district → province. */
export function levelAbove(level: OwnerLevel): OwnerLevel {
  return level === 'team' || level === 'mentor' || level === 'agency' ? 'district' : 'province';
}

export function stageDueDays(policy: CasePolicy, stage: Stage): number | null {
  switch (stage) {
    case 'verification':
      return policy.dueDays.verification;
    case 'analysis':
      return policy.dueDays.analysis;
    case 'districtAssignment':
      return policy.dueDays.districtAssignment;
    default:
      // Assistance deadlines belong to each task; follow-ups have their own visit schedule.
      return null;
  }
}

/**
 * Date arithmetic in UTC, never the worker's local zone: a replay on a worker in another time
 * zone (or across a DST change) must compute the same instants as the first run.
 */
export function addDays(iso: string, days: number): string {
  return addCalendarDays(new UTCDate(iso), days).toISOString();
}

export function addMonthsUtc(iso: string, months: number): string {
  return addCalendarMonths(new UTCDate(iso), months).toISOString();
}

export type DeadlineAction = 'remind' | 'overdue' | 'reescalate';

type DeadlineView = Pick<CaseState, 'dueAt' | 'overdueLevel' | 'remindedFor'> & { policy: Pick<CasePolicy, 'reminderDaysBefore' | 'reescalateAfterDays'> };

/** The next moment something must happen for the current due date, or null when nothing is left. */
export function nextDeadline(state: DeadlineView): { at: string; action: DeadlineAction } | null {
  if (!state.dueAt) return null;
  if (state.overdueLevel === 0 && state.remindedFor !== state.dueAt) {
    return { at: addDays(state.dueAt, -state.policy.reminderDaysBefore), action: 'remind' };
  }
  if (state.overdueLevel === 0) return { at: state.dueAt, action: 'overdue' };
  if (state.overdueLevel === 1) return { at: addDays(state.dueAt, state.policy.reescalateAfterDays), action: 'reescalate' };
  return null;
}
