import type { ClosureReason, Dimension, FollowUpOutcome, HouseholdType, PauseReason, PlanGoal, ProblemStatus, Stage, TaskRef, VerificationOutcome } from '../../workflows/household-case/types';
import type { Role } from '../../workflows/roles';
import type { CaseAction } from '../../workflows/household-case/rules';
import type { CASE_STATUSES, INBOX_KINDS, LOGBOOK_SOURCES, MEETING_DECISION_KINDS, MEETING_STATUSES, TIMELINE_EVENT_TYPES } from '../../domain/vocabulary';
import type { ImportView } from '../../api/services/imports/reads';
import type { NotificationDelivery, NotificationKind } from '../../domain/contract/notifications';
import type { AnySyncAction, ConflictReason } from '../../domain/contract/sync';

/**
 * A label map that must name every word of its list: a word added to the program's vocabulary
 * (domain/vocabulary.ts), or a label deleted in either language, fails the typecheck. Lookups by a
 * plain string (what the API answers) still type-check, and fall back where the UI calls them.
 */
export function labels<K extends string>(map: Record<K, string>): Readonly<Record<K, string>> & Readonly<Record<string, string>> {
  return map;
}

export type { ClosureReason, Dimension, FollowUpOutcome, HouseholdType, PauseReason, PlanGoal, ProblemStatus, Role, Stage, VerificationOutcome };
export type TaskStatus = TaskRef['status'];
export type { CaseAction };
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];
export type InboxKind = (typeof INBOX_KINDS)[number];
export type LogbookSource = (typeof LOGBOOK_SOURCES)[number];
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export type MeetingDecisionKind = (typeof MEETING_DECISION_KINDS)[number];
export type ImportStatus = ImportView['status'];

/** A lookup by a key the server sends (a field name, a code): any key, a word for the known ones. */
export function dictionary(words: Record<string, string>): Record<string, string> {
  return words;
}
export type { NotificationDelivery, NotificationKind };
export type { AnySyncAction, ConflictReason };
