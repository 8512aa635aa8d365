import { signedIn } from '../helpers/auth';
import { freshNationalId, houseCodeIn, useApi } from '../helpers/api-harness';
import { DEFAULT_POLICY } from '../../workflows/policy';

/**
 * Each province's own rules, through the API: versions that take effect on a day, new cases on the
 * version in force, a previewed migration of the running cases as a bulk job (asked twice, done
 * once), and an area paused and resumed for a disaster. Province 96 (Narathiwat) is this file's own:
 * a migration takes every running case of its province.
 */
describe('policies per province', () => {
  const api = useApi();
  const as: Record<string, { headers: { authorization: string } }> = {};
  const bangkokToday = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const settings = { ...DEFAULT_POLICY, dueDays: { ...DEFAULT_POLICY.dueDays, verification: 5 }, reminderDaysBefore: 2 };
  const { version: _v, provinceCode: _p, ...newSettings } = settings;

  beforeAll(async () => {
    as.province = await signedIn(api.orm(), 'province', { provinceCode: '96' });
    as.otherProvince = await signedIn(api.orm(), 'province', { provinceCode: '64' });
    as.team = await signedIn(api.orm(), 'operationsTeam', { provinceCode: '96', districtCode: '9601', subdistrictCode: '960101' });
    as.district = await signedIn(api.orm(), 'district', { provinceCode: '96', districtCode: '9601' });
    as.admin = await signedIn(api.orm(), 'admin', {});
  });

  const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) => api.app().inject({ method, url, headers: as[who].headers, ...(payload ? { payload } : {}) });
  const openCase = async (): Promise<string> => {
    const answer = await call('team', 'POST', '/cases', {
      household: { houseCode: houseCodeIn('9601'), provinceCode: '96', districtCode: '9601', subdistrictCode: '960101', source: 'tpmap', members: [{ name: 'นางทดสอบ นโยบาย', nationalId: freshNationalId() }], failedIndicators: ['I3'] },
    });
    expect(answer.statusCode).toBe(201);
    return answer.json<{ caseId: string }>().caseId;
  };
  const job = async (id: string) => {
    for (let i = 0; i < 120; i++) {
      const view = (await call('province', 'GET', `/bulk-jobs/${encodeURIComponent(id)}`)).json<{ status: string; done: number; skipped: number; pending: number; total: number }>();
      if (view.status !== 'running') return view;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`bulk job ${id} did not finish`);
  };
  const caseView = async (caseId: string) => (await call('province', 'GET', `/cases/${caseId}`)).json<{ policyVersion: string; dueAt: string | null; stageEnteredAt: string; status: string }>();

  it('refuses settings that make no sense, naming the field', async () => {
    const bad = async (body: object) => (await call('province', 'POST', '/policies', { provinceCode: '96', effectiveFrom: bangkokToday, settings: newSettings, ...body })).json<{ code: string; field: string }>();
    expect(await bad({ settings: { ...newSettings, reminderDaysBefore: 5 } })).toMatchObject({ code: 'REMINDER_AFTER_DUE', field: 'body.settings.reminderDaysBefore' });
    expect(await bad({ settings: { ...newSettings, followUpMonths: [3, 1] } })).toMatchObject({ code: 'NOT_IN_ORDER', field: 'body.settings.followUpMonths' });
    expect(await bad({ settings: { ...newSettings, dueDays: { ...newSettings.dueDays, analysis: 0 } } })).toMatchObject({ code: 'VALIDATION', field: 'body.settings.dueDays.analysis' });
    expect(await bad({ effectiveFrom: '2020-01-01' })).toMatchObject({ code: 'DATE_IN_PAST', field: 'body.effectiveFrom' });
    expect(await bad({ provinceCode: '64' })).toMatchObject({ code: 'OUTSIDE_SCOPE', field: 'body.provinceCode' });
    expect(await bad({ provinceCode: null })).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect((await call('team', 'POST', '/policies', { provinceCode: '96', effectiveFrom: bangkokToday, settings: newSettings })).statusCode).toBe(403);
  });

  it('runs new cases on the version in force, and moves running cases only by a previewed migration, once', async () => {
    const running = [await openCase(), await openCase(), await openCase()];
    expect((await caseView(running[0])).policyVersion).toBe(DEFAULT_POLICY.version);
    // Two of them have waited in verification for ten days (the read model's date is what the preview reads).
    await api.orm().em.fork().execute(`update household_case set stage_entered_at = now() - interval '10 days' where id in (?, ?)`, [running[0], running[1]]);

    const created = await call('province', 'POST', '/policies', { provinceCode: '96', effectiveFrom: bangkokToday, settings: newSettings, note: 'ปีงบประมาณใหม่' });
    expect(created.statusCode).toBe(201);
    const version = created.json<{ version: string }>().version;
    expect(version).toBe(`96-${bangkokToday}`);
    expect((await call('province', 'POST', '/policies', { provinceCode: '96', effectiveFrom: bangkokToday, settings: newSettings })).json()).toMatchObject({ code: 'POLICY_EXISTS', field: 'body.effectiveFrom' });

    const list = (await call('province', 'GET', '/policies')).json<{ inForce: string; versions: Array<{ version: string; openCases: number }> }>();
    expect(list.inForce).toBe(version);
    expect(list.versions.find((v) => v.version === DEFAULT_POLICY.version)?.openCases).toBe(3);
    expect((await call('otherProvince', 'GET', `/policies/${version}/migration-preview`)).statusCode).toBe(404);

    const newcomer = await openCase();
    expect((await caseView(newcomer)).policyVersion).toBe(version);

    const preview = (await call('province', 'GET', `/policies/${version}/migration-preview`)).json();
    expect(preview).toEqual({ version, cases: 3, becomeOverdue: 2, byVersion: [{ version: DEFAULT_POLICY.version, cases: 3 }] });

    const started = await call('province', 'POST', `/policies/${version}/migration`);
    expect(started.statusCode).toBe(202);
    const jobId = started.json<{ id: string }>().id;
    // Asked again while it runs or after: the same job.
    expect((await call('province', 'POST', `/policies/${version}/migration`)).json<{ id: string }>().id).toBe(jobId);
    expect(await job(jobId)).toMatchObject({ status: 'completed', total: 3, done: 3, skipped: 0, pending: 0 });

    for (const caseId of running) {
      const view = await caseView(caseId);
      expect(view.policyVersion).toBe(version);
      // The verification step's due date follows the new five days.
      expect(Date.parse(view.dueAt!) - Date.parse(view.stageEnteredAt)).toBe(5 * 86_400_000);
      const [events] = await api.orm().em.fork().execute<Array<{ n: number }>>(`select count(*)::int as n from case_event where case_id = ? and type = 'policyMigrated'`, [caseId]);
      expect(events.n).toBe(1);
    }
    expect((await call('province', 'GET', `/policies/${version}/migration-preview`)).json()).toMatchObject({ cases: 0 });
  });

  it('pauses every active case of an area for a disaster, and resumes them', async () => {
    const caseId = await openCase();
    expect((await call('district', 'POST', '/areas/pause', { provinceCode: '64', districtCode: '6401', reason: 'disaster' })).statusCode).toBe(403);
    const paused = await call('district', 'POST', '/areas/pause', { provinceCode: '96', districtCode: '9601', reason: 'disaster', note: 'น้ำท่วม' });
    expect(paused.statusCode).toBe(202);
    const pauseJob = await job(paused.json<{ id: string }>().id);
    expect(pauseJob).toMatchObject({ status: 'completed', pending: 0 });
    expect(pauseJob.done).toBeGreaterThanOrEqual(1);
    expect((await caseView(caseId)).status).toBe('paused');

    const resumed = await call('district', 'POST', '/areas/resume', { provinceCode: '96', districtCode: '9601' });
    expect(await job(resumed.json<{ id: string }>().id)).toMatchObject({ status: 'completed', done: pauseJob.done });
    expect((await caseView(caseId)).status).toBe('active');
  });
});
