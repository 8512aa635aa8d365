import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { spawnWorker, type WorkerProcess } from '../../scripts/chaos/worker-process';
import { DEFAULT_POLICY } from '../../workflows/policy';
import { freshNationalId, houseCodeIn, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { TARGET_HEADER } from '../fixtures/import-csv';

jest.setTimeout(240_000);
const CASES = Number(process.env.KAEJON_MIGRATION_TEST_CASES ?? 200);

/**
 * A province moves its running cases to a new policy while the worker is SIGKILLed mid-way (a real
 * worker process; see scripts/chaos/worker-process.ts). The bulk job resumes on the next worker:
 * every case ends on the new version exactly once, with its due date recomputed. Pattani (94) is
 * this file's own province.
 */
describe('a policy migration over 200 cases survives a worker kill', () => {
  const api = useApi({ worker: false });
  let worker: WorkerProcess;
  const startWorker = () => {
    const { config } = api;
    worker = spawnWorker({ DATABASE_URL: config.database.url, TEMPORAL_ADDRESS: config.temporal.address, TEMPORAL_TASK_QUEUE: config.temporal.taskQueue, WORKFLOW_BUNDLE: config.workflowBundlePath }, () => undefined);
  };
  afterAll(async () => {
    worker?.kill('SIGTERM');
    await worker?.exited;
  });

  const sql = <T>(text: string, params: unknown[] = []) => api.orm().em.fork().execute<T[]>(text, params);
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 600; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${what} did not happen`);
  };

  it('moves every case once, resuming after the kill', async () => {
    startWorker();
    await worker.ready;
    const team = await signedIn(api.orm(), 'operationsTeam', { provinceCode: '94', districtCode: '9401', subdistrictCode: '940101' });
    const province = await signedIn(api.orm(), 'province', { provinceCode: '94' });
    const rows = Array.from({ length: CASES }, (_, i) => [houseCodeIn('9401'), '94', '9401', '940101', '2', '', `นายย้าย นโยบาย${i}`, `นายย้าย นโยบาย${i}`, freshNationalId(), 'I3', 'tpmap', '']);
    const boundary = `----kaejon-${randomUUID()}`;
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="list.csv"\r\nContent-Type: text/csv\r\n\r\n`), Buffer.from(stringify([TARGET_HEADER, ...rows])), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const upload = await api.app().inject({ method: 'POST', url: '/imports/targets', payload, headers: { ...team.headers, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(upload.statusCode).toBe(202);
    await until('the 200 cases in the read model', async () => (await sql<{ n: number }>(`select count(*)::int as n from household_case where province_code = '94' and status = 'active'`))[0].n >= CASES);

    const effectiveFrom = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const { version: _v, provinceCode: _p, ...settings } = DEFAULT_POLICY;
    const created = await api.app().inject({ method: 'POST', url: '/policies', headers: province.headers, payload: { provinceCode: '94', effectiveFrom, settings: { ...settings, dueDays: { ...settings.dueDays, verification: 12 } } } });
    expect(created.statusCode).toBe(201);
    const version = created.json<{ version: string }>().version;
    const preview = (await api.app().inject({ method: 'GET', url: `/policies/${version}/migration-preview`, headers: province.headers })).json<{ cases: number }>();
    expect(preview.cases).toBe(CASES);

    const started = await api.app().inject({ method: 'POST', url: `/policies/${version}/migration`, headers: province.headers });
    const jobId = started.json<{ id: string }>().id;
    const progress = async () => (await api.app().inject({ method: 'GET', url: `/bulk-jobs/${jobId}`, headers: province.headers })).json<{ status: string; done: number; skipped: number; pending: number; total: number }>();
    // Kill the worker once some cases have moved and others wait.
    await until('the first cases to move', async () => (await progress()).done > 0);
    const before = await progress();
    worker.kill('SIGKILL');
    await worker.exited;
    startWorker();
    await until('the job to finish', async () => (await progress()).status !== 'running');

    expect(before.pending).toBeGreaterThan(0);
    expect(await progress()).toMatchObject({ status: 'completed', total: CASES, done: CASES, skipped: 0, pending: 0 });
    await until('the read model to follow', async () => (await sql<{ n: number }>(`select count(*)::int as n from household_case where province_code = '94' and policy_version = ?`, [version]))[0].n === CASES);
    const [events] = await sql<{ cases: number; events: number }>(
      `select count(distinct e.case_id)::int as cases, count(*)::int as events from case_event e join household_case c on c.id = e.case_id where c.province_code = '94' and e.type = 'policyMigrated'`,
    );
    expect(events).toEqual({ cases: CASES, events: CASES });
    const [recomputed] = await sql<{ wrong: number }>(`select count(*)::int as wrong from household_case where province_code = '94' and due_at <> stage_entered_at + interval '12 days'`);
    expect(recomputed.wrong).toBe(0);
  });
});
