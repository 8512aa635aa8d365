import { createHash } from 'node:crypto';
import { buildApp, type App } from '../../api/app';
import type { CaseView } from '../../api/views/case-view';
import { freshNationalId, houseCodeIn, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { testLogger } from '../helpers/servers';

/**
 * Integrity under concurrency and retries (issue 12): uniqueness the database enforces, one
 * answer per Idempotency-Key on every replica, and read-your-writes after every 2xx.
 */
describe('integrity under concurrency, retries and replicas', () => {
  const api = useApi();
  type Session = Awaited<ReturnType<typeof signedIn>>;
  const as: Record<string, Session> = {};
  let replica: App;

  beforeAll(async () => {
    for (const role of ['operationsTeam', 'mentor', 'district'] as const) as[role] = await signedIn(api.orm(), role);
    as.cdd = await signedIn(api.orm(), 'agency', { provinceCode: '64', agencyCode: 'CDD' });
    // A second API replica on the same database and Temporal: what one answers, the other knows.
    replica = await buildApp({ config: api.config, orm: api.orm(), temporal: api.temporal.client, logger: testLogger });
  });
  afterAll(async () => replica?.close());

  const household = (overrides: Record<string, unknown> = {}) => ({
    provinceCode: '64',
    districtCode: '6401',
    subdistrictCode: '640101',
    source: 'tpmap',
    members: [{ name: 'สมศรี', nationalId: freshNationalId() }],
    failedIndicators: ['I3'],
    ...overrides,
  });
  const post = (who: string, url: string, payload: object, extra: Record<string, string> = {}, app: App = api.app()) =>
    app.inject({ method: 'POST', url, headers: { ...as[who].headers, ...extra }, payload });
  const get = (who: string, url: string, app: App = api.app()) => app.inject({ method: 'GET', url, headers: as[who].headers });
  const rows = async (sql: string, params: unknown[]) => api.orm().em.fork().execute<Array<Record<string, unknown>>>(sql, params);

  describe('uniqueness enforced by the database', () => {
    it.each([
      ['a shared national ID', (id: string) => household({ members: [{ name: 'สมชาย', nationalId: id }] })],
      ['the same house code', (_: string, code: string) => household({ houseCode: code })],
    ])('of many concurrent intakes with %s, exactly one wins and the rest name its case', async (_label, make) => {
      const id = freshNationalId();
      const code = houseCodeIn('6401');
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) => post('operationsTeam', '/cases', { household: { ...make(id, code), headName: `ผู้สมัคร ${i}` } }, {}, i % 2 ? replica : api.app())),
      );
      const won = answers.filter((a) => a.statusCode === 201);
      const lost = answers.filter((a) => a.statusCode === 409);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(5);
      const winner = won[0].json<{ caseId: string }>().caseId;
      for (const answer of lost) expect(answer.json()).toMatchObject({ code: 'CASE_EXISTS', caseId: winner });
      expect(lost[0].json().field).toMatch(/^body\.household\.(houseCode|members\[0\]\.nationalId)$/);
      const [holders] = await rows(
        `select (select count(distinct household_id) from household_member where national_id = ?)::int as by_id, (select count(*) from household where house_code = ?)::int as by_code`,
        [id, code],
      );
      expect(Number(holders.by_id) + Number(holders.by_code)).toBe(1);
    });

    it('a member already in one household cannot join another through a second intake', async () => {
      const id = freshNationalId();
      expect((await post('operationsTeam', '/cases', { household: household({ members: [{ name: 'ก', nationalId: id }] }) })).statusCode).toBe(201);
      const again = await post('operationsTeam', '/cases', { household: household({ members: [{ name: 'ข' }, { name: 'ค', nationalId: id }] }) });
      expect(again.statusCode).toBe(409);
      expect(again.json().field).toBe('body.household.members[1].nationalId');
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer, status included, on any replica, and opens one household', async () => {
      const body = { household: household({ headName: 'บ้านไม่มีรหัส' }) }; // no house code: nothing else would dedupe it
      const key = `create-${Date.now()}-no-house-code`;
      const first = await post('operationsTeam', '/cases', body, { 'idempotency-key': key });
      const [again, elsewhere] = await Promise.all([
        post('operationsTeam', '/cases', body, { 'idempotency-key': key }),
        post('operationsTeam', '/cases', body, { 'idempotency-key': key }, replica),
      ]);
      expect(first.statusCode).toBe(201);
      for (const replay of [again, elsewhere]) {
        expect(replay.statusCode).toBe(201);
        expect(replay.json()).toEqual(first.json());
        expect(replay.headers['idempotent-replayed']).toBe('true');
      }
      const households = await rows('select count(*)::int as n from household where head_name = ? and id in (select household_id from household_case)', ['บ้านไม่มีรหัส']);
      expect(households[0].n).toBeGreaterThanOrEqual(1);
      const opened = await rows(`select count(*)::int as n from audit_event where action = 'case.open' and idempotency_key = ?`, [`case.open:${key}`]);
      expect(opened[0].n).toBe(1);
    });

    it('a retry whose first attempt started the case but lost its answer (a 5xx drops the record) gets the same opaque case', async () => {
      const houseCode = houseCodeIn('6401');
      const body = { household: household({ houseCode }) };
      const key = `lost-answer-${Date.now()}`;
      const first = await post('operationsTeam', '/cases', body, { 'idempotency-key': key });
      expect(first.statusCode).toBe(201);
      // What a 5xx after the start leaves behind: the case and its claims, but no stored answer.
      await rows('delete from idempotency_record where key = ?', [createHash('sha256').update(`${as.operationsTeam.userId}\n${key}`).digest('hex')]);
      const retried = await post('operationsTeam', '/cases', body, { 'idempotency-key': key }, replica);
      expect({ status: retried.statusCode, caseId: retried.json<{ caseId: string }>().caseId }).toEqual({ status: 201, caseId: first.json<{ caseId: string }>().caseId });
      expect(first.json<{ caseId: string }>().caseId).not.toContain(houseCode);
    });

    it('answers concurrent retries of one request once', async () => {
      const body = { household: household() };
      const key = `race-${Date.now()}`;
      const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => post('operationsTeam', '/cases', body, { 'idempotency-key': key }, i % 2 ? replica : api.app())));
      expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(answers.map((a) => a.json<{ caseId: string }>().caseId)).size).toBe(1);
    });

    it('refuses the same key with another body (422 naming the header)', async () => {
      const key = `reuse-${Date.now()}`;
      expect((await post('operationsTeam', '/cases', { household: household() }, { 'idempotency-key': key })).statusCode).toBe(201);
      const other = await post('operationsTeam', '/cases', { household: household() }, { 'idempotency-key': key });
      expect(other.statusCode).toBe(422);
      expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'headers.idempotency-key' });
    });

    it('replays a refusal as the same refusal', async () => {
      const key = `refused-${Date.now()}`;
      const body = { household: household({ subdistrictCode: '640201' }) }; // not in district 6401
      const first = await post('operationsTeam', '/cases', body, { 'idempotency-key': key });
      const again = await post('operationsTeam', '/cases', body, { 'idempotency-key': key });
      expect(first.statusCode).toBeGreaterThanOrEqual(400);
      expect(again.statusCode).toBe(first.statusCode);
      expect(again.json()).toEqual(first.json());
    });

    it('makes account creation idempotent too, without keeping any trace of the password', async () => {
      const admin = await signedIn(api.orm(), 'admin');
      const username = `clerk.${Date.now()}`;
      const body = { username, displayName: 'เสมียน', password: 'Correct-Horse-Battery-9', role: 'district', provinceCode: '64', districtCode: '6401' };
      const send = (app: App) => app.inject({ method: 'POST', url: '/users', headers: { ...admin.headers, 'idempotency-key': `user-${username}` }, payload: body });
      const first = await send(api.app());
      const again = await send(replica);
      expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
      expect(again.json()).toEqual(first.json());
      expect((await rows('select count(*)::int as n from app_user where username = ?', [username]))[0].n).toBe(1);
      const stored = await rows(`select body from idempotency_record where body like ?`, [`%${username}%`]);
      expect(JSON.stringify(stored)).not.toContain('Correct-Horse');
    });

    it('keeps keys in PostgreSQL with an expiry', async () => {
      const key = `kept-${Date.now()}`;
      await post('operationsTeam', '/cases', { household: household() }, { 'idempotency-key': key });
      const [record] = await rows(`select state, status_code, expires_at > now() + interval '1 day' as lasting from idempotency_record order by created_at desc limit 1`, []);
      expect(record).toMatchObject({ state: 'done', status_code: 201, lasting: true });
    });
  });

  describe('read-your-writes: a 2xx is visible to the next request on any replica', () => {
    it('a case right after it is opened', async () => {
      for (let i = 0; i < 5; i++) {
        const created = await post('operationsTeam', '/cases', { household: household() });
        expect(created.statusCode).toBe(201);
        const { caseId } = created.json<{ caseId: string }>();
        const read = await get('operationsTeam', `/cases/${caseId}`, i % 2 ? replica : api.app());
        expect(read.statusCode).toBe(200);
        expect(read.json<CaseView>().stage).toBe('verification');
      }
    });

    it("a task right after the assignment that started it, and the agency's inbox", async () => {
      const created = await post('operationsTeam', '/cases', { household: household() });
      const { caseId } = created.json<{ caseId: string }>();
      expect((await post('operationsTeam', `/cases/${caseId}/verify`, { outcome: 'confirmed' })).statusCode).toBe(200);
      const analysed = await post('mentor', `/cases/${caseId}/analysis`, {
        attitude: 'อยากมีรายได้',
        skills: 'จักสาน',
        resources: 'ไม้ไผ่',
        wayOut: 'ขายของ',
        householdType: 'canDevelop',
        problems: [
          { dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำ' },
          { dimension: 'living', indicator: 'L1', description: 'บ้านทรุดโทรม' },
        ],
      });
      const problems = analysed.json<CaseView>().problems;
      expect((await post('mentor', `/cases/${caseId}/plan`, { goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ฝึกอาชีพ', supportBy: 'CDD' }] })).statusCode).toBe(200);
      const assigned = await post('district', `/cases/${caseId}/assign`, { assignments: problems.map((p) => ({ problemId: p.id, agencyCode: 'CDD' })) });
      expect(assigned.statusCode).toBe(200);
      for (const task of assigned.json<CaseView>().tasks) {
        const read = await get('cdd', `/tasks/${task.taskId}`, replica);
        expect({ taskId: task.taskId, status: read.statusCode }).toEqual({ taskId: task.taskId, status: 200 });
      }
    });

    it("a meeting's agenda right after the meeting is opened", async () => {
      const created = await post('operationsTeam', '/cases', { household: household() });
      const { caseId } = created.json<{ caseId: string }>();
      await post('operationsTeam', `/cases/${caseId}/verify`, { outcome: 'confirmed' });
      const analysed = await post('mentor', `/cases/${caseId}/analysis`, {
        attitude: 'ก',
        skills: 'ข',
        resources: 'ค',
        wayOut: 'ง',
        householdType: 'canDevelop',
        problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำ' }],
      });
      expect(analysed.statusCode).toBe(200);
      expect((await post('mentor', `/cases/${caseId}/plan`, { goal: 'survive', items: [{ dimension: 'income', problemIndex: 0, action: 'ฝึก', supportBy: 'CDD' }] })).statusCode).toBe(200);
      const meeting = await post('district', '/meetings', {});
      expect(meeting.statusCode).toBe(201);
      const { meetingId } = meeting.json<{ meetingId: string }>();
      const read = await get('district', `/meetings/${meetingId}`, replica);
      expect(read.statusCode).toBe(200);
      expect(read.json<{ agenda: Array<{ caseId: string }> }>().agenda.map((item) => item.caseId)).toContain(caseId);
      const listed = await get('district', '/meetings?limit=200', replica);
      expect(listed.json<{ items: Array<{ meetingId: string }> }>().items.map((m) => m.meetingId)).toContain(meetingId);
    });
  });
});
