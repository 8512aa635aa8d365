import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { SearchAttributePair } from '@temporalio/common';
import type { CasePolicy } from '../policy';
import type { Actor } from '../roles';
import { districtCodeKey, escalatedKey, overdueLevelKey, stageKey } from '../search-attributes';
import type {
  AreaCodes,
  CaseState,
  ClosureReason,
  Dimension,
  FollowUpOutcome,
  Household,
  HouseholdMember,
  HouseholdType,
  PauseReason,
  PlanGoal,
  VerificationOutcome,
} from './types';

/**
 * The case's message contract, importable by the API without pulling in workflow code.
 * Caseworker actions are updates (the caller needs "accepted" or a reason); outside events are
 * signals. Message names are part of the deployed contract: never rename them.
 */
interface ByActor {
  actor: Actor;
}

export interface VerifyTargetInput extends ByActor {
  outcome: VerificationOutcome;
  note?: string;
  /** For 'moved': where the household lives now. */
  movedTo?: AreaCodes;
  /** For 'duplicate': the case this one merges into. */
  duplicateOf?: string;
}

export interface ProblemInput {
  dimension: Dimension;
  indicator: string;
  description: string;
}

export interface ReliefInput {
  kind: string;
  description: string;
  baht: number;
  items: number;
}

export interface RecordAnalysisInput extends ByActor {
  attitude: string;
  skills: string;
  resources: string;
  wayOut: string;
  householdType: HouseholdType;
  problems: ProblemInput[];
}

export interface RecordPlanInput extends ByActor {
  goal: PlanGoal;
  items: Array<{ dimension: Dimension; problemIndex?: number; problemId?: string; action: string; supportBy: string; targetDate?: string }>;
}

export interface GiveReliefInput extends ByActor, ReliefInput {}

export interface Assignment {
  problemId: string;
  agencyCode: string;
  menuItem?: string;
  /** Overrides the policy's assistance due days. */
  dueDays?: number;
}

export interface AssignProblemsInput extends ByActor {
  assignments: Assignment[];
  meetingId?: string;
}

export interface EscalateCaseInput extends ByActor {
  reason: string;
}

export interface ReturnToDistrictInput extends ByActor {
  instructions: string;
}

export interface RecordFollowUpInput extends ByActor {
  results: Array<{ problemId: string; outcome: FollowUpOutcome }>;
  note?: string;
}

export interface PauseCaseInput extends ByActor {
  reason: PauseReason;
  note?: string;
}

export interface TransferCaseInput extends ByActor {
  to: AreaCodes;
  note?: string;
}

export interface CloseCaseInput extends ByActor {
  reason: ClosureReason;
  note?: string;
}

export interface ReopenCaseInput extends ByActor {
  reason: string;
}

export interface MigratePolicyInput extends ByActor {
  policy: CasePolicy;
}

export interface TaskEndedSignal {
  taskId: string;
  status: 'done' | 'returned' | 'cancelled';
  at: string;
  by: string;
  note?: string;
}

export interface SurveyResultSignal {
  /** Buddhist-era survey year, e.g. 2570. */
  year: number;
  passed: boolean;
  failedIndicators: string[];
}

export interface HouseholdDataChangedSignal {
  changes: Partial<Pick<Household, 'headName' | 'address' | 'villageNo' | 'houseCode'>> & { members?: HouseholdMember[] };
  by: string;
}

export const caseStateQuery = defineQuery<CaseState>('caseState');

export const verifyTargetUpdate = defineUpdate<CaseState, [VerifyTargetInput]>('verifyTarget');
export const recordAnalysisUpdate = defineUpdate<CaseState, [RecordAnalysisInput]>('recordAnalysis');
export const recordPlanUpdate = defineUpdate<CaseState, [RecordPlanInput]>('recordPlan');
export const giveReliefUpdate = defineUpdate<CaseState, [GiveReliefInput]>('giveRelief');
export const assignProblemsUpdate = defineUpdate<CaseState, [AssignProblemsInput]>('assignProblems');
export const escalateCaseUpdate = defineUpdate<CaseState, [EscalateCaseInput]>('escalateCase');
export const returnToDistrictUpdate = defineUpdate<CaseState, [ReturnToDistrictInput]>('returnToDistrict');
export const recordFollowUpUpdate = defineUpdate<CaseState, [RecordFollowUpInput]>('recordFollowUp');
export const pauseCaseUpdate = defineUpdate<CaseState, [PauseCaseInput]>('pauseCase');
export const resumeCaseUpdate = defineUpdate<CaseState, [ByActor]>('resumeCase');
export const transferCaseUpdate = defineUpdate<CaseState, [TransferCaseInput]>('transferCase');
export const closeCaseUpdate = defineUpdate<CaseState, [CloseCaseInput]>('closeCase');
export const reopenCaseUpdate = defineUpdate<CaseState, [ReopenCaseInput]>('reopenCase');
export const migratePolicyUpdate = defineUpdate<CaseState, [MigratePolicyInput]>('migratePolicy');

export const taskEndedSignal = defineSignal<[TaskEndedSignal]>('taskEnded');
export const surveyResultSignal = defineSignal<[SurveyResultSignal]>('surveyResult');
export const householdDataChangedSignal = defineSignal<[HouseholdDataChangedSignal]>('householdDataChanged');

/** Workflow IDs derive from the household's stable key: importing it twice cannot open two cases. */
export function caseWorkflowId(householdId: string): string {
  return `household-case-${householdId}`;
}

/** What a starter puts in Temporal visibility when it opens a case; the workflow keeps it current. */
export function initialSearchAttributes(household: Household): SearchAttributePair[] {
  return [
    { key: stageKey, value: 'verification' },
    { key: districtCodeKey, value: household.districtCode },
    { key: overdueLevelKey, value: 0 },
    { key: escalatedKey, value: false },
  ];
}
