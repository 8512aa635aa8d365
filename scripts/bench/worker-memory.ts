import { randomUUID } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { NativeConnection } from '@temporalio/worker';
import { activePolicy } from '../../db/policies';
import { caseWorkflowId, initialSearchAttributes } from '../../workflows/household-case/messages';
import type { Household } from '../../workflows/household-case/types';
import type { householdCaseWorkflow } from '../../workflows/household-case/workflow';
import { createKaejonWorker, MAX_CACHED_WORKFLOWS } from '../../worker/worker';
import { quiet } from './baseline';
import type { BenchStack, ServerAddresses } from './stack';
import { mb, residentBytes, round, timedPool } from './stats';

export interface WorkerMemoryResult {
  cacheSize: number;
  started: number;
  cached: number;
  rssDeltaMb: number;
  kbPerCachedWorkflow: number;
}

/** A full collection of the main thread's heap, so the deltas measure what stays. */
function collect(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/**
 * A second Kaejon worker with the production cache size on a queue of its own: the process's
 * resident memory is read before and after it has taken more cases than its cache holds (all
 * waiting on their timers, as most cases are), and the growth is divided by the cases it keeps.
 */
export async function measureWorkerMemory(stack: BenchStack, servers: ServerAddresses, options: { cases: number }): Promise<WorkerMemoryResult> {
  const taskQueue = `bench-memory-${randomUUID().slice(0, 8)}`;
  const connection = await NativeConnection.connect({ address: servers.temporalAddress });
  const worker = await createKaejonWorker({
    connection,
    namespace: servers.namespace,
    taskQueue,
    orm: stack.workerOrm,
    temporal: stack.client,
    logger: stack.logger,
    workflowBundlePath: stack.config.workflowBundlePath,
  });
  const running = worker.run();
  try {
    const policy = await activePolicy(stack.orm.em.fork(), '64');
    await quiet(worker);
    collect();
    const before = residentBytes(process.pid) ?? process.memoryUsage().rss;
    const run = Date.now().toString(36);
    const households = Array.from({ length: options.cases }, (_, i): Household => ({
      householdId: `bench-mem-${run}-${i}`,
      provinceCode: '64',
      districtCode: '6401',
      subdistrictCode: '640101',
      headName: 'สมชาย ใจดี',
      members: [{ name: 'สมชาย ใจดี' }, { name: 'สมหญิง ใจดี' }],
      source: 'tpmap',
      failedIndicators: ['I3', 'L1'],
    }));
    await timedPool(households, 32, async (household) => {
      await stack.client.workflow.start<typeof householdCaseWorkflow>('householdCaseWorkflow', {
        workflowId: caseWorkflowId(household.householdId),
        taskQueue,
        args: [{ household, policy, openedBy: 'bench' }],
        typedSearchAttributes: initialSearchAttributes(household),
      });
    });
    await quiet(worker);
    collect();
    const after = residentBytes(process.pid) ?? process.memoryUsage().rss;
    const cached = worker.getStatus().numCachedWorkflows;
    return {
      cacheSize: MAX_CACHED_WORKFLOWS,
      started: households.length,
      cached,
      rssDeltaMb: mb(after - before),
      kbPerCachedWorkflow: cached ? round((after - before) / 1024 / cached) : 0,
    };
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
}
