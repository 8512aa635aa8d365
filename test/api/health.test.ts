import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../../api/app';
import { openOrm, type Orm } from '../../db/orm';
import { freePort } from '../../infra/ports';
import { startPostgresProcess, type PostgresProcess } from '../helpers/postgres-process';
import { testClient, testConfig, testLogger } from '../helpers/servers';

/** /health against real servers: this file owns a PostgreSQL of its own so it can stop it. */
describe('GET /health', () => {
  const config = testConfig();
  const temporal = testClient(config);
  let pg: PostgresProcess;
  let orm: Orm;
  let app: App;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaejon-health-'));

  beforeAll(async () => {
    pg = await startPostgresProcess(path.join(workDir, 'pg'), await freePort());
    orm = await openOrm(pg.url, testLogger);
    app = await buildApp({ config, orm, temporal: temporal.client, logger: testLogger });
  });

  afterAll(async () => {
    await app.close();
    await orm.close(true).catch(() => undefined);
    await pg.stop();
    await temporal.connection.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('answers 200 when PostgreSQL and Temporal are both reachable', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', postgres: { ok: true }, temporal: { ok: true } });
  });

  it('answers 503 with Retry-After once PostgreSQL is stopped', async () => {
    await pg.stop();
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.json()).toMatchObject({ status: 'unavailable', postgres: { ok: false }, temporal: { ok: true } });
  });
});
