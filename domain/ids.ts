import { createHash, randomUUID } from 'node:crypto';

/**
 * Identifiers the workflows, the worker and the API share.
 *
 * A case's workflow ID is opaque: `household-case-<uuid>`. It never carries the house code (a
 * dwelling's identifier, which anyone with the Temporal UI or CLI would read); the house code
 * stays in PostgreSQL (`household`, `household_claim`), which maps a household to its case.
 * Cases opened before this keep their IDs (`household-case-<house code>`): nothing may derive a
 * household from a case ID, it looks the case up (`household_case.household_id`).
 */
export const CASE_ID_PREFIX = 'household-case-';

/**
 * A new case's workflow ID. Random, or derived from `seed` when a retry must find the same case:
 * the caller's Idempotency-Key (POST /cases), the import and row (an import batch run again).
 */
export function newCaseId(seed?: string): string {
  const hex = seed === undefined ? randomUUID().replaceAll('-', '') : createHash('sha256').update(seed).digest('hex').slice(0, 32);
  return `${CASE_ID_PREFIX}${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The case a workflow belongs to: the case itself, or the case of one of its tasks. */
export function caseIdOf(workflowId: string): string | null {
  if (!workflowId.startsWith(CASE_ID_PREFIX)) return null;
  return workflowId.replace(/-task-[0-9]+$/, '');
}
