import type { SearchAttributePair, SearchAttributeUpdatePair } from '@temporalio/common';
import { districtCodeKey, dueAtKey, escalatedKey, overdueLevelKey, stageKey } from '../search-attributes';
import { openCaseState, recordEvent } from './state';
import type { CaseState, HouseholdCaseInput } from './types';

/**
 * How a case opens, shared by the workflow and by a starter that publishes the opening itself
 * (the import writes a whole batch of opening states to the read model in one set of statements).
 * Both compute it from the same input, `openedAt` included, so both hold the same state.
 */
export function openingState(caseId: string, input: HouseholdCaseInput, at: string): CaseState {
  const state = openCaseState(caseId, input.household, input.policy, at);
  recordEvent(state, 'caseOpened', input.openedBy, at, { source: input.household.source, ...(input.previousCaseId ? { previousCaseId: input.previousCaseId } : {}) });
  return state;
}

/** The case's search attributes; the workflow upserts them when they change. */
export function caseSearchAttributes(state: CaseState): SearchAttributeUpdatePair[] {
  return [
    { key: stageKey, value: state.stage },
    { key: districtCodeKey, value: state.household.districtCode },
    { key: dueAtKey, value: state.dueAt && state.status === 'active' ? new Date(state.dueAt) : null },
    { key: overdueLevelKey, value: state.overdueLevel },
    { key: escalatedKey, value: state.escalated },
  ];
}

/** The same at start, where an attribute is left out rather than set to null. */
export function startSearchAttributes(state: CaseState): SearchAttributePair[] {
  return caseSearchAttributes(state).filter((pair) => pair.value !== null) as SearchAttributePair[];
}

/** What the workflow compares to tell whether its attributes changed. */
export function searchAttributesFingerprint(pairs: SearchAttributeUpdatePair[]): string {
  return JSON.stringify(pairs.map((pair) => pair.value));
}
