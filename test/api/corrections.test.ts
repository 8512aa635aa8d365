import type { CaseView } from '../../api/views/case-view';
import { bangkokDay } from '../../workflows/plausibility';
import { freshNationalId, houseCodeIn, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { eventually } from '../helpers/servers';

/**
 * Corrections through the API, against the real worker, Temporal and PostgreSQL: the logbook rows,
 * the agency monthly figures and the district grade input follow each correction, the timeline
 * keeps before and after, refusals carry a code and a field, and a retried correction applies once.
 * Mueang Phetchabun (6701, subdistrict 670101) is this file's own area, so the report counts are its own.
 */
const AREA = { provinceCode: '67', districtCode: '6701', subdistrictCode: '670101' };

describe('corrections through the API', () => {
  const api = useApi();
  const as: Record<string, { headers: { authorization: string }; userId: string }> = {};

  beforeAll(async () => {
    as.team = await signedIn(api.orm(), 'operationsTeam', AREA);
    as.mentor = await signedIn(api.orm(), 'mentor', AREA);
    as.district = await signedIn(api.orm(), 'district', { provinceCode: '67', districtCode: '6701' });
    as.cdd = await signedIn(api.orm(), 'agency', { provinceCode: '67', agencyCode: 'CDD' });
    as.lao = await signedIn(api.orm(), 'agency', { provinceCode: '67', agencyCode: 'LAO' });
  });

  const post = (who: string, url: string, payload: object, extra: Record<string, string> = {}) => api.app().inject({ method: 'POST', url, headers: { ...as[who].headers, ...extra }, payload });
  const get = <T>(who: string, url: string) => api.app().inject({ method: 'GET', url, headers: as[who].headers }).then((r) => r.json<T>());
  const ok = async <T>(who: string, url: string, payload: object, extra: Record<string, string> = {}): Promise<T> => {
    const response = await post(who, url, payload, extra);
    expect({ url, status: response.statusCode, body: response.statusCode === 200 ? undefined : response.json() }).toMatchObject({ url, status: 200 });
    return response.json<T>();
  };
  const sql = <T>(query: string, params: unknown[]) => api.orm().em.fork().execute<T[]>(query, params);

  type Totals = { activities: number; households: number; baht: number; items: number };
  const agencyTotals = async (): Promise<Record<string, Totals>> => {
    const body = await get<{ agencies: Array<{ agencyCode: string | null; total: Totals }> }>('district', '/reports/agency-monthly?districtCode=6701&fiscalYear=2570');
    return Object.fromEntries(body.agencies.map((a) => [a.agencyCode ?? 'relief', a.total]));
  };
  const gradeInput = async () => (await get<{ districts: Array<{ helped: number; withActivity: number }> }>('district', '/reports/district-grades?districtCode=6701&fiscalYear=2570')).districts[0];

  it('each correction moves the logbook, the agency monthly figures and the district grade input, and the timeline keeps before and after', async () => {
    const opened = await post('team', '/cases', { household: { houseCode: houseCodeIn('6701'), ...AREA, source: 'tpmap', members: [{ name: 'สมหญิง', nationalId: freshNationalId() }], failedIndicators: ['I3'] } });
    expect(opened.statusCode).toBe(201);
    const { caseId } = opened.json<{ caseId: string }>();
    await eventually(async () => (await sql('select 1 from household_case where id = ?', [caseId]))[0]);
    await ok('team', `/cases/${caseId}/verify`, { outcome: 'confirmed' });
    await ok('mentor', `/cases/${caseId}/relief`, { kind: 'survivalBag', description: 'ถุงยังชีพ', baht: 500, items: 1 });
    const analysed = await ok<CaseView>('mentor', `/cases/${caseId}/analysis`, {
      attitude: 'อยากมีรายได้', skills: 'จักสาน', resources: 'ไม้ไผ่', wayOut: 'ขายเครื่องจักสาน', householdType: 'canDevelop', problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำ' }],
    });
    await ok('mentor', `/cases/${caseId}/plan`, { goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ฝึกจักสาน', supportBy: 'CDD' }] });
    const assigned = await ok<CaseView>('district', `/cases/${caseId}/assign`, { assignments: [{ problemId: analysed.problems[0].id, agencyCode: 'CDD' }] });
    const taskId = assigned.tasks[0].taskId;
    await eventually(async () => (await sql('select 1 from assistance_task where id = ?', [taskId]))[0]);
    await ok('cdd', `/tasks/${taskId}/activities`, { date: bangkokDay(Date.now()), kind: 'training', description: 'อบรมจักสาน', baht: 2500, items: 1 });
    await ok('cdd', `/tasks/${taskId}/activities`, { date: bangkokDay(Date.now()), kind: 'tools', description: 'มีด', baht: 300, items: 2 });
    // A task's projection is an ordinary activity: the logbook catches up a moment after the answer.
    await eventually(async () => ((await agencyTotals()).CDD?.activities === 2 ? true : undefined));
    expect(await agencyTotals()).toEqual({ CDD: { activities: 2, households: 1, baht: 2800, items: 3 }, relief: { activities: 1, households: 1, baht: 500, items: 1 } });
    expect(await gradeInput()).toMatchObject({ helped: 1, withActivity: 1 });

    // Another agency cannot even see the task; the mentor is not the author of the agency's work.
    expect((await post('lao', `/tasks/${taskId}/amend-activity`, { seq: 1, baht: 1 })).statusCode).toBe(404);
    const refused = await post('team', `/cases/${caseId}/amend-relief`, { reliefNo: 1, baht: 450, reason: 'พิมพ์ผิด' });
    expect({ status: refused.statusCode, code: refused.json<{ code: string }>().code }).toEqual({ status: 403, code: 'NOT_AUTHOR' });
    const noReason = await post('district', `/cases/${caseId}/void-relief`, { reliefNo: 1 });
    expect({ status: noReason.statusCode, field: noReason.json<{ field: string }>().field }).toEqual({ status: 400, field: 'body.reason' }); // a missing required field is the schema's 400, as on every route

    // Amend, retried with the same key: applied once.
    const key = { 'idempotency-key': `amend-${Date.now()}` };
    const first = await ok<{ totals: Totals; corrections: unknown[] }>('cdd', `/tasks/${taskId}/amend-activity`, { seq: 1, baht: 2000 }, key);
    const again = await ok<{ totals: Totals; corrections: unknown[] }>('cdd', `/tasks/${taskId}/amend-activity`, { seq: 1, baht: 2000 }, key);
    expect(again).toEqual(first);
    expect(first.corrections).toHaveLength(1);
    expect(first.totals).toMatchObject({ baht: 2300, activities: 2 });
    await eventually(async () => ((await agencyTotals()).CDD.baht === 2300 ? true : undefined));

    // Void: the entry leaves the logbook and every total; the task's own log keeps it, struck through.
    const voided = await ok<{ log: Array<{ seq: number; voided?: { reason: string } }> }>('cdd', `/tasks/${taskId}/void-activity`, { seq: 2, reason: 'ซื้อไม่สำเร็จ' });
    expect(voided.log.find((e) => e.seq === 2)?.voided).toMatchObject({ reason: 'ซื้อไม่สำเร็จ' });
    await eventually(async () => ((await agencyTotals()).CDD.activities === 1 ? true : undefined));
    expect((await agencyTotals()).CDD).toEqual({ activities: 1, households: 1, baht: 2000, items: 1 });
    expect(await sql('select id from logbook_entry where task_id = ? order by seq', [taskId])).toEqual([{ id: `task:${taskId}:1` }]);

    const reliefVoided = await ok<CaseView>('mentor', `/cases/${caseId}/void-relief`, { reliefNo: 1, reason: 'บันทึกผิดครัวเรือน' });
    expect(reliefVoided.reliefs[0].voided).toMatchObject({ reason: 'บันทึกผิดครัวเรือน' });
    expect((await agencyTotals()).relief).toBeUndefined();

    // The last activity voided: the household no longer counts as having an activity for the grade.
    await ok('cdd', `/tasks/${taskId}/void-activity`, { seq: 1, reason: 'ไม่ได้จัดอบรม' });
    await eventually(async () => ((await gradeInput()).withActivity === 0 ? true : undefined));
    expect(await gradeInput()).toMatchObject({ helped: 1, withActivity: 0 });

    const timeline = await eventually(async () => {
      const rows = await sql<{ actor: string; detail: { item: string; change: string; before: object; after: object; reason?: string } }>("select actor, detail from case_event where case_id = ? and type = 'corrected' order by seq", [caseId]);
      return rows.length === 4 ? rows : undefined;
    });
    expect(timeline.map((e) => [e.actor, e.detail.item, e.detail.change])).toEqual([
      [as.cdd.userId, 'activity', 'amend'],
      [as.cdd.userId, 'activity', 'void'],
      [as.mentor.userId, 'relief', 'void'],
      [as.cdd.userId, 'activity', 'void'],
    ]);
    expect(timeline[0].detail).toMatchObject({ before: { baht: 2500 }, after: { baht: 2000 } });
    const audit = await sql<{ action: string }>("select action from audit_event where entity_id in (?, ?) and action like '%void%' order by id", [caseId, taskId]);
    expect(audit.map((a) => a.action)).toEqual(['task.void-activity', 'case.void-relief', 'task.void-activity']);
  });

  it("adds a national ID later, but never one that another household's case holds", async () => {
    const open = async (nationalId?: string) => {
      const response = await post('team', '/cases', { household: { houseCode: houseCodeIn('6701'), ...AREA, source: 'missed', entryReason: 'ตกหล่น', members: [{ name: 'สมปอง', ...(nationalId ? { nationalId } : {}) }], failedIndicators: [] } });
      expect(response.statusCode).toBe(201);
      const { caseId } = response.json<{ caseId: string }>();
      await eventually(async () => (await sql('select 1 from household_case where id = ?', [caseId]))[0]);
      return caseId;
    };
    const takenId = freshNationalId();
    await open(takenId);
    const caseId = await open();
    const taken = await post('team', `/cases/${caseId}/amend-member`, { memberIndex: 0, nationalId: takenId });
    expect({ status: taken.statusCode, code: taken.json<{ code: string }>().code, field: taken.json<{ field: string }>().field }).toEqual({ status: 422, code: 'DUPLICATE_ENTRY', field: 'body.nationalId' });
    const added = await ok<CaseView>('team', `/cases/${caseId}/amend-member`, { memberIndex: 0, nationalId: freshNationalId() });
    expect(added.members[0].nationalId).toBeDefined();
    const changed = await post('team', `/cases/${caseId}/amend-member`, { memberIndex: 0, nationalId: freshNationalId(), reason: 'ผิด' });
    expect({ status: changed.statusCode, code: changed.json<{ code: string }>().code }).toEqual({ status: 403, code: 'FORBIDDEN_ROLE' });
  });
});
