import { ActivityFailure, CancellationScope, continueAsNew, isCancellation, proxyActivities, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ImportKind, ImportOutcome, ImportWorkflowInput } from './messages';

/**
 * A call works through a few batches for about a minute, heartbeating after every row, so a lost
 * worker is noticed in a minute rather than at the timeout. Unlike projections, an import gives up
 * after a while and says so on its job: a person is waiting for the answer.
 */
const importActivity: ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
};

const { prepareImport, processImportBatch, finishImport } = proxyActivities<Activities>(importActivity);

const DEFAULT_BATCH_SIZE = 500;
const DEFAULT_BATCHES_PER_CALL = 10;
/**
 * About 600 history events per run, and more rows than a file may hold (200,000 is 40 calls). Not
 * fewer: a new run's first task waits in the task queue behind every case the import has opened
 * and the worker has not yet run, where a running import's tasks go to the worker's sticky queue.
 */
const DEFAULT_CALLS_PER_RUN = 100;

/** A TPMAP target list: each accepted row opens a householdCaseWorkflow. */
export async function importTargetsWorkflow(input: ImportWorkflowInput): Promise<ImportOutcome> {
  return runImport('targets', input);
}

/** Annual survey results: each accepted row is a surveyResult signal to the household's case. */
export async function importSurveyWorkflow(input: ImportWorkflowInput): Promise<ImportOutcome> {
  return runImport('survey', input);
}

/**
 * Works through the staged rows batch by batch. Each batch settles only rows still pending and the
 * job is recounted from import_row, so a retried batch never counts twice. Every `callsPerRun`
 * activity calls the run continues as new, carrying nothing but the input.
 */
async function runImport(kind: ImportKind, input: ImportWorkflowInput): Promise<ImportOutcome> {
  const batch = { importId: input.importId, kind, startedBy: input.startedBy, scope: input.scope, batchSize: input.batchSize ?? DEFAULT_BATCH_SIZE, maxBatches: input.batchesPerCall ?? DEFAULT_BATCHES_PER_CALL };
  const callsPerRun = input.callsPerRun ?? DEFAULT_CALLS_PER_RUN;
  let more = false;
  try {
    if (!input.prepared) await prepareImport(input.importId, kind);
    for (let call = 1; ; call++) {
      const result = await processImportBatch(batch);
      if (result.pendingRows === 0) break;
      if (call >= callsPerRun || workflowInfo().continueAsNewSuggested) {
        more = true;
        break;
      }
    }
  } catch (error) {
    if (isCancellation(error)) {
      // Cancelled by an operator: the job says so (rows already settled stay settled).
      await CancellationScope.nonCancellable(() => finishImport(input.importId, 'the import was cancelled'));
      throw error;
    }
    // Retries are spent (or the job vanished): the job says why, and the workflow ends cleanly.
    if (!(error instanceof ActivityFailure)) throw error;
    return finishImport(input.importId, failureMessage(error));
  }
  // Outside the try: continueAsNew throws to end the run, and that is not a failure. It continues as
  // the running workflow type (both take the same input).
  if (more) return continueAsNew<typeof importTargetsWorkflow>({ ...input, prepared: true });
  return finishImport(input.importId, null);
}

/** The activity's own error (a database error, ImportGone), not the wrapper's "activity task failed". */
function failureMessage(error: ActivityFailure): string {
  return error.cause?.message ?? error.message;
}
