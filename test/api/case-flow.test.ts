import type { CaseView } from '../../api/views/case-view';
import { freshNationalId, houseCodeIn, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { eventually } from '../helpers/servers';
import { BASKET_WEAVER_ANALYSIS } from '../helpers/field-cases';
import { bangkokDay } from '../../workflows/plausibility';

/** A household driven through the API by each role in turn, with retries and bad input on the way. */
describe('caseworker actions through the API', () => {
  const api = useApi();
  type Session = Awaited<ReturnType<typeof signedIn>>;
  const as: Record<string, Session> = {};

  beforeAll(async () => {
    for (const role of ['operationsTeam', 'mentor', 'district', 'supervisor'] as const) as[role] = await signedIn(api.orm(), role);
    as.cdd = await signedIn(api.orm(), 'agency', { provinceCode: '64', agencyCode: 'CDD' });
    as.lao = await signedIn(api.orm(), 'agency', { provinceCode: '64', agencyCode: 'LAO' });
  });

  const post = (who: string, url: string, payload: object, extra: Record<string, string> = {}) =>
    api.app().inject({ method: 'POST', url, headers: { ...as[who].headers, ...extra }, payload });

  async function opened(): Promise<string> {
    const response = await post('operationsTeam', '/cases', {
      household: { houseCode: houseCodeIn('6401'), provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', source: 'tpmap', members: [{ name: 'สมศรี', nationalId: freshNationalId() }], failedIndicators: ['I3'] },
    });
    expect(response.statusCode).toBe(201);
    const { caseId } = response.json<{ caseId: string }>();
    await eventually(async () => (await api.orm().em.fork().execute('select 1 from household_case where id = ?', [caseId]))[0]);
    return caseId;
  }

  it('runs verification → analysis → plan → assignment → agency work → follow-up → graduation', async () => {
    const caseId = await opened();
    const step = async (who: string, action: string, body: object) => {
      const response = await post(who, `/cases/${caseId}/${action}`, body);
      expect({ action, status: response.statusCode, body: response.statusCode === 200 ? undefined : response.json() }).toMatchObject({ action, status: 200 });
      const view = response.json<CaseView>();
      // The answer comes after the projection (a local activity in the same workflow task): the read model already agrees.
      const [row] = await api.orm().em.fork().execute<Array<{ version: number; stage: string }>>('select version, stage from household_case where id = ?', [caseId]);
      expect({ action, stage: row.stage, version: row.version >= view.version }).toEqual({ action, stage: view.stage, version: true });
      return view;
    };
    await step('operationsTeam', 'verify', { outcome: 'confirmed' });
    const analysed = await step('mentor', 'analysis', BASKET_WEAVER_ANALYSIS);
    expect(analysed.problems).toHaveLength(1);
    await step('mentor', 'plan', { goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ฝึกจักสาน', supportBy: 'CDD' }] });
    const assigned = await step('district', 'assign', { assignments: [{ problemId: analysed.problems[0].id, agencyCode: 'CDD' }] });
    const taskId = assigned.tasks[0].taskId;
    await eventually(async () => (await api.orm().em.fork().execute('select 1 from assistance_task where id = ?', [taskId]))[0]);

    expect((await post('lao', `/tasks/${taskId}/complete`, {})).statusCode).toBe(404);
    // Nothing in the logbook yet: the workflow refuses to count the household as helped, with or without a note.
    for (const body of [{}, { note: 'เสร็จ' }, { withoutCost: true }]) {
      const refused = await post('cdd', `/tasks/${taskId}/complete`, body);
      expect({ body, status: refused.statusCode, answer: refused.json() }).toMatchObject({ body, status: 422, answer: { code: 'TASK_NO_ACTIVITY', field: 'body.note' } });
    }
    const logged = await post('cdd', `/tasks/${taskId}/activities`, { date: bangkokDay(Date.now()), kind: 'training', description: 'อบรมจักสาน', baht: 2500, items: 1 });
    expect(logged.statusCode).toBe(200);
    expect((await post('cdd', `/tasks/${taskId}/complete`, { note: 'เสร็จ' })).statusCode).toBe(200);

    const atFollowUp = await eventually(async () => {
      const view = (await api.app().inject({ method: 'GET', url: `/cases/${caseId}`, headers: as.mentor.headers })).json<CaseView>();
      return view.stage === 'followUp' ? view : undefined;
    });
    await step('mentor', 'follow-up', { results: [{ problemId: atFollowUp.problems[0].id, outcome: 'solved' }] });
    const closed = await step('district', 'close', { reason: 'graduated', note: 'ผ่านเกณฑ์' });
    expect(closed.closure).toMatchObject({ reason: 'graduated' });

    const audit = await api.orm().em.fork().execute<Array<{ action: string }>>('select action from audit_event where entity_id in (?, ?) order by id', [caseId, taskId]);
    expect(audit.map((a) => a.action)).toEqual(['case.open', 'case.verify', 'case.analysis', 'case.plan', 'case.assign', 'task.activities', 'task.complete', 'case.follow-up', 'case.close']);
  });

  it('a retry with the same Idempotency-Key returns the first result and changes nothing', async () => {
    const caseId = await opened();
    await post('operationsTeam', `/cases/${caseId}/verify`, { outcome: 'confirmed' });
    const key = { 'idempotency-key': `relief-${Date.now()}` };
    const relief = { kind: 'food', description: 'ข้าวสาร', baht: 300, items: 1 };
    const first = await post('mentor', `/cases/${caseId}/relief`, relief, key);
    const again = await post('mentor', `/cases/${caseId}/relief`, relief, key);
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.json<CaseView>().reliefs).toHaveLength(1);
    expect(again.json<CaseView>().version).toBe(first.json<CaseView>().version);
    const audits = await api.orm().em.fork().execute('select 1 from audit_event where entity_id = ? and action = ?', [caseId, 'case.relief']);
    expect(audits).toHaveLength(1);
  });

  it('answers the workflow rejection: 409 at the wrong stage, 422 for values that do not fit, each with the reason', async () => {
    const caseId = await opened();
    const early = await post('mentor', `/cases/${caseId}/plan`, { goal: 'survive', items: [{ dimension: 'income', action: 'x', supportBy: 'CDD' }] });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toMatch(/verification/);
    const moved = await post('operationsTeam', `/cases/${caseId}/verify`, { outcome: 'moved' });
    expect(moved.statusCode).toBe(422);
    expect(moved.json().message).toMatch(/movedTo/);
    const unknownAgency = await post('district', `/cases/${caseId}/assign`, { assignments: [{ problemId: 'p1', agencyCode: 'NOPE' }] });
    expect(unknownAgency.json()).toMatchObject({ statusCode: 422, field: 'body.assignments[0].agencyCode' });
  });

  it.each([
    ['verify', { outcome: 'maybe' }, 'body.outcome'],
    ['analysis', { attitude: 'a', skills: 's', resources: 'r', wayOut: 'w', householdType: 'canDevelop', problems: [{ dimension: 'wealth', indicator: 'I3', description: 'd' }] }, 'body.problems[0].dimension'],
    ['analysis', { attitude: 'a', skills: 's', resources: 'r', wayOut: 'w', householdType: 'canDevelop', problems: [{ dimension: 'income', indicator: 'Z9', description: 'd' }] }, 'body.problems[0].indicator'],
    ['plan', { goal: 'rich', items: [] }, 'body.goal'],
    ['relief', { kind: 'food', description: 'x', baht: 'five', items: 1 }, 'body.baht'], // a negative amount is a 422 AMOUNT_INVALID (test/api/plausibility),
    ['assign', { assignments: [] }, 'body.assignments'],
    ['escalate', {}, 'body.reason'],
    ['return-to-district', { instructions: '' }, 'body.instructions'],
    ['follow-up', { results: [{ problemId: 'p1', outcome: 'fixed' }] }, 'body.results[0].outcome'],
    ['pause', { reason: 'holiday' }, 'body.reason'],
    ['resume', { extra: true }, 'body.extra'],
    ['transfer', { to: { provinceCode: '64', districtCode: '6401' } }, 'body.to.subdistrictCode'],
    ['close', { reason: 'bored' }, 'body.reason'],
    ['reopen', { reason: 42 }, 'body.reason'],
  ])('bad input on /cases/:id/%s names %s', async (action, body, field) => {
    const response = await post('supervisor', `/cases/household-case-64010000001/${action}`, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe(field);
  });

  it('answers 409 CASE_ENDED for an action on a case whose workflow has ended (reopen window over)', async () => {
    const caseId = await opened();
    // A closed case's workflow completes when its reopen window ends; terminating it reaches the same end.
    await api.temporal.client.workflow.getHandle(caseId).terminate('test: the workflow has ended');
    const response = await post('district', `/cases/${caseId}/reopen`, { reason: 'ครอบครัวกลับมาขอความช่วยเหลือ' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'CASE_ENDED' });
  });

  it('bad input on task routes names the field, including a Buddhist-era date', async () => {
    const url = '/tasks/household-case-64010000001-task-1/activities';
    const be = await post('cdd', url, { date: '2569-12-05', kind: 'training', description: 'x', baht: 1, items: 1 });
    expect(be.json()).toMatchObject({ statusCode: 400, field: 'body.date' });
    const items = await post('cdd', url, { date: bangkokDay(Date.now()), kind: 'training', description: 'x', baht: 1, items: 1.5 });
    expect(items.json()).toMatchObject({ statusCode: 400, field: 'body.items' });
  });

  it('bad household input names the field and starts nothing', async () => {
    const base = { provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', source: 'tpmap', failedIndicators: ['I3'], members: [{ name: 'สมศรี' }] as object[] };
    const cases: Array<[object, number, string, string]> = [
      [{ ...base, houseCode: houseCodeIn('6401'), members: [{ name: 'x', nationalId: '1101700203451' }] }, 422, 'body.household.members[0].nationalId', 'INVALID_NATIONAL_ID'],
      [{ ...base, houseCode: houseCodeIn('6401'), subdistrictCode: '640199' }, 422, 'body.household.subdistrictCode', 'UNKNOWN_CODE'],
      [{ ...base, houseCode: houseCodeIn('6401'), districtCode: '6501', subdistrictCode: '650101' }, 403, 'body.household.subdistrictCode', 'OUTSIDE_AREA'],
      [{ ...base, houseCode: houseCodeIn('6401'), source: 'missed' }, 422, 'body.household.entryReason', 'REQUIRED'],
      [{ ...base, houseCode: '123' }, 400, 'body.household.houseCode', 'VALIDATION'],
    ];
    for (const [household, status, field, code] of cases) {
      const response = await post('district', '/cases', { household });
      expect({ status: response.statusCode, field: response.json().field, code: response.json().code }).toEqual({ status, field, code });
    }
  });
});
