/**
 * `npm run chaos`: the full-size fault, load and bad-input runs of issue 7, on throwaway servers
 * of its own, then RELIABILITY.md with the figures. Exits 1 when any figure is a failure.
 * Sizes: KAEJON_CHAOS_CASES (1000), KAEJON_CHAOS_KILLS (20), KAEJON_CHAOS_OUTAGE_CASES (200),
 * KAEJON_CHAOS_RACE_CASES (200), KAEJON_CHAOS_FUZZ_RUNS (5000), KAEJON_CHAOS_SEED (random).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { buildApp } from '../../api/app';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import { openOrm } from '../../db/orm';
import { createTemporalClient } from '../../infra/temporal-client';
import { signedIn } from '../../test/helpers/auth';
import { writeWorkflowBundle } from '../bundle-workflows';
import { knownRecords } from './fuzz/known-records';
import { runFuzz } from './fuzz/run';
import { runJestFiles } from './jest-suites';
import { makeHouseholds } from './households';
import { runOutages } from './outages';
import { auditText } from './pii-probes';
import { findPersonalData, searchAttributeText } from './pii-scan';
import { runRaces } from './races';
import { failureCount, reliabilityReport, type ChaosFigures } from './report';
import { startRestartableServers } from './servers';
import { runWorkerKills } from './worker-kills';
import { spawnWorker } from './worker-process';

const ROOT = path.resolve(__dirname, '..', '..');
const size = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const say = (message: string): void => void process.stdout.write(`[chaos] ${message}\n`);

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const logger = createLogger('warn');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaejon-chaos-'));
  say(`servers and workflow bundle in ${workDir}`);
  const servers = await startRestartableServers(workDir, logger);
  const workerEnv = { DATABASE_URL: servers.databaseUrl, TEMPORAL_ADDRESS: servers.temporalAddress, TEMPORAL_TASK_QUEUE: 'chaos', WORKFLOW_BUNDLE: await writeWorkflowBundle(path.join(workDir, 'workflow-bundle.js')) };
  const config = loadConfig({ ...process.env, ...workerEnv });
  const orm = await openOrm(servers.databaseUrl, logger);
  const temporal = createTemporalClient(servers.temporalAddress, config.temporal.namespace);
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => void (lines.push(chunk.toString()), done()) });
  const app = await buildApp({ config, orm, temporal: temporal.client, logger: createLogger('info', 'kaejon', sink) });
  const session = async (role: Parameters<typeof signedIn>[1]) => (await signedIn(orm, role)).headers;
  const sessions = { operationsTeam: await session('operationsTeam'), mentor: await session('mentor'), district: await session('district') };
  const onWorkerLine = (line: string): void => void lines.push(line);

  say(`worker kills: ${size('KAEJON_CHAOS_CASES', 1000)} cases, ${size('KAEJON_CHAOS_KILLS', 20)} SIGKILLs`);
  const kills = await runWorkerKills({ app, client: temporal.client, orm, sessions, workerEnv, cases: size('KAEJON_CHAOS_CASES', 1000), kills: size('KAEJON_CHAOS_KILLS', 20), concurrency: 24, killAfterMs: [1_000, 6_000], onWorkerLine });
  say(`  ${kills.kills} kills (${kills.killsDuringRun} during the run), ${kills.check.checked} cases checked in ${kills.seconds} s`);

  say(`outages: ${size('KAEJON_CHAOS_OUTAGE_CASES', 200)} cases, Temporal then PostgreSQL down`);
  const outages = await runOutages({ app, client: temporal.client, orm, sessions, servers, workerEnv, cases: size('KAEJON_CHAOS_OUTAGE_CASES', 200), concurrency: 12, downMs: 10_000, onWorkerLine });
  say(`  ${outages.probes.length} probes, ${outages.check.checked} cases checked in ${outages.seconds} s`);

  say(`races: ${size('KAEJON_CHAOS_RACE_CASES', 200)} households, bursts of 6 on two replicas`);
  const raceWorker = spawnWorker(workerEnv, onWorkerLine);
  await raceWorker.ready;
  const replica = await buildApp({ config, orm, temporal: temporal.client, logger: createLogger('warn') });
  const races = await runRaces({ replicas: [app, replica], client: temporal.client, orm, sessions, households: makeHouseholds(size('KAEJON_CHAOS_RACE_CASES', 200)).households, fanOut: 6 });
  await replica.close();
  raceWorker.kill('SIGTERM');
  await raceWorker.exited;
  say(`  ${races.duplicateAttempts} duplicate attempts, ${races.replayedKeys} replayed keys, ${races.duplicates.length} duplicates in ${races.seconds} s`);

  const seed = size('KAEJON_CHAOS_SEED', Date.now() % 1_000_000);
  say(`fuzz: ${size('KAEJON_CHAOS_FUZZ_RUNS', 5000)} requests, seed ${seed}`);
  const worker = spawnWorker(workerEnv, onWorkerLine);
  await worker.ready;
  const fuzzSessions: Record<string, { authorization: string }> = { admin: await session('admin'), district: sessions.district, mentor: sessions.mentor, agency: await session('agency') };
  const fuzz = { ...(await runFuzz({ app, sessions: fuzzSessions, known: await knownRecords(app, orm, fuzzSessions), runs: size('KAEJON_CHAOS_FUZZ_RUNS', 5000), seed })), seed };
  say(`  ${fuzz.inputs} inputs, ${fuzz.serverErrors.length} 5xx, ${fuzz.unnamedField.length} without a field`);

  say('personal-data scan');
  const attributes = await searchAttributeText(temporal.client, 'chaos');
  const errorAnswers = [...kills.drive.errorBodies, ...outages.drive.errorBodies];
  const leaks = [
    ...findPersonalData(lines.join('\n'), kills.personal, 'logs'),
    ...findPersonalData(errorAnswers.join('\n'), kills.personal, 'error answers'),
    ...findPersonalData(attributes.text, kills.personal, 'search attributes'),
    ...findPersonalData(await auditText(orm), kills.personal, 'audit trail'),
  ];
  worker.kill('SIGTERM');
  await worker.exited;
  await app.close();
  await temporal.connection.close();
  await orm.close(true);
  await servers.stopAll();

  say('security and replay suites (jest)');
  const security = runJestFiles(['test/chaos/security.test.ts', 'test/api/access-matrix.test.ts']);
  const replay = runJestFiles(['test/workflows/replay.test.ts']);

  const figures: ChaosFigures = { startedAt, kills, outages, races, fuzz, security, replay, leaks, scanned: { logLines: lines.length, errorAnswers: errorAnswers.length, workflows: attributes.workflows } };
  const report = reliabilityReport(figures);
  fs.writeFileSync(path.join(ROOT, 'RELIABILITY.md'), report);
  fs.rmSync(workDir, { recursive: true, force: true });
  say(`RELIABILITY.md written`);
  process.stdout.write(report);
  process.exit(failureCount(figures) > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
