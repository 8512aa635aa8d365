import type { CasePolicy } from '../policy';
import type { Actor } from '../roles';
import type { CASE_EVENT_TYPES, CASE_STATUSES, CLOSURE_REASONS, ENTRY_SOURCES, FOLLOW_UP_OUTCOMES, HOUSEHOLD_TYPES, PAUSE_REASONS, PLAN_GOALS, VERIFICATION_OUTCOMES } from '../../domain/vocabulary';
import { DIMENSIONS as DIMENSION_LIST, STAGES as STAGE_LIST } from '../../domain/vocabulary';

/** The case's stages, in program order (docs/PROGRAM.md, "The lifecycle of one household case"). */
export const STAGES = STAGE_LIST;
export type Stage = (typeof STAGES)[number];

export const DIMENSIONS = DIMENSION_LIST;
export type Dimension = (typeof DIMENSIONS)[number];

export type EntrySource = (typeof ENTRY_SOURCES)[number];
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];
export type HouseholdType = (typeof HOUSEHOLD_TYPES)[number];
export type PlanGoal = (typeof PLAN_GOALS)[number];
/** solved / waiting for follow-up / being followed up / not yet solvable, plus the working states. */
export type ProblemStatus = 'open' | 'assigned' | 'waiting' | 'followingUp' | 'solved';
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export type Exemption = 'newbornWeightOnly' | 'longTermWelfare';
export type AssignmentLevel = 'district' | 'province';
export type PauseReason = (typeof PAUSE_REASONS)[number];
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface HouseholdMember {
  name: string;
  /** 13 digits with a valid check digit, or absent: people without an ID still need help. */
  nationalId?: string;
  birthYear?: number;
  sex?: 'male' | 'female';
  disabled?: boolean;
}

export interface AreaCodes {
  provinceCode: string;
  districtCode: string;
  subdistrictCode: string;
}

export interface Household extends AreaCodes {
  /** Stable key in PostgreSQL: the house code when there is one. The case's workflow ID does not derive from it (domain/ids.ts). */
  householdId: string;
  houseCode?: string;
  villageNo?: string;
  address?: string;
  headName?: string;
  members: HouseholdMember[];
  source: EntrySource;
  /** Why a missed or vulnerable household was added. */
  entryReason?: string;
  /** TPMAP indicators the household fails (H1..A2), from the import or the latest survey. */
  failedIndicators: string[];
}

export interface CaseEvent {
  /** Unique within the case; the read model dedupes on (caseId, seq). */
  seq: number;
  at: string;
  type: CaseEventType;
  actor: string;
  detail?: Record<string, unknown>;
}

export interface Problem {
  id: string;
  dimension: Dimension;
  /** A TPMAP indicator code (H1..A2) or a จปฐ. indicator number ("jpt-17"). */
  indicator: string;
  description: string;
  status: ProblemStatus;
  /** The last follow-up finding, kept for the outcome reports. */
  lastOutcome: FollowUpOutcome | null;
  /** The open or last task for this problem. */
  taskId: string | null;
}

export interface PlanItem {
  id: string;
  dimension: Dimension;
  problemId?: string;
  action: string;
  /** 'family', 'mentor', or an agency code. */
  supportBy: string;
  targetDate?: string;
}

export interface Analysis {
  attitude: string;
  skills: string;
  resources: string;
  wayOut: string;
  householdType: HouseholdType;
  recordedAt: string;
  by: string;
}

export interface Plan {
  goal: PlanGoal;
  items: PlanItem[];
  recordedAt: string;
  by: string;
}

export interface Relief {
  at: string;
  kind: string;
  description: string;
  baht: number;
  items: number;
  by: string;
  /** Voided by a correction: still shown, struck through, and left out of every total. */
  voided?: Voided;
}

export interface Voided {
  at: string;
  by: string;
  reason: string;
}

/** What a `corrected` timeline event carries: who and when are the event's own. */
export interface CorrectionDetail {
  item: 'relief' | 'analysis' | 'problems' | 'plan' | 'member' | 'activity';
  /** Which one: the relief's number, the member's index, the task's activity seq. */
  ref?: string;
  taskId?: string;
  change: 'amend' | 'void';
  reason?: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface TaskRef {
  taskId: string;
  problemId: string;
  agencyCode: string;
  menuItem?: string;
  level: AssignmentLevel;
  status: 'open' | 'done' | 'returned' | 'cancelled';
  assignedAt: string;
  dueAt: string;
  endedAt: string | null;
}

export interface FollowUpVisit {
  no: number;
  dueAt: string;
  /** When the visit was recorded: the phone's time for one recorded offline. */
  doneAt: string | null;
  /** When the server received a visit recorded offline (absent for one recorded online). */
  receivedAt?: string;
  results: Array<{ problemId: string; outcome: FollowUpOutcome }>;
}

export interface CaseState {
  caseId: string;
  household: Household;
  stage: Stage;
  status: CaseStatus;
  /** Increments on every change; guards the read model against out-of-order writes. */
  version: number;
  openedAt: string;
  stageEnteredAt: string;
  lastProgressAt: string;
  dueAt: string | null;
  /** 0 on time, 1 overdue (flagged to the level above), 2 still overdue (flagged again). */
  overdueLevel: number;
  /** Escalated to the province, by capacity, by hand or by timer. */
  escalated: boolean;
  /** Who assigns this case's problems: the district, or the province after an escalation. */
  assignmentLevel: AssignmentLevel;
  policy: CasePolicy;
  verification: { outcome: VerificationOutcome; at: string; by: string; note?: string } | null;
  analysis: Analysis | null;
  plan: Plan | null;
  householdType: HouseholdType | null;
  track: 'development' | 'welfare';
  exemption: Exemption | null;
  problems: Problem[];
  reliefs: Relief[];
  tasks: TaskRef[];
  followUp: { anchorAt: string; visits: FollowUpVisit[] } | null;
  pause: { reason: PauseReason; note?: string; since: string; by: string } | null;
  /** The due date the last reminder went out for: a moved due date earns a new reminder. */
  remindedFor: string | null;
  closure: { reason: ClosureReason; at: string; by: string; note?: string; mergedInto?: string } | null;
  /** The most recent events (the full timeline lives in the read model). */
  recentEvents: CaseEvent[];
  nextEventSeq: number;
  /** Counter for problem, plan item and task ids: never reused within the case. */
  nextId: number;
}

export interface HouseholdCaseInput {
  household: Household;
  /** Read by the starter from the policy table; the case keeps this version. */
  policy: CasePolicy;
  openedBy: string;
  /** Present only when the workflow continues as new: the state to carry on with. */
  carriedState?: CaseState;
  /** Continue as new after this many history events (default: when the server suggests it). */
  historyLimit?: number;
  /** When the starter opened the case (default: the workflow's first task). */
  openedAt?: string;
  /**
   * The starter already wrote the opening state (`openingState` at `openedAt`) to the read model
   * and set its search attributes, so the first task skips both: a start costs the engine 6 history
   * events instead of 12. The import does this for a whole batch at once.
   */
  openingPublished?: boolean;
  /**
   * The household's earlier case, closed and past its reopen window, that this one follows (a
   * household back on a new year's target list). Its caseOpened event names it for the timeline.
   */
  previousCaseId?: string;
  /**
   * Set by every starter since projecting in the workflow task (a local activity) is the only way
   * a new case projects: such a run does not ask patched(LOCAL_PROJECTION_PATCH), whose marker and
   * TemporalChangeVersion upsert cost two history events at the run's first change (2 of a first
   * action's 11). Runs started without it decide through the patch as before, so every recorded
   * history replays unchanged. Kept when the case continues as new.
   */
  projectsLocally?: boolean;
}

export type { Actor };
