import type { Browser, Page } from 'playwright-core';
import type { TaskView } from '../../api/views/task-view';
import { launchChromium } from '../../infra/chromium';
import { th } from '../../web/src/i18n-th';
import { serveOnLocalPort, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { browserDescribe } from '../helpers/browser';
import { assigned, openCase, type FieldCase } from '../helpers/field-cases';
import { allSent, isStored, saveOffline, serviceWorkerReady, storedRows } from '../helpers/offline-browser';
import { phoneSignedIn, STEP, type Phone } from '../helpers/phone';
import { eventually } from '../helpers/servers';

/**
 * Offline work that meets someone else's, in Chromium with the network switched off through
 * Playwright: two mentors' phones edit the same household (other parts merge, the same part
 * becomes a conflict decided side by side in the queue, both values kept in the audit); a case
 * transferred while a mentor was offline turns the mentor's work into a conflict shown in Thai;
 * an agency officer logs an activity without signal and it reaches the task once.
 * Preconditions come through the API; the browser does only the offline steps.
 * Tak (63): district 6301, subdistrict 630101 (630102 receives the transfer).
 */
jest.setTimeout(300_000);

const describeInBrowser = browserDescribe('the offline conflicts browser test');
const AREA = { provinceCode: '63', districtCode: '6301', subdistrictCode: '630101' };
const ELSEWHERE = { ...AREA, subdistrictCode: '630102' };
/** Chromium reports every request it could not send without signal; the app handles those itself. */
const offlineNoise = (problem: string) => /ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(problem);

describeInBrowser('web UI offline: conflicts, a transfer meanwhile, an agency activity', () => {
  const api = useApi();
  type Session = Awaited<ReturnType<typeof signedIn>>;
  const as: Record<string, Session> = {};
  let browser: Browser;
  let baseUrl: string;
  let shared: FieldCase;
  let moving: FieldCase;
  let helped: FieldCase & { taskId: string };
  const phones: Phone[] = [];

  const sql = <T>(query: string, params: unknown[]) => api.orm().em.fork().execute<T[]>(query, params);
  const events = async (caseId: string, type: string) => (await sql('select 1 from case_event where case_id = ? and type = ?', [caseId, type])).length;

  /** A phone of its own, signed in, its service worker ready so the app opens without signal. */
  async function phone(who: Session): Promise<Phone> {
    const one = await phoneSignedIn(browser, baseUrl, who.username);
    phones.push(one);
    await serviceWorkerReady(one.page);
    return one;
  }

  beforeAll(async () => {
    baseUrl = await serveOnLocalPort(api.app());
    for (const name of ['mentorA', 'mentorB'] as const) as[name] = await signedIn(api.orm(), 'mentor', AREA);
    as.team = await signedIn(api.orm(), 'operationsTeam', AREA);
    as.district = await signedIn(api.orm(), 'district', { provinceCode: '63', districtCode: '6301' });
    as.agency = await signedIn(api.orm(), 'agency', { provinceCode: '63', agencyCode: 'CDD' });
    shared = await openCase(api, as.team, AREA, 'มะลิ ขอบฟ้า');
    const verified = await api.app().inject({ method: 'POST', url: `/cases/${shared.caseId}/verify`, headers: as.team.headers, payload: { outcome: 'confirmed' } });
    expect(verified.statusCode).toBe(200);
    moving = await openCase(api, as.team, AREA, 'ทองใบ ย้ายถิ่น');
    const forTask = await openCase(api, as.team, AREA, 'จันทร์เพ็ญ ไร่ข้าวโพด');
    helped = { ...forTask, taskId: await assigned(api, { mentor: as.mentorA, district: as.district }, forTask.caseId, 'CDD') };
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('merges what two phones changed apart, and puts the same part changed on both before a person, side by side', async () => {
    const [a, b] = [await phone(as.mentorA), await phone(as.mentorB)];
    for (const { page } of [a, b]) await eventually(() => isStored(page, 'cases', shared.caseId), 60_000);
    await a.context.setOffline(true);
    await b.context.setOffline(true);

    const analyse = (attitude: string) => async (form: ReturnType<Page['locator']>) => {
      await form.getByLabel(th.form.attitude).fill(attitude);
      for (const field of ['skills', 'resources', 'wayOut'] as const) await form.getByLabel(th.form[field]).fill(`${field} จากภาคสนาม`);
    };
    await a.page.goto(`${baseUrl}/#/households/${shared.householdId}`);
    await saveOffline(a.page, th.actions.recordAnalysis, analyse('อยากมีอาชีพเสริม (เครื่อง ก)'));
    await b.page.goto(`${baseUrl}/#/households/${shared.householdId}`);
    await saveOffline(b.page, th.actions.giveRelief, async (form) => {
      await form.getByLabel(th.form.kind).fill('ถุงยังชีพ');
      await form.getByLabel(th.household.description).fill('ข้าวสาร อาหารแห้ง');
    });
    await saveOffline(b.page, th.actions.recordAnalysis, analyse('อยากเลี้ยงไก่ไข่ (เครื่อง ข)'));

    // Phone A reaches the server first; phone B's relief merges, its analysis clashes with A's.
    await a.context.setOffline(false);
    await allSent(a.page);
    await b.context.setOffline(false);
    await allSent(b.page);
    expect({ analyses: await events(shared.caseId, 'analysisRecorded'), reliefs: await events(shared.caseId, 'reliefGiven') }).toEqual({ analyses: 1, reliefs: 1 });
    const [clash] = await sql<{ id: string; reason: string }>('select id, reason from sync_conflict where case_id = ?', [shared.caseId]);
    expect(clash.reason).toBe('FIELD_CHANGED');
    await b.page.locator('section.outbox li[data-status="conflict"]').waitFor(STEP);

    // Phone A decides in the queue: both sides shown, B's text edited, confirmed once.
    await a.page.goto(`${baseUrl}/#/conflicts`);
    const card = a.page.locator('article.conflict', { hasText: 'มะลิ ขอบฟ้า' });
    await card.waitFor(STEP);
    await card.getByText(th.offline.reasons.FIELD_CHANGED).waitFor(STEP);
    await card.locator('section', { hasText: th.offline.mine }).getByText('อยากเลี้ยงไก่ไข่ (เครื่อง ข)').waitFor(STEP);
    await card.locator('section', { hasText: th.offline.theirs }).getByText('อยากมีอาชีพเสริม (เครื่อง ก)').waitFor(STEP);
    await a.watch.check('the conflict queue');
    await card.getByText(th.offline.edited).click();
    await card.getByLabel(th.corrections.fields.attitude).fill('เลี้ยงไก่ไข่และหาอาชีพเสริม (ตกลงร่วมกัน)');
    await card.getByRole('button', { name: th.offline.chooseEdited }).click();
    await a.page.getByRole('dialog').getByRole('button', { name: th.confirm }).click();
    await a.page.getByRole('status').filter({ hasText: 'มะลิ ขอบฟ้า' }).waitFor(STEP);
    await a.page.getByText(th.offline.noConflicts).waitFor(STEP);
    await a.watch.check('the conflict queue, decided');

    const state = await eventually(async () => {
      const [row] = await sql<{ state: { analysis: { attitude: string } | null } }>('select state from household_case where id = ?', [shared.caseId]);
      return row.state.analysis?.attitude === 'เลี้ยงไก่ไข่และหาอาชีพเสริม (ตกลงร่วมกัน)' ? row.state : undefined;
    });
    expect(state.analysis?.attitude).toBe('เลี้ยงไก่ไข่และหาอาชีพเสริม (ตกลงร่วมกัน)');
    // Both phones' values stay in the audit: A's applied analysis, B's queued one, and the decision with both.
    const audit = await sql<{ action: string; changes: Record<string, { attitude?: string } & Record<string, unknown>> }>(
      `select action, changes from audit_event where entity_id = ? and action in ('case.analysis', 'sync.conflict', 'conflict.resolve') order by id`,
      [shared.caseId],
    );
    expect(audit.map((row) => row.action)).toEqual(['case.analysis', 'sync.conflict', 'conflict.resolve']);
    expect(audit[0].changes.attitude).toBe('อยากมีอาชีพเสริม (เครื่อง ก)');
    expect([audit[1].changes.mine.attitude, audit[1].changes.theirs.attitude]).toEqual(['อยากเลี้ยงไก่ไข่ (เครื่อง ข)', 'อยากมีอาชีพเสริม (เครื่อง ก)']);
    expect([audit[2].changes.mine.attitude, audit[2].changes.theirs.attitude, audit[2].changes.applied.attitude]).toEqual([
      'อยากเลี้ยงไก่ไข่ (เครื่อง ข)',
      'อยากมีอาชีพเสริม (เครื่อง ก)',
      'เลี้ยงไก่ไข่และหาอาชีพเสริม (ตกลงร่วมกัน)',
    ]);
    for (const { watch } of [a, b]) expect(watch.problems().filter((p) => !offlineNoise(p))).toEqual([]);
  });

  it('turns work on a case transferred meanwhile into a conflict the mentor reads in Thai, not a 500 and not a silent drop', async () => {
    const { context, page, watch } = phones[0];
    await eventually(() => isStored(page, 'cases', moving.caseId), 60_000);
    await context.setOffline(true);
    await page.goto(`${baseUrl}/#/households/${moving.householdId}`);
    await saveOffline(page, th.actions.verifyTarget);
    const transfer = await api.app().inject({ method: 'POST', url: `/cases/${moving.caseId}/transfer`, headers: as.district.headers, payload: { to: ELSEWHERE } });
    expect(transfer.statusCode).toBe(200);

    await context.setOffline(false);
    await allSent(page);
    const [row] = await sql<{ reason: string; submitted_by: string }>('select reason, submitted_by from sync_conflict where case_id = ?', [moving.caseId]);
    expect(row).toEqual({ reason: 'CASE_TRANSFERRED', submitted_by: as.mentorA.userId });
    expect(await events(moving.caseId, 'verified')).toBe(0);
    await page.goto(`${baseUrl}/#/conflicts`);
    const card = page.locator('article.conflict', { hasText: 'ทองใบ ย้ายถิ่น' });
    await card.getByText(th.offline.reasons.CASE_TRANSFERRED).waitFor(STEP);
    await watch.check('a transferred case in the queue');
    expect(watch.problems().filter((p) => !offlineNoise(p))).toEqual([]);
  });

  it("logs an agency's activity without signal and sends it to the task once", async () => {
    const { context, page, watch } = await phone(as.agency);
    // The agency's phone keeps its open tasks with the household each serves.
    await eventually(() => isStored(page, 'tasks', helped.taskId), 60_000);
    expect(await isStored(page, 'households', helped.householdId)).toBe(true);
    await context.setOffline(true);
    await page.goto(`${baseUrl}/#/tasks`);
    await page.getByText('จันทร์เพ็ญ ไร่ข้าวโพด').first().waitFor(STEP);
    await page.goto(`${baseUrl}/#/tasks/${helped.taskId}`);
    await page.locator('.visit-card', { hasText: 'จันทร์เพ็ญ ไร่ข้าวโพด' }).waitFor(STEP);
    await saveOffline(page, th.tasks.logActivity, async (form) => {
      await form.getByLabel(th.form.kind).fill('แจกพันธุ์ข้าวโพด');
      await form.getByLabel(th.household.description).fill('เมล็ดพันธุ์ 5 กิโลกรัม');
    });
    await page.getByRole('status').filter({ hasText: th.offline.savedOffline }).waitFor(STEP);
    await watch.check('a task with an activity waiting on the phone');

    // A reload without signal keeps it; back online it is sent, once.
    await page.reload();
    await page.locator('.sync-status[data-waiting="1"]').waitFor(STEP);
    await context.setOffline(false);
    await allSent(page);
    const task = (await api.app().inject({ method: 'GET', url: `/tasks/${helped.taskId}`, headers: as.agency.headers })).json<TaskView>();
    expect(task.log.map((entry) => entry.kind)).toEqual(['แจกพันธุ์ข้าวโพด']);
    expect(task.log[0].recordedOnDevice && task.log[0].recordedOnDevice <= task.log[0].recordedAt).toBe(true);
    expect((await sql('select 1 from audit_event where entity_id = ? and action = ?', [helped.taskId, 'task.activities'])).length).toBe(1);
    // The logbook shows when it was recorded on the phone and when the server received it.
    await page.locator('.recorded-when', { hasText: th.offline.receivedAt }).waitFor(STEP);
    expect(await storedRows(page, 'outbox')).toBe(0);
    expect(watch.problems().filter((p) => !offlineNoise(p))).toEqual([]);
  });
});
