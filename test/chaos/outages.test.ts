import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../../api/app';
import { loadConfig } from '../../common/config';
import { openOrm, type Orm } from '../../db/orm';
import { createTemporalClient } from '../../infra/temporal-client';
import { probeMissed, runOutages, type OutageResult } from '../../scripts/chaos/outages';
import { startRestartableServers, type RestartableServers } from '../../scripts/chaos/servers';
import { signedIn } from '../helpers/auth';
import { createLogger } from '../../common/logger';
import { testLogger } from '../helpers/servers';

/**
 * The small run of `npm run chaos`'s outages, on servers of its own: the Temporal dev server and
 * PostgreSQL each stop and start again mid-run. While down: 503 with Retry-After; afterwards
 * nothing the API accepted is lost, and every case is where it was driven to.
 */
describe('Temporal and PostgreSQL outages mid-run', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaejon-chaos-outage-'));
  let servers: RestartableServers;
  let orm: Orm;
  let app: App;
  let temporal: ReturnType<typeof createTemporalClient>;
  let result: OutageResult;
  // The API's own error lines: an unhandled error (a 500) is named here, so a failure says which one.
  const unhandled: string[] = [];
  const apiLogger = createLogger('error', 'kaejon', { write: (line: string) => void unhandled.push(line.slice(0, 1_500)) });

  beforeAll(async () => {
    servers = await startRestartableServers(workDir, testLogger);
    const env = { DATABASE_URL: servers.databaseUrl, TEMPORAL_ADDRESS: servers.temporalAddress, TEMPORAL_TASK_QUEUE: 'chaos-outages', WORKFLOW_BUNDLE: process.env.WORKFLOW_BUNDLE };
    const config = loadConfig({ ...process.env, ...env });
    orm = await openOrm(servers.databaseUrl, testLogger);
    temporal = createTemporalClient(servers.temporalAddress, config.temporal.namespace);
    app = await buildApp({ config, orm, temporal: temporal.client, logger: apiLogger });
    const sessions = {
      operationsTeam: (await signedIn(orm, 'operationsTeam')).headers,
      mentor: (await signedIn(orm, 'mentor')).headers,
      district: (await signedIn(orm, 'district')).headers,
    };
    result = await runOutages({ app, client: temporal.client, orm, sessions, servers, workerEnv: env, cases: 15, concurrency: 3, downMs: 3_000, onWorkerLine: () => undefined });
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await temporal?.connection.close().catch(() => undefined);
    await orm?.close(true).catch(() => undefined);
    await servers?.stopAll();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while either server is down, and keeps serving reads of the read model while only Temporal is', () => {
    expect(result.probes.filter((p) => p.down === 'temporal').length).toBeGreaterThan(0);
    expect(result.probes.filter((p) => p.down === 'postgres').length).toBeGreaterThan(0);
    expect(result.probes.filter(probeMissed)).toEqual([]);
  });

  it('loses nothing the API accepted, and every case resumes to its expected stage', () => {
    expect(result.check.checked).toBe(15);
    expect(result.check.wrongStage).toEqual([]);
    expect(result.check.lostOrDoubled).toEqual([]);
    expect(result.check.auditDrift).toEqual([]);
    expect(result.check.readModelDrift).toEqual([]);
  });

  it('answers no 5xx other than 503, and every 503 with Retry-After', () => {
    expect({ statuses: Object.keys(result.drive.byStatus).filter((status) => Number(status) >= 500 && status !== '503'), unhandled }).toEqual({ statuses: [], unhandled: [] });
    expect(result.drive.unavailableWithoutRetryAfter).toBe(0);
  });
});
