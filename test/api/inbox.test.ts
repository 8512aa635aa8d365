import { buildApp, type App } from '../../api/app';
import type { InboxItemView } from '../../api/services/inbox';
import type { PageOf } from '../../api/services/lists';
import type { CaseView } from '../../api/views/case-view';
import type { Orm } from '../../db/orm';
import { signedIn } from '../helpers/auth';
import { eventually, openTestOrm, startTestWorker, testClient, testConfig, testLogger } from '../helpers/servers';

type Headers = { authorization: string };
type Inbox = PageOf<InboxItemView> & { counters: { total: number; overdue: number; dueSoon: number } };

/** GET /inbox on the real stack: items come from the projections of real cases and tasks. */
describe('GET /inbox: my work by role and area, overdue first, with counters', () => {
  const config = testConfig();
  const temporal = testClient(config);
  let orm: Orm;
  let app: App;
  let worker: { stop(): Promise<void> };
  // Sukhothai's Sawankhalok district (6408), one subdistrict of this file's own.
  const district = '6408';
  const subdistrict = '640803';
  const as = {} as Record<'team' | 'otherTeam' | 'mentor' | 'supervisor' | 'agency' | 'otherAgency', Headers>;
  const caseIds: string[] = [];
  let dueLater: string;

  const sql = <T>(query: string, params: unknown[] = []) => orm.em.fork().getConnection().execute<T[]>(query, params);
  const inbox = async (headers: Headers, query = '') => {
    const response = await app.inject({ method: 'GET', url: `/inbox${query ? `?${query}` : ''}`, headers });
    expect(response.statusCode).toBe(200);
    return response.json<Inbox>();
  };
  const mine = (page: Inbox) => page.items.filter((i) => caseIds.includes(i.caseId)).map((i) => i.caseId);
  const act = async (caseId: string, action: string, payload: unknown) => {
    const response = await app.inject({ method: 'POST', url: `/cases/${caseId}/${action}`, headers: as.supervisor, payload: payload as object });
    expect(response.statusCode).toBe(200);
    return response.json<CaseView>();
  };

  beforeAll(async () => {
    orm = await openTestOrm(config);
    worker = await startTestWorker(config, orm);
    app = await buildApp({ config, orm, temporal: temporal.client, logger: testLogger });
    as.team = (await signedIn(orm, 'operationsTeam', { provinceCode: '64', districtCode: district, subdistrictCode: subdistrict })).headers;
    as.otherTeam = (await signedIn(orm, 'operationsTeam', { provinceCode: '64', districtCode: district, subdistrictCode: '640804' })).headers;
    as.mentor = (await signedIn(orm, 'mentor', { provinceCode: '64', districtCode: district, subdistrictCode: subdistrict })).headers;
    as.supervisor = (await signedIn(orm, 'supervisor', {})).headers;
    as.agency = (await signedIn(orm, 'agency', { provinceCode: '64', agencyCode: 'DOAE' })).headers;
    as.otherAgency = (await signedIn(orm, 'agency', { provinceCode: '64', agencyCode: 'LAO' })).headers;

    for (let i = 0; i < 3; i++) {
      const houseCode = `${district}${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
      const created = await app.inject({
        method: 'POST',
        url: '/cases',
        headers: as.supervisor,
        payload: { household: { houseCode, provinceCode: '64', districtCode: district, subdistrictCode: subdistrict, headName: `ทดสอบ ${i}`, members: [{ name: `ทดสอบ ${i}` }], source: 'tpmap', failedIndicators: ['I3'] } },
      });
      expect(created.statusCode).toBe(201);
      caseIds.push(created.json<{ caseId: string }>().caseId);
    }
    await eventually(async () => (await sql('select 1 from inbox_item where case_id in (?) and resolved_at is null', [caseIds])).length === 3);
    // One overdue and one due within the week; the third keeps its 30 days (the read model is
    // what the inbox reads, and these cases stay idle, so nothing re-projects over it).
    await sql(`update inbox_item set due_at = now() - interval '2 days' where case_id = ? and resolved_at is null`, [caseIds[0]]);
    await sql(`update inbox_item set due_at = now() + interval '3 days' where case_id = ? and resolved_at is null`, [caseIds[1]]);
    [{ due_at: dueLater }] = await sql<{ due_at: string }>('select due_at from inbox_item where case_id = ? and resolved_at is null', [caseIds[2]]);
  });

  afterAll(async () => {
    await app.close();
    await worker.stop();
    await temporal.connection.close();
    await orm.close();
  });

  it("answers the team's open items in its subdistrict, overdue first, then by due date, with counters", async () => {
    const page = await inbox(as.team);
    expect(mine(page)).toEqual(caseIds);
    expect(page.counters).toEqual({ total: 3, overdue: 1, dueSoon: 1 });
    expect(page.total).toBe(3);
    expect(page.items[0]).toMatchObject({ kind: 'work', ownerRole: 'operationsTeam', stage: 'verification', subdistrictCode: subdistrict, overdue: true });
    expect(page.items[2]).toMatchObject({ overdue: false, dueAt: new Date(dueLater).toISOString() });
  });

  it('filters by due bucket and kind, pages, and sorts by a whitelisted field', async () => {
    expect(mine(await inbox(as.team, 'due=overdue'))).toEqual([caseIds[0]]);
    expect(mine(await inbox(as.team, 'due=dueSoon'))).toEqual([caseIds[1]]);
    expect(mine(await inbox(as.team, 'kind=reminder'))).toEqual([]);
    const second = await inbox(as.team, 'limit=1&offset=1');
    expect(second).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(mine(second)).toEqual([caseIds[1]]);
    expect(mine(await inbox(as.team, 'sort=-dueAt'))).toEqual([...caseIds].reverse());
    // Counters describe the whole inbox, not the filtered page.
    expect((await inbox(as.team, 'due=overdue')).counters).toEqual({ total: 3, overdue: 1, dueSoon: 1 });
  });

  it("shows nothing of it to another role or another subdistrict's team", async () => {
    expect(mine(await inbox(as.mentor))).toEqual([]);
    expect(mine(await inbox(as.otherTeam))).toEqual([]);
  });

  it("lets a supervisor read any role's inbox, and no one else", async () => {
    const page = await inbox(as.supervisor, `role=operationsTeam&subdistrictCode=${subdistrict}`);
    expect(mine(page)).toEqual(caseIds);
    const forbidden = await app.inject({ method: 'GET', url: '/inbox?role=mentor', headers: as.team });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ field: 'querystring.role' });
  });

  it.each([
    ['due=soon', 'querystring.due'],
    ['limit=201', 'querystring.limit'],
    ['offset=x', 'querystring.offset'],
    ['sort=title', 'querystring.sort'],
    ['kind=urgent', 'querystring.kind'],
    ['subdistrictCode=64', 'querystring.subdistrictCode'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const response = await app.inject({ method: 'GET', url: `/inbox?${query}`, headers: as.team });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field });
  });

  it("gives an agency officer its agency's task, and not another agency's", async () => {
    const caseId = caseIds[2];
    await act(caseId, 'verify', { outcome: 'confirmed' });
    const analysed = await act(caseId, 'analysis', {
      attitude: 'อยากพัฒนา',
      skills: 'ทำนา',
      resources: 'ที่ดิน 2 ไร่',
      wayOut: 'ปลูกผักขาย',
      householdType: 'canDevelop',
      problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำกว่าเกณฑ์' }],
    });
    await act(caseId, 'plan', { goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ปลูกผักสวนครัว', supportBy: 'DOAE' }] });
    const assigned = await act(caseId, 'assign', { assignments: [{ problemId: analysed.problems[0].id, agencyCode: 'DOAE' }] });
    const taskId = assigned.tasks[0].taskId;

    const page = await eventually(async () => {
      const p = await inbox(as.agency, `districtCode=${district}`);
      return p.items.some((i) => i.taskId === taskId) ? p : undefined;
    });
    expect(page.items.find((i) => i.taskId === taskId)).toMatchObject({ kind: 'task', ownerRole: 'agency', agencyCode: 'DOAE', caseId, stage: 'assistance' });
    expect((await inbox(as.otherAgency, `districtCode=${district}`)).items.some((i) => i.caseId === caseId)).toBe(false);
    // The team's verification item for that case is resolved.
    expect((await inbox(as.team)).counters.total).toBe(2);
  });
});
