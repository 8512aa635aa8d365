import { randomUUID } from 'node:crypto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createTemporalClient } from '../../infra/temporal-client';
import { MAX_CACHED_WORKFLOWS } from '../../worker/worker';
import { bareWorkflow, finishSignal, touchUpdate } from './bare-workflow';
import type { ServerAddresses } from './stack';
import { stepEvents, type CpuProfileSummary, type StepEvent } from './engine-work';
import { cpuPerItem, latency, pacedPool, perSecond, timedPool, until, type Latency, type MainThreadUse } from './stats';

export interface LoadOptions {
  /** Workflows started (B0) or households imported (B2). */
  count: number;
  /** Starts and signals in flight at once: enough to find the server's ceiling. */
  startConcurrency: number;
  /** Updates in flight at once, the same for B0 and B2 so their round trips compare. */
  updateConcurrency: number;
}

export interface EngineResult {
  starts: { count: number; perSecond: number };
  updates: { count: number; perSecond: number; latency: Latency };
  signals: { count: number; perSecond: number };
  /** History events of one workflow after its start (first task done) and after one update: the engine's work per step. */
  historyEvents: { afterStart: number; afterUpdate: number };
  /** CPU ms per start and per update by process (node, temporal, postgres), while they ran. */
  cpuMsPerStart: Record<string, number>;
  cpuMsPerUpdate: Record<string, number>;
  /** This process's main thread during the updates: busy share and ms per update. */
  updateMainThread?: MainThreadUse;
  /** Updates again at half the rate measured above, paced: the round trip on a normal day, not queueing at saturation. */
  halfRate?: { count: number; perSecond: number; latency: Latency };
  /** The history events one update added, with their sizes. */
  updateEvents?: StepEvent[];
  /** Where the API's and worker's CPU went during the updates (BENCH_CPU_PROFILE). */
  updateProfile?: CpuProfileSummary;
}

/** Half the saturated update rate, over half as many items as the saturated phase had. */
export async function atHalfRate<T>(items: T[], saturatedPerSecond: number, fn: (item: T) => Promise<void>): Promise<NonNullable<EngineResult['halfRate']>> {
  const rate = saturatedPerSecond / 2;
  const run = await pacedPool(items, rate, fn);
  return { count: items.length, perSecond: perSecond(items.length, run.elapsedMs), latency: latency(run.samplesMs) };
}

/**
 * B0: the engine alone on the same dev server. Bare workflows (one timer, one signal, one update)
 * are started as fast as the server takes them, updated once each, then signalled to finish.
 * Its worker has the same cache as Kaejon's, and nothing else runs on its task queue.
 */
export async function measureBareTemporal(servers: ServerAddresses, options: LoadOptions): Promise<EngineResult> {
  const taskQueue = `bench-bare-${randomUUID().slice(0, 8)}`;
  const connection = await NativeConnection.connect({ address: servers.temporalAddress });
  const { client, connection: clientConnection } = createTemporalClient(servers.temporalAddress, servers.namespace);
  const worker = await Worker.create({
    connection,
    namespace: servers.namespace,
    taskQueue,
    workflowsPath: require.resolve('./bare-workflow'),
    maxCachedWorkflows: MAX_CACHED_WORKFLOWS,
  });
  const running = worker.run();
  try {
    const ids = Array.from({ length: options.count }, (_, i) => `bench-bare-${taskQueue}-${i}`);
    const { result: starts, cpuMsPerItem: cpuMsPerStart } = await cpuPerItem(ids.length, async () => {
      const started = await timedPool(ids, options.startConcurrency, async (workflowId) => {
        await client.workflow.start(bareWorkflow, { workflowId, taskQueue });
      });
      // The first tasks of the workflows just started belong to the starts' cost.
      await quiet(worker);
      return started;
    });
    const afterStart = (await client.workflow.getHandle(ids[0]).describe()).historyLength;
    const { result: updates, cpuMsPerItem: cpuMsPerUpdate, mainThread: updateMainThread } = await cpuPerItem(ids.length, () =>
      timedPool(ids, options.updateConcurrency, async (workflowId) => {
        await client.workflow.getHandle(workflowId).executeUpdate(touchUpdate, { args: [1] });
      }),
    );
    await quiet(worker);
    const afterUpdate = (await client.workflow.getHandle(ids[0]).describe()).historyLength;
    const updateEvents = await stepEvents(client, ids[0], afterStart);
    const updatesPerSecond = perSecond(ids.length, updates.elapsedMs);
    const halfRate = await atHalfRate(ids.slice(0, Math.ceil(ids.length / 2)), updatesPerSecond, async (workflowId) => {
      await client.workflow.getHandle(workflowId).executeUpdate(touchUpdate, { args: [1] });
    });
    await quiet(worker);
    const signals = await timedPool(ids, options.startConcurrency, async (workflowId) => {
      await client.workflow.getHandle(workflowId).signal(finishSignal);
    });
    return {
      starts: { count: ids.length, perSecond: perSecond(ids.length, starts.elapsedMs) },
      updates: { count: ids.length, perSecond: updatesPerSecond, latency: latency(updates.samplesMs) },
      signals: { count: ids.length, perSecond: perSecond(ids.length, signals.elapsedMs) },
      historyEvents: { afterStart, afterUpdate },
      halfRate,
      updateEvents,
      cpuMsPerStart,
      cpuMsPerUpdate,
      updateMainThread,
    };
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await clientConnection.close();
  }
}

/**
 * Waits until the worker has had nothing in flight for a second: every started workflow has run
 * its first task, so the updates that follow measure a round trip, not a backlog.
 */
export async function quiet(worker: Worker, timeoutMs = 600_000): Promise<void> {
  let idleSince = 0;
  await until(
    async () => {
      const status = worker.getStatus();
      const idle = status.numInFlightWorkflowActivations === 0 && status.numInFlightActivities === 0;
      if (!idle) idleSince = 0;
      else if (!idleSince) idleSince = Date.now();
      return idleSince > 0 && Date.now() - idleSince >= 1000;
    },
    timeoutMs,
    'the worker to go quiet',
    100,
  );
}
