import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../common/config';
import type { Logger } from '../common/logger';
import type { Orm } from '../db/orm';
import { createActivities } from '../activities';
import { IncidentInterceptor } from './incident-interceptor';
import type { NotificationChannel } from '../activities/notifications/channel';
import { channelFromSettings } from '../activities/notifications/channels';

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  orm: Orm;
  logger: Logger;
  /** The client activities use to act on other workflows. */
  temporal: Client;
  /** Prebundled workflow code (production); without it the worker bundles from source. */
  workflowBundlePath?: string;
  taskQueue: string;
  /** The channel digests go out through; by default the one the settings name (SMTP or the file mailbox). */
  notificationChannel?: NotificationChannel;
}

/**
 * Each cached case holds its state and a V8 context; 1,000 stays well under the worker's memory
 * on a small machine while keeping every active case warm (measured by `npm run bench`).
 */
export const MAX_CACHED_WORKFLOWS = loadConfig().maxCachedWorkflows;

export async function createKaejonWorker(deps: WorkerDeps): Promise<Worker> {
  const config = loadConfig();
  const workflowSource = deps.workflowBundlePath
    ? { workflowBundle: { codePath: deps.workflowBundlePath } }
    : { workflowsPath: require.resolve('../workflows') };
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    ...workflowSource,
    activities: createActivities({ orm: deps.orm, logger: deps.logger, temporal: deps.temporal, notifications: { channel: deps.notificationChannel ?? channelFromSettings(config.notifications), publicUrl: config.publicUrl } }),
    maxCachedWorkflows: MAX_CACHED_WORKFLOWS,
    // A new case's first task comes from the normal queue, every later one from the sticky queue.
    // The SDK's default split (a fifth of 10 polls) leaves two pollers for new cases, which held an
    // import back while its cases queued (npm run bench, BENCHMARKS.md).
    maxConcurrentWorkflowTaskPolls: 10,
    nonStickyToStickyPollRatio: 0.5,
    // Activities failing again and again become engine incidents for the supervisors.
    interceptors: { activity: [(ctx) => ({ inbound: new IncidentInterceptor(ctx, deps.orm) })] },
  });
}

/**
 * Drains the worker. The Temporal runtime may already have begun on the same SIGINT/SIGTERM (it
 * installs its own handlers), so only ask when it is still running; either way wait for the end.
 */
export async function stopWorker(worker: Worker, running: Promise<void>): Promise<void> {
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await running;
}
