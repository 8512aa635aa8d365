import fs from 'node:fs';
import os from 'node:os';
import { performance as nodePerformance } from 'node:perf_hooks';

/** Latency percentiles in milliseconds, nearest-rank (what p99 means to an operator: 1 in 100 is slower). */
export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latency(samplesMs: number[]): Latency {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : 0);
  return { count: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(sorted.at(-1) ?? 0) };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const perSecond = (count: number, ms: number): number => round(ms > 0 ? (count * 1000) / ms : 0);

/** Runs fn over items, at most `limit` at a time, and returns each call's wall time in ms. */
export async function timedPool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<{ elapsedMs: number; samplesMs: number[] }> {
  const samplesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++];
        const t0 = performance.now();
        await fn(item);
        samplesMs.push(performance.now() - t0);
      }
    }),
  );
  return { elapsedMs: performance.now() - started, samplesMs };
}

/**
 * Runs fn over items at a steady rate (open loop: a call starts on schedule whether or not the
 * ones before it have answered), and returns each call's wall time in ms. What a user feels at
 * that load, without the queueing of a closed loop at saturation.
 */
export async function pacedPool<T>(items: T[], perSecond: number, fn: (item: T) => Promise<void>): Promise<{ elapsedMs: number; samplesMs: number[] }> {
  const samplesMs: number[] = [];
  const intervalMs = 1000 / Math.max(0.1, perSecond);
  const started = performance.now();
  await Promise.all(
    items.map(async (item, i) => {
      const due = started + i * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const t0 = performance.now();
      await fn(item);
      samplesMs.push(performance.now() - t0);
    }),
  );
  return { elapsedMs: performance.now() - started, samplesMs };
}

/** Polls until check() is truthy (no fixed sleeps), or throws after timeoutMs. */
export async function until<T>(check: () => Promise<T | false | null | undefined>, timeoutMs: number, what: string, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`bench: ${what} did not happen within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Resident memory of a process in bytes, from /proc (Linux); undefined elsewhere or once it is gone. */
export function residentBytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples the peak resident memory of some processes once a second until stopped. */
export function peakMemorySampler(pids: Record<string, number | undefined>): { stop(): Record<string, number> } {
  const peaks: Record<string, number> = {};
  const sample = (): void => {
    for (const [name, pid] of Object.entries(pids)) {
      const rss = pid === undefined ? undefined : residentBytes(pid);
      if (rss !== undefined) peaks[name] = Math.max(peaks[name] ?? 0, rss);
    }
  };
  sample();
  const timer = setInterval(sample, 1000);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}

export const mb = (bytes: number): number => round(bytes / 1024 / 1024);

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  date: string;
  loadAverage: number[];
}

/** What the numbers were measured on; the load average shows how much else was running. */
export function machine(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: round(os.totalmem() / 1024 ** 3),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
    loadAverage: os.loadavg().map((l) => round(l, 2)),
  };
}

/** The Kaejon or bench process, the Temporal dev server, PostgreSQL's processes. */
// temporal: the dev server (the CLI); temporal-server: the cluster profile's server.
const CPU_ACCOUNTED = ['node', 'temporal', 'temporal-server', 'postgres'] as const;
/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

/**
 * The bench's own processes, when it knows them: the process of the API, worker and load generator
 * (node), the dev server (temporal) and the postmaster (postgres). Each is counted with every
 * descendant (PostgreSQL's backends) and the children it has reaped, and nothing else: on a machine
 * shared with other engineers' test runs, counting every process by name would count theirs too.
 */
const roots: Partial<Record<string, number>> = {};
export function accountProcesses(byName: Partial<Record<(typeof CPU_ACCOUNTED)[number], number>>): void {
  Object.assign(roots, byName);
}

interface ProcStat {
  name: string;
  ppid: number;
  /** utime + stime, and cutime + cstime (reaped children), in ms. */
  own: number;
  reaped: number;
}

function procStats(): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  const msPerTick = 1000 / CLOCK_TICKS;
  let entries: string[] = [];
  try {
    entries = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return stats;
  }
  for (const pid of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      // Fields after the name: state is field 3, ppid 4, utime 14, stime 15, cutime 16, cstime 17 (1-based, name = field 2).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(pid), { name, ppid: Number(fields[1]), own: (Number(fields[11]) + Number(fields[12])) * msPerTick, reaped: (Number(fields[13]) + Number(fields[14])) * msPerTick });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return stats;
}

/** CPU time in ms so far of the bench's own processes (see `roots`), or of every process of those names (Linux /proc; empty elsewhere). */
function cpuMsByProcess(): Record<string, number> {
  const stats = procStats();
  const totals: Record<string, number> = {};
  const rootOf = (pid: number): string | undefined => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = stats.get(p)?.ppid ?? 0, hops++) {
      const hit = Object.entries(roots).find(([, root]) => root === p);
      if (hit) return hit[0];
    }
    return undefined;
  };
  for (const [pid, stat] of stats) {
    const byRoot = rootOf(pid);
    const name = byRoot ?? ((CPU_ACCOUNTED as readonly string[]).includes(stat.name) && roots[stat.name] === undefined ? stat.name : undefined);
    if (!name) continue;
    // A root's reaped children (PostgreSQL's ended backends) count once, through the root itself.
    totals[name] = (totals[name] ?? 0) + stat.own + (Object.values(roots).includes(pid) ? stat.reaped : 0);
  }
  return totals;
}

/**
 * Where the CPU went while `run` ran, in ms per item, by process: tells an engine-bound step from
 * one bound by the API, the worker or the database. Counts every process of those names, so it is
 * only meaningful on a machine that runs nothing else of the kind.
 */
export async function cpuPerItem<T>(items: number, run: () => Promise<T>): Promise<{ result: T; cpuMsPerItem: Record<string, number>; mainThread: MainThreadUse }> {
  const before = cpuMsByProcess();
  const loopBefore = nodePerformance.eventLoopUtilization();
  const result = await run();
  const loop = nodePerformance.eventLoopUtilization(loopBefore);
  const after = cpuMsByProcess();
  const cpuMsPerItem = Object.fromEntries(CPU_ACCOUNTED.map((name) => [name, round(((after[name] ?? 0) - (before[name] ?? 0)) / Math.max(1, items), 2)]));
  return { result, cpuMsPerItem, mainThread: { busy: round(loop.utilization, 2), msPerItem: round(loop.active / Math.max(1, items), 2) } };
}

/**
 * This process's main thread (its event loop: the API, the activities, the load generator; not
 * the workflow threads or the SDK's native threads) over a step: the share of the time it was
 * busy, and its busy ms per item. Near 1, the step is bound by that one thread, whatever the
 * machine's other cores do.
 */
export interface MainThreadUse {
  busy: number;
  msPerItem: number;
}
