import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_NAMESPACE } from '../../common/constants';
import type { Logger } from '../../common/logger';
import { spawnAppProcess } from '../../infra/app-process';
import { startClusterServices } from '../../infra/cluster-services';
import { freeTemporalPorts } from '../../infra/temporal-cluster';
import { measureBareTemporal, type EngineResult, type LoadOptions } from './baseline';
import { measureFullPath, type FullPathResult } from './full-path';
import { openStack } from './stack';

export interface ClusterBenchResult {
  historyShards: number;
  b0: EngineResult;
  /** The bench's own worker alone, as on the dev server. */
  b2: FullPathResult;
  /** The same, with a second worker process polling the same task queue. */
  b2TwoWorkers: FullPathResult;
}

/**
 * B0 and B2 again on the production shape (`npm run cluster`'s servers: the pinned Temporal
 * server on PostgreSQL, its own throwaway ones), then B2 once more with a second worker: how
 * throughput moves from one worker to two on the same machine.
 */
export async function measureOnCluster(
  load: LoadOptions,
  opts: { postgresUrl: string; workflowBundlePath: string; timeoutMs: number; tag: (n: number) => string; logger: Logger; say: (line: string) => void },
): Promise<ClusterBenchResult> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaejon-bench-cluster-'));
  opts.say('cluster: starting the Temporal server');
  // The bench's PostgreSQL, with Temporal's two databases and a Kaejon one of their own: one
  // server, three databases, as docker-compose.yml runs them.
  const postgres = { url: opts.postgresUrl, databasePrefix: `bench_${randomUUID().slice(0, 8)}_` };
  const services = await startClusterServices({ dataDir: workDir, postgres, temporalPorts: await freeTemporalPorts(), namespace: DEFAULT_NAMESPACE, logger: opts.logger });
  const servers = { databaseUrl: services.databaseUrl, temporalAddress: services.temporalAddress, namespace: DEFAULT_NAMESPACE, workflowBundlePath: opts.workflowBundlePath };
  const stack = await openStack(servers, opts.logger);
  try {
    opts.say('cluster: b0');
    const b0 = await measureBareTemporal(servers, load);
    opts.say(`cluster: b0 ${JSON.stringify(b0.starts)} ${JSON.stringify(b0.updates.perSecond)}/s updates; b2 with one worker`);
    const b2 = await measureFullPath(stack, { ...load, tag: opts.tag(3), timeoutMs: opts.timeoutMs });
    opts.say('cluster: b2 with two workers');
    // At info: its "worker running" line is what tells it is ready (its output is dropped).
    const second = spawnAppProcess(
      'worker',
      { LOG_LEVEL: 'info', DATABASE_URL: services.databaseUrl, TEMPORAL_ADDRESS: services.temporalAddress, TEMPORAL_NAMESPACE: DEFAULT_NAMESPACE, TEMPORAL_TASK_QUEUE: stack.config.temporal.taskQueue, WORKFLOW_BUNDLE: opts.workflowBundlePath },
      () => undefined,
    );
    await second.ready;
    try {
      const b2TwoWorkers = await measureFullPath(stack, { ...load, tag: opts.tag(4), timeoutMs: opts.timeoutMs });
      return { historyShards: services.historyShards, b0, b2, b2TwoWorkers };
    } finally {
      second.kill('SIGTERM');
      await second.exited;
    }
  } finally {
    await stack.stop();
    await services.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
