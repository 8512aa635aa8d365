import { Session } from 'node:inspector/promises';
import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import type { Client } from '@temporalio/client';
import { round } from './stats';

/** One history event of a step: its type and its size as the engine stores it (protobuf bytes). */
export interface StepEvent {
  type: string;
  bytes: number;
}

const EVENT_NAMES = Object.fromEntries(Object.entries(temporal.api.enums.v1.EventType).map(([name, n]) => [n, name.replace(/^EVENT_TYPE_/, '').toLowerCase()]));

/**
 * The events a workflow's history gained after event `after`, each with its type and encoded size:
 * what the engine writes (and the dev server serialises into SQLite) for one step. Payload sizes
 * tell a costly event from a cheap one; the bench reports them per update for B0 and B2.
 */
export async function stepEvents(client: Client, workflowId: string, after: number): Promise<StepEvent[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? [])
    .filter((event) => Number(event.eventId) > after)
    .map((event) => ({
      type: EVENT_NAMES[Number(event.eventType)] ?? String(event.eventType),
      bytes: temporal.api.history.v1.HistoryEvent.encode(temporal.api.history.v1.HistoryEvent.fromObject(event)).finish().length,
    }));
}

/** A function's share of the profiled CPU, by self time. */
export interface ProfileEntry {
  fn: string;
  where: string;
  selfMs: number;
  percent: number;
}

export interface CpuProfileSummary {
  /** Where the .cpuprofile was written (open it in Chrome DevTools). */
  file: string;
  totalMs: number;
  /** The functions with the most self time. */
  top: ProfileEntry[];
  /** Self time by package or source folder (node_modules/<pkg>, api/, db/, node: internals). */
  byModule: ProfileEntry[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/**
 * `node --cpu-prof` over one phase only: the V8 profiler of this process (API, worker and load
 * generator together) while `run` runs, when BENCH_CPU_PROFILE names a folder for the profile.
 */
export async function profiled<T>(name: string, run: () => Promise<T>): Promise<{ result: T; profile?: CpuProfileSummary }> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return { result: await run() };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  let stopped: Awaited<ReturnType<typeof stop>> | undefined;
  const stop = () => session.post('Profiler.stop');
  try {
    const result = await run();
    stopped = await stop();
    return { result, profile: write(stopped.profile) };
  } finally {
    if (!stopped) await stop();
    session.disconnect();
  }
  function write(profile: Awaited<ReturnType<typeof stop>>['profile']): CpuProfileSummary {
    fs.mkdirSync(dir!, { recursive: true });
    const file = path.resolve(dir!, `${name}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    return summarise(file, profile);
  }
}

function summarise(file: string, profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): CpuProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  (profile.samples ?? []).forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
  const byFn = new Map<string, ProfileEntry>();
  const byModule = new Map<string, ProfileEntry>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id)!.callFrame;
    const fn = frame.functionName || '(anonymous)';
    if (fn === '(idle)') continue;
    totalUs += us;
    const where = shortUrl(frame.url);
    const key = `${fn} ${where}:${frame.lineNumber + 1}`;
    const entry = byFn.get(key) ?? { fn, where: `${where}:${frame.lineNumber + 1}`, selfMs: 0, percent: 0 };
    entry.selfMs += us / 1000;
    byFn.set(key, entry);
    const module = moduleOf(frame.url, fn);
    const m = byModule.get(module) ?? { fn: module, where: '', selfMs: 0, percent: 0 };
    m.selfMs += us / 1000;
    byModule.set(module, m);
  }
  const rank = (entries: Iterable<ProfileEntry>, n: number): ProfileEntry[] =>
    [...entries]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, n)
      .map((e) => ({ ...e, selfMs: round(e.selfMs), percent: round((100 * e.selfMs * 1000) / Math.max(1, totalUs)) }));
  return { file, totalMs: round(totalUs / 1000), top: rank(byFn.values(), 25), byModule: rank(byModule.values(), 15) };
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const root = path.resolve(__dirname, '..', '..') + '/';
  return url.replace(/^file:\/\//, '').replace(root, '');
}

function moduleOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node: internals';
  const local = shortUrl(url).split('/');
  return local.length > 1 ? `${local[0]}/` : local[0];
}
