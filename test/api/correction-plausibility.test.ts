import type { CaseView } from '../../api/views/case-view';
import { bangkokDay } from '../../workflows/plausibility';
import { freshNationalId, houseCodeIn, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { eventually } from '../helpers/servers';

/**
 * What the correction forms read from the API: implausible values refused with the plausibility
 * codes and the field (never a bare 400 VALIDATION), and, per user, which corrections want a
 * reason and whether they may change a national ID, from the one rule table.
 * Kamphaeng Phet (6201, subdistrict 620101) is this file's own area.
 */
const AREA = { provinceCode: '62', districtCode: '6201', subdistrictCode: '620101' };

describe('corrections: plausibility and the reason rules (API)', () => {
  const api = useApi();
  const as: Record<string, { headers: { authorization: string } }> = {};

  beforeAll(async () => {
    as.team = await signedIn(api.orm(), 'operationsTeam', AREA);
    as.mentor = await signedIn(api.orm(), 'mentor', AREA);
    as.district = await signedIn(api.orm(), 'district', { provinceCode: '62', districtCode: '6201' });
    as.cdd = await signedIn(api.orm(), 'agency', { provinceCode: '62', agencyCode: 'CDD' });
  });

  const post = (who: string, url: string, payload: object) => api.app().inject({ method: 'POST', url, headers: as[who].headers, payload });
  const ok = async <T>(who: string, url: string, payload: object): Promise<T> => {
    const response = await post(who, url, payload);
    expect({ url, status: response.statusCode, body: response.statusCode === 200 ? undefined : response.json() }).toMatchObject({ url, status: 200 });
    return response.json<T>();
  };
  const refusal = async (who: string, url: string, payload: object) => {
    const response = await post(who, url, payload);
    const { code, field } = response.json<{ code: string; field: string }>();
    return { status: response.statusCode, code, field };
  };
  const view = (who: string, caseId: string) => api.app().inject({ method: 'GET', url: `/cases/${caseId}`, headers: as[who].headers }).then((r) => r.json<CaseView>());

  it('refuses an implausible birth year, amount or date with its code and field, and says who gives a reason', async () => {
    const opened = await post('team', '/cases', { household: { houseCode: houseCodeIn('6201'), ...AREA, source: 'tpmap', members: [{ name: 'สมศรี', nationalId: freshNationalId() }], failedIndicators: ['I3'] } });
    const { caseId } = opened.json<{ caseId: string }>();
    await eventually(async () => (await api.orm().em.fork().execute('select 1 from household_case where id = ?', [caseId]))[0]);
    await ok('team', `/cases/${caseId}/verify`, { outcome: 'confirmed' });
    await ok('mentor', `/cases/${caseId}/relief`, { kind: 'survivalBag', description: 'ถุงยังชีพ', baht: 500, items: 1 });
    const analysed = await ok<CaseView>('mentor', `/cases/${caseId}/analysis`, {
      attitude: 'ก', skills: 'ข', resources: 'ค', wayOut: 'ง', householdType: 'canDevelop', problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำ' }],
    });

    // While the plan is a draft the mentor corrects the analysis without a reason; members always with one.
    expect({ reasonRequired: analysed.reasonRequired, mayChangeNationalId: analysed.mayChangeNationalId }).toEqual({ reasonRequired: ['voidRelief', 'amendMember'], mayChangeNationalId: false });
    const district = await view('district', caseId);
    expect(district.reasonRequired).toEqual(district.allowedActions.filter((a) => a.startsWith('amend') || a.startsWith('void')));
    expect(district.mayChangeNationalId).toBe(true);

    const birthYear = (year: number) => refusal('mentor', `/cases/${caseId}/amend-member`, { memberIndex: 0, birthYear: year, reason: 'ตามทะเบียนบ้าน' });
    const thisYear = Number(bangkokDay(Date.now()).slice(0, 4));
    for (const year of [1757, thisYear - 121, thisYear + 1]) expect(await birthYear(year)).toEqual({ status: 422, code: 'BIRTH_YEAR_IMPLAUSIBLE', field: 'body.birthYear' });
    for (const baht of [-1, 10.005]) expect(await refusal('mentor', `/cases/${caseId}/amend-relief`, { reliefNo: 1, baht })).toEqual({ status: 422, code: 'AMOUNT_INVALID', field: 'body.baht' });

    await ok('mentor', `/cases/${caseId}/plan`, { goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ฝึกอาชีพ', supportBy: 'CDD' }] });
    const assigned = await ok<CaseView>('district', `/cases/${caseId}/assign`, { assignments: [{ problemId: analysed.problems[0].id, agencyCode: 'CDD' }] });
    // Past the draft, the author too says why.
    expect((await view('mentor', caseId)).reasonRequired).toEqual(expect.arrayContaining(['amendAnalysis', 'amendProblems', 'amendPlan']));
    const taskId = assigned.tasks[0].taskId;
    await eventually(async () => (await api.orm().em.fork().execute('select 1 from assistance_task where id = ?', [taskId]))[0]);
    await ok('cdd', `/tasks/${taskId}/activities`, { date: bangkokDay(Date.now()), kind: 'training', description: 'อบรม', baht: 100, items: 1 });
    const tomorrow = bangkokDay(Date.now() + 86_400_000);
    expect(await refusal('cdd', `/tasks/${taskId}/amend-activity`, { seq: 1, date: tomorrow })).toEqual({ status: 422, code: 'DATE_IN_FUTURE', field: 'body.date' });
    expect(await refusal('cdd', `/tasks/${taskId}/amend-activity`, { seq: 1, baht: 1.234 })).toEqual({ status: 422, code: 'AMOUNT_INVALID', field: 'body.baht' });
  });
});
