import { defineQuery } from '@temporalio/workflow';
import type { SearchAttributePair } from '@temporalio/common';
import { districtCodeKey, escalatedKey, overdueLevelKey, stageKey } from '../search-attributes';
import type { CaseState, Household } from './types';

/**
 * The case's message contract, importable by the API without pulling in workflow code.
 * Message names are part of the deployed contract: never rename them.
 */
export const caseStateQuery = defineQuery<CaseState>('caseState');

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
