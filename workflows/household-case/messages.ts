import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { SearchAttributePair } from '@temporalio/common';
import type { Static, TSchema } from '@sinclair/typebox';
import type * as C from '../../domain/contract/case-actions';
import type * as K from '../../domain/contract/corrections';
import type { CasePolicy } from '../policy';
import type { Actor } from '../roles';
import { districtCodeKey, escalatedKey, overdueLevelKey, stageKey } from '../search-attributes';
import type { CaseState, CorrectionDetail, Household, HouseholdMember } from './types';

/**
 * The case's message contract, importable by the API without pulling in workflow code.
 * Caseworker actions are updates (the caller needs "accepted" or a reason); outside events are
 * signals. Message names are part of the deployed contract: never rename them.
 */
interface ByActor {
  actor: Actor;
}

/** An action's input: its HTTP body, as the contract's schema types it, and who acts. */
type ActionInput<Body extends TSchema> = Static<Body> & ByActor;

export type ProblemInput = Static<typeof C.AnalysisBody>['problems'][number];
export type ReliefInput = Static<typeof C.ReliefBody>;
export type Assignment = Static<typeof C.AssignBody>['assignments'][number];

export type VerifyTargetInput = ActionInput<typeof C.VerifyBody>;
export type RecordAnalysisInput = ActionInput<typeof C.AnalysisBody>;
export type RecordPlanInput = ActionInput<typeof C.PlanBody>;
export type GiveReliefInput = ActionInput<typeof C.ReliefBody>;
/** From the meeting, the decisions name the meeting they were taken at. */
export type AssignProblemsInput = ActionInput<typeof C.AssignBody> & { meetingId?: string };
export type EscalateCaseInput = ActionInput<typeof C.ReasonBody>;
export type ReturnToDistrictInput = ActionInput<typeof C.InstructionsBody>;
export type RecordFollowUpInput = ActionInput<typeof C.FollowUpBody>;
export type PauseCaseInput = ActionInput<typeof C.PauseBody>;
export type ResumeCaseInput = ActionInput<typeof C.EmptyBody>;
export type TransferCaseInput = ActionInput<typeof C.TransferBody>;
/** By hand: a merge closes through verification. */
export type CloseCaseInput = ActionInput<typeof C.CloseBody>;
export type ReopenCaseInput = ActionInput<typeof C.ReasonBody>;

/** Corrections (corrections.ts): each names who by its actor and why by its reason. */
export type AmendReliefInput = ActionInput<typeof K.AmendReliefBody>;
export type VoidReliefInput = ActionInput<typeof K.VoidReliefBody>;
export type AmendAnalysisInput = ActionInput<typeof K.AmendAnalysisBody>;
export type AmendProblemsInput = ActionInput<typeof K.AmendProblemsBody>;
export type AmendPlanInput = ActionInput<typeof K.AmendPlanBody>;
export type AmendMemberInput = ActionInput<typeof K.AmendMemberBody>;

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

/** From a task: one of its activities was amended or voided, for the case's timeline. */
export interface ActivityCorrectedSignal {
  at: string;
  by: string;
  detail: CorrectionDetail;
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

/**
 * What a caseworker action's update answers: the case and the version the action brought it to,
 * not the whole state. Every byte of an update's answer is stored in the case's history (and sent
 * back through the engine), and the API renders the view from the read model, which the workflow
 * has written before it answers (household_case.state at this version or newer). Histories from
 * before answered the whole state; an update ID retried from then still answers that, which has
 * these two fields as well.
 */
export interface CaseAnswer {
  caseId: string;
  version: number;
}

export const verifyTargetUpdate = defineUpdate<CaseAnswer, [VerifyTargetInput]>('verifyTarget');
export const recordAnalysisUpdate = defineUpdate<CaseAnswer, [RecordAnalysisInput]>('recordAnalysis');
export const recordPlanUpdate = defineUpdate<CaseAnswer, [RecordPlanInput]>('recordPlan');
export const giveReliefUpdate = defineUpdate<CaseAnswer, [GiveReliefInput]>('giveRelief');
export const assignProblemsUpdate = defineUpdate<CaseAnswer, [AssignProblemsInput]>('assignProblems');
export const escalateCaseUpdate = defineUpdate<CaseAnswer, [EscalateCaseInput]>('escalateCase');
export const returnToDistrictUpdate = defineUpdate<CaseAnswer, [ReturnToDistrictInput]>('returnToDistrict');
export const recordFollowUpUpdate = defineUpdate<CaseAnswer, [RecordFollowUpInput]>('recordFollowUp');
export const pauseCaseUpdate = defineUpdate<CaseAnswer, [PauseCaseInput]>('pauseCase');
export const resumeCaseUpdate = defineUpdate<CaseAnswer, [ResumeCaseInput]>('resumeCase');
export const transferCaseUpdate = defineUpdate<CaseAnswer, [TransferCaseInput]>('transferCase');
export const closeCaseUpdate = defineUpdate<CaseAnswer, [CloseCaseInput]>('closeCase');
export const reopenCaseUpdate = defineUpdate<CaseAnswer, [ReopenCaseInput]>('reopenCase');
export const migratePolicyUpdate = defineUpdate<CaseAnswer, [MigratePolicyInput]>('migratePolicy');
export const amendReliefUpdate = defineUpdate<CaseAnswer, [AmendReliefInput]>('amendRelief');
export const voidReliefUpdate = defineUpdate<CaseAnswer, [VoidReliefInput]>('voidRelief');
export const amendAnalysisUpdate = defineUpdate<CaseAnswer, [AmendAnalysisInput]>('amendAnalysis');
export const amendProblemsUpdate = defineUpdate<CaseAnswer, [AmendProblemsInput]>('amendProblems');
export const amendPlanUpdate = defineUpdate<CaseAnswer, [AmendPlanInput]>('amendPlan');
export const amendMemberUpdate = defineUpdate<CaseAnswer, [AmendMemberInput]>('amendMember');

export const taskEndedSignal = defineSignal<[TaskEndedSignal]>('taskEnded');
export const surveyResultSignal = defineSignal<[SurveyResultSignal]>('surveyResult');
export const householdDataChangedSignal = defineSignal<[HouseholdDataChangedSignal]>('householdDataChanged');
export const activityCorrectedSignal = defineSignal<[ActivityCorrectedSignal]>('activityCorrected');

/** What a starter puts in Temporal visibility when it opens a case; the workflow keeps it current. */
export function initialSearchAttributes(household: Household): SearchAttributePair[] {
  return [
    { key: stageKey, value: 'verification' },
    { key: districtCodeKey, value: household.districtCode },
    { key: overdueLevelKey, value: 0 },
    { key: escalatedKey, value: false },
  ];
}
