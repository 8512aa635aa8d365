/**
 * The bulk-case workflow's contract, importable by the API and the activities without workflow
 * code. What the job does is stored with the job (db/bulk-jobs.ts): the workflow carries only its ID.
 */
export interface BulkWorkflowInput {
  jobId: string;
  /** Cases settled per activity call (default 100). */
  batchSize?: number;
  /** Set on continue-as-new: the cases were listed already. */
  listed?: boolean;
}

export interface BulkBatchResult {
  settled: number;
  pending: number;
}

export const bulkWorkflowId = (jobId: string): string => `bulk-${jobId}`;
