/**
 * `npm run bench`: Kaejon measured side by side with bare Temporal, on throwaway servers of its
 * own (embedded PostgreSQL, the dev server on a SQLite file with the same pragmas as `npm start`),
 * writing BENCHMARKS.md. Sizes: see options.ts or BENCHMARKS.md. Not part of `npm test`; the
 * smoke test (test/bench) runs every measurement at a tiny size so this cannot rot.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../common/logger';
import { DEFAULT_NAMESPACE } from '../../common/constants';
import { startEmbeddedPostgres } from '../../infra/embedded-postgres';
import { freePort } from '../../infra/ports';
import { startTemporalDevServer } from '../../infra/temporal-dev-server';
import { writeWorkflowBundle } from '../bundle-workflows';
import { measureAll, type BenchResults } from './measure-all';
import { benchOptions } from './options';
import { readNotes, renderReport } from './report';
import { openStack, type ServerAddresses } from './stack';
import { accountProcesses } from './stats';

async function main(): Promise<void> {
  const options = benchOptions();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const say = (line: string): void => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaejon-bench-'));
  const [pgPort, temporalPort] = await Promise.all([freePort(), freePort()]);
  say(`servers in ${workDir}`);
  const [pg, temporal, bundle] = await Promise.all([
    startEmbeddedPostgres({ dataDir: path.join(workDir, 'pg'), port: pgPort, logger, ephemeral: true }),
    // On a file, as `npm start` runs it: the WAL pragmas are part of what is measured.
    startTemporalDevServer({ namespace: DEFAULT_NAMESPACE, port: temporalPort, dbFile: path.join(workDir, 'temporal.sqlite'), logger }),
    writeWorkflowBundle(path.join(workDir, 'workflow-bundle.js')),
  ]);
  // Only the bench's own processes count: other engineers' node, temporal and postgres processes share the machine.
  const own = { node: process.pid, temporal: temporal.pid, postgres: postmasterPid(path.join(workDir, 'pg')) };
  accountProcesses(own);
  say(`CPU counted for the processes ${JSON.stringify(own)} and their children`);
  const servers: ServerAddresses = { databaseUrl: pg.url, temporalAddress: temporal.address, namespace: DEFAULT_NAMESPACE, workflowBundlePath: bundle };
  const stack = await openStack(servers, logger);
  try {
    const out = path.resolve(process.env.BENCH_OUT ?? path.join(__dirname, '..', '..', 'BENCHMARKS.md'));
    // The results as data too (git-ignored), so BENCH_MERGE=1 can measure one thing again after a
    // fix and keep the rest of the report. One file per report: a trial run written elsewhere
    // (BENCH_OUT) must not replace what the next merge into BENCHMARKS.md starts from.
    const saved = path.join(__dirname, '..', '..', '.bench-tmp', `${path.basename(out, '.md')}-results.json`);
    const previous = process.env.BENCH_MERGE === '1' && fs.existsSync(saved) ? (JSON.parse(fs.readFileSync(saved, 'utf8')) as BenchResults) : undefined;
    const write = (results: BenchResults): void => {
      fs.writeFileSync(out, renderReport(results, readNotes()));
      fs.mkdirSync(path.dirname(saved), { recursive: true });
      fs.writeFileSync(saved, JSON.stringify(results, (_, value: unknown) => (value instanceof Set ? [...value] : value), 2));
      say(`wrote ${out}`);
    };
    await measureAll(stack, servers, options, { 'API + worker (node)': process.pid, 'Temporal dev server': temporal.pid }, say, write, previous);
  } finally {
    await stack.stop();
    await temporal.stop();
    await pg.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** The first line of postmaster.pid, once PostgreSQL runs. */
function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
