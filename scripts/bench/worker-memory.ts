import { fork } from 'node:child_process';
import { MAX_CACHED_WORKFLOWS } from '../../worker/worker';
import type { ServerAddresses } from './stack';

export interface WorkerMemoryResult {
  cacheSize: number;
  started: number;
  cached: number;
  /** Resident memory of the worker's process with `firstCached`, then `cached` workflows in its cache. */
  firstCached: number;
  rssFirstMb: number;
  rssMb: number;
  kbPerCachedWorkflow: number;
}

/**
 * A Kaejon worker with the production cache size, in a process of its own (worker-memory-child.ts)
 * so that nothing else the bench did sits in its memory. It takes cases in two steps (all waiting
 * on their timers, as most cases are) and its resident memory is read after each: the growth
 * between the two, divided by the workflows cached in between, is the memory of one cached case,
 * free of what the process holds anyway.
 */
export function measureWorkerMemory(servers: ServerAddresses, options: { cases: number }): Promise<WorkerMemoryResult> {
  return new Promise((resolve, reject) => {
    const child = fork(require.resolve('./worker-memory-child'), [JSON.stringify({ servers, cases: options.cases, cacheSize: MAX_CACHED_WORKFLOWS })], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: WorkerMemoryResult | undefined;
    child.on('message', (message) => {
      result = message as WorkerMemoryResult;
    });
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`bench: the worker memory process exited with ${code} and no result`))));
  });
}
