import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../../api/app';
import { loadConfig, type AppConfig } from '../../common/config';
import { DEFAULT_NAMESPACE } from '../../common/constants';
import { openOrm, type Orm } from '../../db/orm';
import { startClusterServices, type ClusterServices } from '../../infra/cluster-services';
import { createTemporalClient } from '../../infra/temporal-client';
import { freeTemporalPorts } from '../../infra/temporal-cluster';
import { temporalServerBuilt } from '../../infra/temporal-server';
import { runWorkerKills, type WorkerKillResult } from '../../scripts/chaos/worker-kills';
import { signedIn } from '../helpers/auth';
import { runCaseLifecycle } from '../helpers/lifecycle-scenario';
import { startTestWorker, testLogger } from '../helpers/servers';

// A first run builds the pinned server (about 5 minutes on 2 cores, once per machine's Go cache).
const START_TIMEOUT_MS = temporalServerBuilt() ? 180_000 : 20 * 60_000;

/**
 * Kaejon on the production shape of `npm run cluster` (infra/cluster-services.ts): the pinned
 * Temporal server on PostgreSQL, with the same configuration file, dynamic config and schema
 * script as docker-compose.yml. The lifecycle end to end, then the worker-kill scenario with
 * two more failures a deployment meets: the Temporal server (history and all) SIGKILLed and
 * started again, and its PostgreSQL connections terminated, both while cases advance.
 */
describe('Kaejon on a Temporal server on PostgreSQL (the cluster profile)', () => {
  let workDir: string;
  let services: ClusterServices;
  let orm: Orm;
  let temporal: ReturnType<typeof createTemporalClient>;
  const configFor = (queue: string): AppConfig =>
    loadConfig({ ...process.env, DATABASE_URL: services.databaseUrl, TEMPORAL_ADDRESS: services.temporalAddress, TEMPORAL_NAMESPACE: DEFAULT_NAMESPACE, TEMPORAL_TASK_QUEUE: queue });

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaejon-cluster-'));
    // The suite's PostgreSQL (globalSetup's), with databases of this file's own: Kaejon's, and
    // Temporal's two made by the schema script, exactly as `npm run cluster` makes them.
    const postgres = { url: process.env.DATABASE_URL!, databasePrefix: `c${randomUUID().slice(0, 8)}_` };
    services = await startClusterServices({ dataDir: workDir, postgres, temporalPorts: await freeTemporalPorts(), namespace: DEFAULT_NAMESPACE, logger: testLogger });
    orm = await openOrm(services.databaseUrl, testLogger);
    temporal = createTemporalClient(services.temporalAddress, DEFAULT_NAMESPACE);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await temporal?.connection.close();
    await orm?.close();
    await services?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('runs a case through its lifecycle with the real activities', async () => {
    const config = configFor(`cluster-${randomUUID()}`);
    const worker = await startTestWorker(config, orm);
    try {
      await runCaseLifecycle({ config, client: temporal.client, orm, districtCode: '6498' });
    } finally {
      await worker.stop();
    }
  }, 90_000);

  describe('while workers are SIGKILLed, the Temporal server is killed and its database connections cut', () => {
    let app: App;
    let result: WorkerKillResult;
    let terminated = 0;

    beforeAll(async () => {
      const config = configFor(`cluster-chaos-${randomUUID()}`);
      app = await buildApp({ config, orm, temporal: temporal.client, logger: testLogger });
      const sessions = {
        operationsTeam: (await signedIn(orm, 'operationsTeam')).headers,
        mentor: (await signedIn(orm, 'mentor')).headers,
        district: (await signedIn(orm, 'district')).headers,
      };
      result = await runWorkerKills({
        app,
        client: temporal.client,
        orm,
        sessions,
        workerEnv: { DATABASE_URL: config.database.url, TEMPORAL_ADDRESS: config.temporal.address, TEMPORAL_NAMESPACE: DEFAULT_NAMESPACE, TEMPORAL_TASK_QUEUE: config.temporal.taskQueue, WORKFLOW_BUNDLE: config.workflowBundlePath },
        cases: 20,
        kills: 2,
        concurrency: 4,
        killAfterMs: [1_000, 3_000],
        onWorkerLine: () => undefined,
        faults: [
          {
            // All four services live in this process: history's shards move nowhere, they come
            // back with it, and every write they had not committed must be retried, not lost.
            name: 'Temporal server SIGKILLed and started again',
            async inject() {
              await services.temporal.kill();
              await services.temporal.start();
            },
          },
          {
            name: "Temporal's PostgreSQL connections terminated",
            async inject() {
              const { user, database, visibilityDatabase } = services.temporalDb;
              const [row] = await orm.em
                .fork()
                .execute<Array<{ n: string }>>('select count(pg_terminate_backend(pid)) as n from pg_stat_activity where usename = ? and datname in (?, ?)', [user, database, visibilityDatabase]);
              terminated = Number(row.n);
            },
          },
        ],
      });
    }, 150_000);

    afterAll(async () => {
      await app?.close();
    });

    it('injects every failure while cases are being advanced', () => {
      expect(result.kills).toBe(2);
      expect(result.faults).toHaveLength(2);
      expect(result.killsDuringRun + result.faultsDuringRun).toBeGreaterThanOrEqual(3);
      expect(terminated).toBeGreaterThan(0);
    });

    it('loses and doubles no transition: each case in its expected stage, each step once, audited once', () => {
      expect(result.check.checked).toBe(20);
      expect(result.check.wrongStage).toEqual([]);
      expect(result.check.lostOrDoubled).toEqual([]);
      expect(result.check.auditDrift).toEqual([]);
    });

    it('keeps the read model equal to the workflow state', () => {
      expect(result.check.readModelDrift).toEqual([]);
    });

    it('answers no 5xx other than 503, and every 503 with Retry-After', () => {
      const unexpected = Object.keys(result.drive.byStatus).filter((status) => Number(status) >= 500 && status !== '503');
      expect(unexpected).toEqual([]);
      expect(result.drive.unavailableWithoutRetryAfter).toBe(0);
    });
  });
});
