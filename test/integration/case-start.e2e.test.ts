import { HouseholdCase } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { buildApp, type App } from '../../api/app';
import type { CaseView } from '../../api/views/case-view';
import { signedIn } from '../helpers/auth';
import { eventually, openTestOrm, startTestWorker, testClient, testConfig, testLogger } from '../helpers/servers';

/**
 * The whole stack, no mocks: an API call starts a case on the Temporal dev server, the worker runs
 * it, its state comes back through the API, and an activity has written it to PostgreSQL.
 */
describe('opening a case through the API (API → Temporal → worker → PostgreSQL)', () => {
  const config = testConfig();
  let orm: Orm;
  let app: App;
  let worker: { stop(): Promise<void> };
  let headers: { authorization: string };
  const temporal = testClient(config);

  beforeAll(async () => {
    orm = await openTestOrm(config);
    worker = await startTestWorker(config, orm);
    app = await buildApp({ config, orm, temporal: temporal.client, logger: testLogger });
    ({ headers } = await signedIn(orm, 'district'));
  });

  afterAll(async () => {
    await app.close();
    await worker.stop();
    await temporal.connection.close();
    await orm.close();
  });

  it('starts the household workflow, reads its state back, and projects it into the read model', async () => {
    const houseCode = `6401${String(Date.now()).slice(-7)}`;
    const created = await app.inject({
      method: 'POST',
      url: '/cases',
      headers,
      payload: {
        household: {
          houseCode,
          provinceCode: '64',
          districtCode: '6401',
          subdistrictCode: '640101',
          headName: 'สมชาย ใจดี',
          members: [{ name: 'สมชาย ใจดี', birthYear: 1970 }],
          source: 'tpmap',
          failedIndicators: ['I3'],
        },
      },
    });
    expect(created.statusCode).toBe(201);
    const { caseId } = created.json<{ caseId: string }>();
    // Opaque: no dwelling identifier in the engine, not in the ID, the search attributes or the memo.
    expect(caseId).toMatch(/^household-case-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const description = await temporal.client.workflow.getHandle(caseId).describe();
    expect(JSON.stringify({ id: description.workflowId, attributes: description.searchAttributes, memo: description.memo ?? null })).not.toContain(houseCode);

    const state = await eventually<CaseView>(async () => {
      const response = await app.inject({ method: 'GET', url: `/cases/${caseId}`, headers });
      return response.statusCode === 200 ? response.json<CaseView>() : undefined;
    });
    expect(state).toMatchObject({ caseId, stage: 'verification', status: 'active', districtCode: '6401' });
    expect(state.recentEvents[0]).toMatchObject({ type: 'caseOpened' });

    const row = await eventually(() => orm.em.fork().findOne(HouseholdCase, { id: caseId }));
    expect(row).toMatchObject({ stage: 'verification', districtCode: '6401', householdId: houseCode, version: state.version });
    expect(row.dueAt?.toISOString()).toBe(state.dueAt);
  });

  it('answers 409 when the same household is opened twice', async () => {
    const household = { houseCode: `6401${String(Date.now() + 1).slice(-7)}`, provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', source: 'tpmap', members: [{ name: 'สมศรี' }], failedIndicators: ['I3'] };
    const first = await app.inject({ method: 'POST', url: '/cases', headers, payload: { household } });
    const second = await app.inject({ method: 'POST', url: '/cases', headers, payload: { household } });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(409);
  });

  it('names the failing field on bad input and starts nothing', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/cases',
      headers,
      payload: { household: { provinceCode: '6', districtCode: '6401', subdistrictCode: '640101', source: 'tpmap' } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'body.household.provinceCode' });
  });

  it('answers 404 for a case that does not exist', async () => {
    const response = await app.inject({ method: 'GET', url: '/cases/household-case-00000000000', headers });
    expect(response.statusCode).toBe(404);
  });
});
