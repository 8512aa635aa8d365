import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { bulkJobView, createBulkJob, type BulkParams } from '../../db/bulk-jobs';
import type { BulkJobView } from '../../domain/contract/policy';
import { bulkWorkflowId } from '../../workflows/bulk/messages';
import type { bulkCaseWorkflow } from '../../workflows/bulk/workflow';
import { notFound } from '../errors';

/**
 * Stores a bulk job once and starts its workflow once, then answers its progress. Asked twice (a
 * retry, a second click): the job that is running, or ran, is the answer. Policy migrations and
 * area pauses both start theirs here.
 */
export async function startBulkJob(app: FastifyInstance, em: EntityManager, jobId: string, params: BulkParams): Promise<BulkJobView> {
  await createBulkJob(em, jobId, params);
  await app.temporal.workflow
    .start<typeof bulkCaseWorkflow>('bulkCaseWorkflow', { workflowId: bulkWorkflowId(jobId), taskQueue: app.config.temporal.taskQueue, args: [{ jobId }] })
    .catch((error: unknown) => {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    });
  return bulkJobAnswer(em, jobId);
}

/** A job's progress as the API answers it: without who started it or what it carries. */
export async function bulkJobAnswer(em: EntityManager, jobId: string): Promise<BulkJobView> {
  const job = await bulkJobView(em, jobId);
  if (!job) throw notFound();
  const { createdBy: _by, params: _params, ...view } = job;
  return view;
}
