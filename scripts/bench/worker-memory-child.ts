import { randomUUID } from 'node:crypto';
import { createLogger } from '../../common/logger';
import { openOrm } from '../../db/orm';
import { activePolicy } from '../../db/policies';
import { createTemporalClient } from '../../infra/temporal-client';
import { initialSearchAttributes } from '../../workflows/household-case/messages';
import { newCaseId } from '../../domain/ids';
import type { Household } from '../../workflows/household-case/types';
import type { householdCaseWorkflow } from '../../workflows/household-case/workflow';
import { quiet } from './baseline';
import { startWorker, type ServerAddresses } from './stack';
import { mb, residentBytes, round, timedPool } from './stats';
import type { WorkerMemoryResult } from './worker-memory';

/** The measurement of worker-memory.ts, in the process it forks (started with --expose-gc). */
async function main(): Promise<void> {
  const { servers, cases, cacheSize } = JSON.parse(process.argv[2]) as { servers: ServerAddresses; cases: number; cacheSize: number };
  const logger = createLogger('warn');
  const orm = await openOrm(servers.databaseUrl, logger, { migrate: false });
  const { client, connection } = createTemporalClient(servers.temporalAddress, servers.namespace);
  const taskQueue = `bench-memory-${randomUUID().slice(0, 8)}`;
  const { worker, stop } = await startWorker(servers, { taskQueue, orm, client, logger });
  const policy = await activePolicy(orm.em.fork(), '64');
  const run = Date.now().toString(36);
  const start = (from: number, to: number) =>
    timedPool(
      Array.from({ length: to - from }, (_, i): Household => ({
        householdId: `bench-mem-${run}-${from + i}`,
        provinceCode: '64',
        districtCode: '6401',
        subdistrictCode: '640101',
        headName: 'สมชาย ใจดี',
        members: [{ name: 'สมชาย ใจดี' }, { name: 'สมหญิง ใจดี' }],
        source: 'tpmap',
        failedIndicators: ['I3', 'L1'],
      })),
      32,
      async (household) => {
        await client.workflow.start<typeof householdCaseWorkflow>('householdCaseWorkflow', {
          workflowId: newCaseId(household.householdId),
          taskQueue,
          args: [{ household, policy, openedBy: 'bench' }],
          typedSearchAttributes: initialSearchAttributes(household),
        });
      },
    );
  /** Resident memory once the worker is idle and the main thread's garbage is collected. */
  const settled = async (): Promise<{ rss: number; cached: number }> => {
    await quiet(worker);
    (globalThis as { gc?: () => void }).gc?.();
    return { rss: residentBytes(process.pid) ?? process.memoryUsage().rss, cached: worker.getStatus().numCachedWorkflows };
  };
  try {
    const first = Math.min(cases, Math.round(cacheSize / 5));
    await start(0, first);
    const a = await settled();
    await start(first, cases);
    const b = await settled();
    const result: WorkerMemoryResult = {
      cacheSize,
      started: cases,
      cached: b.cached,
      firstCached: a.cached,
      rssFirstMb: mb(a.rss),
      rssMb: mb(b.rss),
      kbPerCachedWorkflow: b.cached > a.cached ? round((b.rss - a.rss) / 1024 / (b.cached - a.cached)) : 0,
    };
    process.send?.(result);
  } finally {
    await stop();
    await connection.close();
    await orm.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
