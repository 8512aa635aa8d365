import type { MeetingView } from '../../api/services/meetings';
import type { InboxRow } from '../../db/read-model/inbox';
import type { ImportStatus } from '../../db/import-jobs';
import type { LOGBOOK_SOURCES } from '../../domain/vocabulary';
import type { MeetingState } from '../../workflows/district-meeting/messages';
import type { CaseAction } from '../../workflows/household-case/rules';
import type {
  CaseEventType,
  CaseStatus,
  ClosureReason,
  Dimension,
  FollowUpOutcome,
  HouseholdType,
  PauseReason,
  PlanGoal,
  ProblemStatus,
  Stage,
  TaskRef,
  VerificationOutcome,
} from '../../workflows/household-case/types';
import type { Role } from '../../workflows/roles';

/**
 * A label map that must name every word of its list: a word added to the program's vocabulary
 * (domain/vocabulary.ts), or a label deleted in either language, fails the typecheck. Lookups by a
 * plain string (what the API answers) still type-check, and fall back where the UI calls them.
 */
export function labels<K extends string>(map: Record<K, string>): Readonly<Record<K, string>> & Readonly<Record<string, string>> {
  return map;
}

export type { CaseAction, CaseEventType, CaseStatus, ClosureReason, Dimension, FollowUpOutcome, HouseholdType, ImportStatus, PauseReason, PlanGoal, ProblemStatus, Role, Stage, VerificationOutcome };
export type TaskStatus = TaskRef['status'];
export type InboxKind = InboxRow['kind'];
export type LogbookSource = (typeof LOGBOOK_SOURCES)[number];
export type MeetingStatus = MeetingState['status'];
export type DecisionKind = NonNullable<MeetingView['agenda'][number]['decision']>['kind'];
