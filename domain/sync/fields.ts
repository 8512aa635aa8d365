import type { CaseEvent, CaseState } from '../../workflows/household-case/types';
import type { AnySyncAction, ConflictReason, SyncAction, TaskSyncAction } from '../contract/sync';

/**
 * Which part of the case each field action writes, and which timeline events write it. Every
 * event bumps the case version by one (workflows/household-case/state.ts, recordEvent), so an
 * event's `seq` is the version it made: "changed since base version v" is "an event with seq > v
 * that writes this part". Relief is appended, never overwritten: it cannot clash with another.
 */
interface FieldRule {
  field: string | null;
  writtenBy: string[];
  current: (state: CaseState) => unknown;
}

export const FIELD_RULES: Record<SyncAction, FieldRule> = {
  verify: { field: 'verification', writtenBy: ['verified'], current: (s) => s.verification },
  analysis: { field: 'analysis', writtenBy: ['analysisRecorded'], current: (s) => (s.analysis ? { ...s.analysis, problems: s.problems } : null) },
  plan: { field: 'plan', writtenBy: ['planRecorded'], current: (s) => s.plan },
  relief: { field: null, writtenBy: [], current: (s) => s.reliefs },
  'follow-up': { field: 'followUp', writtenBy: ['followUpRecorded'], current: (s) => s.followUp?.visits.filter((v) => v.doneAt !== null).at(-1) ?? null },
};

/** The latest event after `baseVersion` that wrote what `action` writes: who changed it, and when. */
export function changedSince(action: SyncAction, events: CaseEvent[], baseVersion: number): CaseEvent | null {
  const writers = FIELD_RULES[action].writtenBy;
  return events.filter((e) => e.seq > baseVersion && writers.includes(e.type)).at(-1) ?? null;
}

/** A transfer after the base version: the household lives elsewhere now, whoever holds it. */
export function transferredSince(events: CaseEvent[], baseVersion: number): CaseEvent | null {
  return events.filter((e) => e.seq > baseVersion && e.type === 'transferred').at(-1) ?? null;
}

/**
 * An agency's logbook activity is appended to its task, never overwrites another: it clashes with
 * no one's change, only with a task that no longer takes activities. Done, returned or cancelled
 * (moved to another agency, or its case closed or transferred) ends it for good; a paused case
 * holds its tasks until it resumes, which a person decides like a stage that moved.
 */
export const TASK_FIELD_RULES: Record<TaskSyncAction, { field: string | null }> = {
  activity: { field: 'log' },
};

export interface TaskNow {
  status: string;
  pausedSince: string | null;
}

export function taskRefusesSync(task: TaskNow): ConflictReason | null {
  if (task.status !== 'open') return 'TASK_ENDED';
  return task.pausedSince ? 'STAGE_MOVED' : null;
}

/**
 * A follow-up visit and an agency's activity keep the time they were recorded on the phone (the
 * outbox's `recordedAt`) as their own, beside the server's time of receipt: the body's
 * `recordedOnDevice` (domain/contract/case-actions.ts), set from the envelope so the two never differ.
 */
const KEEPS_DEVICE_TIME: ReadonlySet<AnySyncAction> = new Set<AnySyncAction>(['follow-up', 'activity']);

export function withDeviceTime(action: AnySyncAction, fields: Record<string, unknown>, recordedAt: string): Record<string, unknown> {
  return KEEPS_DEVICE_TIME.has(action) ? { ...fields, recordedOnDevice: recordedAt } : fields;
}
