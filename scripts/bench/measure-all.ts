import os from 'node:os';
import { measureBareTemporal, type EngineResult } from './baseline';
import { measureOnCluster, type ClusterBenchResult } from './cluster-profile';
import { measureFullPath, type FullPathResult } from './full-path';
import { generateReadModel } from './generate-read-model';
import { measureImport, type ImportResult } from './national-import';
import type { BenchOptions } from './options';
import { measureProjection, type ProjectionResult } from './projection-capacity';
import type { BenchStack, ServerAddresses } from './stack';
import { machine, round, type Machine } from './stats';
import { measureSupervisorQueries, type QueryTiming } from './supervisor-queries';
import { measureUiFirstLoad, type UiResult } from './ui-first-load';
import { measureWorkerMemory, type WorkerMemoryResult } from './worker-memory';
import { measureOfflineSync, type OfflineSyncResult } from './offline-sync';

export interface BenchResults {
  machine: Machine;
  options: BenchOptions;
  b0?: EngineResult;
  b2?: FullPathResult;
  memory?: WorkerMemoryResult;
  projection?: ProjectionResult;
  import?: ImportResult;
  readModel?: { rows: number; generated: number; seconds: number; rollupSeconds?: number };
  queries?: QueryTiming[];
  /** The web UI's first load on the throttled phone profile, after `queries` filled the read model. */
  ui?: UiResult;
  /** B0 and B2 on the production shape (one worker, then two), in the same run as the dev server's. */
  cluster?: ClusterBenchResult;
  /** A device syncing its offline outbox (POST /sync/actions). */
  sync?: OfflineSyncResult;
  /** Set when the measurements not run this time were carried over from an earlier run (BENCH_MERGE=1). */
  carriedFrom?: { date: string; loadAverage: number[]; measurements: string[] };
  /** The 1-minute load average after each measurement: other work on the machine shows here. */
  loadAfter: Record<string, number>;
  seconds: Record<string, number>;
}

/**
 * Runs the chosen measurements one after another on the given servers: B0 on a fresh server first,
 * then Kaejon's path, the worker's memory, the projection alone, the supervisor queries over the
 * read model filled up to its size, and last the big import (the longest, into that national read
 * model). `progress` gets the results so far after each measurement, so a long run that is cut
 * short still leaves its report.
 */
export async function measureAll(
  stack: BenchStack,
  servers: ServerAddresses,
  options: BenchOptions,
  pids: Record<string, number | undefined>,
  say: (line: string) => void,
  progress: (results: BenchResults) => void = () => undefined,
  previous?: BenchResults,
): Promise<BenchResults> {
  const results: BenchResults = { ...previous, machine: machine(), options, loadAfter: { ...previous?.loadAfter }, seconds: { ...previous?.seconds } };
  if (previous) {
    const carried = Object.keys(previous.seconds).filter((name) => !options.only.has(name));
    results.carriedFrom = { date: previous.machine.date, loadAverage: previous.machine.loadAverage, measurements: carried };
  }
  const timeoutMs = options.timeoutMinutes * 60_000;
  const tag = (n: number): string => String(100 + ((Date.now() + n) % 900));
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T | undefined> => {
    if (!options.only.has(name)) return undefined;
    say(`${name}: running`);
    const t0 = performance.now();
    const result = await run();
    results.seconds[name] = round((performance.now() - t0) / 1000);
    results.loadAfter[name] = round(os.loadavg()[0], 2);
    say(`${name}: done in ${results.seconds[name]} s ${JSON.stringify(result)}`);
    return result;
  };
  const stepAndReport = async <K extends keyof BenchResults>(name: string, key: K, run: () => Promise<BenchResults[K]>): Promise<void> => {
    const result = await step(name, run);
    if (result !== undefined) results[key] = result;
    progress(results);
  };
  const load = { count: options.count, startConcurrency: options.startConcurrency, updateConcurrency: options.updateConcurrency };
  await stepAndReport('b0', 'b0', () => measureBareTemporal(servers, load));
  await stepAndReport('b2', 'b2', () => measureFullPath(stack, { ...load, tag: tag(1), timeoutMs }));
  // Right after the dev server's B0 and B2, on servers of its own, so the two compare.
  await stepAndReport('cluster', 'cluster', () => measureOnCluster(load, { postgresUrl: servers.databaseUrl, workflowBundlePath: servers.workflowBundlePath!, timeoutMs, tag, logger: stack.logger, say }));
  await stepAndReport('memory', 'memory', () => measureWorkerMemory(servers, { cases: options.memoryCases }));
  await stepAndReport('projection', 'projection', () => measureProjection(stack, { snapshots: options.projectionSnapshots, concurrency: options.projectionConcurrency }));
  await stepAndReport('queries', 'queries', async () => {
    const generated = await generateReadModel(stack.orm, { total: options.readModelRows, onProgress: (rows) => say(`queries: read model at ${rows} cases`) });
    results.readModel = { rows: options.readModelRows, ...generated };
    return measureSupervisorQueries(stack, { samples: options.querySamples });
  });
  // After the read model is filled: the supervisor's dashboard then counts a million cases.
  await stepAndReport('ui', 'ui', () => measureUiFirstLoad(stack, { samples: options.uiSamples, caseload: options.uiCaseload }));
  await stepAndReport('sync', 'sync', () => measureOfflineSync(stack, { households: options.syncHouseholds, tag: tag(3) }));
  await stepAndReport('import', 'import', () => measureImport(stack, { households: options.importRows, tag: tag(2), timeoutMs, pids }));
  return results;
}
