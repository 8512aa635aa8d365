import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { createUser, type NewUser } from '../../api/services/accounts';
import { launchChromium } from '../../infra/chromium';
import { th } from '../../web/src/i18n-th';
import { freshNationalId, useApi } from '../helpers/api-harness';
import { TEST_PASSWORD } from '../helpers/auth';
import { renderedFonts, seriousA11yViolations, browserDescribe } from '../helpers/browser';

/**
 * One household from the TPMAP import to graduation, entirely through the web UI in Debian's
 * Chromium (the one the npm package ships; see infra/chromium.ts), each role signing in with its own account: the subdistrict team imports and verifies,
 * the mentor analyses and plans, the district meeting assigns, the agency logs and completes,
 * the mentor follows up, and the district's survey import graduates the household. Every main
 * page on the way must pass axe-core's WCAG A/AA rules with no serious or critical violation.
 * Phitsanulok (65), district 6501, is this file's own area.
 */
jest.setTimeout(300_000);

const describeInBrowser = browserDescribe('the ui-lifecycle browser test');

const AREA = { provinceCode: '65', districtCode: '6501', subdistrictCode: '650101' };
const STEP = { timeout: 45_000 };

describeInBrowser('web UI: a household from import to graduation, role by role', () => {
  const api = useApi();
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  const accounts: Record<string, string> = {};
  const a11y: Record<string, unknown[]> = {};

  beforeAll(async () => {
    await api.app().listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(api.app().server.address() as AddressInfo).port}`;
    const suffix = Date.now().toString(36);
    const make = async (role: NewUser['role'], scope: Partial<NewUser>) => {
      const username = `ui-${role.toLowerCase()}-${suffix}`;
      await createUser(api.orm().em.fork(), { username, displayName: username, password: TEST_PASSWORD, role, ...scope });
      accounts[role] = username;
    };
    await make('operationsTeam', AREA);
    await make('mentor', AREA);
    await make('district', { provinceCode: '65', districtCode: '6501' });
    await make('agency', { provinceCode: '65', agencyCode: 'CDD' });
    await make('supervisor', {});
    await make('admin', {});
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 412, height: 915 }, locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function checkA11y(name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    a11y[name] = await seriousA11yViolations(page);
  }

  async function signInAs(role: string): Promise<void> {
    await page.goto(`${baseUrl}/#/`);
    await page.getByLabel(th.username).fill(accounts[role]);
    await page.getByLabel(th.password).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: th.signIn }).click();
    await page.getByRole('button', { name: th.signOut }).waitFor(STEP);
  }

  async function signOut(): Promise<void> {
    await page.getByRole('button', { name: th.signOut }).click();
    await page.getByRole('button', { name: th.signIn }).waitFor(STEP);
  }

  async function upload(kind: 'targets' | 'survey', name: string, csv: string): Promise<void> {
    await page.goto(`${baseUrl}/#/imports`);
    await page.getByLabel(th.imports.kind).selectOption(kind);
    await page.getByLabel(th.imports.file).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: th.imports.start }).click();
    await page.waitForURL(/#\/imports\/[0-9a-f]{8,}/, STEP);
    await page.locator('.progress', { hasText: th.imports.statuses.completed }).waitFor(STEP);
  }

  /** Opens an action's form on the household page (unless it is open already), fills it, saves. */
  async function act(action: string, fill: (form: ReturnType<Page['locator']>) => Promise<void>): Promise<void> {
    const details = page.locator('details', { has: page.locator('summary', { hasText: action }) });
    await details.waitFor(STEP);
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
    await fill(details);
    const version = await page.locator('section.actions details').first().getAttribute('data-version');
    await details.getByRole('button', { name: th.save, exact: true }).click();
    await page.locator(`section.actions details[data-version]:not([data-version="${version}"])`).first().waitFor({ state: 'attached', ...STEP });
  }

  /**
   * What a Thai official reads: names, not identifiers. No UUID, no workflow word (taskCompleted,
   * districtAssignment), no agency code ("CDD") and no bare "system" on the page.
   */
  async function expectNoCodes(where: string): Promise<void> {
    const text = await page.locator('main').innerText();
    const codes = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b(?:task(?:Completed|Returned|Cancelled)|stageChanged|problemAssigned|districtAssignment|followUp|CDD|SHPH|LAO|system|household-case-\S+)\b/g);
    expect({ where, codes }).toEqual({ where, codes: null });
  }

  /** The inbox is the read model, which follows the workflow a moment later: reload, as a user would. */
  async function openHouseholdFromInbox(head: string): Promise<void> {
    const link = page.getByRole('link', { name: new RegExp(head) }).first();
    const deadline = Date.now() + STEP.timeout;
    await page.goto(`${baseUrl}/#/`);
    while (!(await link.waitFor({ timeout: 2_000 }).then(() => true, () => false))) {
      if (Date.now() > deadline) throw new Error(`${head} never appeared in the inbox`);
      await page.reload();
    }
    await link.click(STEP);
    await page.getByRole('heading', { level: 1, name: head }).waitFor(STEP);
  }

  it('carries the household through every stage in the browser', async () => {
    const houseCode = `6501${String(Date.now() % 10_000_000).padStart(7, '0')}`;
    const head = `นางทดสอบ หน้าจอ${houseCode.slice(-4)}`;
    const targets = [
      'house_code,province_code,district_code,subdistrict_code,village_no,address,head_name,member_names,member_national_ids,failed_indicators,source,entry_reason',
      `${houseCode},65,6501,650101,3,12 หมู่ 3,${head},${head},${freshNationalId()},I3,tpmap,`,
    ].join('\n');

    // 1. The subdistrict team imports the TPMAP list and verifies the household.
    await page.goto(`${baseUrl}/#/`);
    await checkA11y('login');
    await signInAs('operationsTeam');
    await upload('targets', 'tpmap-6501.csv', targets);
    await checkA11y('import');
    await openHouseholdFromInbox(head);
    await act(th.actions.verifyTarget, async (form) => {
      await form.getByLabel(th.form.outcome).selectOption('confirmed');
    });
    await page.getByText(th.stages.analysis).first().waitFor(STEP);
    await signOut();

    // 2. The mentor records the 4ท analysis (the failed indicator is already a problem) and the plan.
    await signInAs('mentor');
    await checkA11y('inbox');
    await openHouseholdFromInbox(head);
    // Thai is drawn in the app's own Sarabun web font, never a system font that differs by machine.
    expect(await renderedFonts(page, 'h1')).toEqual([{ familyName: expect.stringMatching(/^Sarabun\b/), isCustomFont: true }]);
    await act(th.actions.recordAnalysis, async (form) => {
      await form.getByLabel(th.form.attitude).fill('ครอบครัวอยากพัฒนาตนเอง');
      await form.getByLabel(th.form.skills).fill('ทำขนม ปลูกผัก');
      await form.getByLabel(th.form.resources).fill('ที่ดิน 1 ไร่');
      await form.getByLabel(th.form.wayOut).fill('ขายขนมในตลาดนัด');
    });
    await checkA11y('household');
    await act(th.actions.recordPlan, async (form) => {
      await form.getByLabel(th.form.action, { exact: true }).fill('ฝึกอาชีพทำขนมและจัดทำบัญชีครัวเรือน');
      await form.getByLabel(th.form.supportBy).fill('พัฒนาชุมชนอำเภอ');
    });
    await page.getByText(th.stages.districtAssignment).first().waitFor(STEP);
    await signOut();

    // 3. The district meeting assigns the problem to the proposed lead agency. (On the way, the
    // transfer form offers areas by name: the household's own subdistrict is chosen already.)
    await signInAs('district');
    await openHouseholdFromInbox(head);
    await page.locator('summary', { hasText: th.actions.transferCase }).click();
    await page.getByLabel(th.area.subdistrict).locator('option', { hasText: 'ในเมือง' }).waitFor({ state: 'attached', ...STEP });
    await page.goto(`${baseUrl}/#/meetings`);
    await page.getByRole('button', { name: th.meetings.holdNow }).click();
    await page.getByRole('heading', { name: th.meetings.agenda }).waitFor(STEP);
    await page.locator('article.agenda-item').first().waitFor(STEP);
    await checkA11y('meeting');
    // The board names the household and its village; "decide later" says so.
    const agendaItem = page.locator('article.agenda-item', { hasText: head });
    await agendaItem.getByText('หมู่ 3').waitFor(STEP);
    await agendaItem.getByText(th.meetings.decideLater).waitFor(STEP);
    expect(await agendaItem.locator('select').first().inputValue()).toBe('CDD');
    await page.getByRole('button', { name: th.meetings.record }).click();
    // Recording the decisions closes the meeting for good: it asks once.
    await page.locator('dialog[open]').getByText(th.flow.ask.meetingDecisions({ assign: 1, escalate: [], later: 0 })).waitFor(STEP);
    await page.locator('dialog[open]').getByRole('button', { name: th.meetings.record }).click();
    // Once decided, the meeting is over: it says so, and there is nothing left to submit.
    await page.getByText(th.meetings.saved).waitFor(STEP);
    await page.locator('ol.minutes').getByText(th.meetings.decisionKinds.assign).first().waitFor(STEP);
    expect(await page.getByRole('button', { name: th.meetings.record }).count()).toBe(0);
    expect(await page.getByText(th.meetings.statuses.open).count()).toBe(0);
    // Reopened later, the past meeting reads as minutes: who decided, and each case by name.
    await page.reload();
    await page.getByRole('heading', { name: th.meetings.minutes }).waitFor(STEP);
    await page.getByText(th.meetings.decidedBy).waitFor(STEP);
    await page.locator('ol.minutes').getByRole('link', { name: new RegExp(head) }).waitFor(STEP);
    await checkA11y('minutes');
    await expectNoCodes('meeting minutes');
    await page.goto(`${baseUrl}/#/dashboard`);
    await page.getByRole('heading', { name: th.dashboard.title }).waitFor(STEP);
    await page.locator('figure.chart canvas').first().waitFor(STEP);
    await checkA11y('dashboard');
    await page.goto(`${baseUrl}/#/supervisor`);
    await page.getByRole('heading', { level: 1, name: th.supervisor.title }).waitFor(STEP);
    await checkA11y('supervisor');
    await signOut();

    // 4. The agency logs its activity and completes the task.
    await signInAs('agency');
    // The agency's list says whom to help and where, not a house code alone.
    await page.locator('ul.cards li', { hasText: head }).getByText('หมู่ 3').first().waitFor(STEP);
    await page.locator('ul.cards li', { hasText: head }).getByRole('link').first().click(STEP);
    await page.getByRole('heading', { name: th.tasks.log }).waitFor(STEP);
    await page.locator('.visit-card').getByRole('link', { name: head }).waitFor(STEP);
    await checkA11y('task');
    await page.getByLabel(th.form.kind).fill('ฝึกอาชีพ');
    await page.getByLabel(th.household.description).fill('อบรมทำขนมไทย 3 วัน');
    await page.getByLabel(th.form.baht).fill('1500');
    await page.getByRole('button', { name: th.save, exact: true }).click();
    await page.getByRole('cell', { name: 'อบรมทำขนมไทย 3 วัน' }).waitFor(STEP);
    await page.locator('p.saved[role=status]').getByText(th.flow.activityLogged('ฝึกอาชีพ', '1,500', 0)).waitFor(STEP);
    // Whole baht without decimals, never "1,500.0".
    await page.getByRole('cell', { name: '1,500', exact: true }).first().waitFor(STEP);
    await expectNoCodes('task page');
    await page.locator('summary', { hasText: th.tasks.complete }).click();
    await page.locator('details[open] button[type=submit]', { hasText: th.tasks.complete }).click();
    await page.locator('dialog[open]').getByText(th.flow.ask.completeTask).waitFor(STEP);
    await page.locator('dialog[open]').getByRole('button', { name: th.tasks.complete }).click();
    await page.getByText(th.taskStatus.done).first().waitFor(STEP);
    await signOut();

    // 5. The mentor follows up: the problem is solved.
    await signInAs('mentor');
    await openHouseholdFromInbox(head);
    // At the follow-up stage the follow-up form is the one that opens, not urgent relief.
    expect(await page.locator('details[open] summary').first().innerText()).toContain(th.actions.recordFollowUp);
    await act(th.actions.recordFollowUp, async (form) => {
      await form.locator('select').first().selectOption('solved');
    });
    // The logbook names who acted and what changed, with the baht per dimension.
    await page.locator('ol.timeline').getByText(`${th.stages.assistance} → ${th.stages.followUp}`).first().waitFor(STEP);
    await page.locator('ol.timeline').getByText(th.events.taskCompleted).first().waitFor(STEP);
    await page.locator('section[aria-labelledby=logbook]').getByRole('cell', { name: '1,500', exact: true }).first().waitFor(STEP);
    await expectNoCodes('household page');
    await signOut();

    // 6. The district imports the annual survey: the household passes and graduates.
    await signInAs('district');
    await upload('survey', 'jpt-2570.csv', ['house_code,year,passed,failed_indicators', `${houseCode},2570,1,`].join('\n'));
    await page.goto(`${baseUrl}/#/households`);
    await page.getByRole('searchbox').fill(houseCode);
    await page.getByRole('button', { name: th.search }).click();
    await page.getByRole('link', { name: head }).click(STEP);
    await page.getByText(th.closeReasons.graduated).first().waitFor(STEP);
    // Dates read in the Buddhist era: this year is 25xx, never the Gregorian 20xx.
    const thaiYear = new Date().getFullYear() + 543;
    expect(await page.locator('main').innerText()).toContain(String(thaiYear));
    await page.goto(`${baseUrl}/#/reports`);
    await page.getByRole('heading', { name: th.reports.forms }).waitFor(STEP);
    await checkA11y('reports');
    await page.getByRole('link', { name: th.reports.sjp4 }).click();
    // The printed form's official heading: its number (แบบ ศจพ.4) above the title.
    await page.locator('.form-heading', { hasText: /ศจพ\.4/ }).locator('h1').waitFor(STEP);
    await checkA11y('sjp4');

    await signOut();

    // 7. The admin adds a district account, its scope picked by name.
    await signInAs('admin');
    await page.goto(`${baseUrl}/#/users`);
    const createForm = page.locator('details', { has: page.locator('summary', { hasText: th.users.create }) });
    await createForm.locator('summary').click();
    const newUser = `ui-new-${Date.now().toString(36)}`;
    await createForm.getByLabel(th.users.displayName).fill('ศจพ.อ.เมืองพิษณุโลก (ทดสอบ)');
    await createForm.getByLabel(new RegExp(`^${th.username}`)).fill(newUser);
    await createForm.getByLabel(new RegExp(`^${th.password}`)).fill('Khao-Man-Kai-2570');
    await createForm.getByLabel(th.users.role).selectOption('district');
    await createForm.getByLabel(th.area.province).selectOption({ label: 'พิษณุโลก' });
    await createForm.getByLabel(th.area.district).selectOption({ label: 'เมืองพิษณุโลก' });
    await createForm.locator('button[type=submit]').click();
    await page.getByText(th.users.created('ศจพ.อ.เมืองพิษณุโลก (ทดสอบ)')).waitFor(STEP);
    await page.getByLabel(th.users.search).fill(newUser);
    await page.getByRole('button', { name: th.search }).click();
    await page.locator('ul.cards li', { hasText: newUser }).locator('.meta', { hasText: 'อ.เมืองพิษณุโลก จ.พิษณุโลก' }).waitFor(STEP);
    await checkA11y('users');
    await expectNoCodes('users');

    // Thai first, English on request, remembered on the device.
    await page.getByRole('button', { name: th.switchLanguage }).click();
    // On a phone the admin's later pages sit under "More" on the bottom bar.
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('link', { name: 'Reports' }).waitFor(STEP);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor(STEP);

    expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((name) => [name, []])));
  });
});
