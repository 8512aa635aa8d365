import { randomUUID } from 'node:crypto';
import { buildApp, type App } from '../../api/app';
import type { HouseholdDetail, HouseholdSummary, NationalIdSearchResult } from '../../api/services/households';
import type { PageOf } from '../../api/services/lists';
import type { Orm } from '../../db/orm';
import { freshNationalId } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { eventually, openTestOrm, startTestWorker, testClient, testConfig, testLogger } from '../helpers/servers';

type Headers = { authorization: string };

/** Household search, the household page and the audited national-ID lookup, on the real stack. */
describe('households: search, the household page, national-ID lookup', () => {
  const config = testConfig();
  const temporal = testClient(config);
  let orm: Orm;
  let app: App;
  let worker: { stop(): Promise<void> };
  const as: Record<'district' | 'otherDistrict' | 'province' | 'supervisor' | 'agency', Headers> = {} as never;
  let districtUserId: string;

  // Sukhothai's Si Satchanalai (6405): a district of this file's own.
  const district = '6405';
  const token = `Hh${randomUUID().replace(/[^a-z]/g, '').slice(0, 6)}`;
  const houseCodes = [`${district}${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`, `${district}${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`];
  const ids = { head: freshNationalId(), member: freshNationalId() };
  const caseIds: string[] = [];

  const get = <T>(url: string, headers: Headers) => app.inject({ method: 'GET', url, headers }).then((r) => ({ status: r.statusCode, body: r.json<T>() }));

  beforeAll(async () => {
    orm = await openTestOrm(config);
    worker = await startTestWorker(config, orm);
    app = await buildApp({ config, orm, temporal: temporal.client, logger: testLogger });
    const districtUser = await signedIn(orm, 'district', { provinceCode: '64', districtCode: district });
    districtUserId = districtUser.userId;
    as.district = districtUser.headers;
    as.otherDistrict = (await signedIn(orm, 'district', { provinceCode: '64', districtCode: '6406' })).headers;
    as.province = (await signedIn(orm, 'province', { provinceCode: '64' })).headers;
    as.supervisor = (await signedIn(orm, 'supervisor', {})).headers;
    as.agency = (await signedIn(orm, 'agency', { provinceCode: '64', agencyCode: 'CDD' })).headers;

    const households = [
      { houseCode: houseCodes[0], subdistrictCode: '640501', headName: `สมศรี ${token}`, members: [{ name: `สมศรี ${token}`, nationalId: ids.head, birthYear: 1970 }, { name: `มานะ Mm${token}`, nationalId: ids.member }] },
      { houseCode: houseCodes[1], subdistrictCode: '640502', headName: `บุญมี ${token}`, members: [{ name: `บุญมี ${token}` }] },
    ];
    for (const h of households) {
      const created = await app.inject({
        method: 'POST',
        url: '/cases',
        headers: as.district,
        payload: { household: { ...h, provinceCode: '64', districtCode: district, source: 'tpmap', failedIndicators: ['I3'] } },
      });
      expect(created.statusCode).toBe(201);
      caseIds.push(created.json<{ caseId: string }>().caseId);
    }
    // Actions find a case through the read model: wait for the projection first.
    await eventually(async () => {
      const rows = await orm.em.fork().getConnection().execute('select 1 from household_case where id in (?)', [caseIds]);
      return rows.length === 2;
    });
    // The first case moves on, so its timeline has more than the opening event.
    const verified = await app.inject({ method: 'POST', url: `/cases/${caseIds[0]}/verify`, headers: as.district, payload: { outcome: 'confirmed' } });
    expect(verified.statusCode).toBe(200);
    await eventually(async () => {
      const rows = await orm.em.fork().getConnection().execute<Array<{ stage: string }>>('select stage from household_case where id in (?) order by id', [caseIds]);
      return rows.length === 2 && rows.some((r) => r.stage === 'analysis');
    });
    await eventually(async () => {
      const [row] = await orm.em.fork().getConnection().execute<Array<{ n: number }>>('select count(*)::int as n from case_event where case_id = ?', [caseIds[0]]);
      return row.n >= 2;
    });
  });

  afterAll(async () => {
    await app.close();
    await worker.stop();
    await temporal.connection.close();
    await orm.close();
  });

  describe('GET /households', () => {
    it('finds households by a word of the head or a member name, paginated with the total', async () => {
      const byHead = await get<PageOf<HouseholdSummary>>(`/households?q=${encodeURIComponent(token)}&sort=houseCode`, as.district);
      expect(byHead.status).toBe(200);
      expect(byHead.body.total).toBe(2);
      expect(byHead.body.items.map((h) => h.houseCode)).toEqual([...houseCodes].sort());
      expect(byHead.body.items[0]).toMatchObject({ caseId: expect.stringMatching(/^household-case-/), provinceCode: '64', districtCode: district });

      const byMember = await get<PageOf<HouseholdSummary>>(`/households?q=Mm${token}`, as.district);
      expect(byMember.body.items.map((h) => h.householdId)).toEqual([houseCodes[0]]);

      const page = await get<PageOf<HouseholdSummary>>(`/households?q=${encodeURIComponent(token)}&sort=-houseCode&limit=1&offset=1`, as.district);
      expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(page.body.items.map((h) => h.houseCode)).toEqual([[...houseCodes].sort()[0]]);
    });

    it('filters by house code (whole or leading digits), area and stage', async () => {
      const exact = await get<PageOf<HouseholdSummary>>(`/households?houseCode=${houseCodes[1]}`, as.district);
      expect(exact.body.items.map((h) => h.householdId)).toEqual([houseCodes[1]]);
      const prefix = await get<PageOf<HouseholdSummary>>(`/households?houseCode=${houseCodes[1].slice(0, 9)}&q=${encodeURIComponent(token)}`, as.district);
      expect(prefix.body.items.map((h) => h.householdId)).toContain(houseCodes[1]);
      const sub = await get<PageOf<HouseholdSummary>>(`/households?subdistrictCode=640502&q=${encodeURIComponent(token)}`, as.district);
      expect(sub.body.items.map((h) => h.householdId)).toEqual([houseCodes[1]]);
      const stage = await get<PageOf<HouseholdSummary>>(`/households?stage=analysis&q=${encodeURIComponent(token)}`, as.district);
      expect(stage.body.items.map((h) => h.householdId)).toEqual([houseCodes[0]]);
    });

    it("shows another district's user nothing, and an agency only households it has a task for", async () => {
      const other = await get<PageOf<HouseholdSummary>>(`/households?q=${encodeURIComponent(token)}`, as.otherDistrict);
      expect(other.body).toMatchObject({ total: 0, items: [] });
      const agency = await get<PageOf<HouseholdSummary>>(`/households?q=${encodeURIComponent(token)}`, as.agency);
      expect(agency.body.total).toBe(0);
      const province = await get<PageOf<HouseholdSummary>>(`/households?q=${encodeURIComponent(token)}`, as.province);
      expect(province.body.total).toBe(2);
    });

    it.each([
      ['limit=0', 'querystring.limit'],
      ['limit=abc', 'querystring.limit'],
      ['offset=-1', 'querystring.offset'],
      ['sort=password', 'querystring.sort'],
      ['stage=somewhere', 'querystring.stage'],
      ['houseCode=64x', 'querystring.houseCode'],
      ['q=a', 'querystring.q'],
      ['colour=red', 'querystring.colour'],
    ])('answers 400 naming the field for %s', async (query, field) => {
      const response = await app.inject({ method: 'GET', url: `/households?${query}`, headers: as.district });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ field });
    });
  });

  describe('GET /households/:householdId', () => {
    it('answers the household with members, its case row, problems, tasks and the timeline newest first', async () => {
      const { status, body } = await get<HouseholdDetail>(`/households/${houseCodes[0]}`, as.district);
      expect(status).toBe(200);
      expect(body.household).toMatchObject({ householdId: houseCodes[0], houseCode: houseCodes[0], headName: `สมศรี ${token}`, memberCount: 2, failedIndicators: ['I3'] });
      expect(body.case).toMatchObject({ caseId: caseIds[0], stage: 'analysis', status: 'active', verificationOutcome: 'confirmed' });
      expect(body.problems).toEqual([]);
      expect(body.tasks).toEqual([]);
      const seqs = body.timeline.items.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      expect(body.timeline.total).toBe(seqs.length);
      expect(body.timeline.items[body.timeline.items.length - 1]).toMatchObject({ seq: 1, type: 'caseOpened' });

      const paged = await get<HouseholdDetail>(`/households/${houseCodes[0]}?timelineLimit=1&timelineOffset=1`, as.district);
      expect(paged.body.timeline).toMatchObject({ total: body.timeline.total, limit: 1, offset: 1 });
      expect(paged.body.timeline.items.map((e) => e.seq)).toEqual([seqs[1]]);
    });

    it('shows national IDs in full to the district and masked to the province and supervisors', async () => {
      const district = await get<HouseholdDetail>(`/households/${houseCodes[0]}`, as.district);
      expect(district.body.members.map((m) => m.nationalId)).toEqual([ids.head, ids.member]);
      for (const headers of [as.province, as.supervisor]) {
        const masked = await get<HouseholdDetail>(`/households/${houseCodes[0]}`, headers);
        expect(masked.status).toBe(200);
        expect(masked.body.members[0].nationalId).toBe(`${ids.head[0]}-xxxx-xxxxx-${ids.head.slice(10, 12)}-${ids.head[12]}`);
        expect(JSON.stringify(masked.body)).not.toContain(ids.head);
      }
    });

    it('answers 404 outside the scope, the same as for a household that does not exist', async () => {
      expect((await get(`/households/${houseCodes[0]}`, as.otherDistrict)).status).toBe(404);
      expect((await get(`/households/${houseCodes[0]}`, as.agency)).status).toBe(404);
      expect((await get('/households/6405nothere00', as.district)).status).toBe(404);
    });

    it('answers 400 naming the field for a bad timeline page', async () => {
      const response = await app.inject({ method: 'GET', url: `/households/${houseCodes[0]}?timelineLimit=1000`, headers: as.district });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ field: 'querystring.timelineLimit' });
    });
  });

  describe('POST /households/search-by-national-id', () => {
    const search = (headers: Headers, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/households/search-by-national-id', headers, payload });
    const purpose = 'ตรวจสอบสิทธิ์ก่อนให้ความช่วยเหลือฉุกเฉิน';

    it('answers the household in scope and audits the purpose with the ID masked', async () => {
      const response = await search(as.district, { nationalId: ids.member, purpose });
      expect(response.statusCode).toBe(200);
      const body = response.json<NationalIdSearchResult>();
      expect(body.items).toHaveLength(1);
      expect(body.items[0]).toMatchObject({ householdId: houseCodes[0], caseId: caseIds[0], member: { ord: 2, nationalId: ids.member } });

      const [row] = await orm.em
        .fork()
        .getConnection()
        .execute<Array<{ entity_type: string; entity_id: string; changes: Record<string, unknown> }>>(
          `select entity_type, entity_id, changes from audit_event where actor_id = ? and action = 'household.searchByNationalId' order by id desc limit 1`,
          [districtUserId],
        );
      expect(row).toMatchObject({ entity_type: 'household', entity_id: houseCodes[0] });
      expect(row.changes).toMatchObject({ purpose, nationalId: `${ids.member[0]}-xxxx-xxxxx-${ids.member.slice(10, 12)}-${ids.member[12]}`, matchedHouseholdIds: [houseCodes[0]] });
      expect(JSON.stringify(row)).not.toContain(ids.member);
    });

    it('masks the member for a role that may not see national IDs, and finds nothing outside the scope', async () => {
      const province = (await search(as.province, { nationalId: ids.head, purpose })).json<NationalIdSearchResult>();
      expect(province.items[0].member.nationalId).not.toBe(ids.head);
      const other = await search(as.otherDistrict, { nationalId: ids.head, purpose });
      expect(other.statusCode).toBe(200);
      expect(other.json()).toEqual({ items: [] });
    });

    it.each([
      ['no purpose', { nationalId: ids.head }, 'body.purpose'],
      ['a purpose under 10 characters', { nationalId: ids.head, purpose: 'ตรวจ' }, 'body.purpose'],
      ['a wrong check digit', { nationalId: `${ids.head.slice(0, 12)}${(Number(ids.head[12]) + 1) % 10}`, purpose }, 'body.nationalId'],
      ['letters', { nationalId: '12345abcdefgh', purpose }, 'body.nationalId'],
    ])('answers 422 naming the field for %s, and audits nothing', async (_name, payload, field) => {
      const [before] = await orm.em.fork().getConnection().execute<Array<{ n: number }>>(`select count(*)::int as n from audit_event where actor_id = ?`, [districtUserId]);
      const response = await search(as.district, payload);
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ field });
      const [after] = await orm.em.fork().getConnection().execute<Array<{ n: number }>>(`select count(*)::int as n from audit_event where actor_id = ?`, [districtUserId]);
      expect(after.n).toBe(before.n);
    });
  });
});
