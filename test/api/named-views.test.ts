import type { HouseholdDetail } from '../../api/services/households';
import type { InboxItemView } from '../../api/services/inbox';
import type { PageOf } from '../../api/services/lists';
import type { MeetingView } from '../../api/services/meetings';
import type { UserListPage } from '../../api/views/user-view';
import { freshNationalId, houseCodeIn, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { eventually } from '../helpers/servers';

type Headers = { authorization: string };

/**
 * The read views name what a person reads (issue 14): households by head, village and area
 * names; actors by name and role; stage changes from → to; relief baht; meeting minutes; the
 * province's instructions on a returned case. Phichit's Taphan Hin district (6604) is this
 * file's own area.
 */
describe('read views: people, places and agencies by name', () => {
  const api = useApi();
  const AREA = { provinceCode: '66', districtCode: '6604', subdistrictCode: '660401' };
  const as = {} as Record<'team' | 'mentor' | 'district' | 'province' | 'supervisor' | 'admin', Headers>;
  const names = {} as Record<'mentor' | 'district', string>;
  const cases: Record<'assigned' | 'returned', { caseId: string; householdId: string; head: string; nationalId: string }> = {} as never;

  const get = async <T>(headers: Headers, url: string): Promise<T> => {
    const response = await api.app().inject({ method: 'GET', url, headers });
    expect(response.statusCode).toBe(200);
    return response.json<T>();
  };
  const post = async <T>(headers: Headers, url: string, payload: object): Promise<T> => {
    const response = await api.app().inject({ method: 'POST', url, headers, payload });
    if (response.statusCode >= 300) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
    return response.json<T>();
  };

  beforeAll(async () => {
    const orm = api.orm();
    as.team = (await signedIn(orm, 'operationsTeam', AREA)).headers;
    const mentor = await signedIn(orm, 'mentor', AREA);
    as.mentor = mentor.headers;
    names.mentor = mentor.username;
    const district = await signedIn(orm, 'district', { provinceCode: '66', districtCode: '6604' });
    as.district = district.headers;
    names.district = district.username;
    as.province = (await signedIn(orm, 'province', { provinceCode: '66' })).headers;
    as.supervisor = (await signedIn(orm, 'supervisor', {})).headers;
    as.admin = (await signedIn(orm, 'admin', {})).headers;

    for (const [key, village] of [['assigned', '5'], ['returned', '7']] as const) {
      const houseCode = houseCodeIn('6604');
      const head = `นางทดสอบ ชื่อ${houseCode.slice(-4)}`;
      const nationalId = freshNationalId();
      const created = await post<{ caseId: string }>(as.team, '/cases', {
        household: { houseCode, ...AREA, villageNo: village, headName: head, source: 'tpmap', failedIndicators: ['I3'], members: [{ name: head, nationalId, birthYear: 1970 }] },
      });
      cases[key] = { caseId: created.caseId, householdId: houseCode, head, nationalId };
      const caseId = created.caseId;
      await post(as.team, `/cases/${caseId}/verify`, { outcome: 'confirmed' });
      await post(as.mentor, `/cases/${caseId}/analysis`, {
        attitude: 'อยากพัฒนา',
        skills: 'ทำขนม',
        resources: 'ที่ดิน',
        wayOut: 'ขายขนม',
        householdType: 'canDevelop',
        problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำกว่าเกณฑ์' }],
      });
      await post(as.mentor, `/cases/${caseId}/relief`, { kind: 'ถุงยังชีพ', description: 'ข้าวสาร', baht: 1500.5, items: 2 });
      await post(as.mentor, `/cases/${caseId}/plan`, { goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ฝึกอาชีพ', supportBy: 'พัฒนาชุมชน' }] });
    }
    await post(as.district, `/cases/${cases.returned.caseId}/escalate`, { reason: 'เกินศักยภาพอำเภอ' });
    await post(as.province, `/cases/${cases.returned.caseId}/return-to-district`, { instructions: 'ให้อำเภอมอบหมาย อปท.' });
  });

  it("inbox items name the household, its area and the province's instructions", async () => {
    const item = await eventually(async () => {
      const page = await get<PageOf<InboxItemView>>(as.district, '/inbox?limit=200');
      return page.items.find((i) => i.caseId === cases.returned.caseId && i.returnedByProvince);
    });
    expect(item.household).toMatchObject({ headName: cases.returned.head, villageNo: '7', houseCode: cases.returned.householdId });
    expect(item.areaNames.subdistrict?.th).toBeTruthy();
    expect(item.areaNames.district?.th).toBe('ตะพานหิน');
    expect(item.returnedByProvince?.instructions).toBe('ให้อำเภอมอบหมาย อปท.');
    expect(item.escalatedByDistrict).toBeNull();
    expect(item.assignmentLevel).toBe('district');
  });

  it('a meeting names its agenda, and once decided reads as minutes from the read model', async () => {
    const { meetingId } = await post<{ meetingId: string }>(as.district, '/meetings', {});
    const open = await get<MeetingView>(as.district, `/meetings/${meetingId}`);
    const item = open.agenda.find((i) => i.caseId === cases.assigned.caseId)!;
    expect(item.household.headName).toBe(cases.assigned.head);
    expect(item.areaNames.district?.th).toBe('ตะพานหิน');
    expect(item.problems.length).toBeGreaterThan(0);
    const problemId = item.problems[0].problemId;

    await post(as.district, `/meetings/${meetingId}/decisions`, { decisions: [{ caseId: cases.assigned.caseId, assignments: [{ problemId, agencyCode: 'CDD' }] }] });
    const minutes = await eventually(async () => {
      const view = await get<MeetingView>(as.district, `/meetings/${meetingId}`);
      return view.source === 'readModel' && view.status === 'decided' && view;
    });
    const decided = minutes.agenda.find((i) => i.caseId === cases.assigned.caseId)!;
    expect(decided.problems).toEqual([]);
    expect(decided.household.headName).toBe(cases.assigned.head);
    expect(decided.decision).toMatchObject({ kind: 'assign', assignments: [{ problemId, agencyCode: 'CDD', agencyName: { th: expect.stringContaining('พัฒนาชุมชน') } }] });
    expect(decided.decision?.assignments[0].taskId).toMatch(/-task-/);
    const later = minutes.agenda.find((i) => i.caseId === cases.returned.caseId);
    if (later) expect(later.decision?.kind).toBe('later');
    expect(minutes.decidedBy).toMatchObject({ kind: 'user', displayName: names.district, role: 'district' });
  });

  it('the household page names the area, who acted, the stages changed and the relief baht', async () => {
    const detail = await eventually(async () => {
      const d = await get<HouseholdDetail>(as.mentor, `/households/${cases.assigned.householdId}`);
      return d.timeline.items.some((e) => e.type === 'stageChanged') && d;
    });
    expect(detail.household.areaNames.district?.th).toBe('ตะพานหิน');
    expect(detail.household.areaNames.province?.th).toBe('พิจิตร');
    expect(detail.members[0].nationalId).toBe(cases.assigned.nationalId);

    const byType = (type: string) => detail.timeline.items.find((e) => e.type === type)!;
    expect(byType('analysisRecorded').by).toEqual({ kind: 'user', displayName: names.mentor, role: 'mentor', agency: null });
    expect(byType('stageChanged')).toMatchObject({ fromStage: 'districtAssignment', detail: { stage: 'assistance' }, by: { kind: 'system' } });
    expect(byType('problemAssigned').by).toMatchObject({ displayName: names.district, role: 'district' });

    expect(detail.tasks[0].agencyName?.th).toContain('พัฒนาชุมชน');
    expect(detail.logbook.entries).toEqual([expect.objectContaining({ source: 'relief', dimension: null, baht: 1500.5, items: 2, by: expect.objectContaining({ displayName: names.mentor }) })]);
    expect(detail.logbook.totals).toEqual([{ dimension: null, baht: 1500.5, items: 2, entries: 1 }]);

    const masked = await get<HouseholdDetail>(as.province, `/households/${cases.assigned.householdId}`);
    expect(masked.members[0].nationalId).toMatch(/^\d-xxxx-xxxxx-\d\d-\d$/);
  });

  it('the account list names each scope', async () => {
    const page = await get<UserListPage>(as.admin, `/users?q=${encodeURIComponent(names.district)}`);
    expect(page.items).toEqual([expect.objectContaining({ username: names.district, areaNames: { province: expect.objectContaining({ th: 'พิจิตร' }), district: expect.objectContaining({ th: 'ตะพานหิน' }), subdistrict: null } })]);
  });
});
