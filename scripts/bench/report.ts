import fs from 'node:fs';
import path from 'node:path';
import type { BenchResults } from './measure-all';
import type { EngineResult } from './baseline';
import type { UiResult } from './ui-first-load';
import { rollupSettings } from '../../api/services/reports/rollups';
import { round } from './stats';

interface Target {
  what: string;
  target: string;
  measured: string;
  /** 'reported': a figure the issue asks for without a bound. */
  met: boolean | 'reported' | undefined;
}

const yesNo = (met: Target['met']): string => (met === 'reported' ? 'reported' : met === undefined ? 'not measured' : met ? '**met**' : '**missed**');
/** CPU per update over the three processes (node, the dev server, PostgreSQL). */
export const totalCpu = (byProcess: Record<string, number> | undefined): number | undefined =>
  byProcess ? round(['node', 'temporal', 'postgres'].reduce((sum, name) => sum + (byProcess[name] ?? 0), 0), 2) : undefined;
const ratio = (a: number | undefined, b: number | undefined): number | undefined => (a !== undefined && b ? round(a / b, 2) : undefined);

const slowest = (ui: UiResult, load: 'cold' | 'warm'): number => Math.max(...ui.loads.map((l) => l[load].p50));

/** The issue's targets, judged from the results. */
export function targets(r: BenchResults): Target[] {
  const startRatio = ratio(r.b2?.starts.perSecond, r.b0?.starts.perSecond);
  const updateRatio = ratio(r.b2?.updates.perSecond, r.b0?.updates.perSecond);
  const p99Gap = r.b0 && r.b2 ? round(r.b2.updates.latency.p99 - r.b0.updates.latency.p99) : undefined;
  const cpuPerUpdate = totalCpu(r.b2?.cpuMsPerUpdate);
  const half = r.b2?.halfRate;
  const slowestQuery = r.queries?.filter((q) => q.level === 'country').reduce((worst, q) => (q.latency.p99 > worst.latency.p99 ? q : worst));
  const slowestScoped = r.queries?.filter((q) => q.level !== 'country').reduce((worst, q) => (q.latency.p99 > worst.latency.p99 ? q : worst));
  return [
    { what: 'Starts, B2/B0', target: '≥ 0.8', measured: String(startRatio ?? '–'), met: startRatio === undefined ? undefined : startRatio >= 0.8 },
    { what: 'Updates, B2/B0', target: '≥ 0.5 (goal 0.6)', measured: String(updateRatio ?? '–'), met: updateRatio === undefined ? undefined : updateRatio >= 0.5 },
    {
      what: 'Update round trip p99, API minus bare Temporal, same concurrency',
      target: '≤ 100 ms',
      measured: p99Gap === undefined ? '–' : `${p99Gap} ms`,
      met: p99Gap === undefined ? undefined : p99Gap <= 100,
    },
    {
      what: 'CPU per update, node + dev server + PostgreSQL (B2)',
      target: '≤ 16 ms',
      measured: cpuPerUpdate === undefined ? '–' : `${cpuPerUpdate} ms (B0: ${totalCpu(r.b0?.cpuMsPerUpdate) ?? '–'} ms)`,
      met: cpuPerUpdate === undefined ? undefined : cpuPerUpdate <= 16,
    },
    {
      what: 'Update round trip at half the highest rate (B2), p50 / p99',
      target: 'reported',
      measured: half ? `${half.latency.p50} / ${half.latency.p99} ms at ${half.perSecond} updates/s (B0 at half its rate: ${r.b0?.halfRate ? `${r.b0.halfRate.latency.p50} / ${r.b0.halfRate.latency.p99} ms` : '–'})` : '–',
      met: half ? 'reported' : undefined,
    },
    {
      what: 'Supervisor queries p99, district and province',
      target: '< 100 ms',
      measured: slowestScoped ? `${slowestScoped.latency.p99} ms (slowest: ${slowestScoped.query}, ${slowestScoped.level})` : '–',
      met: slowestScoped ? slowestScoped.latency.p99 < 100 : undefined,
    },
    {
      what: 'Supervisor queries p99, whole country',
      target: '< 100 ms',
      measured: slowestQuery ? `${slowestQuery.latency.p99} ms (slowest: ${slowestQuery.query}, ${slowestQuery.level})` : '–',
      met: slowestQuery ? slowestQuery.latency.p99 < 100 : undefined,
    },
    {
      what: "Read-model writes during the import (the import's own statements)",
      target: '≥ 5,000 rows/s',
      measured: r.projection ? `${r.projection.openings.rowsPerSecond} rows/s while writing, ${r.projection.openings.importBatch} cases a statement set` : '–',
      met: r.projection ? r.projection.openings.rowsPerSecond >= 5000 : undefined,
    },
    {
      what: 'Read-model rows per second over the whole import (paced by the engine\'s starts)',
      target: '(same)',
      measured: r.import ? `${r.import.readModelRowsPerSecond} rows/s (fastest 10 s: ${r.import.readModelPeakRowsPerSecond})` : '–',
      met: r.import ? r.import.readModelRowsPerSecond >= 5000 : undefined,
    },
    {
      what: 'Web UI first load on a phone (4× CPU, DevTools Fast 3G), empty cache, slowest role median',
      target: '< 2 s',
      measured: r.ui ? `${slowest(r.ui, 'cold')} ms` : '–',
      met: r.ui ? slowest(r.ui, 'cold') < 2000 : undefined,
    },
    {
      what: 'Web UI load again (service worker and cache), slowest role median',
      target: '< 2 s',
      measured: r.ui ? `${slowest(r.ui, 'warm')} ms` : '–',
      met: r.ui ? slowest(r.ui, 'warm') < 2000 : undefined,
    },
    {
      what: 'Web UI JavaScript of the first load, gzipped',
      target: '< 150 kB',
      measured: r.ui ? `${Math.max(r.ui.entryJsKb, ...r.ui.loads.map((l) => l.jsKb))} kB` : '–',
      met: r.ui ? Math.max(r.ui.entryJsKb, ...r.ui.loads.map((l) => l.jsKb)) < 150 : undefined,
    },
    {
      what: 'Memory per cached workflow',
      target: '≤ 1 MB',
      measured: r.memory ? `${r.memory.kbPerCachedWorkflow} kB` : '–',
      met: r.memory ? r.memory.kbPerCachedWorkflow <= 1024 : undefined,
    },
  ];
}

const cpu = (byProcess: Record<string, number> | undefined): string =>
  byProcess ? Object.entries(byProcess).map(([name, ms]) => `${name} ${ms}`).join(', ') : '–';

function table(header: string[], rows: Array<Array<string | number>>): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** Half-rate round trips, the events of one update with their sizes, and where the Node CPU went. */
function engineWork(r: BenchResults): string[] {
  const out: string[] = [];
  const halfRow = (name: string, e: BenchResults['b0']) =>
    e?.halfRate ? [name, e.halfRate.count, e.halfRate.perSecond, e.halfRate.latency.p50, e.halfRate.latency.p95, e.halfRate.latency.p99] : [name, '–', '–', '–', '–', '–'];
  if (r.b0?.halfRate || r.b2?.halfRate) {
    out.push(
      'At half the highest update rate (paced, open loop: a request starts on schedule whether or not the others have answered), what an official feels on a normal day:',
      '',
      table(['', 'updates', 'updates/s', 'p50 ms', 'p95 ms', 'p99 ms'], [halfRow('B0 bare Temporal', r.b0), halfRow('B2 Kaejon API', r.b2)]),
      '',
    );
  }
  const events = (e: BenchResults['b0']): string =>
    e?.updateEvents ? `${e.updateEvents.length} events, ${e.updateEvents.reduce((n, ev) => n + ev.bytes, 0)} bytes: ${e.updateEvents.map((ev) => `${ev.type} ${ev.bytes}`).join(', ')}` : '–';
  if (r.b0?.updateEvents || r.b2?.updateEvents) out.push(`History events of one update, with their encoded size in bytes: B0 ${events(r.b0)}. B2 ${events(r.b2)}.`, '');
  const p = r.b2?.updateProfile;
  if (p) {
    out.push(
      `CPU profile of this process (API, worker and load generator) over B2's updates (\`BENCH_CPU_PROFILE\`): ${p.totalMs} ms sampled. By package or folder, self time:`,
      '',
      table(['where', 'self ms', '%'], p.byModule.map((e) => [e.fn, e.selfMs, e.percent])),
      '',
      'Top functions, self time:',
      '',
      table(['function', 'where', 'self ms', '%'], p.top.map((e) => [`\`${e.fn}\``, e.where, e.selfMs, e.percent])),
      '',
    );
  }
  return out;
}

export function renderReport(r: BenchResults, notes = ''): string {
  const m = r.machine;
  const o = r.options;
  const out: string[] = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${m.date}. Kaejon and the bare-Temporal baseline ran on the same dev server, in the same run.`,
    '',
    `**Machine:** ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB; ${m.os}; Node ${m.node}.`,
    `**Load average** (1, 5, 15 min) at the start: ${m.loadAverage.join(', ')}; after each measurement (1 min): ${Object.entries(r.loadAfter).map(([k, v]) => `${k} ${v}`).join(', ')}. ` +
      `Anything above ${m.cores} means other work (other engineers' test runs) shared the cores, and the numbers are lower than on an idle machine.`,
    ...(r.carriedFrom
      ? ['', `Carried over from the run of ${r.carriedFrom.date} (load average at its start ${r.carriedFrom.loadAverage.join(', ')}): ${r.carriedFrom.measurements.join(', ')}. The rest was measured again after a fix.`]
      : []),
    '',
    '## Targets',
    '',
    table(['what', 'target', 'measured', ''], targets(r).map((t) => [t.what, t.target, t.measured, yesNo(t.met)])),
    '',
  ];
  if (r.b0 || r.b2) {
    const row = (name: string, e: BenchResults['b0']) =>
      e ? [name, e.starts.count, e.starts.perSecond, e.updates.perSecond, e.updates.latency.p50, e.updates.latency.p95, e.updates.latency.p99, e.signals.perSecond || '–'] : [name, '–', '–', '–', '–', '–', '–', '–'];
    out.push(
      '## 1. Baseline against the full path',
      '',
      `B0: bare workflows (one timer, one signal, one update) started ${o.startConcurrency} at a time, updated ${o.updateConcurrency} at a time, then signalled. ` +
        `B2: households imported through \`POST /imports/targets\` (starts: upload to the import's completion), then each case verified through \`POST /cases/:id/verify\`, ${o.updateConcurrency} requests at a time over HTTP.`,
      '',
      table(['', 'workflows', 'starts/s', 'updates/s', 'update p50 ms', 'p95 ms', 'p99 ms', 'signals/s'], [row('B0 bare Temporal', r.b0), row('B2 Kaejon API', r.b2)]),
      '',
      `Ratios B2/B0: starts ${ratio(r.b2?.starts.perSecond, r.b0?.starts.perSecond) ?? '–'}, updates ${ratio(r.b2?.updates.perSecond, r.b0?.updates.perSecond) ?? '–'}. ` +
        (r.b2 ? `B2's cases were all in the read model at ${r.b2.projectedPerSecond} households/s from the upload. ` : '') +
        (r.b0 && r.b2
          ? `History events of one workflow after its start and after one update (the engine's work per step): B0 ${r.b0.historyEvents.afterStart} and ${r.b0.historyEvents.afterUpdate}, B2 ${r.b2.historyEvents.afterStart} and ${r.b2.historyEvents.afterUpdate}. ` +
            `CPU in ms by process (node: the bench, API and worker; temporal: the dev server; postgres: the postmaster and its backends), per start: B0 ${cpu(r.b0.cpuMsPerStart)}; B2 ${cpu(r.b2.cpuMsPerStart)}; ` +
            `per update: B0 ${cpu(r.b0.cpuMsPerUpdate)} (total ${totalCpu(r.b0.cpuMsPerUpdate)}); B2 ${cpu(r.b2.cpuMsPerUpdate)} (total ${totalCpu(r.b2.cpuMsPerUpdate)}). ` +
            mainThreadLine(r.b0, r.b2)
          : ''),
      '',
      ...engineWork(r),
    );
  }
  if (r.import || r.projection) {
    out.push('## 2. Import', '');
    if (r.import) {
      const i = r.import;
      out.push(
        table(
          ['households', 'file', 'upload (staged)', 'all cases started', 'all in the read model', 'households/s end to end', 'starts/s', 'read-model rows', 'rows/s', 'fastest 10 s'],
          [[i.households, `${i.fileMb} MB`, `${i.uploadSeconds} s`, `${i.startedSeconds} s`, `${i.endToEndSeconds} s`, i.householdsPerSecond, i.startsPerSecond, i.readModelRows, i.readModelRowsPerSecond, i.readModelPeakRowsPerSecond]],
        ),
        '',
        `Peak resident memory: ${Object.entries(i.peakMemoryMb).map(([k, v]) => `${k} ${v} MB`).join(', ')}.`,
        '',
      );
    }
    if (r.projection) {
      const p = r.projection;
      out.push(
        `Projection alone (no engine): ${p.snapshots} real case snapshots, ${p.concurrency} at a time, through the worker's \`projectCase\` activity (batched transactions): ` +
          `**${p.batched.rowsPerSecond} rows/s** (${p.batched.snapshotsPerSecond} cases/s); one transaction per snapshot, as before: ${p.single.rowsPerSecond} rows/s (${p.single.snapshotsPerSecond} cases/s). ` +
          `The import's own write stage, opening states ${p.openings.importBatch} to a transaction as each import batch publishes them: **${p.openings.rowsPerSecond} rows/s** (${p.openings.snapshotsPerSecond} cases/s).`,
        '',
      );
    }
  }
  if (r.queries) {
    out.push(
      '## 3. Supervisor queries',
      '',
      r.readModel
        ? `Read model: ${r.readModel.rows.toLocaleString('en')} cases (${r.readModel.generated.toLocaleString('en')} generated straight into PostgreSQL in ${r.readModel.seconds} s, then VACUUM ANALYZE; ` +
          `the national rollups refreshed in ${r.readModel.rollupSeconds ?? '–'} s, as the API does every ${rollupSettings().maxAgeSeconds} s at most). `
        : '',
      `Each query ${o.querySamples} times over HTTP as a supervisor, narrowed to one district, to one province, or the whole country; another area each time.`,
      '',
      table(['query', 'level', 'p50 ms', 'p99 ms', 'max ms'], r.queries.map((q) => [`\`${q.query}\``, q.level, q.latency.p50, q.latency.p99, q.latency.max])),
      '',
    );
  }
  if (r.ui) {
    const u = r.ui;
    out.push(
      '## 3b. Web UI first load on a phone',
      '',
      `Chromium (headless, \`@sparticuz/chromium\`) at 390 px, the CPU slowed 4× (\`Emulation.setCPUThrottlingRate\`) and Chrome DevTools' "Fast 3G" preset (\`Network.emulateNetworkConditions\`: ` +
        `562.5 ms latency, 180,000 B/s down, 84,375 B/s up: 1.6 Mbps and 750 kbps at 90%, a 150 ms round trip × 3.75, as Lighthouse's mobile profile), signed in (session cookie). ` +
        `Timed from the navigation's start (\`performance.now()\`) to the role's landing page showing its data, painted (the later of the data in the document and the first paint: the server writes the first screen's HTML into the page, web/src/server-render.tsx): the inbox's counters and cards, or the dashboard's headline figures (each a link to its list). ` +
        `**Charts**: the dashboard's, until its first chart is drawn (chart.js arrives with the page's code). ` +
        `**Live**: until the app's code has taken that screen over and answers a tap (the app's \`kaejon:first-screen\` mark). ` +
        `**Cold**: a new browser profile (empty cache, no service worker). **Warm**: the app opened again in a new tab of the same profile once its service worker has precached the shell. ` +
        `${o.uiSamples} loads of each per role, the median shown; the mentor's subdistrict holds ${u.caseload} open households` +
        (r.readModel ? `, over the read model of section 3 (${r.readModel.rows.toLocaleString('en')} cases).` : '.'),
      '',
      `JavaScript, gzipped: the entry and the chunks it preloads **${u.entryJsKb} kB**; every page of the UI together ${u.allJsKb} kB (each page loads on first use); CSS ${u.cssKb} kB.`,
      '',
      table(
        ['role', 'landing page', 'cold median ms', 'cold max ms', 'cold, live, median ms', 'cold, charts, median ms', 'cold over HTTP/2, median ms', 'cold over HTTP/2, live, median ms', 'warm median ms', 'warm max ms', 'JS sent kB (cold)', 'requests (cold)'],
        u.loads.map((l) => [l.role, l.landing, l.cold.p50, l.cold.max, l.coldLive?.p50 ?? '–', l.coldCharts?.p50 ?? '–', l.coldHttp2?.p50 ?? '–', l.coldHttp2Live?.p50 ?? '–', l.warm.p50, l.warm.max, l.jsKb, l.requests]),
      ),
      '',
      'What each role\'s last cold load fetched before its data showed, in the order the requests started (ms from navigation, kB as sent):',
      '',
      ...u.loads.map((l) => `- ${l.role}: ${l.waterfall.map((w) => `\`${w.path.replace(/^\/assets\//, '')}\` ${w.startMs}–${w.endMs} (${w.kb})`).join(', ')}`),
      '',
    );
  }
  if (r.memory) {
    const w = r.memory;
    out.push(
      '## 4. Worker memory',
      '',
      `Cache size the worker sets (\`maxCachedWorkflows\`, \`WORKER_MAX_CACHED_WORKFLOWS\`): **${w.cacheSize}**. ${w.started} cases started on a worker in a process of its own; ` +
        `its resident memory was ${w.rssFirstMb} MB with ${w.firstCached} workflows cached and ${w.rssMb} MB with ${w.cached}: **${w.kbPerCachedWorkflow} kB per cached workflow**.`,
      '',
    );
  }
  if (r.cluster) {
    const c = r.cluster;
    const row = (name: string, e: BenchResults['b0']) =>
      e ? [name, e.starts.count, e.starts.perSecond, e.updates.perSecond, e.updates.latency.p50, e.updates.latency.p99] : [name, '–', '–', '–', '–', '–'];
    const perShard = round(c.b2.starts.perSecond / c.historyShards, 2);
    const national = 4_000_000;
    const hours = (perSecond: number): string => (perSecond > 0 ? `${round(national / perSecond / 3600, 1)} h` : '–');
    out.push(
      '## 5. On the production shape: Temporal server on PostgreSQL',
      '',
      `The same B0 and B2, right after the dev server's, on \`npm run cluster\`'s servers: the pinned Temporal server (${c.historyShards} history shards) on the bench's PostgreSQL, ` +
        "Temporal's two databases beside Kaejon's. Then B2 again with a second worker process on the same task queue. Every process shares the same cores.",
      '',
      table(['', 'workflows', 'starts/s', 'updates/s', 'update p50 ms', 'p99 ms'], [
        row('B0 bare Temporal, dev server', r.b0),
        row('B2 Kaejon API, dev server', r.b2),
        row('B0 bare Temporal, cluster', c.b0),
        row('B2 Kaejon API, cluster, 1 worker', c.b2),
        row('B2 Kaejon API, cluster, 2 workers', c.b2TwoWorkers),
      ]),
      '',
      `Ratios on the cluster, B2/B0: starts ${ratio(c.b2.starts.perSecond, c.b0.starts.perSecond) ?? '–'}, updates ${ratio(c.b2.updates.perSecond, c.b0.updates.perSecond) ?? '–'}. ` +
        `Cluster/dev server: B0 starts ${ratio(c.b0.starts.perSecond, r.b0?.starts.perSecond) ?? '–'}, B0 updates ${ratio(c.b0.updates.perSecond, r.b0?.updates.perSecond) ?? '–'}, ` +
        `B2 starts ${ratio(c.b2.starts.perSecond, r.b2?.starts.perSecond) ?? '–'}, B2 updates ${ratio(c.b2.updates.perSecond, r.b2?.updates.perSecond) ?? '–'}. ` +
        `Two workers against one: starts ×${ratio(c.b2TwoWorkers.starts.perSecond, c.b2.starts.perSecond) ?? '–'}, updates ×${ratio(c.b2TwoWorkers.updates.perSecond, c.b2.updates.perSecond) ?? '–'}.`,
      '',
      `CPU in ms by process, per start: B0 ${cpu(c.b0.cpuMsPerStart)}; B2 ${cpu(c.b2.cpuMsPerStart)}; per update: B0 ${cpu(c.b0.cpuMsPerUpdate)}; B2 ${cpu(c.b2.cpuMsPerUpdate)}; ` +
        `B2 with two workers, per update: ${cpu(c.b2TwoWorkers.cpuMsPerUpdate)}.`,
      '',
      `What it implies, from the one-worker cluster figures: **${c.b2.starts.perSecond} case starts/s and ${c.b2.updates.perSecond} caseworker actions/s per worker** on a shared 2-core machine, ` +
        `${perShard} starts/s per history shard (the shards are far from busy: the cores are). ` +
        `A 4-million-household national import at that rate takes ${hours(c.b2.starts.perSecond)} (with two workers here: ${hours(c.b2TwoWorkers.starts.perSecond)}); ` +
        `to bring it to a working day (8 h, ${round(national / 8 / 3600)} starts/s) takes about ${c.b2.starts.perSecond > 0 ? Math.ceil(national / 8 / 3600 / c.b2.starts.perSecond) : '–'} times this machine's throughput, spread over workers, history hosts and a PostgreSQL sized for it (docs/DEPLOYMENT.md §13).`,
      '',
    );
  }
  if (r.sync) {
    const y = r.sync;
    out.push(
      '## Offline sync',
      '',
      `A device syncs ${y.actions} queued field actions over ${y.households} households through \`POST /sync/actions\`, one after another as the outbox sends them; on one household in five another official wrote the verification and the analysis first.`,
      '',
      table(['actions', 'seconds', 'actions/s', 'applied', 'conflicts', 'conflicts expected', 'lost', 'duplicated'], [[y.actions, y.seconds, y.actionsPerSecond, y.applied, y.conflicts, y.conflictsExpected, y.lost, y.duplicated]]),
      '',
    );
  }
  out.push(
    '## Sizes',
    '',
    'Every size can be set with an environment variable or a flag (`npm run bench -- --import-rows=5000`): `BENCH_COUNT` (`--count`, B0 workflows and B2 households), ' +
      '`BENCH_START_CONCURRENCY`, `BENCH_UPDATE_CONCURRENCY`, `BENCH_IMPORT_ROWS`, `BENCH_PROJECTION_SNAPSHOTS`, `BENCH_PROJECTION_CONCURRENCY`, `BENCH_READ_MODEL_ROWS`, ' +
      '`BENCH_QUERY_SAMPLES`, `BENCH_UI_SAMPLES`, `BENCH_UI_CASELOAD`, `BENCH_MEMORY_CASES`, `BENCH_SYNC_HOUSEHOLDS`, `BENCH_ONLY` (a comma-separated subset of b0, b2, memory, projection, import, queries, cluster, ui, sync), `BENCH_TIMEOUT_MINUTES`, `BENCH_OUT` (where the report goes), `BENCH_CPU_PROFILE` (a folder: profile the updates of B2 with the V8 profiler and list the top entries), ' +
      '`BENCH_MERGE=1` (keep the measurements of the last run that this one does not repeat; the last results are kept in `.bench-tmp/`). This run:',
    '',
    table(['option', 'value'], Object.entries(o).map(([k, v]) => [k, v instanceof Set ? [...v].join(',') : String(v)])),
    '',
    `Seconds per measurement: ${Object.entries(r.seconds).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '',
  );
  if (notes) out.push(notes.trim(), '');
  return out.join('\n');
}

/** The findings written by hand, kept next to the bench so a new run keeps them. */
export function readNotes(): string {
  const file = path.join(__dirname, 'NOTES.md');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** Whether the one JavaScript thread of the bench's process (API, activities, load generator) bounded the updates. */
const mainThreadLine = (b0: EngineResult, b2: EngineResult): string =>
  b0.updateMainThread && b2.updateMainThread
    ? `The bench process's main thread (its event loop: the API, the activities and the load generator; the workflows run on threads of their own) was busy ${pct(b0.updateMainThread.busy)} of B0's update phase (${b0.updateMainThread.msPerItem} ms per update) and ${pct(b2.updateMainThread.busy)} of B2's (${b2.updateMainThread.msPerItem} ms per update).`
    : '';
const pct = (share: number): string => `${Math.round(share * 100)}%`;
