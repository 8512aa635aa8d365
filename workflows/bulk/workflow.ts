import { ActivityFailure, continueAsNew, proxyActivities, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { BulkWorkflowInput } from './messages';

/** Like an import's calls: heartbeats after every case, so a lost worker is noticed in a minute. */
const bulkActivity: ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20 },
};

const { listBulkJobCases, processBulkJobBatch, finishBulkJobRun } = proxyActivities<Activities>(bulkActivity);

const CALLS_PER_RUN = 100;

/**
 * One action on many cases (a policy migration, an area paused for a disaster): the cases are
 * listed once, then settled batch by batch, each with one update whose ID names the job and the
 * case, so a batch retried after a worker crash applies nothing twice. Progress lives on the job's
 * rows (GET /bulk-jobs/:id), not in this workflow.
 */
export async function bulkCaseWorkflow(input: BulkWorkflowInput): Promise<void> {
  try {
    if (!input.listed) await listBulkJobCases(input.jobId);
    for (let call = 1; ; call++) {
      const { pending } = await processBulkJobBatch(input.jobId, input.batchSize ?? 100);
      if (pending === 0) break;
      if (call >= CALLS_PER_RUN || workflowInfo().continueAsNewSuggested) return continueAsNew<typeof bulkCaseWorkflow>({ ...input, listed: true });
    }
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    await finishBulkJobRun(input.jobId, 'failed');
    return;
  }
  await finishBulkJobRun(input.jobId, 'completed');
}
