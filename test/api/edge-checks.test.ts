import type { CaseView } from '../../api/views/case-view';
import { freshNationalId, houseCodeIn, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { eventually } from '../helpers/servers';
import { bangkokDay } from '../../workflows/plausibility';

/**
 * Issue 12, one test per class: what the workflow would choke on is refused at the edge (real
 * days, codes that exist and nest, references to cases that exist), every refusal names its field
 * with a stable code, the workflow's own included, and allowedActions agrees with the server.
 */
describe('edge checks, coded refusals and allowedActions (API)', () => {
  const api = useApi();
  type Session = Awaited<ReturnType<typeof signedIn>>;
  const as: Record<string, Session> = {};

  beforeAll(async () => {
    for (const role of ['operationsTeam', 'mentor', 'district', 'province', 'admin'] as const) as[role] = await signedIn(api.orm(), role);
    as.cdd = await signedIn(api.orm(), 'agency', { provinceCode: '64', agencyCode: 'CDD' });
  });

  const post = (who: string, url: string, payload: object) => api.app().inject({ method: 'POST', url, headers: as[who].headers, payload });
  const refusal = async (who: string, url: string, payload: object) => {
    const response = await post(who, url, payload);
    const body = response.json<{ field?: string; code?: string; message: string }>();
    return { status: response.statusCode, field: body.field, code: body.code };
  };

  async function atAssignment(): Promise<CaseView> {
    const opened = await post('operationsTeam', '/cases', {
      household: { houseCode: houseCodeIn('6401'), provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', source: 'tpmap', members: [{ name: 'สมศรี', nationalId: freshNationalId() }], failedIndicators: ['I3'] },
    });
    expect(opened.statusCode).toBe(201);
    const { caseId } = opened.json<{ caseId: string }>();
    await eventually(async () => (await api.orm().em.fork().execute('select 1 from household_case where id = ?', [caseId]))[0]);
    expect((await post('operationsTeam', `/cases/${caseId}/verify`, { outcome: 'confirmed' })).statusCode).toBe(200);
    const analysis = { attitude: 'อยากมีรายได้', skills: 'จักสาน', resources: 'ไม้ไผ่', wayOut: 'ขาย', householdType: 'canDevelop' };
    // An indicator that is not TPMAP's, and a TPMAP indicator of another dimension.
    expect(await refusal('mentor', `/cases/${caseId}/analysis`, { ...analysis, problems: [{ dimension: 'income', indicator: 'A4', description: 'x' }] })).toEqual({ status: 422, field: 'body.problems[0].indicator', code: 'UNKNOWN_CODE' });
    expect(await refusal('mentor', `/cases/${caseId}/analysis`, { ...analysis, problems: [{ dimension: 'income', indicator: 'H1', description: 'x' }] })).toEqual({ status: 422, field: 'body.problems[0].indicator', code: 'DIMENSION_MISMATCH' });
    expect((await post('mentor', `/cases/${caseId}/analysis`, { ...analysis, problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำ' }, { dimension: 'health', indicator: 'jpt-2', description: 'น้ำหนักแรกเกิด' }] })).statusCode).toBe(200);
    // A plan's target date must be a day that exists.
    expect(await refusal('mentor', `/cases/${caseId}/plan`, { goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ฝึก', supportBy: 'CDD', targetDate: '2026-02-31' }] })).toEqual({ status: 422, field: 'body.items[0].targetDate', code: 'INVALID_DATE' });
    const planned = await post('mentor', `/cases/${caseId}/plan`, { goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ฝึก', supportBy: 'CDD', targetDate: '2026-02-28' }] });
    expect(planned.statusCode).toBe(200);
    return planned.json<CaseView>();
  }

  it('refuses unknown codes and references, and names the field of the workflow’s own refusals', async () => {
    const view = await atAssignment();
    const url = `/cases/${view.caseId}/assign`;
    expect(await refusal('district', url, { assignments: [{ problemId: view.problems[0].id, agencyCode: 'CDD', menuItem: 'NO-SUCH-MENU' }] })).toEqual({ status: 422, field: 'body.assignments[0].menuItem', code: 'UNKNOWN_CODE' });
    expect(await refusal('district', url, { assignments: [{ problemId: 'p99', agencyCode: 'CDD' }] })).toEqual({ status: 422, field: 'body.assignments[0].problemId', code: 'UNKNOWN_PROBLEM' });
    // A subdistrict that is not in the named district, and one that does not exist.
    expect(await refusal('district', `/cases/${view.caseId}/transfer`, { to: { provinceCode: '64', districtCode: '6402', subdistrictCode: '640101' } })).toEqual({ status: 422, field: 'body.to.subdistrictCode', code: 'AREA_MISMATCH' });
    expect(await refusal('district', `/cases/${view.caseId}/transfer`, { to: { provinceCode: '64', districtCode: '6401', subdistrictCode: '640199' } })).toEqual({ status: 422, field: 'body.to.subdistrictCode', code: 'UNKNOWN_CODE' });
    // A user of an agency that does not exist.
    const user = { username: `u-${Date.now()}`, displayName: 'x', password: 'a-long-enough-Passw0rd!', role: 'agency', provinceCode: '64', agencyCode: 'NO-SUCH-AGENCY' };
    expect(await refusal('admin', '/users', user)).toEqual({ status: 422, field: 'body.agencyCode', code: 'UNKNOWN_CODE' });
  });

  it('refuses a duplicate of a case that does not exist, and a move to an area that does not nest', async () => {
    const opened = await post('operationsTeam', '/cases', {
      household: { houseCode: houseCodeIn('6401'), provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', source: 'tpmap', members: [{ name: 'สมหมาย' }], failedIndicators: ['L1'] },
    });
    const { caseId } = opened.json<{ caseId: string }>();
    await eventually(async () => (await api.orm().em.fork().execute('select 1 from household_case where id = ?', [caseId]))[0]);
    expect(await refusal('operationsTeam', `/cases/${caseId}/verify`, { outcome: 'duplicate', duplicateOf: 'household-case-99999999999' })).toEqual({ status: 422, field: 'body.duplicateOf', code: 'UNKNOWN_CASE' });
    expect(await refusal('operationsTeam', `/cases/${caseId}/verify`, { outcome: 'moved', movedTo: { provinceCode: '64', districtCode: '6402', subdistrictCode: '640101' } })).toEqual({ status: 422, field: 'body.movedTo.subdistrictCode', code: 'AREA_MISMATCH' });
    expect(await refusal('operationsTeam', `/cases/${caseId}/verify`, { outcome: 'duplicate' })).toEqual({ status: 422, field: 'body.duplicateOf', code: 'REQUIRED' });
  });

  it('a task: an impossible day is refused, a real one taken; after the return, every action answers 409', async () => {
    const view = await atAssignment();
    const assigned = await post('district', `/cases/${view.caseId}/assign`, { assignments: [{ problemId: view.problems[0].id, agencyCode: 'CDD', menuItem: 'INC-JOB-TRAINING' }] });
    expect(assigned.statusCode).toBe(200);
    const taskId = assigned.json<CaseView>().tasks[0].taskId;
    await eventually(async () => (await api.orm().em.fork().execute('select 1 from assistance_task where id = ?', [taskId]))[0]);
    const entry = { kind: 'training', description: 'อบรม', baht: 100, items: 1 };
    for (const date of ['2026-04-31', '2026-02-31', '2025-02-29']) {
      expect(await refusal('cdd', `/tasks/${taskId}/activities`, { ...entry, date })).toEqual({ status: 422, field: 'body.date', code: 'INVALID_DATE' });
    }
    expect((await post('cdd', `/tasks/${taskId}/activities`, { ...entry, date: bangkokDay(Date.now()) })).statusCode).toBe(200);
    expect((await post('cdd', `/tasks/${taskId}/return`, { reason: 'เกินศักยภาพ' })).statusCode).toBe(200);
    for (const [action, body] of [['activities', { ...entry, date: bangkokDay(Date.now()) }], ['complete', {}], ['return', { reason: 'again' }]] as const) {
      expect({ action, ...(await refusal('cdd', `/tasks/${taskId}/${action}`, body)) }).toEqual({ action, status: 409, field: undefined, code: 'TASK_ENDED' });
    }
  });

  it('after the district escalates, allowedActions and the answers agree', async () => {
    const view = await atAssignment();
    const escalated = await post('district', `/cases/${view.caseId}/escalate`, { reason: 'เกินศักยภาพอำเภอ' });
    expect(escalated.statusCode).toBe(200);
    const offered = escalated.json<CaseView>().allowedActions;
    expect(offered).not.toContain('assignProblems');
    expect(offered).not.toContain('escalateCase');
    expect(await refusal('district', `/cases/${view.caseId}/assign`, { assignments: [{ problemId: view.problems[0].id, agencyCode: 'CDD' }] })).toMatchObject({ status: 403, code: 'WRONG_LEVEL' });
    expect(await refusal('district', `/cases/${view.caseId}/escalate`, { reason: 'again' })).toMatchObject({ status: 409, code: 'ALREADY_ESCALATED' });
  });
});
