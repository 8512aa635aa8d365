/**
 * GET /dashboard against the real PostgreSQL from globalSetup, through the app as production
 * builds it, and the household lists its figures open (GET /households?overdue=true...). The read
 * model is written by the projections from hand-built snapshots in district 5402 (Rong Kwang,
 * Phrae), which no other test file uses:
 *
 * | case | subdistrict | stage / status | |
 * |---|---|---|---|
 * | a | 540201 | analysis, overdue | |
 * | b | 540201 | assistance, escalated | an income task that logged 1,200 baht today (the only household helped this year) |
 * | c | 540204 | closed, graduated an hour ago | |
 * | d | 540204 | verification | |
 */
import { projectCaseSnapshot, projectTaskSnapshot } from '../../db/read-model/projection';
import { buildApp, type App } from '../../api/app';
import type { Dashboard } from '../../api/services/reports/dashboard';
import type { HouseholdSummary } from '../../api/services/households';
import type { PageOf } from '../../api/services/lists';
import { fiscalYearOf } from '../../domain/fiscal-year';
import type { Orm } from '../../db/orm';
import type { CaseState } from '../../workflows/household-case/types';
import { signedIn } from '../helpers/auth';
import { caseState, household, logActivity, taskState } from '../helpers/fixtures';
import { openTestOrm, testClient, testConfig, testLogger } from '../helpers/servers';

const PROVINCE = '54';
const DISTRICT = '5402';
type Headers = { authorization: string };

describe('GET /dashboard', () => {
  const config = testConfig();
  const temporal = testClient(config);
  let orm: Orm;
  let app: App;
  const as = {} as Record<'district' | 'province' | 'supervisor' | 'mentor' | 'otherDistrict', Headers>;
  const heads: Record<'a' | 'b' | 'c' | 'd', string> = { a: 'นางเอ แพร่ดี', b: 'นายบี แพร่ดี', c: 'นางซี แพร่ดี', d: 'นายดี แพร่ดี' };

  beforeAll(async () => {
    orm = await openTestOrm(config);
    app = await buildApp({ config, orm, temporal: temporal.client, logger: testLogger });
    const sessions = await Promise.all([
      signedIn(orm, 'district', { provinceCode: PROVINCE, districtCode: DISTRICT }),
      signedIn(orm, 'province', { provinceCode: PROVINCE }),
      signedIn(orm, 'supervisor', {}),
      signedIn(orm, 'mentor', { provinceCode: PROVINCE, districtCode: DISTRICT, subdistrictCode: '540201' }),
      signedIn(orm, 'district', { provinceCode: PROVINCE, districtCode: '5401' }),
    ]);
    [as.district, as.province, as.supervisor, as.mentor, as.otherDistrict] = sessions.map((s) => s.headers);
    await buildWorld();
  });

  afterAll(async () => {
    await app?.close();
    await temporal.connection.close();
    await orm?.close();
  });

  async function get<T>(url: string, headers: Headers): Promise<{ status: number; body: T }> {
    const response = await app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, body: response.json<T>() };
  }

  function buildCase(name: string, subdistrictCode: string, set: (s: CaseState) => void): CaseState {
    const s = caseState({ household: household({ provinceCode: PROVINCE, districtCode: DISTRICT, subdistrictCode, headName: name }) });
    set(s);
    s.version += 1;
    return s;
  }

  async function buildWorld(): Promise<void> {
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const a = buildCase(heads.a, '540201', (s) => ((s.stage = 'analysis'), (s.overdueLevel = 1)));
    const b = buildCase(heads.b, '540201', (s) => ((s.stage = 'assistance'), (s.escalated = true)));
    const c = buildCase(heads.c, '540204', (s) => ((s.stage = 'closed'), (s.status = 'closed'), (s.closure = { reason: 'graduated', at: anHourAgo, by: 'survey' })));
    const d = buildCase(heads.d, '540204', (s) => (s.stage = 'verification'));
    for (const s of [a, b, c, d]) await projectCaseSnapshot(orm, s);
    b.problems = [{ id: 'p1', dimension: 'income', indicator: 'I3', description: 'รายได้เฉลี่ยต่ำกว่าเกณฑ์', status: 'assigned', lastOutcome: null, taskId: null }];
    const task = taskState(b, { problem: { id: 'p1', dimension: 'income', indicator: 'I3', description: 'รายได้เฉลี่ยต่ำกว่าเกณฑ์' }, assignedAt: anHourAgo });
    logActivity(task, { date: bangkokToday(), baht: 1200, items: 1, recordedAt: anHourAgo });
    await projectTaskSnapshot(orm, task);
  }

  it('gives a district its headline numbers, stages, baht, trend and subdistricts', async () => {
    const { status, body } = await get<Dashboard>('/dashboard', as.district);
    expect(status).toBe(200);
    expect(body.meta.fiscalYear?.year).toBe(fiscalYearOf(new Date()));
    expect(body.headline).toEqual({ inProgram: 3, overdue: 1, escalated: 1, graduatedThisYear: 1 });
    expect(body.stages.map((s) => s.stage)).toEqual(['verification', 'analysis', 'districtAssignment', 'assistance', 'followUp']);
    expect(body.stages.find((s) => s.stage === 'analysis')).toEqual({ stage: 'analysis', cases: 1, overdue: 1, escalated: 0 });
    expect(body.bahtByDimension.find((d) => d.dimension === 'income')).toEqual({ dimension: 'income', baht: 1200, households: 1 });
    expect(body.compareBy).toBe('subdistrict');
    expect(body.areas).toEqual([
      { code: '540201', nameTh: 'ร้องกวาง', nameEn: null, inProgram: 2, overdue: 1, escalated: 1, graduated: 0 },
      { code: '540204', nameTh: 'ร้องเข็ม', nameEn: null, inProgram: 1, overdue: 0, escalated: 0, graduated: 1 },
    ]);
  });

  it('draws the trend up to this month and no further', async () => {
    const { body } = await get<Dashboard>('/dashboard', as.district);
    const thisMonth = bangkokToday().slice(0, 7);
    expect(body.trend.at(-1)?.month).toBe(thisMonth);
    expect(body.trend.every((m) => m.month <= thisMonth)).toBe(true);
    expect(body.trend.at(-1)?.graduated).toBeGreaterThanOrEqual(1);
  });

  it('compares districts for a province and provinces for the whole country', async () => {
    const province = await get<Dashboard>('/dashboard', as.province);
    expect(province.body.compareBy).toBe('district');
    expect(province.body.areas).toContainEqual(expect.objectContaining({ code: DISTRICT, nameTh: 'ร้องกวาง', inProgram: 3 }));
    const country = await get<Dashboard>('/dashboard', as.supervisor);
    expect(country.body.compareBy).toBe('province');
    expect(country.body.areas.every((r) => r.code.length === 2)).toBe(true);
    expect(country.body.areas).toContainEqual(expect.objectContaining({ code: PROVINCE, nameTh: 'แพร่' }));
    // Narrowed by the supervisor to the district, it is the district's own dashboard.
    const narrowed = await get<Dashboard>(`/dashboard?districtCode=${DISTRICT}`, as.supervisor);
    expect(narrowed.body.headline).toEqual({ inProgram: 3, overdue: 1, escalated: 1, graduatedThisYear: 1 });
  });

  it('refuses the roles that work from their own lists, and areas outside the caller’s', async () => {
    const mentor = await get<{ code: string }>('/dashboard', as.mentor);
    expect(mentor.status).toBe(403);
    const outside = await get<{ code: string; field: string }>(`/dashboard?districtCode=${DISTRICT}`, as.otherDistrict);
    expect(outside.status).toBe(404);
    expect(outside.body).toMatchObject({ code: 'NOT_FOUND', field: 'querystring.districtCode' });
    const malformed = await get<{ code: string; field: string }>('/dashboard?districtCode=54', as.supervisor);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'VALIDATION', field: 'querystring.districtCode' });
  });

  it('opens the list behind each figure', async () => {
    const list = async (query: string) => (await get<PageOf<HouseholdSummary>>(`/households?districtCode=${DISTRICT}&${query}`, as.district)).body.items.map((h) => h.headName).sort();
    expect(await list('open=true')).toEqual([heads.a, heads.b, heads.d].sort());
    expect(await list('overdue=true')).toEqual([heads.a]);
    expect(await list('escalated=true')).toEqual([heads.b]);
    expect(await list(`graduatedInFiscalYear=${fiscalYearOf(new Date())}`)).toEqual([heads.c]);
    expect(await list('stage=analysis&overdue=true')).toEqual([heads.a]);
    // A baht-by-dimension bar: the households helped in that dimension this fiscal year, as the dimensions report counts them.
    const year = fiscalYearOf(new Date());
    expect(await list(`helpedIn=income&helpedInFiscalYear=${year}`)).toEqual([heads.b]);
    expect(await list('helpedIn=income')).toEqual([heads.b]);
    expect(await list('helpedIn=health')).toEqual([]);
    expect(await list(`helpedInFiscalYear=${year}`)).toEqual([heads.b]);
    expect(await list(`helpedIn=income&helpedInFiscalYear=${year - 1}`)).toEqual([]);
    const unknown = await get<{ code: string; field: string }>(`/households?helpedIn=food`, as.district);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'VALIDATION', field: 'querystring.helpedIn' });
  });
});

function bangkokToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(new Date());
}
