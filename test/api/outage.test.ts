import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../../api/app';
import { openOrm, type Orm } from '../../db/orm';
import { freePort } from '../../infra/ports';
import { createTemporalClient } from '../../infra/temporal-client';
import { signedIn } from '../helpers/auth';
import { startPostgresProcess, type PostgresProcess } from '../helpers/postgres-process';
import { testConfig, testLogger } from '../helpers/servers';
import { caseState, logActivity, problem, taskState } from '../helpers/fixtures';
import { projectTaskSnapshot } from '../../db/read-model/task-projection';
import { projectCaseSnapshot } from '../../db/read-model/projection';

/** With Temporal or PostgreSQL unreachable the API answers 503 with Retry-After, never a 500. */
describe('dependency outages', () => {
  const config = testConfig();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaejon-outage-'));
  let pg: PostgresProcess;
  let orm: Orm;
  let app: App;
  let temporal: ReturnType<typeof createTemporalClient>;
  let headers: { authorization: string };

  beforeAll(async () => {
    pg = await startPostgresProcess(path.join(workDir, 'pg'), await freePort());
    orm = await openOrm(pg.url, testLogger);
    // Nothing listens there: the workflow engine is "down" from the start.
    temporal = createTemporalClient(`127.0.0.1:${await freePort()}`, config.temporal.namespace);
    app = await buildApp({ config, orm, temporal: temporal.client, logger: testLogger });
    ({ headers } = await signedIn(orm, 'district'));
  });

  afterAll(async () => {
    await app.close();
    await temporal.connection.close().catch(() => undefined);
    await orm.close(true).catch(() => undefined);
    await pg.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('Temporal down: starting a case answers 503 with Retry-After', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/cases',
      headers,
      payload: { household: { houseCode: '64010099999', provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', source: 'tpmap', failedIndicators: ['I3'], members: [{ name: 'สมศรี' }] } },
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.json().message).not.toMatch(/ECONNREFUSED|grpc|stack/i);
  });

  it('Temporal down: a case stays readable, from the state its workflow last projected', async () => {
    const state = caseState();
    problem(state, { status: 'open' });
    await projectCaseSnapshot(orm, state);
    const response = await app.inject({ method: 'GET', url: `/cases/${state.caseId}`, headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ caseId: state.caseId, stage: state.stage, version: state.version });
  });

  it('Temporal down: a task stays readable too, with its logbook', async () => {
    const task = logActivity(taskState(caseState()), { baht: 1250 });
    await projectTaskSnapshot(orm, task);
    const agency = await signedIn(orm, 'agency');
    const response = await app.inject({ method: 'GET', url: `/tasks/${task.taskId}`, headers: agency.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ taskId: task.taskId, status: 'open', version: task.version, totals: { baht: 1250 } });
  });

  it('PostgreSQL down: a read answers 503 with Retry-After', async () => {
    await pg.stop();
    const response = await app.inject({ method: 'GET', url: '/cases/household-case-64010099999', headers });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
  });
});
