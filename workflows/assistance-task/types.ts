import type { AssignmentLevel, Dimension } from '../household-case/types';

/** One assignment: one agency working on one problem of one household, with a due date. */
export interface LogEntry {
  /** Unique within the task; the read model dedupes on (taskId, seq). */
  seq: number;
  /** The day the activity happened (YYYY-MM-DD, Gregorian). */
  date: string;
  kind: string;
  description: string;
  baht: number;
  items: number;
  by: string;
  /** When the server received it. */
  recordedAt: string;
  /** When the agency recorded it on the phone, for an activity recorded offline. */
  recordedOnDevice?: string;
  /** Voided by a correction: still shown, struck through, and left out of the totals. */
  voided?: { at: string; by: string; reason: string };
}

/** One correction of the task's logbook: who, when, why, and the fields before and after. */
export interface ActivityCorrection {
  seq: number;
  change: 'amend' | 'void';
  at: string;
  by: string;
  reason?: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface TaskTimers {
  reminderDaysBefore: number;
  reescalateAfterDays: number;
  /** The case policy's correction window; absent in tasks started before corrections existed (default 7). */
  correctionDays?: number;
}

export interface AssistanceTaskInput {
  taskId: string;
  caseId: string;
  householdId: string;
  provinceCode: string;
  districtCode: string;
  subdistrictCode: string;
  problem: { id: string; dimension: Dimension; indicator: string; description: string };
  agencyCode: string;
  menuItem?: string;
  level: AssignmentLevel;
  assignedAt: string;
  assignedBy: string;
  /** When the case opened: no activity happened before it. Absent in tasks started before it was carried. */
  caseOpenedAt?: string;
  dueAt: string;
  timers: TaskTimers;
  /** Present only when the task continues as new. */
  carriedState?: AssistanceTaskState;
}

export interface AssistanceTaskState extends Omit<AssistanceTaskInput, 'carriedState'> {
  status: 'open' | 'done' | 'returned' | 'cancelled';
  version: number;
  log: LogEntry[];
  nextSeq: number;
  totals: { baht: number; items: number; activities: number };
  /** 0 on time, 1 overdue (flagged to the district), 2 still overdue (flagged to the province). */
  overdueLevel: number;
  pausedSince: string | null;
  remindedFor: string | null;
  /** `withoutCost`: completed with an empty logbook, on the agency's word and note. */
  outcome: { at: string; by: string; note?: string; withoutCost?: boolean } | null;
  /** Corrections of the logbook, oldest first; absent in tasks started before corrections existed. */
  corrections?: ActivityCorrection[];
}
