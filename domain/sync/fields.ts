import type { CaseEvent, CaseState } from '../../workflows/household-case/types';
import type { SyncAction } from '../contract/sync';

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
