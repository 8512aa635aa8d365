import { signedIn } from '../helpers/auth';
import { useApi } from '../helpers/api-harness';
import { eventually } from '../helpers/servers';
import { importAndWait, listedHousehold, targetCsv } from '../helpers/target-lists';
import type { CaseView } from '../../api/views/case-view';
import type { BulkJobView } from '../../domain/contract/policy';
import type { Reconciliation } from '../../domain/contract/retargeting';
import { settingsOf } from '../../db/policies';
import { DEFAULT_POLICY } from '../../workflows/policy';

/**
 * The policy's emergency settings at work, in subdistrict 700102 (Ratchaburi), this file's own:
 * the province's policy has the district record urgent relief and assign without a meeting. A
 * flood pauses the subdistrict; on its cases the district still gives relief and assigns, the
 * operations team's relief is refused with a stable code, every other action waits. A case paused
 * for another reason (the household is away) is no emergency: it waits as before.
 */
describe('emergency settings (API)', () => {
  const api = useApi();
  const area = { provinceCode: '70', districtCode: '7001', subdistrictCode: '700102' };
  type Caller = { headers: { authorization: string } };
  let team: Caller;
  let district: Caller;
  let province: Caller;

  beforeAll(async () => {
    team = await signedIn(api.orm(), 'operationsTeam', area);
    district = await signedIn(api.orm(), 'district', { provinceCode: '70', districtCode: '7001' });
    province = await signedIn(api.orm(), 'province', { provinceCode: '70' });
  });

  let keys = 0;
  const post = (caller: Caller, url: string, payload: object) => api.app().inject({ method: 'POST', url, payload, headers: { ...caller.headers, 'idempotency-key': `emergency-${process.pid}-${++keys}` } });
  const act = async (caller: Caller, caseId: string, action: string, payload: object): Promise<CaseView> => {
    const answer = await post(caller, `/cases/${caseId}/${action}`, payload);
    expect({ action, status: answer.statusCode, body: answer.statusCode === 200 ? null : answer.json() }).toEqual({ action, status: 200, body: null });
    return answer.json<CaseView>();
  };
  const view = async (caller: Caller, caseId: string) => (await api.app().inject({ method: 'GET', url: `/cases/${caseId}`, headers: caller.headers })).json<CaseView>();
  const bulkJob = async (answer: { statusCode: number; json: () => unknown }) => {
    expect(answer.statusCode).toBe(202);
    const { id } = answer.json() as BulkJobView;
    return eventually(async () => {
      const job = (await api.app().inject({ method: 'GET', url: `/bulk-jobs/${id}`, headers: province.headers })).json<BulkJobView>();
      return job.status === 'completed' ? job : null;
    }, 60_000);
  };
  const relief = { kind: 'ถุงยังชีพ', description: 'น้ำท่วมบ้าน', baht: 0, items: 1 };

  it('in a flood the district gives relief and assigns; the team is refused; other pauses and actions wait', async () => {
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Bangkok' });
    const policy = await post(province, '/policies', {
      provinceCode: '70',
      effectiveFrom: today,
      settings: { ...settingsOf(DEFAULT_POLICY), emergency: { assignWithoutMeeting: true, reliefApprover: 'district' } },
      note: 'อุทกภัย: ศจพ.อ. อนุมัติการช่วยเหลือ',
    });
    expect(policy.statusCode).toBe(201);

    const [flooded, away] = [listedHousehold('7001', 'นายน้ำท่วม หนึ่ง'), listedHousehold('7001', 'นางไม่อยู่ สอง')];
    const listId = await importAndWait(api.app(), team.headers, '/imports/targets?fiscalYear=2570', targetCsv(area, [flooded, away].map((h) => ({ ...h, indicators: 'I3' }))));
    const listed = (await api.app().inject({ method: 'GET', url: `/imports/${listId}/reconciliation?group=new`, headers: team.headers })).json<Reconciliation>();
    const [floodedCase, awayCase] = [flooded, away].map((h) => listed.cases.find((c) => c.headName === h.name)!.caseId);
    expect((await view(team, floodedCase)).policyVersion).toBe(`70-${today}`);

    // The flooded household waits for assignment; the other is paused because it is away.
    await act(team, floodedCase, 'verify', { outcome: 'confirmed' });
    const analysed = await act(team, floodedCase, 'analysis', {
      attitude: 'อยากพัฒนา', skills: 'ทำนา', resources: 'ที่ดิน 2 ไร่', wayOut: 'ปลูกผัก', householdType: 'canDevelop',
      problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำ' }, { dimension: 'living', indicator: 'L1', description: 'บ้านทรุด' }],
    });
    await act(team, floodedCase, 'plan', { goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ปลูกผัก', supportBy: 'DOAE' }] });
    await act(team, awayCase, 'verify', { outcome: 'confirmed' });
    await act(district, awayCase, 'pause', { reason: 'householdAway' });

    const paused = await bulkJob(await post(province, '/areas/pause', { ...area, reason: 'disaster', note: 'น้ำท่วมทั้งตำบล' }));
    expect(paused).toMatchObject({ total: 1, done: 1 });
    expect((await view(district, floodedCase)).status).toBe('paused');

    // The team may not record relief on its own in this emergency; the district may, and may assign.
    expect((await view(team, floodedCase)).allowedActions).not.toContain('giveRelief');
    expect((await view(district, floodedCase)).allowedActions).toEqual(expect.arrayContaining(['giveRelief', 'assignProblems']));
    const refused = await post(team, `/cases/${floodedCase}/relief`, relief);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'EMERGENCY_APPROVER_ONLY' });
    expect((await act(district, floodedCase, 'relief', relief)).reliefs).toHaveLength(1);
    const [income] = analysed.problems;
    const assigned = await act(district, floodedCase, 'assign', { assignments: [{ problemId: income.id, agencyCode: 'DOAE' }] });
    expect(assigned).toMatchObject({ status: 'paused', tasks: [expect.objectContaining({ problemId: income.id, status: 'open' })] });

    // What the settings do not name waits for the resume; a pause that is no emergency waits too.
    const escalate = await post(district, `/cases/${floodedCase}/escalate`, { reason: 'น้ำท่วม' });
    expect([escalate.statusCode, escalate.json()]).toEqual([409, expect.objectContaining({ code: 'CASE_PAUSED' })]);
    const awayRelief = await post(district, `/cases/${awayCase}/relief`, relief);
    expect([awayRelief.statusCode, awayRelief.json()]).toEqual([409, expect.objectContaining({ code: 'CASE_PAUSED' })]);

    // The area resumes: the task assigned in the flood never waited, so its due date stays.
    await bulkJob(await post(province, '/areas/resume', area));
    const resumed = await eventually(async () => {
      const v = await view(district, floodedCase);
      return v.status === 'active' ? v : null;
    });
    expect(resumed.tasks[0].dueAt).toBe(assigned.tasks[0].dueAt);
    expect((await view(district, awayCase)).status).toBe('active');
  });
});
