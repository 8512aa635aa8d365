import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { bulkJobParams, finishBulkJob, listBulkCases, pendingBulkCases, settleBulkCase, type BulkParams } from '../db/bulk-jobs';
import type { Orm } from '../db/orm';
import { migratePolicyUpdate, pauseCaseUpdate, resumeCaseUpdate } from '../workflows/household-case/messages';
import type { BulkBatchResult } from '../workflows/bulk/messages';

/** Updates in flight at once: enough to keep the engine busy, few enough to leave room for officials. */
const CONCURRENCY = 8;

export function createBulkActivities({ orm, temporal }: { orm: Orm; temporal: Client }) {
  const paramsOf = async (jobId: string): Promise<BulkParams> => {
    const params = await bulkJobParams(orm.em.fork(), jobId);
    if (!params) throw ApplicationFailure.nonRetryable(`bulk job ${jobId} does not exist`, 'BulkJobGone');
    return params;
  };

  /** One case, once: the update ID makes a retried call a no-op on the workflow's side. */
  const actOn = (params: BulkParams, jobId: string, caseId: string): Promise<unknown> => {
    const handle = temporal.workflow.getHandle(caseId);
    const updateId = `${jobId}:${caseId}`;
    if (params.kind === 'migratePolicy') return handle.executeUpdate(migratePolicyUpdate, { args: [{ actor: params.actor, policy: params.policy }], updateId });
    if (params.kind === 'pauseArea') return handle.executeUpdate(pauseCaseUpdate, { args: [{ actor: params.actor, reason: params.reason, ...(params.note ? { note: params.note } : {}) }], updateId });
    return handle.executeUpdate(resumeCaseUpdate, { args: [{ actor: params.actor }], updateId });
  };

  return {
    async listBulkJobCases(jobId: string): Promise<number> {
      return listBulkCases(orm.em.fork(), jobId, await paramsOf(jobId));
    },

    /**
     * Settles up to `limit` pending cases. A case the update refuses (its stage moved on, already on
     * the version, closed meanwhile) is skipped with the case's own code, never retried; an engine
     * that is down fails the call, which retries and finds those cases still pending.
     */
    async processBulkJobBatch(jobId: string, limit: number): Promise<BulkBatchResult> {
      const params = await paramsOf(jobId);
      const em = orm.em.fork();
      const cases = await pendingBulkCases(em, jobId, limit);
      let next = 0;
      let settled = 0;
      const worker = async (): Promise<void> => {
        while (next < cases.length) {
          const caseId = cases[next++];
          const outcome = await actOn(params, jobId, caseId).then(
            () => ({ status: 'done' as const }),
            (error: unknown) => {
              if (error instanceof WorkflowNotFoundError) return { status: 'skipped' as const, code: 'CASE_ENDED' };
              if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
                const detail = error.cause.details?.[0] as { code?: unknown } | undefined;
                return { status: 'skipped' as const, code: typeof detail?.code === 'string' ? detail.code : (error.cause.type ?? 'REJECTED') };
              }
              throw error;
            },
          );
          await settleBulkCase(em, jobId, caseId, outcome);
          settled++;
          Context.current().heartbeat(settled);
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, cases.length) }, worker));
      const pending = (await pendingBulkCases(em, jobId, 1)).length;
      return { settled, pending };
    },

    async finishBulkJobRun(jobId: string, status: 'completed' | 'failed'): Promise<void> {
      await finishBulkJob(orm.em.fork(), jobId, status);
    },
  };
}
