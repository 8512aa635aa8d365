import { randomUUID } from 'node:crypto';
import { measureAll, type BenchResults } from '../../scripts/bench/measure-all';
import { benchOptions } from '../../scripts/bench/options';
import { renderReport } from '../../scripts/bench/report';
import { freshDatabase, openStack, type BenchStack, type ServerAddresses } from '../../scripts/bench/stack';
import { testLogger } from '../helpers/servers';

/**
 * `npm run bench` at a tiny size, so the benchmark cannot rot: every measurement runs end to end
 * on the suite's servers (in a database of its own) and the report renders. Nothing here is
 * timed: speed is checked by the benchmark itself, never by assertions in tests.
 */
describe('npm run bench (smoke)', () => {
  let stack: BenchStack;
  let results: BenchResults;

  beforeAll(async () => {
    const servers: ServerAddresses = {
      databaseUrl: await freshDatabase(process.env.DATABASE_URL!, `bench_smoke_${randomUUID().slice(0, 8)}`),
      temporalAddress: process.env.TEMPORAL_ADDRESS!,
      namespace: process.env.TEMPORAL_NAMESPACE!,
      workflowBundlePath: process.env.WORKFLOW_BUNDLE,
    };
    stack = await openStack(servers, testLogger);
    // `cluster` starts a Temporal server of its own: test/cluster runs those servers already.
    const only = '--only=b0,b2,memory,projection,import,queries';
    const options = benchOptions(['--count=4', '--import-rows=12', '--projection-snapshots=6', '--read-model-rows=300', '--query-samples=1', '--memory-cases=3', '--timeout-minutes=2', only], {});
    results = await measureAll(stack, servers, options, { node: process.pid }, () => undefined);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('measures bare Temporal and the full path on the same workflows count', () => {
    expect(results.b0).toMatchObject({ starts: { count: 4 }, updates: { count: 4, latency: { count: 4 } }, signals: { count: 4 } });
    expect(results.b2).toMatchObject({ starts: { count: 4 }, updates: { count: 4, latency: { count: 4 } } });
    // The round trip at half the highest rate, and the events one update writes, for both.
    expect(results.b0!.halfRate).toMatchObject({ count: 2, latency: { count: 2 } });
    expect(results.b2!.halfRate).toMatchObject({ count: 2, latency: { count: 2 } });
    expect(results.b2!.updateEvents!.length).toBeGreaterThanOrEqual(results.b0!.updateEvents!.length);
  });

  it('imports the whole file into the read model, and projects snapshots on their own', () => {
    expect(results.import).toMatchObject({ households: 12 });
    expect(results.import!.readModelRows).toBeGreaterThanOrEqual(12 * 2);
    expect(results.projection).toMatchObject({ snapshots: 6 });
    expect(results.projection!.batched.rows).toBeGreaterThanOrEqual(6 * 2);
    expect(results.projection!.single.rows).toBe(results.projection!.batched.rows);
  });

  it('fills the read model and times every supervisor query at every level', () => {
    expect(results.readModel?.rows).toBe(300);
    expect(results.queries).toHaveLength(5 * 3);
  });

  it('reads the worker memory against a full cache', () => {
    expect(results.memory).toMatchObject({ started: 3 });
    expect(results.memory!.cached).toBeGreaterThan(0);
  });

  it('writes a report naming the machine, the load and every target', () => {
    const report = renderReport(results);
    expect(report).toMatch(/Load average/);
    for (const heading of ['## Targets', '## 1. Baseline', '## 2. Import', '## 3. Supervisor queries', '## 4. Worker memory']) expect(report).toContain(heading);
    // Every target of the measurements this smoke ran is measured; the web UI's first load (a
    // browser on a phone profile) runs only with BENCH_ONLY=ui, so its rows stay unmeasured here.
    expect(report.split('\n').filter((line) => /not measured/.test(line) && !/^\| Web UI/.test(line))).toEqual([]);
  });
});
