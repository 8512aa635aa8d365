import { Writable } from 'node:stream';
import { buildApp, type App } from '../../api/app';
import { createLogger } from '../../common/logger';
import type { Orm } from '../../db/orm';
import { auditText } from '../../scripts/chaos/pii-probes';
import { findPersonalData, searchAttributeText } from '../../scripts/chaos/pii-scan';
import { runWorkerKills, type WorkerKillResult } from '../../scripts/chaos/worker-kills';
import { signedIn } from '../helpers/auth';
import { openTestOrm, testClient, testConfig } from '../helpers/servers';

/**
 * The small run of `npm run chaos`'s worker kills: cases advanced through the API while the
 * worker process is SIGKILLed and restarted; nothing lost, nothing twice, read model = workflow.
 * Then the logs of the API and the workers, the error answers and the search attributes are
 * scanned for the households' national IDs, names and phone numbers.
 */
describe('worker killed with SIGKILL while cases advance', () => {
  const config = testConfig();
  const temporal = testClient(config);
  const lines: string[] = [];
  // The API's own error lines: an unhandled error (a 500) is named here, so a failure says which one.
  const apiErrors: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const line = chunk.toString();
      lines.push(line);
      if (line.includes('"level":50')) apiErrors.push(line.slice(0, 1_500));
      done();
    },
  });
  let orm: Orm;
  let app: App;
  let result: WorkerKillResult;

  beforeAll(async () => {
    orm = await openTestOrm(config);
    app = await buildApp({ config, orm, temporal: temporal.client, logger: createLogger('info', 'kaejon', sink) });
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
      workerEnv: { DATABASE_URL: config.database.url, TEMPORAL_ADDRESS: config.temporal.address, TEMPORAL_TASK_QUEUE: config.temporal.taskQueue, WORKFLOW_BUNDLE: config.workflowBundlePath },
      cases: 20,
      kills: 2,
      concurrency: 4,
      killAfterMs: [300, 1500],
      onWorkerLine: (line) => lines.push(line),
    });
  }, 240_000);

  afterAll(async () => {
    await app.close();
    await temporal.connection.close();
    await orm.close();
  });

  it('survives every kill: each case in its expected stage, no transition lost or applied twice', () => {
    expect(result.kills).toBe(2);
    expect(result.killsDuringRun).toBeGreaterThanOrEqual(1);
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
    expect({ statuses: unexpected, apiErrors }).toEqual({ statuses: [], apiErrors: [] });
    expect(result.drive.unavailableWithoutRetryAfter).toBe(0);
  });

  it('leaks no national ID, name or phone into logs, error answers, the audit trail or search attributes', async () => {
    const { text, workflows } = await searchAttributeText(temporal.client, config.temporal.taskQueue);
    expect(workflows).toBeGreaterThanOrEqual(20);
    expect(lines.length).toBeGreaterThan(20);
    // The scan itself finds what it looks for, in any of the forms it may take.
    const someone = { nationalIds: [result.personal.nationalIds[0]], names: [result.personal.names[0]], phones: [result.personal.phones[0]] };
    const id = result.personal.nationalIds[0];
    expect(findPersonalData(`x ${id.slice(0, 1)}-${id.slice(1, 5)}-${id.slice(5, 10)}-${id.slice(10, 12)}-${id.slice(12)} ${someone.names[0]} ${someone.phones[0]}`, someone, 'probe')).toHaveLength(3);
    const leaks = [
      ...findPersonalData(lines.join('\n'), result.personal, 'logs'),
      ...findPersonalData(result.drive.errorBodies.join('\n'), result.personal, 'error answers'),
      ...findPersonalData(text, result.personal, 'search attributes'),
      ...findPersonalData(await auditText(orm), result.personal, 'audit trail'),
    ];
    expect(leaks).toEqual([]);
  });
});
