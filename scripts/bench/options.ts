import { MAX_CACHED_WORKFLOWS } from '../../worker/worker';

/** Every size the bench takes, from the environment or `--name=value` flags (BENCHMARKS.md lists them). */
export interface BenchOptions {
  /** Workflows for B0 and households for B2. */
  count: number;
  startConcurrency: number;
  updateConcurrency: number;
  importRows: number;
  projectionSnapshots: number;
  projectionConcurrency: number;
  readModelRows: number;
  querySamples: number;
  uiSamples: number;
  /** Households open in the mentor's subdistrict for the UI's first load (the inbox's cards, the phone's caseload). */
  uiCaseload: number;
  memoryCases: number;
  /** Households a device syncs 4 queued actions each for (offline outbox). */
  syncHouseholds: number;
  /** Measurements to run (all by default): b0, b2, memory, projection, import, queries, cluster, ui, sync. */
  only: Set<string>;
  /** Minutes any one wait may take before the bench gives up. */
  timeoutMinutes: number;
}

/** `cluster`: B0 and B2 again on the pinned Temporal server on PostgreSQL, with one worker and two. */
export const MEASUREMENTS = ['b0', 'b2', 'memory', 'projection', 'import', 'queries', 'cluster', 'ui', 'sync'] as const;

const DEFAULTS: Record<string, string> = {
  // As many as the worker's cache holds, as production sizes it (README: the cases active in a
  // day): every update then finds its workflow cached, for B0 and B2 alike. A larger count
  // measures replays as well, which cost B2 more (its histories are longer).
  BENCH_COUNT: String(MAX_CACHED_WORKFLOWS),
  BENCH_START_CONCURRENCY: '64',
  BENCH_UPDATE_CONCURRENCY: '16',
  BENCH_IMPORT_ROWS: '100000',
  BENCH_PROJECTION_SNAPSHOTS: '5000',
  // The worker's activity slots: what the projections can have in flight.
  BENCH_PROJECTION_CONCURRENCY: '16',
  BENCH_READ_MODEL_ROWS: '1000000',
  BENCH_QUERY_SAMPLES: '50',
  // Cold and warm loads of the web UI per role on the throttled phone profile (each one takes seconds).
  BENCH_UI_SAMPLES: '5',
  // A subdistrict's open households, as a mentor carries them.
  BENCH_UI_CASELOAD: '30',
  // More cases than the cache holds, so the cache is full when memory is read.
  BENCH_MEMORY_CASES: String(MAX_CACHED_WORKFLOWS + 200),
  BENCH_SYNC_HOUSEHOLDS: '50',
  BENCH_ONLY: MEASUREMENTS.join(','),
  BENCH_TIMEOUT_MINUTES: '60',
};

/** `--import-rows=5000` is BENCH_IMPORT_ROWS=5000; flags win over the environment. */
export function benchOptions(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const values: Record<string, string> = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS)) if (env[key]) values[key] = env[key]!;
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(.+)$/.exec(arg);
    const key = match && `BENCH_${match[1].toUpperCase().replace(/-/g, '_')}`;
    if (!match || !key || !(key in DEFAULTS)) throw new Error(`bench: unknown argument ${arg} (known: ${Object.keys(DEFAULTS).map((k) => `--${k.slice(6).toLowerCase().replace(/_/g, '-')}`).join(', ')})`);
    values[key] = match[2];
  }
  const int = (key: string): number => {
    const value = Number(values[key]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`bench: ${key} must be a positive integer, not ${values[key]}`);
    return value;
  };
  const only = new Set(values.BENCH_ONLY.split(',').map((s) => s.trim()).filter(Boolean));
  for (const name of only) if (!(MEASUREMENTS as readonly string[]).includes(name)) throw new Error(`bench: unknown measurement ${name} (${MEASUREMENTS.join(', ')})`);
  return {
    count: int('BENCH_COUNT'),
    startConcurrency: int('BENCH_START_CONCURRENCY'),
    updateConcurrency: int('BENCH_UPDATE_CONCURRENCY'),
    importRows: int('BENCH_IMPORT_ROWS'),
    projectionSnapshots: int('BENCH_PROJECTION_SNAPSHOTS'),
    projectionConcurrency: int('BENCH_PROJECTION_CONCURRENCY'),
    readModelRows: int('BENCH_READ_MODEL_ROWS'),
    querySamples: int('BENCH_QUERY_SAMPLES'),
    uiSamples: int('BENCH_UI_SAMPLES'),
    uiCaseload: int('BENCH_UI_CASELOAD'),
    memoryCases: int('BENCH_MEMORY_CASES'),
    syncHouseholds: int('BENCH_SYNC_HOUSEHOLDS'),
    only,
    timeoutMinutes: int('BENCH_TIMEOUT_MINUTES'),
  };
}
