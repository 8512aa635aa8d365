/**
 * The reports against the real PostgreSQL from globalSetup, through the app as production builds
 * it. The read model is written by the projections from hand-built snapshots, in district 6409
 * (Thung Saliam, Sukhothai) and 6403, which no other test file uses; requests filter by district,
 * so rows other files write in 6401 never reach these counts.
 *
 * The district 6409 world, fiscal 2570 (1 Oct 2026 – 30 Sep 2027):
 *
 * | case | subdistrict | stage / status | problems (status, last outcome) | tasks (agency, activities in FY2570) |
 * |---|---|---|---|---|
 * | c1 | 640901 | districtAssignment, overdue | income solved/solved, living open/notYetSolvable | t1 income CDD done (Jan 1500/1, Feb 2500/2), t4 living LAO cancelled; relief Oct 500/1 |
 * | c2 | 640901 | closed, graduated Nov 2027 | health solved/solved | t2 health SHPH done (Feb 0/3) |
 * | c3 | 640902 | assistance, escalated | education followingUp, income assigned | t3 income CDD open and overdue (none), t3b education NFE done (Nov 3000/0) |
 * | c4 | 640902 | verification, overdue (level 2) | – | – |
 * | c5 | 640901 | analysis, paused, opened in FY2569 | – | – |
 * | c6 | 640903 | followUp, exempt | income waiting | t6 income MSDHS-P done (Feb 2000/1; Oct 2027 999/0 in FY2571) |
 *
 * And c7 in 6403: a task assigned in FY2570 with nothing logged.
 */
import { parse } from 'csv-parse/sync';
import { projectCaseSnapshot, projectTaskSnapshot } from '../../db/read-model/projection';
import { buildApp, type App } from '../../api/app';
import { gradeOf } from '../../api/services/reports/district-grades';
import { fiscalYear, fiscalYearOf, monthsOf } from '../../domain/fiscal-year';
import type { Orm } from '../../db/orm';
import type { AssistanceTaskState } from '../../workflows/assistance-task/types';
import type { CaseState, HouseholdMember, PlanItem, Problem } from '../../workflows/household-case/types';
import { signedIn } from '../helpers/auth';
import { caseState, household, logActivity, taskState } from '../helpers/fixtures';
import { openTestOrm, testClient, testConfig, testLogger } from '../helpers/servers';

const DISTRICT = '6409';
const OTHER_DISTRICT = '6403';

type Headers = { authorization: string };

describe('reports', () => {
  const config = testConfig();
  const temporal = testClient(config);
  let orm: Orm;
  let app: App;
  const as: Record<'district' | 'province' | 'admin' | 'otherDistrict' | 'team' | 'mentor' | 'agencyCdd' | 'agency', Headers> = {} as never;

  beforeAll(async () => {
    orm = await openTestOrm(config);
    // Reports never call Temporal, but buildApp takes the client production passes it.
    app = await buildApp({ config, orm, temporal: temporal.client, logger: testLogger });
    const sessions = await Promise.all([
      signedIn(orm, 'district', { provinceCode: '64', districtCode: DISTRICT }),
      signedIn(orm, 'province', { provinceCode: '64' }),
      signedIn(orm, 'admin', {}),
      signedIn(orm, 'district', { provinceCode: '64', districtCode: '6404' }),
      signedIn(orm, 'operationsTeam', { provinceCode: '64', districtCode: DISTRICT, subdistrictCode: '640902' }),
      signedIn(orm, 'mentor', { provinceCode: '64', districtCode: DISTRICT, subdistrictCode: '640901' }),
      signedIn(orm, 'agency', { provinceCode: '64', agencyCode: 'CDD' }),
      signedIn(orm, 'agency', { provinceCode: '64', agencyCode: 'SHPH' }),
    ]);
    [as.district, as.province, as.admin, as.otherDistrict, as.team, as.mentor, as.agencyCdd, as.agency] = sessions.map((s) => s.headers);
    await buildWorld(orm);
  });

  afterAll(async () => {
    await app?.close();
    await temporal.connection.close();
    await orm?.close();
  });

  async function get<T = Record<string, unknown>>(url: string, headers: Headers): Promise<{ status: number; body: T; raw: string; headers: Record<string, unknown> }> {
    const response = await app.inject({ method: 'GET', url, headers });
    const isJson = String(response.headers['content-type'] ?? '').includes('json');
    return { status: response.statusCode, body: (isJson ? response.json() : undefined) as T, raw: response.body, headers: response.headers };
  }

  async function csv(url: string, headers: Headers): Promise<{ rows: Array<Record<string, string>>; raw: string; headers: Record<string, unknown> }> {
    const response = await get(url, headers);
    expect(response.status).toBe(200);
    return { rows: parse(response.raw, { bom: true, columns: true }) as Array<Record<string, string>>, raw: response.raw, headers: response.headers };
  }

  describe('cases by stage, dimension and area', () => {
    it('counts cases per stage with active, paused, overdue and escalated', async () => {
      const { status, body } = await get<{ stages: Array<Record<string, unknown>>; total: Record<string, number>; meta: { area: Record<string, unknown> } }>(
        `/reports/cases-by-stage?districtCode=${DISTRICT}`,
        as.province,
      );
      expect(status).toBe(200);
      expect(body.meta.area).toEqual({ provinceCode: '64', districtCode: DISTRICT, subdistrictCode: null });
      expect(body.stages.map((s) => [s.stage, s.cases, s.active, s.paused, s.overdue, s.escalated])).toEqual([
        ['verification', 1, 1, 0, 1, 0],
        ['analysis', 1, 0, 1, 0, 0],
        ['districtAssignment', 1, 1, 0, 1, 0],
        ['assistance', 1, 1, 0, 0, 1],
        ['followUp', 1, 1, 0, 0, 0],
        // c2 was escalated once, but a closed case is nobody's work any more.
        ['closed', 1, 0, 0, 0, 0],
      ]);
      expect(body.total).toEqual({ cases: 6, active: 4, paused: 1, overdue: 2, escalated: 1 });
    });

    it("narrows to the fiscal year's intake", async () => {
      const { body } = await get<{ total: Record<string, number>; meta: { fiscalYear: unknown } }>(`/reports/cases-by-stage?districtCode=${DISTRICT}&fiscalYear=2570`, as.district);
      expect(body.meta.fiscalYear).toEqual({ year: 2570, firstDay: '2026-10-01', lastDay: '2027-09-30' });
      expect(body.total).toMatchObject({ cases: 5, paused: 0 });
    });

    it('counts cases, problems and tasks per dimension, each case once in the total', async () => {
      const { body } = await get<{ dimensions: Array<Record<string, unknown>>; total: Record<string, number> }>(`/reports/cases-by-dimension?districtCode=${DISTRICT}`, as.district);
      const row = (d: string) => body.dimensions.find((r) => r.dimension === d);
      expect(row('income')).toEqual({
        dimension: 'income',
        dimensionTh: 'รายได้',
        cases: 3,
        openCases: 3,
        problems: 3,
        solvedProblems: 1,
        overdueCases: 1,
        escalatedCases: 1,
        openTasks: 1,
        overdueTasks: 1,
      });
      expect(row('health')).toMatchObject({ cases: 1, openCases: 0, problems: 1, solvedProblems: 1, escalatedCases: 0 });
      expect(row('living')).toMatchObject({ cases: 1, overdueCases: 1, openTasks: 0 });
      expect(row('access')).toMatchObject({ cases: 0, problems: 0 });
      expect(body.total).toEqual({ cases: 4, openCases: 3, problems: 6, solvedProblems: 2, overdueCases: 1, escalatedCases: 1, openTasks: 1, overdueTasks: 1 });
    });

    it('breaks the district down by subdistrict', async () => {
      const { body } = await get<{ rows: Array<{ code: string; nameTh: string; cases: number; stages: Record<string, number>; closed: number; graduated: number }>; total: { cases: number } }>(
        `/reports/cases-by-district?districtCode=${DISTRICT}&groupBy=subdistrict`,
        as.district,
      );
      expect(body.rows.map((r) => [r.code, r.cases])).toEqual([
        ['640901', 3],
        ['640902', 2],
        ['640903', 1],
      ]);
      expect(body.rows[0]).toMatchObject({ nameTh: 'บ้านใหม่ไชยมงคล', closed: 1, graduated: 1, stages: { analysis: 1, districtAssignment: 1, closed: 1, verification: 0 } });
      expect(body.total.cases).toBe(6);
    });

    it('lists the districts of the province, each with its own counts', async () => {
      const { body } = await get<{ rows: Array<{ code: string; cases: number; overdue: number; escalated: number }> }>('/reports/cases-by-district?provinceCode=64', as.province);
      expect(body.rows.find((r) => r.code === DISTRICT)).toMatchObject({ cases: 6, overdue: 2, escalated: 1 });
      expect(body.rows.find((r) => r.code === OTHER_DISTRICT)).toMatchObject({ cases: 1 });
      expect(body.rows.every((r) => r.code.startsWith('64'))).toBe(true);
    });

    it('gives the operations team its own subdistrict only', async () => {
      const { body } = await get<{ rows: Array<{ code: string; cases: number }> }>(`/reports/cases-by-district?districtCode=${DISTRICT}&groupBy=subdistrict`, as.team);
      expect(body.rows).toEqual([expect.objectContaining({ code: '640902', cases: 2 })]);
    });
  });

  describe('assistance per dimension', () => {
    it('counts households, persons, projects, baht and items of the fiscal year, relief on its own row', async () => {
      const { body } = await get<{ dimensions: Array<Record<string, unknown>>; total: Record<string, number> }>(`/reports/dimensions?districtCode=${DISTRICT}&fiscalYear=2570`, as.district);
      const row = (d: string) => body.dimensions.find((r) => r.dimension === d);
      // t1, t3 (assigned, nothing logged yet) and t6; the cancelled t4 is no project.
      expect(row('income')).toEqual({ dimension: 'income', dimensionTh: 'รายได้', households: 3, persons: 3 + 4 + 1, projects: 3, activities: 3, baht: 6000, items: 4 });
      expect(row('health')).toMatchObject({ households: 1, persons: 2, projects: 1, baht: 0, items: 3 });
      expect(row('education')).toMatchObject({ households: 1, persons: 4, projects: 1, baht: 3000, items: 0 });
      expect(row('living')).toMatchObject({ households: 0, projects: 0, baht: 0 });
      expect(row('relief')).toMatchObject({ households: 1, persons: 3, projects: 0, activities: 1, baht: 500, items: 1 });
      expect(body.total).toEqual({ households: 4, persons: 3 + 2 + 4 + 1, projects: 5, activities: 6, baht: 9500, items: 8 });
    });

    it('counts a task worked in the next year in that year too, with only that year’s spending', async () => {
      const { body } = await get<{ dimensions: Array<Record<string, unknown>>; total: Record<string, number> }>(`/reports/dimensions?districtCode=${DISTRICT}&fiscalYear=2571`, as.district);
      expect(body.dimensions.find((r) => r.dimension === 'income')).toMatchObject({ households: 1, persons: 1, projects: 1, activities: 1, baht: 999, items: 0 });
      expect(body.total).toMatchObject({ households: 1, projects: 1, baht: 999 });
    });

    it('is a CSV download with a BOM that Excel reads as UTF-8', async () => {
      const { rows, raw, headers } = await csv(`/reports/dimensions?districtCode=${DISTRICT}&fiscalYear=2570&format=csv`, as.district);
      expect(raw.charCodeAt(0)).toBe(0xfeff);
      expect(headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(headers['content-disposition']).toBe(`attachment; filename="dimensions-2570-${DISTRICT}.csv"`);
      expect(rows.map((r) => r.dimension)).toEqual(['health', 'living', 'education', 'income', 'access', 'relief', 'total']);
      expect(rows.find((r) => r.dimension === 'income')).toMatchObject({ dimension_th: 'รายได้', households: '3', baht: '6000', items: '4' });
      expect(rows.at(-1)).toMatchObject({ households: '4', baht: '9500' });
    });
  });

  describe('outcomes', () => {
    it('sums problems per district into solved, waiting, being followed up, not yet solvable and not followed up', async () => {
      const { body } = await get<{ rows: Array<Record<string, unknown>> }>(`/reports/outcomes?districtCode=${DISTRICT}`, as.district);
      expect(body.rows).toEqual([
        { code: DISTRICT, nameTh: 'ทุ่งเสลี่ยม', households: 4, problems: 6, solved: 2, waitingFollowUp: 1, followingUp: 1, notYetSolvable: 1, notFollowedUp: 1 },
      ]);
    });

    it('breaks down by subdistrict, as CSV too', async () => {
      const { rows } = await csv(`/reports/outcomes?districtCode=${DISTRICT}&groupBy=subdistrict&format=csv`, as.province);
      expect(rows.map((r) => [r.code, r.solved, r.waiting_follow_up, r.following_up, r.not_yet_solvable, r.not_followed_up])).toEqual([
        ['640901', '2', '0', '0', '1', '0'],
        ['640902', '0', '0', '1', '0', '1'],
        ['640903', '0', '1', '0', '0', '0'],
        ['total', '2', '1', '1', '1', '1'],
      ]);
    });
  });

  describe('agency monthly statistics', () => {
    it('gives every agency the twelve months of the fiscal year and a year total counting households once', async () => {
      const { body } = await get<{ agencies: Array<{ agencyCode: string | null; agencyNameTh: string | null; months: Array<Record<string, unknown>>; total: Record<string, number> }> }>(
        `/reports/agency-monthly?districtCode=${DISTRICT}&fiscalYear=2570`,
        as.district,
      );
      expect(body.agencies.map((a) => a.agencyCode)).toEqual(['CDD', 'MSDHS-P', 'NFE', 'SHPH', null]);
      const cdd = body.agencies[0];
      expect(cdd.agencyNameTh).toBe('สำนักงานพัฒนาชุมชนอำเภอ');
      expect(cdd.months).toHaveLength(12);
      expect(cdd.months[0]).toEqual({ month: '2026-10', monthTh: 'ต.ค. 2569', activities: 0, households: 0, baht: 0, items: 0 });
      expect(cdd.months.find((m) => m.month === '2027-01')).toMatchObject({ activities: 1, households: 1, baht: 1500, items: 1 });
      expect(cdd.months.find((m) => m.month === '2027-02')).toMatchObject({ activities: 1, households: 1, baht: 2500, items: 2 });
      expect(cdd.total).toEqual({ activities: 2, households: 1, baht: 4000, items: 3 });
      // Relief on a visit: no agency. The October 2027 activity of t6 belongs to fiscal 2571.
      expect(body.agencies[4].total).toEqual({ activities: 1, households: 1, baht: 500, items: 1 });
      expect(body.agencies[1].total).toEqual({ activities: 1, households: 1, baht: 2000, items: 1 });
    });

    it("shows an agency officer its own agency's rows only", async () => {
      const { body } = await get<{ agencies: Array<{ agencyCode: string; total: Record<string, number> }> }>(`/reports/agency-monthly?districtCode=${DISTRICT}&fiscalYear=2570`, as.agencyCdd);
      expect(body.agencies).toEqual([expect.objectContaining({ agencyCode: 'CDD', total: { activities: 2, households: 1, baht: 4000, items: 3 } })]);
      const other = await get(`/reports/agency-monthly?districtCode=${DISTRICT}&agencyCode=CDD`, as.agency);
      expect(other.status).toBe(404);
      expect(other.body).toMatchObject({ field: 'querystring.agencyCode' });
    });

    it('writes one CSV row per agency and month, then the year total', async () => {
      const { rows } = await csv(`/reports/agency-monthly?districtCode=${DISTRICT}&fiscalYear=2570&agencyCode=SHPH&format=csv`, as.district);
      expect(rows).toHaveLength(13);
      expect(rows.find((r) => r.month === '2027-02')).toMatchObject({ agency_code: 'SHPH', month_th: 'ก.พ. 2570', activities: '1', items: '3' });
      expect(rows.at(-1)).toMatchObject({ month: 'total', month_th: 'รวมปีงบประมาณ 2570', activities: '1' });
    });
  });

  describe('district grades', () => {
    it('grades the households helped in the year on graduation by the end of the next, exempt ones left out', async () => {
      const { body } = await get<{ surveyYear: number; districts: Array<Record<string, unknown>> }>(`/reports/district-grades?districtCode=${DISTRICT}&fiscalYear=2570`, as.district);
      expect(body.surveyYear).toBe(2571);
      // Helped: c1, c2, c3, c6, all with an activity in the year; c6 is exempt; c2 graduated in fiscal 2571.
      expect(body.districts).toEqual([
        {
          districtCode: DISTRICT,
          nameTh: 'ทุ่งเสลี่ยม',
          helped: 4,
          withActivity: 4,
          exempt: 1,
          gone: 0,
          inPassRate: 3,
          passed: 1,
          passRate: 0.3333,
          grade: 'D',
          reason: null,
          provisional: new Date() < fiscalYear(2571).end,
        },
      ]);
    });

    it('gives no grade, and says why, when a helped household has no activity', async () => {
      const { body } = await get<{ districts: Array<Record<string, unknown>> }>('/reports/district-grades?provinceCode=64&fiscalYear=2570', as.province);
      expect(body.districts).toHaveLength(9);
      expect(body.districts.find((d) => d.districtCode === OTHER_DISTRICT)).toMatchObject({ helped: 1, withActivity: 0, grade: null, reason: 'notEveryHouseholdHasActivity' });
      expect(body.districts.find((d) => d.districtCode === '6402')).toMatchObject({ helped: 0, grade: null, reason: 'noHouseholdsHelped' });
    });

    it('draws the grade lines at 100%, 85% and 70%', () => {
      const graded = (passed: number, inPassRate: number) => gradeOf({ helped: inPassRate, withActivity: inPassRate, exempt: 0, gone: 0, passed }).grade;
      expect([graded(20, 20), graded(17, 20), graded(16, 20), graded(14, 20), graded(13, 20)]).toEqual(['A', 'B', 'C', 'C', 'D']);
      expect(gradeOf({ helped: 2, withActivity: 2, exempt: 2, gone: 0, passed: 0 })).toMatchObject({ grade: null, reason: 'noHouseholdsInPassRate', passRate: null });
    });

    it('is for district and above only', async () => {
      expect((await get('/reports/district-grades', as.team)).status).toBe(403);
    });
  });

  describe('forms', () => {
    it('ศจพ.3 lists the analysed households of a subdistrict with their 4ท, problems and plan', async () => {
      const { body } = await get<{ subdistrictNameTh: string; households: Array<Record<string, unknown>> }>('/reports/forms/sjp3?subdistrictCode=640901', as.mentor);
      expect(body.subdistrictNameTh).toBe('บ้านใหม่ไชยมงคล');
      expect(body.households).toHaveLength(2);
      const c1 = body.households.find((h) => h.householdType === 'canDevelop')!;
      expect(c1).toMatchObject({
        householdTypeTh: 'พัฒนาได้',
        members: 3,
        analysis: { attitude: 'อยากพัฒนาตนเอง', skills: 'ทำขนม', resources: 'ที่ดิน 2 ไร่', wayOut: 'ขายขนมในตลาด' },
        planGoal: 'sufficient',
        planGoalTh: 'พอเพียง',
      });
      expect(c1.problems).toEqual([
        expect.objectContaining({ dimension: 'income', indicator: 'I3', status: 'solved' }),
        expect.objectContaining({ dimension: 'living', indicator: 'L1', status: 'open' }),
      ]);
      expect((c1.planItems as Array<{ supportBy: string }>).map((i) => i.supportBy)).toEqual(['CDD', 'LAO', 'family']);
    });

    it('ศจพ.3 and ศจพ.4 carry the official heading (centre, area names, fiscal year in พ.ศ.) and a signature block', async () => {
      type Heading = { form: string; centre: string; provinceNameTh: string; districtNameTh: string; subdistrictNameTh: string | null; fiscalYearTh: string | null; signatures: Array<{ role: string; name: string | null; position: string | null }> };
      const sjp3Form = (await get<{ heading: Heading }>('/reports/forms/sjp3?subdistrictCode=640901&fiscalYear=2570', as.mentor)).body.heading;
      expect(sjp3Form).toMatchObject({ form: 'แบบ ศจพ.3', provinceNameTh: 'สุโขทัย', districtNameTh: 'ทุ่งเสลี่ยม', subdistrictNameTh: 'บ้านใหม่ไชยมงคล', fiscalYearTh: 'ปีงบประมาณ พ.ศ. 2570' });
      expect(sjp3Form.centre).toMatch(/^ศูนย์อำนวยการขจัดความยากจน.*อำเภอทุ่งเสลี่ยม/);
      expect(sjp3Form.signatures.map((s) => s.role)).toEqual(['ผู้รายงาน', 'ผู้รับรอง']);
      expect(sjp3Form.signatures[0]).toMatchObject({ name: expect.any(String), position: 'ทีมพี่เลี้ยง' });

      const sjp4Form = (await get<{ heading: Heading }>(`/reports/forms/sjp4?districtCode=${DISTRICT}&fiscalYear=2570`, as.district)).body.heading;
      expect(sjp4Form).toMatchObject({ form: 'แบบ ศจพ.4', provinceNameTh: 'สุโขทัย', districtNameTh: 'ทุ่งเสลี่ยม', subdistrictNameTh: null, fiscalYearTh: 'ปีงบประมาณ พ.ศ. 2570' });
      expect(sjp4Form.signatures.map((s) => [s.role, s.position])).toEqual([
        ['ผู้รายงาน', 'เลขานุการ ศจพ.อ.'],
        ['ผู้รับรอง', 'พัฒนาการอำเภอ เลขานุการ ศจพ.อ.'],
        ['ผู้อนุมัติ', 'นายอำเภอ ประธาน ศจพ.อ.'],
      ]);
      // No fiscal year asked: the form says it covers every year rather than inventing one.
      expect((await get<{ heading: Heading }>(`/reports/forms/sjp4?districtCode=${DISTRICT}`, as.district)).body.heading.fiscalYearTh).toBeNull();
    });

    it('ศจพ.3 of one household, to hand to the family: its analysis and plan, the head signing as informant', async () => {
      type Form = { heading: { form: string; subdistrictNameTh: string; signatures: Array<{ role: string; name: string | null }> }; household: Record<string, unknown> & { householdId: string; headName: string } };
      const { body: subdistrict } = await get<{ households: Array<{ householdId: string; householdType: string }> }>('/reports/forms/sjp3?subdistrictCode=640901', as.mentor);
      const c1 = subdistrict.households.find((h) => h.householdType === 'canDevelop')!;
      const { status, body } = await get<Form>(`/households/${c1.householdId}/form-3`, as.mentor);
      expect(status).toBe(200);
      expect(body.heading).toMatchObject({ form: 'แบบ ศจพ.3', subdistrictNameTh: 'บ้านใหม่ไชยมงคล' });
      expect(body.household).toMatchObject({ householdId: c1.householdId, planGoalTh: 'พอเพียง', analysis: expect.objectContaining({ wayOut: 'ขายขนมในตลาด' }) });
      expect(body.heading.signatures[0]).toEqual({ role: 'ผู้ให้ข้อมูล', name: body.household.headName, position: 'หัวหน้าครัวเรือน' });

      // Before the analysis the form is the blank to fill in on the visit.
      const [c5] = await orm.em.fork().execute<Array<{ household_id: string }>>(`select household_id from household_case where subdistrict_code = '640901' and household_type is null`);
      const blank = await get<Form>(`/households/${c5.household_id}/form-3`, as.district);
      expect(blank.status).toBe(200);
      expect(blank.body.household).toMatchObject({ householdType: null, analysis: expect.objectContaining({ attitude: null }), problems: [], planItems: [] });

      // Outside the caller's area, or not a household at all: 404 naming the household.
      const outside = await get<{ field: string; code: string }>(`/households/${c1.householdId}/form-3`, as.otherDistrict);
      expect({ status: outside.status, field: outside.body.field, code: outside.body.code }).toEqual({ status: 404, field: 'params.householdId', code: 'NOT_FOUND' });
      expect((await get(`/households/no-such-household/form-3`, as.district)).status).toBe(404);
      expect((await get(`/households/${c1.householdId}/form-3`, as.agency)).status).toBe(403);
    });

    it('ศจพ.3 as CSV: one row per household, Thai intact', async () => {
      const { rows } = await csv('/reports/forms/sjp3?subdistrictCode=640901&format=csv', as.district);
      expect(rows).toHaveLength(2);
      const c1 = rows.find((r) => r.household_type === 'canDevelop')!;
      expect(c1).toMatchObject({ attitude: 'อยากพัฒนาตนเอง', way_out: 'ขายขนมในตลาด', problems_income: '1', problems_living: '1', plan_goal_th: 'พอเพียง' });
      expect(c1.problems.split('\n')).toEqual(['รายได้ I3: รายได้เฉลี่ยต่ำกว่าเกณฑ์', 'ความเป็นอยู่ L1: บ้านไม่มั่นคงถาวร']);
    });

    it('ศจพ.4 summarises every subdistrict of the district: households, problems per dimension, plan items by supporter', async () => {
      const { body } = await get<{ districtNameTh: string; subdistricts: Array<Record<string, unknown>>; total: Record<string, unknown> }>(`/reports/forms/sjp4?districtCode=${DISTRICT}`, as.district);
      expect(body.districtNameTh).toBe('ทุ่งเสลี่ยม');
      expect(body.subdistricts.map((s) => s.subdistrictCode)).toEqual(['640901', '640902', '640903', '640904', '640905']);
      expect(body.subdistricts[0]).toMatchObject({
        households: 3,
        analysed: 2,
        householdTypes: { canDevelop: 1, welfare: 1, declines: 0 },
        withPlan: 2,
        planGoals: { survive: 1, sufficient: 1, sustainable: 0 },
        problems: { income: { problems: 1, households: 1 }, living: { problems: 1, households: 1 }, health: { problems: 1, households: 1 }, education: { problems: 0, households: 0 } },
        planItems: {
          total: 5,
          family: 1,
          mentor: 1,
          agencies: 3,
          byAgency: [
            { agencyCode: 'CDD', agencyNameTh: 'สำนักงานพัฒนาชุมชนอำเภอ', items: 1 },
            { agencyCode: 'LAO', agencyNameTh: 'องค์กรปกครองส่วนท้องถิ่น (อปท.)', items: 1 },
            { agencyCode: 'SHPH', agencyNameTh: 'โรงพยาบาลส่งเสริมสุขภาพตำบล (รพ.สต.)', items: 1 },
          ],
        },
      });
      expect(body.subdistricts[3]).toMatchObject({ households: 0, planItems: { total: 0, byAgency: [] } });
      expect(body.total).toMatchObject({ households: 6, analysed: 4, problems: { income: { problems: 3, households: 3 } }, planItems: { total: 8, family: 1, mentor: 1, agencies: 6 } });
    });

    it('ศจพ.4 as CSV has a column per agency the plans rely on, and a total row', async () => {
      const { rows } = await csv(`/reports/forms/sjp4?districtCode=${DISTRICT}&format=csv`, as.district);
      expect(rows.map((r) => r.subdistrict_code)).toEqual(['640901', '640902', '640903', '640904', '640905', 'total']);
      expect(Object.keys(rows[0]).filter((k) => k.startsWith('items_'))).toEqual(['items_family', 'items_mentor', 'items_agencies', 'items_CDD', 'items_LAO', 'items_MSDHS-P', 'items_NFE', 'items_SHPH']);
      expect(rows[1]).toMatchObject({ name_th: 'ไทยชนะศึก', households: '2', items_CDD: '1', items_NFE: '1', items_LAO: '0' });
      expect(rows.at(-1)).toMatchObject({ name_th: 'รวม', income_problems: '3', items_CDD: '2' });
    });

    it("ศจพ.4 for the operations team holds its own subdistrict's row only", async () => {
      const { body } = await get<{ subdistricts: Array<{ subdistrictCode: string; households: number }> }>(`/reports/forms/sjp4?districtCode=${DISTRICT}`, as.team);
      expect(body.subdistricts).toEqual([expect.objectContaining({ subdistrictCode: '640902', households: 2 })]);
    });
  });

  describe('scope', () => {
    it('gives a district user of another district none of these rows', async () => {
      const { body } = await get<{ total: { cases: number } }>('/reports/cases-by-stage', as.otherDistrict);
      expect(body.total.cases).toBe(0);
      const grades = await get<{ districts: Array<{ districtCode: string }> }>('/reports/district-grades?fiscalYear=2570', as.otherDistrict);
      expect(grades.body.districts.map((d) => d.districtCode)).toEqual(['6404']);
    });

    it.each([
      [`/reports/cases-by-stage?districtCode=${DISTRICT}`, 'querystring.districtCode'],
      [`/reports/dimensions?districtCode=${DISTRICT}`, 'querystring.districtCode'],
      [`/reports/forms/sjp4?districtCode=${DISTRICT}`, 'querystring.districtCode'],
      ['/reports/forms/sjp3?subdistrictCode=640901', 'querystring.subdistrictCode'],
      ['/reports/outcomes?provinceCode=65', 'querystring.provinceCode'],
    ])('answers 404 to a filter outside the caller’s area: %s', async (url, field) => {
      const { status, body } = await get(url, as.otherDistrict);
      expect(status).toBe(404);
      expect(body).toMatchObject({ field });
    });

    it("answers 404 to the operations team asking for another subdistrict's form", async () => {
      expect((await get('/reports/forms/sjp3?subdistrictCode=640901', as.team)).status).toBe(404);
    });

    it('keeps roles to their reports', async () => {
      expect((await get('/reports/cases-by-stage', as.mentor)).status).toBe(403);
      expect((await get('/reports/cases-by-stage', as.agencyCdd)).status).toBe(403);
      expect((await get('/reports/forms/sjp4?districtCode=6409', as.mentor)).status).toBe(403);
      expect((await get('/reports/agency-monthly', as.team)).status).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/reports/cases-by-stage' })).statusCode).toBe(401);
    });
  });

  describe('bad input', () => {
    it.each([
      ['/reports/dimensions?fiscalYear=2026', 'querystring.fiscalYear', /Buddhist-era/],
      ['/reports/district-grades?fiscalYear=2026', 'querystring.fiscalYear', /Buddhist-era/],
      ['/reports/cases-by-stage?fiscalYear=3000', 'querystring.fiscalYear', /<= 2800/],
      ['/reports/cases-by-stage?fiscalYear=next', 'querystring.fiscalYear', /integer/],
      ['/reports/cases-by-district?groupBy=province', 'querystring.groupBy', /allowed values/],
      ['/reports/outcomes?groupBy=village', 'querystring.groupBy', /allowed values/],
      ['/reports/cases-by-stage?format=xlsx', 'querystring.format', /allowed values/],
      ['/reports/cases-by-stage?districtCode=64', 'querystring.districtCode', /pattern/],
      ['/reports/cases-by-stage?district=6409', 'querystring.district', /additional/],
      ['/reports/forms/sjp3', 'querystring.subdistrictCode', /required/],
      ['/reports/cases-by-stage?provinceCode=65&districtCode=6409', 'querystring.districtCode', /not in province 65/],
    ])('%s → 400 naming %s', async (url, field, message) => {
      const { status, body } = await get<{ field: string; message: string }>(url, as.admin);
      expect(status).toBe(400);
      expect(body.field).toBe(field);
      expect(body.message).toMatch(message);
    });

    it('answers 404 for a district that does not exist', async () => {
      const { status, body } = await get('/reports/cases-by-stage?districtCode=6499', as.admin);
      expect(status).toBe(404);
      expect(body).toMatchObject({ field: 'querystring.districtCode' });
    });
  });

  it('documents every report with its JSON and CSV answers', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, { get: { responses: Record<string, { content: Record<string, unknown> }> } }> }>();
    const reports = Object.keys(doc.paths).filter((p) => p.startsWith('/reports/'));
    expect(reports.sort()).toEqual([
      '/reports/agency-monthly',
      '/reports/cases-by-dimension',
      '/reports/cases-by-district',
      '/reports/cases-by-stage',
      '/reports/dimensions',
      '/reports/district-grades',
      '/reports/forms/sjp3',
      '/reports/forms/sjp4',
      '/reports/monthly-trend',
      '/reports/outcomes',
    ]);
    for (const path of reports) expect(Object.keys(doc.paths[path].get.responses['200'].content)).toEqual(['application/json', 'text/csv']);
  });

  describe('fiscal years', () => {
    it('run from 1 October to 30 September, in the Buddhist era, Bangkok time', () => {
      const fy = fiscalYear(2570);
      expect(fy).toMatchObject({ firstDay: '2026-10-01', lastDay: '2027-09-30', endDay: '2027-10-01' });
      expect(fy.start.toISOString()).toBe('2026-09-30T17:00:00.000Z');
      expect(fiscalYearOf(new Date('2026-09-30T16:59:59Z'))).toBe(2569);
      expect(fiscalYearOf(new Date('2026-09-30T17:00:00Z'))).toBe(2570);
      expect(monthsOf(fy).map((m) => m.month)).toEqual(['2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09']);
    });
  });
});

// ---- the world ----

const at = (day: string) => `${day}T03:00:00.000Z`;

interface CaseSpec {
  subdistrictCode: string;
  districtCode?: string;
  members: number;
  stage: CaseState['stage'];
  status?: CaseState['status'];
  openedAt?: string;
  overdueLevel?: number;
  escalated?: boolean;
  analysis?: { householdType: NonNullable<CaseState['householdType']>; goal?: NonNullable<CaseState['plan']>['goal'] };
  problems?: Array<Partial<Problem> & Pick<Problem, 'dimension' | 'indicator' | 'description'>>;
  planItems?: Array<Partial<PlanItem> & Pick<PlanItem, 'dimension' | 'supportBy'>>;
  reliefs?: CaseState['reliefs'];
  exemption?: CaseState['exemption'];
  closure?: NonNullable<CaseState['closure']>;
}

function buildCase(spec: CaseSpec): CaseState {
  const members: HouseholdMember[] = Array.from({ length: spec.members }, (_, i) => ({ name: `สมาชิก ${i + 1}`, birthYear: 1960 + i }));
  const s = caseState({ household: household({ districtCode: spec.districtCode ?? DISTRICT, subdistrictCode: spec.subdistrictCode, members, villageNo: String(spec.members) }) });
  if (spec.openedAt) s.openedAt = spec.openedAt;
  s.stage = spec.stage;
  s.status = spec.status ?? 'active';
  s.overdueLevel = spec.overdueLevel ?? 0;
  s.escalated = spec.escalated ?? false;
  if (s.status === 'paused') s.pause = { reason: 'householdAway', since: at('2026-09-01'), by: 'mentor-1' };
  if (spec.analysis) {
    s.analysis = { attitude: 'อยากพัฒนาตนเอง', skills: 'ทำขนม', resources: 'ที่ดิน 2 ไร่', wayOut: 'ขายขนมในตลาด', householdType: spec.analysis.householdType, recordedAt: at('2026-10-20'), by: 'mentor-1' };
    s.householdType = spec.analysis.householdType;
  }
  s.problems = (spec.problems ?? []).map((p, i) => ({ id: `p${i + 1}`, status: 'open', lastOutcome: null, taskId: null, ...p }));
  if (spec.analysis?.goal) {
    s.plan = {
      goal: spec.analysis.goal,
      items: (spec.planItems ?? []).map((item, i) => ({ id: `i${i + 1}`, action: 'ทำตามแผน', ...item })),
      recordedAt: at('2026-10-25'),
      by: 'mentor-1',
    };
  }
  s.reliefs = spec.reliefs ?? [];
  s.exemption = spec.exemption ?? null;
  s.closure = spec.closure ?? null;
  s.nextId = 100;
  s.version += 1;
  return s;
}

function buildTask(
  s: CaseState,
  problemId: string,
  spec: { agencyCode: string; assignedAt: string; status?: AssistanceTaskState['status']; overdueLevel?: number },
  activities: Array<{ date: string; baht: number; items: number }> = [],
): AssistanceTaskState {
  const problem = s.problems.find((p) => p.id === problemId)!;
  const task = taskState(s, {
    problem: { id: problem.id, dimension: problem.dimension, indicator: problem.indicator, description: problem.description },
    agencyCode: spec.agencyCode,
    assignedAt: spec.assignedAt,
    status: spec.status ?? 'open',
    overdueLevel: spec.overdueLevel ?? 0,
  });
  for (const a of activities) logActivity(task, { date: a.date, baht: a.baht, items: a.items, recordedAt: at(a.date) });
  return task;
}

async function buildWorld(orm: Orm): Promise<void> {
  const c1 = buildCase({
    subdistrictCode: '640901',
    members: 3,
    stage: 'districtAssignment',
    overdueLevel: 1,
    analysis: { householdType: 'canDevelop', goal: 'sufficient' },
    problems: [
      { dimension: 'income', indicator: 'I3', description: 'รายได้เฉลี่ยต่ำกว่าเกณฑ์', status: 'solved', lastOutcome: 'solved' },
      { dimension: 'living', indicator: 'L1', description: 'บ้านไม่มั่นคงถาวร', status: 'open', lastOutcome: 'notYetSolvable' },
    ],
    planItems: [
      { dimension: 'income', supportBy: 'CDD', problemId: 'p1' },
      { dimension: 'living', supportBy: 'LAO', problemId: 'p2' },
      { dimension: 'income', supportBy: 'family' },
    ],
    reliefs: [{ at: at('2026-10-20'), kind: 'survivalBag', description: 'ถุงยังชีพ', baht: 500, items: 1, by: 'mentor-1' }],
  });
  const c2 = buildCase({
    subdistrictCode: '640901',
    members: 2,
    stage: 'closed',
    status: 'closed',
    escalated: true,
    analysis: { householdType: 'welfare', goal: 'survive' },
    problems: [{ dimension: 'health', indicator: 'H3', description: 'ผู้สูงอายุติดเตียง', status: 'solved', lastOutcome: 'solved' }],
    planItems: [
      { dimension: 'health', supportBy: 'SHPH', problemId: 'p1' },
      { dimension: 'health', supportBy: 'mentor' },
    ],
    closure: { reason: 'graduated', at: at('2027-11-20'), by: 'survey' },
  });
  const c3 = buildCase({
    subdistrictCode: '640902',
    members: 4,
    stage: 'assistance',
    escalated: true,
    analysis: { householdType: 'canDevelop', goal: 'sustainable' },
    problems: [
      { dimension: 'education', indicator: 'E1', description: 'เด็กไม่ได้เรียน', status: 'followingUp', lastOutcome: 'followingUp' },
      { dimension: 'income', indicator: 'I3', description: 'รายได้เฉลี่ยต่ำกว่าเกณฑ์', status: 'assigned' },
    ],
    planItems: [
      { dimension: 'education', supportBy: 'NFE', problemId: 'p1' },
      { dimension: 'income', supportBy: 'CDD', problemId: 'p2' },
    ],
  });
  const c4 = buildCase({ subdistrictCode: '640902', members: 1, stage: 'verification', overdueLevel: 2 });
  const c5 = buildCase({ subdistrictCode: '640901', members: 5, stage: 'analysis', status: 'paused', openedAt: at('2026-03-01') });
  const c6 = buildCase({
    subdistrictCode: '640903',
    members: 1,
    stage: 'followUp',
    exemption: 'longTermWelfare',
    analysis: { householdType: 'welfare', goal: 'survive' },
    problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้เฉลี่ยต่ำกว่าเกณฑ์', status: 'waiting' }],
    planItems: [{ dimension: 'income', supportBy: 'MSDHS-P', problemId: 'p1' }],
  });
  const c7 = buildCase({
    districtCode: OTHER_DISTRICT,
    subdistrictCode: '640301',
    members: 2,
    stage: 'assistance',
    analysis: { householdType: 'canDevelop', goal: 'sufficient' },
    problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้เฉลี่ยต่ำกว่าเกณฑ์', status: 'assigned' }],
  });
  for (const s of [c1, c2, c3, c4, c5, c6, c7]) await projectCaseSnapshot(orm, s);

  const tasks = [
    buildTask(c1, 'p1', { agencyCode: 'CDD', assignedAt: at('2026-12-01'), status: 'done' }, [
      { date: '2027-01-15', baht: 1500, items: 1 },
      { date: '2027-02-10', baht: 2500, items: 2 },
    ]),
    buildTask(c1, 'p2', { agencyCode: 'LAO', assignedAt: at('2027-03-01'), status: 'cancelled' }),
    buildTask(c2, 'p1', { agencyCode: 'SHPH', assignedAt: at('2027-01-10'), status: 'done' }, [{ date: '2027-02-05', baht: 0, items: 3 }]),
    buildTask(c3, 'p2', { agencyCode: 'CDD', assignedAt: at('2027-05-01'), overdueLevel: 1 }),
    buildTask(c3, 'p1', { agencyCode: 'NFE', assignedAt: at('2026-11-15'), status: 'done' }, [{ date: '2026-11-30', baht: 3000, items: 0 }]),
    buildTask(c6, 'p1', { agencyCode: 'MSDHS-P', assignedAt: at('2027-02-01'), status: 'done' }, [
      { date: '2027-02-15', baht: 2000, items: 1 },
      { date: '2027-10-05', baht: 999, items: 0 },
    ]),
    buildTask(c7, 'p1', { agencyCode: 'CDD', assignedAt: at('2027-04-01') }),
  ];
  for (const t of tasks) await projectTaskSnapshot(orm, t);
}
