import type { CasePolicy } from '../policy';

/** The case's stages, in program order (PROCESS.md, "The lifecycle of one household case"). */
export const STAGES = ['verification', 'analysis', 'districtAssignment', 'assistance', 'followUp', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

export type EntrySource = 'tpmap' | 'missed' | 'vulnerable' | 'thaiqm';

export interface HouseholdMember {
  name: string;
  /** 13 digits with a valid check digit, or absent: people without an ID still need help. */
  nationalId?: string;
  birthYear?: number;
  sex?: 'male' | 'female';
  disabled?: boolean;
}

export interface Household {
  /** Stable key: the house code when there is one. The case's workflow ID derives from it. */
  householdId: string;
  houseCode?: string;
  provinceCode: string;
  districtCode: string;
  subdistrictCode: string;
  villageNo?: string;
  address?: string;
  headName?: string;
  members: HouseholdMember[];
  source: EntrySource;
  /** Why a missed or vulnerable household was added. */
  entryReason?: string;
  /** TPMAP indicators the household failed at import (H1..A2). */
  failedIndicators: string[];
}

export interface CaseEvent {
  /** Unique within the case; the read model dedupes on (caseId, seq). */
  seq: number;
  at: string;
  type: string;
  actor: string;
  detail?: Record<string, unknown>;
}

export interface CaseState {
  caseId: string;
  household: Household;
  stage: Stage;
  status: 'active' | 'paused' | 'closed';
  /** Increments on every change; guards the read model against out-of-order writes. */
  version: number;
  openedAt: string;
  stageEnteredAt: string;
  lastProgressAt: string;
  dueAt: string | null;
  overdueLevel: number;
  escalated: boolean;
  policy: CasePolicy;
  /** The most recent events (the full timeline lives in the read model). */
  recentEvents: CaseEvent[];
  nextEventSeq: number;
  closure: { reason: string; at: string } | null;
}

export interface HouseholdCaseInput {
  household: Household;
  /** Read by the starter from the policy table; the case keeps this version. */
  policy: CasePolicy;
  openedBy: string;
  /** Present only when the workflow continues as new: the state to carry on with. */
  carriedState?: CaseState;
}
