import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import type { CaseView } from '../../api/views/case-view';
import { launchChromium } from '../../infra/chromium';
import { th } from '../../web/src/i18n-th';
import { freshNationalId, houseCodeIn, useApi } from '../helpers/api-harness';
import { signedIn, TEST_PASSWORD } from '../helpers/auth';
import { seriousA11yViolations, browserDescribe } from '../helpers/browser';
import { eventually } from '../helpers/servers';

/**
 * What an official reads around each save, at a phone's width: Thai sentences for the server's
 * refusals (sign-in, the task rule), the question before an irreversible action, the confirmation
 * of what was recorded with the next step, the Buddhist-era date field, and empty searches. The
 * case is brought to each step through the API; the step itself is taken in the browser.
 * Phichit (66), district 6601, is this file's own area.
 */
jest.setTimeout(300_000);

const describeInBrowser = browserDescribe('the ui-messages browser test');

const AREA = { provinceCode: '66', districtCode: '6601', subdistrictCode: '660101' };
const STEP = { timeout: 45_000 };

describeInBrowser('web UI: messages, confirmations and the task rule', () => {
  const api = useApi();
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  type Account = Awaited<ReturnType<typeof signedIn>>;
  const as: Record<string, Account> = {};
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    await api.app().listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(api.app().server.address() as AddressInfo).port}`;
    as.operationsTeam = await signedIn(api.orm(), 'operationsTeam', AREA);
    as.mentor = await signedIn(api.orm(), 'mentor', AREA);
    as.district = await signedIn(api.orm(), 'district', { provinceCode: '66', districtCode: '6601' });
    as.agency = await signedIn(api.orm(), 'agency', { provinceCode: '66', agencyCode: 'CDD' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
    page.on('console', (message) => message.type() === 'error' && !/status of (4\d\d)/.test(message.text()) && consoleErrors.push(message.text()));
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
  });

  const post = async <T>(who: string, url: string, payload: object): Promise<T> => {
    const response = await api.app().inject({ method: 'POST', url, headers: as[who].headers, payload });
    expect({ url, status: response.statusCode, body: response.statusCode < 300 ? undefined : response.json() }).toMatchObject({ url, status: response.statusCode < 300 ? response.statusCode : 200 });
    return response.json<T>();
  };

  /** A household opened and verified through the API, waiting for the mentor's analysis. */
  async function caseAtAnalysis(head: string): Promise<{ caseId: string; householdId: string }> {
    const houseCode = houseCodeIn('6601');
    const { caseId } = await post<{ caseId: string }>('operationsTeam', '/cases', {
      household: { houseCode, ...AREA, villageNo: '2', headName: head, source: 'tpmap', members: [{ name: head, nationalId: freshNationalId() }], failedIndicators: ['I3'] },
    });
    await eventually(async () => (await api.orm().em.fork().execute('select 1 from household_case where id = ?', [caseId]))[0]);
    await post('operationsTeam', `/cases/${caseId}/verify`, { outcome: 'confirmed' });
    return { caseId, householdId: houseCode };
  }

  async function signIn(account: Account): Promise<void> {
    await page.goto(`${baseUrl}/#/`);
    if (await page.getByRole('button', { name: th.signOut }).isVisible()) {
      await page.getByRole('button', { name: th.signOut }).click();
    }
    await page.getByLabel(th.username).fill(account.username);
    await page.getByLabel(th.password).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: th.signIn }).click();
    await page.getByRole('button', { name: th.signOut }).waitFor(STEP);
  }

  /** The open confirm dialog: it says what will happen; the answer is one of its two buttons. */
  async function confirmDialog(expected: string): Promise<Locator> {
    const dialog = page.locator('dialog[open]');
    await dialog.getByText(expected).waitFor(STEP);
    return dialog;
  }

  async function noEnglishOrCodes(where: string): Promise<void> {
    const text = await page.locator('main').innerText();
    const english = text.match(/\b(?:log at least one|is required|must match|Wrong username|not a valid|body\.\w+|querystring\.\w+|[A-Z]{4,}_[A-Z_]+)\b/g);
    expect({ where, english }).toEqual({ where, english: null });
  }

  it('signing in with a wrong password says so in Thai', async () => {
    await page.goto(`${baseUrl}/#/`);
    await page.getByLabel(th.username).fill(as.mentor.username);
    await page.getByLabel(th.password).fill('not-the-password');
    await page.getByRole('button', { name: th.signIn }).click();
    await page.getByRole('alert').getByText(th.errors.codes.BAD_CREDENTIALS).waitFor(STEP);
    expect(await page.locator('main').innerText()).not.toMatch(/Wrong username/);
  });

  it('the mentor saves the analysis and the plan: each save says what was recorded and opens the next step', async () => {
    const head = `นางข้อความ ทดสอบ${Date.now() % 10_000}`;
    const { householdId } = await caseAtAnalysis(head);
    await signIn(as.mentor);
    await page.goto(`${baseUrl}/#/households/${householdId}`);
    await page.getByRole('heading', { level: 1, name: head }).waitFor(STEP);
    // A member's national ID shows (in full for a field team, masked for others), never "–" when there is one.
    const idCell = page.locator('section[aria-labelledby=members] tbody tr').first().locator('td').nth(1);
    expect(await idCell.innerText()).toMatch(/^\d[\dx-]{12,}$/);
    const analysis = page.locator('details[open]', { has: page.locator('summary', { hasText: th.actions.recordAnalysis }) });
    await analysis.waitFor(STEP);
    // Removing a problem asks first; cancelling keeps it.
    await analysis.getByRole('button', { name: th.form.remove }).first().click();
    const ask = await confirmDialog(th.flow.ask.removeProblem('').split('"')[0]);
    await ask.getByRole('button', { name: th.cancel }).click();
    expect(await analysis.locator('.row-editor').count()).toBe(1);
    await analysis.getByLabel(th.form.attitude).fill('อยากมีรายได้');
    await analysis.getByLabel(th.form.skills).fill('ทอผ้า');
    await analysis.getByLabel(th.form.resources).fill('กี่ทอผ้า');
    await analysis.getByLabel(th.form.wayOut).fill('ขายผ้าทอ');
    await analysis.getByRole('button', { name: th.save, exact: true }).click();
    const saved = page.locator('p.saved[role=status]');
    await saved.getByText(th.flow.recorded.recordAnalysis).waitFor(STEP);
    await saved.getByText(th.flow.next(th.actions.recordPlan)).waitFor(STEP);
    expect(await page.locator('details[open] summary').first().innerText()).toContain(th.actions.recordPlan);
    expect(a11yOf(await seriousA11yViolations(page))).toEqual([]);

    // The plan's target date is typed in the Buddhist era; a day that does not exist stops the form.
    const plan = page.locator('details[open]', { has: page.locator('summary', { hasText: th.actions.recordPlan }) });
    await plan.getByLabel(th.form.action, { exact: true }).fill('ทอผ้าขายที่ตลาดชุมชน');
    await plan.getByLabel(th.form.supportBy).fill('พัฒนาชุมชนอำเภอ');
    const targetDate = plan.getByLabel(th.form.targetDate);
    const nextYear = new Date().getFullYear() + 1 + 543;
    await targetDate.fill(`31/04/${nextYear}`);
    expect(await targetDate.evaluate((input) => (input as HTMLInputElement).validationMessage)).toBe(th.dates.invalid);
    await targetDate.fill(`31/03/${nextYear}`);
    await plan.getByText(`${th.reports.fiscalYear} ${nextYear}`).waitFor(STEP);
    await plan.getByRole('button', { name: th.save, exact: true }).click();
    await saved.getByText(th.flow.recorded.recordPlan).waitFor(STEP);
    await saved.getByText(th.flow.nowAt(th.stages.districtAssignment)).waitFor(STEP);
    // The plan lists the date in the Buddhist era, while the API kept it Gregorian.
    await page.getByText(`31 มี.ค. ${nextYear}`).first().waitFor(STEP);
    await noEnglishOrCodes('household page');
  });

  it('the agency cannot complete a task with nothing logged, unless done without cost with a note; completing asks first', async () => {
    const head = `นายงานเปล่า ทดสอบ${Date.now() % 10_000}`;
    const { caseId } = await caseAtAnalysis(head);
    const analysed = await post<CaseView>('mentor', `/cases/${caseId}/analysis`, {
      attitude: 'ก',
      skills: 'ข',
      resources: 'ค',
      wayOut: 'ง',
      householdType: 'canDevelop',
      problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำ' }],
    });
    await post('mentor', `/cases/${caseId}/plan`, { goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ฝึกอาชีพ', supportBy: 'CDD' }] });
    const assigned = await post<CaseView>('district', `/cases/${caseId}/assign`, { assignments: [{ problemId: analysed.problems[0].id, agencyCode: 'CDD' }] });
    const taskId = assigned.tasks[0].taskId;

    await signIn(as.agency);
    await page.goto(`${baseUrl}/#/tasks/${taskId}`);
    await page.locator('.visit-card').getByRole('link', { name: head }).waitFor(STEP);
    // The logbook date reads in the Buddhist era.
    expect(await page.getByLabel(th.form.date).inputValue()).toMatch(new RegExp(`/${new Date().getFullYear() + 543}$`));
    const complete = page.locator('details', { has: page.locator('summary', { hasText: th.tasks.complete }) });
    await complete.locator('summary').click();
    await complete.getByText(th.flow.noActivityYet).waitFor(STEP);
    await complete.locator('button[type=submit]').click();
    let dialog = await confirmDialog(th.flow.ask.completeTask);
    await dialog.getByRole('button', { name: th.tasks.complete }).click();
    // The workflow refuses: the agency reads why, in Thai, with the field in words.
    await complete.getByRole('alert').getByText(th.errors.codes.TASK_NO_ACTIVITY).waitFor(STEP);
    await complete.getByRole('alert').getByText(th.errors.fields.note).waitFor(STEP);
    await noEnglishOrCodes('task refused');

    await complete.getByRole('switch', { name: th.flow.withoutCost }).check();
    await complete.getByLabel(th.flow.withoutCostNote).fill('ประสานอาสาสมัครซ่อมหลังคาให้ ไม่มีค่าใช้จ่าย');
    await complete.locator('button[type=submit]').click();
    dialog = await confirmDialog(th.flow.ask.completeTask);
    await dialog.getByRole('button', { name: th.tasks.complete }).click();
    const saved = page.locator('p.saved[role=status]');
    await saved.getByText(th.flow.taskCompleted).waitFor(STEP);
    await saved.getByRole('link', { name: th.flow.backToTasks }).waitFor(STEP);
    await page.getByText(th.flow.doneWithoutCost).waitFor(STEP);
    expect(a11yOf(await seriousA11yViolations(page))).toEqual([]);
    await noEnglishOrCodes('task completed');
  });

  it('searches say when nothing matched, and 13 digits search by national ID with a purpose', async () => {
    await signIn(as.mentor);
    await page.goto(`${baseUrl}/#/households`);
    const search = async (text: string) => {
      await page.getByRole('searchbox').fill(text);
      await page.getByRole('button', { name: th.search, exact: true }).click();
    };
    await search('ไม่มีชื่อนี้ในหมู่บ้าน');
    await page.getByText(th.search13.noMatch('ไม่มีชื่อนี้ในหมู่บ้าน')).waitFor(STEP);
    await search('123456789012');
    await page.getByRole('alert').getByText(th.search13.notACode).waitFor(STEP);
    const nobody = freshNationalId();
    await search(`${nobody.slice(0, 1)}-${nobody.slice(1, 5)}-${nobody.slice(5, 10)}-${nobody.slice(10, 12)}-${nobody.slice(12)}`);
    await page.getByRole('heading', { name: th.search13.title }).waitFor(STEP);
    await page.getByLabel(th.search13.purpose).fill('ตรวจสอบครัวเรือนซ้ำก่อนเพิ่มครัวเรือนตกหล่น');
    await page.locator('section[aria-labelledby=by-id]').getByRole('button', { name: th.search, exact: true }).click();
    await page.getByText(th.search13.noMatch(nobody)).waitFor(STEP);
    await noEnglishOrCodes('search');
    expect(consoleErrors).toEqual([]);
  });
});

const a11yOf = (violations: Array<{ id: string }>) => violations.map((v) => v.id);
