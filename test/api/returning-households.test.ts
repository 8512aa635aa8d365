import { signedIn } from '../helpers/auth';
import { useApi } from '../helpers/api-harness';
import { eventually } from '../helpers/servers';
import { importAndWait, listedHousehold, surveyCsv, targetCsv } from '../helpers/target-lists';
import type { CaseView } from '../../api/views/case-view';
import type { HouseholdDetail } from '../../api/services/households';
import type { Reconciliation } from '../../domain/contract/retargeting';

/**
 * The returning group of the program year, in subdistrict 700101 (Ratchaburi), this file's own:
 * two households graduate in year 1 and are both on year 2's list. One case's reopen window is
 * over (its workflow has ended), so the import opens a new case linked to the old one; the other
 * is still within its window, and the district reopens it from the report. The 365-day window
 * itself is a timer of the workflow; here it ends the way it ends for every case, by the workflow
 * no longer running (terminated by the test: the dev server cannot skip a year).
 */
describe('returning households', () => {
  const api = useApi();
  const area = { provinceCode: '70', districtCode: '7001', subdistrictCode: '700101' };
  let team: { headers: { authorization: string } };
  let district: { headers: { authorization: string } };

  beforeAll(async () => {
    team = await signedIn(api.orm(), 'operationsTeam', area);
    district = await signedIn(api.orm(), 'district', { provinceCode: '70', districtCode: '7001' });
  });

  const get = async <T>(url: string, headers = team.headers): Promise<T> => {
    const answer = await api.app().inject({ method: 'GET', url, headers });
    expect(answer.statusCode).toBe(200);
    return answer.json<T>();
  };
  const group = (importId: string, name: string) => get<Reconciliation>(`/imports/${importId}/reconciliation?group=${name}`);
  const caseOf = (report: Reconciliation, headName: string) => report.cases.find((c) => c.headName === headName)!;

  it('past the window a new case opens, linked to the old one; within it the district reopens the old case', async () => {
    const [ended, waiting] = [listedHousehold('7001', 'นายกลับมา ใหม่'), listedHousehold('7001', 'นางกลับมา เดิม')];
    const year1 = await importAndWait(api.app(), team.headers, '/imports/targets?fiscalYear=2569', targetCsv(area, [ended, waiting].map((h) => ({ ...h, indicators: 'I3' }))));
    const opened = await group(year1, 'new');
    const [endedCase, waitingCase] = [caseOf(opened, ended.name).caseId, caseOf(opened, waiting.name).caseId];

    // Both graduate by the survey.
    await importAndWait(api.app(), team.headers, '/imports/survey', surveyCsv(2569, [ended, waiting].map((h) => ({ code: h.code, passed: true }))));
    for (const caseId of [endedCase, waitingCase]) await eventually(async () => (await get<CaseView>(`/cases/${caseId}`)).status === 'closed');
    await api.temporal.client.workflow.getHandle(endedCase).terminate('the reopen window is over');

    const year2 = await importAndWait(api.app(), team.headers, '/imports/targets?fiscalYear=2570', targetCsv(area, [ended, waiting].map((h) => ({ ...h, indicators: 'I3|E2' }))));
    const returning = await group(year2, 'returning');
    expect(returning.totals).toEqual({ new: 0, stillFlagged: 0, noLongerFlagged: 0, returning: 2 });
    const successor = caseOf(returning, ended.name);
    expect(successor).toMatchObject({ status: 'active', stage: 'verification', canReopen: false, previousCaseId: endedCase, previousClosedAt: expect.any(String) });
    expect(successor.caseId).not.toBe(endedCase);
    expect(caseOf(returning, waiting.name)).toMatchObject({ caseId: waitingCase, status: 'closed', canReopen: true, previousCaseId: null });
    // The report offers the reopening to those who may reopen: the district, not the subdistrict team.
    expect(returning.mayReopen).toBe(false);
    expect((await get<Reconciliation>(`/imports/${year2}/reconciliation?group=returning`, district.headers)).mayReopen).toBe(true);

    // The link, both ways, in the cases' views; the new case's opening names the old one.
    const successorView = await eventually(async () => {
      const view = await get<CaseView>(`/cases/${successor.caseId}`);
      return view.previousCaseId ? view : null;
    });
    expect(successorView.previousCaseId).toBe(endedCase);
    expect(successorView.recentEvents[0]).toMatchObject({ type: 'caseOpened', detail: { previousCaseId: endedCase } });
    expect((await get<CaseView>(`/cases/${endedCase}`)).nextCaseId).toBe(successor.caseId);

    // The household page shows the new case, with the earlier one; the household is listed once.
    const page = await get<HouseholdDetail>(`/households/${encodeURIComponent(successor.householdId)}`);
    expect(page.case?.caseId).toBe(successor.caseId);
    expect(page.earlierCase).toMatchObject({ caseId: endedCase, closureReason: 'graduated' });
    expect(page.timeline.items.find((e) => e.type === 'caseOpened')?.detail).toMatchObject({ previousCaseId: endedCase });
    const search = await get<{ items: Array<{ caseId: string | null }> }>(`/households?houseCode=${ended.code}`);
    expect(search.items.map((h) => h.caseId)).toEqual([successor.caseId]);

    // Within its window, the district reopens the other household's case from the report.
    const reopened = await api.app().inject({ method: 'POST', url: `/cases/${waitingCase}/reopen`, headers: { ...district.headers, 'idempotency-key': `reopen-${waitingCase}` }, payload: { reason: 'กลับมาอยู่ในรายชื่อปี 2570' } });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json<CaseView>().status).toBe('active');
    await eventually(async () => caseOf(await group(year2, 'returning'), waiting.name).status === 'active');

    // A third list names both again: each has one open case now, still flagged, and no case is opened twice.
    const year3 = await importAndWait(api.app(), team.headers, '/imports/targets?fiscalYear=2571', targetCsv(area, [ended, waiting].map((h) => ({ ...h, indicators: 'E2' }))));
    expect((await group(year3, 'stillFlagged')).cases.map((c) => c.caseId).sort()).toEqual([successor.caseId, waitingCase].sort());
    const [counts] = await api.orm().em.fork().execute<Array<{ cases: number }>>(
      'select count(*)::int as cases from household_case c join household h on h.id = c.household_id where h.house_code in (?, ?)',
      [ended.code, waiting.code],
    );
    expect(counts.cases).toBe(3);
  });
});
