import { correctionRefusal, type CorrectionAction } from '../correction-rules';
import { DEFAULT_CORRECTION_DAYS } from '../policy';
import { requireAmount, requirePastDay } from '../plausibility';
import { excerpt, raise, refusal, reject, requireText } from '../rejections';
import type * as M from './messages';
import type { ActivityCorrection, AssistanceTaskState, LogEntry } from './types';

/**
 * Corrections of the task's logbook: amend or void an activity. Officers of the task's agency
 * correct its activities within the policy's window; after it the district (for a district task),
 * the province or oversight, with a reason (workflows/correction-rules.ts). A voided activity stays
 * in the log, struck through, and leaves the totals. A task keeps being correctable after it ends.
 */
const AMENDABLE = ['date', 'kind', 'description', 'baht', 'items'] as const;
type Amendable = Pick<LogEntry, (typeof AMENDABLE)[number]>;

/** Activities that still count: not voided. */
export const countedActivities = (state: AssistanceTaskState): number => state.totals.activities;

function entryOf(state: AssistanceTaskState, seq: number): LogEntry {
  const entry = state.log.find((e) => e.seq === seq);
  if (!entry) reject('input', 'UNKNOWN_ENTRY', `seq: no activity ${excerpt(seq)} in this task's log`, 'seq');
  if (entry.voided) reject('stage', 'ALREADY_VOIDED', `activity ${seq} was voided`, 'seq');
  return entry;
}

function checkCorrector(state: AssistanceTaskState, action: CorrectionAction, input: { actor: M.AmendActivityInput['actor']; reason?: string }, entry: LogEntry, now: string): void {
  const { actor } = input;
  if (actor.role === 'agency' && actor.agencyCode !== state.agencyCode) raise(refusal('role', 'WRONG_AGENCY', `only officers of ${state.agencyCode} correct its activities`));
  if (actor.role === 'district' && state.level !== 'district') raise(refusal('role', 'WRONG_LEVEL', 'the province assigned this task; the province corrects it'));
  if (state.status === 'cancelled') raise(refusal('stage', 'TASK_ENDED', 'the task was cancelled'));
  if (input.reason !== undefined) requireText(input.reason, 'reason');
  const refused = correctionRefusal({
    action,
    actor,
    subject: { by: entry.by, at: entry.recordedAt },
    reason: input.reason,
    now,
    windowDays: state.timers.correctionDays ?? DEFAULT_CORRECTION_DAYS,
    // "Agencies correct their own activities": any officer of the agency that logged it.
    isAuthor: (a) => a.role === 'agency' && a.agencyCode === state.agencyCode,
  });
  if (refused) raise(refused);
}

function amended(entry: LogEntry, input: M.AmendActivityInput): { before: Partial<Amendable>; after: Partial<Amendable> } {
  const before: Partial<Amendable> = {};
  const after: Partial<Amendable> = {};
  for (const key of AMENDABLE) {
    if (input[key] === undefined || input[key] === entry[key]) continue;
    Object.assign(before, { [key]: entry[key] });
    Object.assign(after, { [key]: input[key] });
  }
  return { before, after };
}

export function validateAmendActivity(state: AssistanceTaskState, input: M.AmendActivityInput, now: string): void {
  const entry = entryOf(state, input.seq);
  checkCorrector(state, 'amendActivity', input, entry, now);
  // The day an activity happened, as when it was logged: not after today, not before the case opened.
  if (input.date !== undefined) requirePastDay(input.date, 'date', now, state.caseOpenedAt);
  if (input.kind !== undefined) requireText(input.kind, 'kind');
  if (input.description !== undefined) requireText(input.description, 'description');
  if (input.baht !== undefined) requireAmount(input.baht, 'baht', 'baht');
  if (input.items !== undefined) requireAmount(input.items, 'items', 'items');
  if (Object.keys(amended(entry, input).after).length === 0) reject('input', 'NOTHING_TO_CHANGE', 'the correction changes nothing', 'body');
}

export function validateVoidActivity(state: AssistanceTaskState, input: M.VoidActivityInput, now: string): void {
  const entry = entryOf(state, input.seq);
  checkCorrector(state, 'voidActivity', input, entry, now);
  if (input.noCostNote !== undefined) requireText(input.noCostNote, 'noCostNote');
  // The completion rule: a done task has at least one activity, or a note that it was done
  // without cost. Voiding its last activity keeps the rule only with that note.
  if (state.status === 'done' && countedActivities(state) <= 1 && !state.outcome?.note && !input.noCostNote) {
    reject('input', 'LAST_ACTIVITY', 'this is the completed task\'s only activity: say why it was done without cost (noCostNote), or amend the activity instead', 'noCostNote');
  }
}

/** Satang precision: sums of decimals must not drift (1200.1 - 0.1 is not 1200 in floating point). */
const roundBaht = (value: number): number => Math.round(value * 100) / 100;

function record(state: AssistanceTaskState, correction: ActivityCorrection): ActivityCorrection {
  (state.corrections ??= []).push(correction);
  state.version++;
  return correction;
}

export function applyAmendActivity(state: AssistanceTaskState, input: M.AmendActivityInput, now: string): ActivityCorrection {
  const entry = state.log.find((e) => e.seq === input.seq)!;
  const { before, after } = amended(entry, input);
  state.totals.baht = roundBaht(state.totals.baht + (after.baht ?? entry.baht) - entry.baht);
  state.totals.items += (after.items ?? entry.items) - entry.items;
  Object.assign(entry, after);
  return record(state, { seq: entry.seq, change: 'amend', at: now, by: input.actor.userId, ...(input.reason ? { reason: input.reason } : {}), before, after });
}

export function applyVoidActivity(state: AssistanceTaskState, input: M.VoidActivityInput, now: string): ActivityCorrection {
  const entry = state.log.find((e) => e.seq === input.seq)!;
  entry.voided = { at: now, by: input.actor.userId, reason: input.reason };
  state.totals.baht = roundBaht(state.totals.baht - entry.baht);
  state.totals.items -= entry.items;
  state.totals.activities -= 1;
  if (input.noCostNote && state.outcome && !state.outcome.note) state.outcome.note = input.noCostNote;
  const { date, kind, description, baht, items } = entry;
  return record(state, { seq: entry.seq, change: 'void', at: now, by: input.actor.userId, reason: input.reason, before: { date, kind, description, baht, items }, after: {} });
}
