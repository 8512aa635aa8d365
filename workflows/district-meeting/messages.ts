import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Assignment } from '../household-case/messages';
import type { Actor } from '../roles';

/** The monthly district meeting (ประชุมชี้เป้า): its agenda and its batch of decisions. */
export interface AgendaItem {
  caseId: string;
  householdId: string;
  subdistrictCode: string;
  dueAt: string | null;
  overdueLevel: number;
  problems: Array<{ problemId: string; dimension: string; indicator: string; description: string; proposedAgencies: string[] }>;
}

export interface MeetingDecision {
  caseId: string;
  /** Assign problems to agencies, or escalate the case to the province (beyond district capacity). */
  assignments?: Assignment[];
  escalate?: { reason: string };
}

export interface DecisionResult {
  caseId: string;
  ok: boolean;
  error?: string;
  /** The case's rejection code (REJECTION_CODES) when it refused the decision. */
  code?: string;
}

export interface MeetingState {
  meetingId: string;
  districtCode: string;
  provinceCode: string;
  openedAt: string;
  status: 'open' | 'decided' | 'lapsed';
  agenda: AgendaItem[];
  results: DecisionResult[];
}

export interface RecordDecisionsInput {
  actor: Actor;
  decisions: MeetingDecision[];
}

export interface DistrictMeetingInput {
  districtCode: string;
  provinceCode: string;
}

export const meetingStateQuery = defineQuery<MeetingState>('meetingState');
export const recordDecisionsUpdate = defineUpdate<MeetingState, [RecordDecisionsInput]>('recordDecisions');
/** Answers once the agenda is loaded and the meeting's row written: whoever opened it reads it at once. */
export const meetingOpenedUpdate = defineUpdate<MeetingState, []>('meetingOpened');

export function meetingScheduleId(districtCode: string): string {
  return `district-meeting-${districtCode}`;
}
