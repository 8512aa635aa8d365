import { randomUUID } from 'node:crypto';
import { buildApp, type App } from '../../api/app';
import type { PageOf } from '../../api/services/lists';
import type { MeetingView } from '../../api/services/meetings';
import type { CaseView } from '../../api/views/case-view';
import type { Orm } from '../../db/orm';
import { signedIn } from '../helpers/auth';
import { eventually, openTestOrm, startTestWorker, testClient, testConfig, testLogger } from '../helpers/servers';

type Headers = { authorization: string };
type Decided = { meetingId: string; status: string; results: Array<{ caseId: string; ok: boolean; error?: string }> };

/**
 * District meetings on the real stack: a meeting started through the API reads its agenda from
 * the read model, and its decisions reach each case as that case's own update.
 */
describe('district meetings: list, live agenda, start now, decisions', () => {
  const config = testConfig();
  const temporal = testClient(config);
  let orm: Orm;
  let app: App;
  let worker: { stop(): Promise<void> };
  // Sukhothai's Thung Saliam district (6407): this file's own, so the agenda holds only its cases.
  const district = '6407';
  const as = {} as Record<'district' | 'otherDistrict' | 'province' | 'supervisor' | 'mentor', Headers>;
  const cases: CaseView[] = [];
  let meetingId: string;

  const sql = <T>(query: string, params: unknown[] = []) => orm.em.fork().getConnection().execute<T[]>(query, params);
  const get = async <T>(url: string, headers: Headers) => {
    const response = await app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, body: response.json<T>() };
  };
  const post = async <T>(url: string, headers: Headers, payload?: object, extra: Record<string, string> = {}) => {
    const response = await app.inject({ method: 'POST', url, headers: { ...headers, ...extra }, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.json<T>() };
  };
  const act = async (caseId: string, action: string, payload: object) => {
    const response = await post<CaseView>(`/cases/${caseId}/${action}`, as.supervisor, payload);
    expect(response.status).toBe(200);
    return response.body;
  };

  /** A case of the district waiting for assignment, with two problems. */
  async function caseAtAssignment(): Promise<CaseView> {
    const houseCode = `${district}${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const created = await post<{ caseId: string }>('/cases', as.supervisor, {
      household: { houseCode, provinceCode: '64', districtCode: district, subdistrictCode: '640701', headName: 'ทดสอบ ประชุม', members: [{ name: 'ทดสอบ ประชุม' }], source: 'tpmap', failedIndicators: ['I3', 'L1'] },
    });
    expect(created.status).toBe(201);
    const { caseId } = created.body;
    await eventually(async () => (await sql('select 1 from household_case where id = ?', [caseId])).length === 1);
    await act(caseId, 'verify', { outcome: 'confirmed' });
    await act(caseId, 'analysis', {
      attitude: 'อยากพัฒนา',
      skills: 'ทำนา',
      resources: 'ที่ดิน',
      wayOut: 'ปลูกผัก',
      householdType: 'canDevelop',
      problems: [
        { dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำกว่าเกณฑ์' },
        { dimension: 'living', indicator: 'L1', description: 'บ้านทรุดโทรม' },
      ],
    });
    return act(caseId, 'plan', { goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ฝึกอาชีพ', supportBy: 'CDD' }] });
  }

  beforeAll(async () => {
    orm = await openTestOrm(config);
    worker = await startTestWorker(config, orm);
    app = await buildApp({ config, orm, temporal: temporal.client, logger: testLogger });
    as.district = (await signedIn(orm, 'district', { provinceCode: '64', districtCode: district })).headers;
    as.otherDistrict = (await signedIn(orm, 'district', { provinceCode: '64', districtCode: '6405' })).headers;
    as.province = (await signedIn(orm, 'province', { provinceCode: '64' })).headers;
    as.supervisor = (await signedIn(orm, 'supervisor', {})).headers;
    as.mentor = (await signedIn(orm, 'mentor', { provinceCode: '64', districtCode: district, subdistrictCode: '640701' })).headers;
    cases.push(...(await Promise.all([caseAtAssignment(), caseAtAssignment()])));
    const ids = cases.map((c) => c.caseId);
    await eventually(async () => (await sql<{ stage: string }>(`select stage from household_case where id in (?) and stage = 'districtAssignment'`, [ids])).length === 2);
  });

  afterAll(async () => {
    await app.close();
    await worker.stop();
    await temporal.connection.close();
    await orm.close();
  });

  it("starts the district's meeting now, once per Idempotency-Key, and only for a district account", async () => {
    const key = { 'idempotency-key': `meeting-${randomUUID()}` };
    const started = await post<{ meetingId: string }>('/meetings', as.district, undefined, key);
    expect(started.status).toBe(201);
    meetingId = started.body.meetingId;
    expect(meetingId).toMatch(/^district-meeting-6407-\d{8}T\d{9}Z$/);
    const again = await post<{ meetingId: string }>('/meetings', as.district, undefined, key);
    expect(again.body.meetingId).toBe(meetingId);
    expect((await post('/meetings', as.supervisor)).status).toBe(403);
    expect((await post('/meetings', as.mentor)).status).toBe(403);
  });

  it('answers the live agenda: every case of the district waiting for assignment, with its problems', async () => {
    const meeting = await eventually(async () => {
      const { body } = await get<MeetingView>(`/meetings/${meetingId}`, as.district);
      return body.agenda.length >= 2 ? body : undefined;
    });
    expect(meeting).toMatchObject({ meetingId, districtCode: district, provinceCode: '64', status: 'open', source: 'workflow' });
    expect(meeting.agenda.map((a) => a.caseId).sort()).toEqual(cases.map((c) => c.caseId).sort());
    expect(meeting.agenda[0].problems).toHaveLength(2);
    expect(meeting.agenda[0].problems![0].proposedAgencies.length).toBeGreaterThan(0);
  });

  it('lists meetings in scope, filtered and paged, and hides them from another district', async () => {
    const listed = await eventually(async () => {
      const { body } = await get<PageOf<{ meetingId: string; agendaSize: number; status: string }>>(`/meetings?districtCode=${district}&status=open`, as.district);
      return body.items.find((m) => m.meetingId === meetingId);
    });
    expect(listed).toMatchObject({ agendaSize: 2, status: 'open' });
    const province = await get<PageOf<{ meetingId: string }>>(`/meetings?provinceCode=64&limit=200&sort=-openedAt`, as.province);
    expect(province.body.items.map((m) => m.meetingId)).toContain(meetingId);
    const other = await get<PageOf<{ meetingId: string }>>('/meetings', as.otherDistrict);
    expect(other.body.items.map((m) => m.meetingId)).not.toContain(meetingId);
    expect((await get(`/meetings/${meetingId}`, as.otherDistrict)).status).toBe(404);
    expect((await get('/meetings/district-meeting-6407-nothing', as.district)).status).toBe(404);
    expect((await get('/meetings', as.mentor)).status).toBe(403);
  });

  it.each([
    ['/meetings?sort=agenda', 'querystring.sort'],
    ['/meetings?status=postponed', 'querystring.status'],
    ['/meetings?districtCode=640', 'querystring.districtCode'],
    ['/meetings?limit=1000', 'querystring.limit'],
    ['/meetings/not-a-meeting', 'params.meetingId'],
  ])('answers 400 naming the field for %s', async (url, field) => {
    const { status, body } = await get<{ field: string }>(url, as.district);
    expect(status).toBe(400);
    expect(body.field).toBe(field);
  });

  it('refuses decisions naming a case off the agenda, a problem or an agency it does not know, naming the field', async () => {
    const [a] = cases;
    const assign = { assignments: [{ problemId: a.problems[0].id, agencyCode: 'CDD' }] };
    const offAgenda = await post<{ field: string }>(`/meetings/${meetingId}/decisions`, as.district, { decisions: [{ caseId: a.caseId, ...assign }, { caseId: 'household-case-64079999999', ...assign }] });
    expect(offAgenda.status).toBe(422);
    expect(offAgenda.body.field).toBe('body.decisions[1].caseId');
    const problem = await post<{ field: string }>(`/meetings/${meetingId}/decisions`, as.district, { decisions: [{ caseId: a.caseId, assignments: [{ problemId: 'p99', agencyCode: 'CDD' }] }] });
    expect(problem.status).toBe(422);
    expect(problem.body.field).toBe('body.decisions[0].assignments[0].problemId');
    const agency = await post<{ field: string }>(`/meetings/${meetingId}/decisions`, as.district, { decisions: [{ caseId: a.caseId, assignments: [{ problemId: a.problems[0].id, agencyCode: 'NOPE' }] }] });
    expect(agency.status).toBe(422);
    expect(agency.body.field).toBe('body.decisions[0].assignments[0].agencyCode');
    const empty = await post<{ field: string }>(`/meetings/${meetingId}/decisions`, as.district, { decisions: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.field).toBe('body.decisions');
    expect((await post(`/meetings/${meetingId}/decisions`, as.otherDistrict, { decisions: [{ caseId: a.caseId, ...assign }] })).status).toBe(404);
    expect((await post(`/meetings/${meetingId}/decisions`, as.province, { decisions: [{ caseId: a.caseId, ...assign }] })).status).toBe(403);
  });

  it('delivers the decisions to every case, answers case by case, and a retry with the same key gets the same answer', async () => {
    const [a, b] = cases;
    const key = { 'idempotency-key': `decide-${randomUUID()}` };
    const payload = {
      decisions: [
        { caseId: a.caseId, assignments: a.problems.map((p) => ({ problemId: p.id, agencyCode: p.dimension === 'income' ? 'CDD' : 'LAO' })) },
        { caseId: b.caseId, escalate: { reason: 'ไม่มีหน่วยงานระดับอำเภอที่มีอำนาจ' } },
      ],
    };
    const decided = await post<Decided>(`/meetings/${meetingId}/decisions`, as.district, payload, key);
    expect(decided.status).toBe(200);
    expect(decided.body).toEqual({ meetingId, status: 'decided', results: [{ caseId: a.caseId, ok: true }, { caseId: b.caseId, ok: true }] });

    const again = await post<Decided>(`/meetings/${meetingId}/decisions`, as.district, payload, key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(decided.body);
    expect((await post(`/meetings/${meetingId}/decisions`, as.district, payload)).status).toBe(409);

    const tasks = await eventually(async () => {
      const rows = await sql<{ agency_code: string }>('select agency_code from assistance_task where case_id = ? order by agency_code', [a.caseId]);
      return rows.length === 2 ? rows : undefined;
    });
    expect(tasks.map((t) => t.agency_code)).toEqual(['CDD', 'LAO']);
    await eventually(async () => (await sql(`select 1 from household_case where id = ? and escalated and assignment_level = 'province'`, [b.caseId])).length === 1);

    const meeting = await eventually(async () => {
      const { body } = await get<MeetingView>(`/meetings/${meetingId}`, as.supervisor);
      return body.status === 'decided' ? body : undefined;
    });
    expect(meeting.results).toEqual(decided.body.results);
  });
});
