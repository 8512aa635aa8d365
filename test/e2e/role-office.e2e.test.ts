import type { Browser, Locator, Page } from 'playwright-core';
import { createSession } from '../../api/auth/sessions';
import { createUser, type NewUser } from '../../api/services/accounts';
import type { CaseView } from '../../api/views/case-view';
import { launchChromium } from '../../infra/chromium';
import { th } from '../../web/src/i18n-th';
import { postOk, serveOnLocalPort, useApi } from '../helpers/api-harness';
import { TEST_PASSWORD, type Scope } from '../helpers/auth';
import { browserDescribe } from '../helpers/browser';
import { openCase } from '../helpers/field-cases';
import { phoneSignedIn, STEP, type Phone } from '../helpers/phone';
import { watchScreen } from '../helpers/screen-watch';
import { eventually } from '../helpers/servers';

/**
 * Issue 14, the office roles' day at a phone's width: the district secretariat holds its meeting
 * (assigns, escalates, decides later, then reads the minutes), the supervisor goes from the
 * dashboard's figures to the households behind them, and the admin adds, finds and deactivates an
 * account. Preconditions are made through the API; the browser takes only the steps under test.
 * Each role has its own browser context in one shared Chromium, and ends with nothing an official
 * must never meet on screen (test/helpers/screen-watch.ts).
 * Chiang Rai (57), district 5701 (เมืองเชียงราย), subdistricts 570101 (เวียง) and 570102
 * (รอบเวียง), is this file's own area.
 */
jest.setTimeout(300_000);

const describeInBrowser = browserDescribe('the office roles browser test');

const PROVINCE = { code: '57', name: 'เชียงราย' };
const DISTRICT = { code: '5701', name: 'เมืองเชียงราย' };
const VIANG = { provinceCode: '57', districtCode: '5701', subdistrictCode: '570101' };
const ROP_VIANG = { provinceCode: '57', districtCode: '5701', subdistrictCode: '570102' };
const SUBDISTRICT_NAMES: Record<string, string> = { '570101': 'เวียง', '570102': 'รอบเวียง' };
/** A year as officials write it: the Buddhist era (2500s), never the Gregorian 20xx. */
const BUDDHIST_YEAR = String(new Date().getFullYear() + 543);

describeInBrowser('web UI, the office roles at phone width', () => {
  const api = useApi();
  let browser: Browser;
  let baseUrl: string;
  const suffix = Date.now().toString(36);

  beforeAll(async () => {
    baseUrl = await serveOnLocalPort(api.app());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** An account with a Thai display name, as the minutes and the header show it, and API headers for it. */
  let accounts = 0;
  async function account(role: NewUser['role'], displayName: string, scope: Scope) {
    const username = `office-${role.toLowerCase()}-${suffix}-${++accounts}`;
    const user = await createUser(api.orm().em.fork(), { username, displayName, password: TEST_PASSWORD, role, ...scope });
    const { token } = await createSession(api.orm().em.fork(), user.id, 3_600_000, '127.0.0.1');
    return { username, displayName, headers: { authorization: `Bearer ${token}` } };
  }
  type Account = Awaited<ReturnType<typeof account>>;

  const field = new Map<string, Promise<Account>>();
  /** The subdistrict's field team or mentor, made once, who bring its households to the district. */
  function fieldAccount(role: 'operationsTeam' | 'mentor', area: typeof VIANG): Promise<Account> {
    const key = `${role}:${area.subdistrictCode}`;
    if (!field.has(key)) field.set(key, account(role, `${th.roles[role]} ต.${SUBDISTRICT_NAMES[area.subdistrictCode]}`, area));
    return field.get(key)!;
  }

  /** A household verified, analysed and planned through the API: it waits for the district's assignment. */
  async function caseAtAssignment(head: string, villageNo: string, area: typeof VIANG, problems: Array<{ dimension: string; indicator: string; description: string }>) {
    const [team, mentor] = [await fieldAccount('operationsTeam', area), await fieldAccount('mentor', area)];
    const { caseId, householdId } = await openCase(api, team, area, head, { villageNo, failedIndicators: problems.map((p) => p.indicator) });
    await postOk(api, team, `/cases/${caseId}/verify`, { outcome: 'confirmed' });
    await postOk(api, mentor, `/cases/${caseId}/analysis`, { attitude: 'อยากพัฒนาตนเอง', skills: 'ทำสวน', resources: 'ที่ดิน 2 ไร่', wayOut: 'ปลูกผักขาย', householdType: 'canDevelop', problems });
    await postOk<CaseView>(api, mentor, `/cases/${caseId}/plan`, {
      goal: 'sufficient',
      items: problems.map((p, problemIndex) => ({ dimension: p.dimension, problemIndex, action: `แก้ปัญหา ${p.description}`, supportBy: 'CDD' })),
    });
    return { caseId, householdId, head };
  }

  /** A phone in its own context, signed in through the login page as an official would. */
  const phoneSignedInAs = (who: Account): Promise<Phone> => phoneSignedIn(browser, baseUrl, who.username);

  /** Answers Cancel in the open confirm dialog, and waits until it has closed. */
  async function cancelDialog(page: Page): Promise<void> {
    await page.locator('dialog[open]').getByRole('button', { name: th.cancel }).click();
    await page.locator('dialog[open]').waitFor({ state: 'detached', ...STEP });
  }

  /** The open confirm dialog, once it says `text`. */
  async function dialogSaying(page: Page, text: string | RegExp): Promise<Locator> {
    const dialog = page.locator('dialog[open]');
    await dialog.getByText(text).waitFor(STEP);
    return dialog;
  }

  describe('district secretariat: the meeting, then its minutes', () => {
    let district: Account;
    let session: Phone;
    const households: Record<'assign' | 'escalate' | 'later', { caseId: string; householdId: string; head: string }> = {} as never;

    beforeAll(async () => {
      district = await account('district', 'ปลัดอำเภอเมืองเชียงราย', { provinceCode: PROVINCE.code, districtCode: DISTRICT.code });
      households.assign = await caseAtAssignment('นายสมบูรณ์ ดอยคำ', '4', VIANG, [
        { dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำกว่าเกณฑ์' },
        { dimension: 'living', indicator: 'L1', description: 'บ้านทรุดโทรม' },
      ]);
      households.escalate = await caseAtAssignment('นางบัวคำ แสงเมือง', '7', ROP_VIANG, [{ dimension: 'income', indicator: 'I3', description: 'ไม่มีรายได้ประจำ' }]);
      households.later = await caseAtAssignment('นายคำปัน ใจมา', '2', VIANG, [{ dimension: 'income', indicator: 'I3', description: 'หนี้นอกระบบ' }]);
      session = await phoneSignedInAs(district);
    });
    afterAll(async () => {
      await session?.context.close();
    });

    it('holds the meeting: assigns each problem by agency name, escalates one case (asked once), leaves one for later', async () => {
      const { page, watch } = session;
      await page.goto(`${baseUrl}/#/meetings`);
      await page.getByRole('heading', { level: 1, name: th.meetings.title }).waitFor(STEP);
      await page.getByRole('button', { name: th.meetings.holdNow }).click();
      await page.getByRole('heading', { name: th.meetings.agenda }).waitFor(STEP);
      // The board names each household by its head and village, never by a code.
      const item = (head: string) => page.locator('article.agenda-item', { hasText: head });
      for (const { head } of Object.values(households)) await item(head).waitFor(STEP);
      await item(households.assign.head).getByText('หมู่ 4 ต.เวียง').waitFor(STEP);
      await item(households.escalate.head).getByText('หมู่ 7 ต.รอบเวียง').waitFor(STEP);
      await page.getByText(th.meetings.statuses.open).first().waitFor(STEP);
      await page.getByText(BUDDHIST_YEAR).first().waitFor(STEP);
      await watch.check('meeting board');

      // The same board open on a second screen (a colleague's tab), to try a second submission later.
      const second = await session.context.newPage();
      const secondWatch = watchScreen(second);
      await second.goto(page.url());
      await second.locator('article.agenda-item').first().waitFor(STEP);

      // Deferring reads as "decide later", never as cancelling ("ยกเลิก").
      for (const { head } of Object.values(households)) {
        const choices = await item(head).getByRole('radio').evaluateAll((radios) => radios.map((r) => r.closest('label')?.textContent?.trim()));
        expect(choices).toEqual([th.meetings.assign, th.meetings.escalate, th.meetings.decideLater]);
      }

      // Leaving every case for later decides nothing: the board says so in Thai, without asking or sending.
      for (const { head } of Object.values(households)) await item(head).getByRole('radio', { name: th.meetings.decideLater }).check();
      await page.getByRole('button', { name: th.meetings.record }).click();
      await page.getByRole('alert').getByText(th.errors.codes.EMPTY_DECISION).waitFor(STEP);
      expect(await page.locator('dialog[open]').count()).toBe(0);
      await item(households.assign.head).getByRole('radio', { name: th.meetings.assign }).check();

      // Each problem goes to an agency chosen by name; the proposed one is chosen already.
      const assign = item(households.assign.head);
      const income = assign.locator('fieldset', { hasText: 'รายได้ต่ำกว่าเกณฑ์' }).getByLabel(th.household.agency);
      expect(await income.locator('option:checked').innerText()).toBe('สำนักงานพัฒนาชุมชนอำเภอ');
      await assign.locator('fieldset', { hasText: 'บ้านทรุดโทรม' }).getByLabel(th.household.agency).selectOption({ label: 'องค์กรปกครองส่วนท้องถิ่น (อปท.)' });

      const escalate = item(households.escalate.head);
      await escalate.getByRole('radio', { name: th.meetings.escalate }).check();
      await escalate.getByLabel(th.form.reason).fill('ต้องใช้งบประมาณระดับจังหวัดในการสร้างอาชีพ');
      await item(households.later.head).getByRole('radio', { name: th.meetings.decideLater }).check();

      // Recording asks once, saying what will happen to each case; Cancel leaves the board as it was.
      await page.getByRole('button', { name: th.meetings.record }).click();
      const ask = th.flow.ask.meetingDecisions({ assign: 1, escalate: [households.escalate.head], later: 1 });
      await dialogSaying(page, ask);
      await cancelDialog(page);
      expect(await escalate.getByRole('radio', { name: th.meetings.escalate }).isChecked()).toBe(true);
      await page.getByRole('button', { name: th.meetings.record }).click();
      const dialog = await dialogSaying(page, ask);
      await watch.check('meeting confirmation');
      await dialog.getByRole('button', { name: th.meetings.record }).click();

      // Once decided, the meeting is over: it says so, no longer reads "in session", and cannot be submitted twice.
      await page.getByRole('status').getByText(th.meetings.saved).waitFor(STEP);
      await page.locator('ol.minutes').waitFor(STEP);
      expect(await page.getByText(th.meetings.statuses.open).count()).toBe(0);
      expect(await page.getByRole('button', { name: th.meetings.record }).count()).toBe(0);
      expect(await page.getByRole('radio').count()).toBe(0);
      await watch.check('meeting decided');

      // The stale board on the second screen cannot record again: it is told so in Thai and shows the minutes.
      await second.getByRole('button', { name: th.meetings.record }).click();
      await (await dialogSaying(second, /^บันทึกมติการประชุม\?/)).getByRole('button', { name: th.meetings.record }).click();
      await second.getByRole('status').getByText(th.meetings.decidedElsewhere).waitFor(STEP);
      await second.locator('ol.minutes').waitFor(STEP);
      expect(await second.getByRole('button', { name: th.meetings.record }).count()).toBe(0);
      await secondWatch.check('second submission');
      expect(secondWatch.problems()).toEqual([]);
      await second.close();
    });

    it('reopens the past meeting as minutes: who, when, each decision, and each case by household name', async () => {
      const { page, watch } = session;
      const meetingUrl = page.url();
      expect(meetingUrl).toMatch(/#\/meetings\/district-meeting-5701-/);
      await page.goto(`${baseUrl}/#/meetings`);
      // The list names the district and the meeting's date in the Buddhist era, and says it is decided.
      const row = page.locator('tbody tr', { hasText: th.meetings.statuses.decided }).first();
      await row.waitFor(STEP);
      await row.getByText(DISTRICT.name).waitFor(STEP);
      expect(await row.getByRole('link').innerText()).toContain(BUDDHIST_YEAR);
      await watch.check('meetings list');
      await row.getByRole('link').click();
      await page.waitForURL(meetingUrl, STEP);

      await page.getByRole('heading', { name: th.meetings.minutes }).waitFor(STEP);
      await page.getByText(th.meetings.statuses.decided, { exact: true }).first().waitFor(STEP);
      expect(await page.getByText(th.meetings.statuses.open).count()).toBe(0);
      expect(await page.getByRole('button', { name: th.meetings.record }).count()).toBe(0);
      // Who recorded the decisions, by name, and when, in the Buddhist era.
      const decidedBy = page.locator('p', { hasText: th.meetings.decidedBy });
      await decidedBy.getByText(district.displayName).waitFor(STEP);
      expect(await decidedBy.innerText()).toContain(BUDDHIST_YEAR);

      const minutes = page.locator('ol.minutes > li');
      const entry = (head: string) => minutes.filter({ has: page.getByRole('link', { name: new RegExp(head) }) });
      // The minutes come from the read model: the escalation lands there a moment after the answer.
      await eventually(async () => (await entry(households.escalate.head).getByText(th.meetings.decisionKinds.escalate).count()) > 0 || (await page.reload(), false), 30_000);
      const assigned = entry(households.assign.head);
      await assigned.getByText(th.meetings.decisionKinds.assign).waitFor(STEP);
      await assigned.getByRole('link', { name: 'สำนักงานพัฒนาชุมชนอำเภอ' }).waitFor(STEP);
      await assigned.getByRole('link', { name: 'องค์กรปกครองส่วนท้องถิ่น (อปท.)' }).waitFor(STEP);
      await entry(households.escalate.head).getByText('ต้องใช้งบประมาณระดับจังหวัดในการสร้างอาชีพ').waitFor(STEP);
      await entry(households.later.head).getByText(th.meetings.decisionKinds.later).waitFor(STEP);
      await watch.check('meeting minutes');

      // Each case opens from the minutes by its household's name.
      await entry(households.escalate.head).getByRole('link', { name: new RegExp(households.escalate.head) }).click();
      await page.getByRole('heading', { level: 1, name: households.escalate.head }).waitFor(STEP);
      await page.getByText(th.caseAt.province).first().waitFor(STEP);
      await watch.check('household from the minutes');
      expect(watch.problems()).toEqual([]);
    });
  });

  describe('supervisor: from the dashboard figures to a household', () => {
    let session: Phone;
    let escalated: { caseId: string; householdId: string; head: string };

    beforeAll(async () => {
      // An escalated case of the supervisor's own province: the "escalated" figure has a household behind it.
      const district = await account('district', 'ศจพ.อ.เมืองเชียงราย (ผู้ยกระดับ)', { provinceCode: PROVINCE.code, districtCode: DISTRICT.code });
      escalated = await caseAtAssignment('นางแสงดาว ฟ้าใส', '5', ROP_VIANG, [{ dimension: 'income', indicator: 'I3', description: 'รายได้ไม่พอใช้จ่าย' }]);
      await postOk(api, district, `/cases/${escalated.caseId}/escalate`, { reason: 'เกินศักยภาพอำเภอ' });
      await eventually(async () => (await api.orm().em.fork().execute('select 1 from household_case where id = ? and escalated', [escalated.caseId]))[0]);
      session = await phoneSignedInAs(await account('supervisor', 'ผู้ตรวจราชการ เชียงราย', { provinceCode: PROVINCE.code }));
    });
    afterAll(async () => {
      await session?.context.close();
    });

    it("reads the headline figures, opens the list behind one, and opens a household from it", async () => {
      const { page, watch } = session;
      // The supervisor lands on the dashboard of the province, named, for the fiscal year in the Buddhist era.
      await page.getByRole('heading', { level: 1, name: th.dashboard.title }).waitFor(STEP);
      await page.locator('details.area-choice summary', { hasText: PROVINCE.name }).waitFor(STEP);
      await page.getByText(new RegExp(`ปีงบประมาณ พ.ศ. 25\\d\\d`)).first().waitFor(STEP);
      const figure = (name: string) => page.locator('ul.figures a.figure', { hasText: name });
      for (const name of [th.dashboard.inProgram, th.dashboard.overdue, th.dashboard.escalated, th.dashboard.graduated]) {
        expect(await figure(name).locator('strong').innerText()).toMatch(/^[\d,]+$/);
      }
      expect(Number(await figure(th.dashboard.inProgram).locator('strong').innerText())).toBeGreaterThanOrEqual(1);
      await watch.check('dashboard');

      const count = Number(await figure(th.dashboard.escalated).locator('strong').innerText());
      expect(count).toBeGreaterThanOrEqual(1);
      await figure(th.dashboard.escalated).click();
      await page.waitForURL(/#\/households\?.*escalated=true/, STEP);
      // The list says what it is narrowed to, in words, and holds as many households as the figure said.
      const filters = page.locator('p.filter-line');
      await filters.getByText(th.dashboard.escalated).waitFor(STEP);
      await filters.getByText(PROVINCE.name).waitFor(STEP);
      const rows = page.locator('table tbody tr');
      const link = page.getByRole('link', { name: new RegExp(escalated.head) });
      await link.waitFor(STEP);
      expect(await rows.count()).toBe(count);
      expect(await link.innerText()).toContain('หมู่ 5 ต.รอบเวียง');
      await watch.check('list behind the escalated figure');

      await link.click();
      await page.getByRole('heading', { level: 1, name: escalated.head }).waitFor(STEP);
      // The household page names it by head and village, with its area by name.
      await page.locator('dl.facts').getByText(`หมู่ 5 ต.รอบเวียง อ.${DISTRICT.name} จ.${PROVINCE.name}`).waitFor(STEP);
      await page.getByText(th.caseAt.province).first().waitFor(STEP);
      // Its due date as officials write it: day, Thai month, Buddhist-era year.
      expect(await page.locator('dl.facts .due').innerText()).toMatch(/^\d{1,2} [ก-๙.]+ 25\d\d/);
      await watch.check('household');
      expect(watch.problems()).toEqual([]);
    });
  });

  describe('admin: an account added, found and deactivated', () => {
    let session: Phone;

    beforeAll(async () => {
      session = await phoneSignedInAs(await account('admin', 'ผู้ดูแลระบบ จังหวัดเชียงราย', {}));
    });
    afterAll(async () => {
      await session?.context.close();
    });

    it('creates a mentor with the area chosen by name, finds it in the list, and deactivates it after asking once', async () => {
      const { page, watch } = session;
      // On a phone the users page sits on the bottom bar or under "more".
      const usersLink = page.getByRole('link', { name: th.nav.users });
      if (!(await usersLink.isVisible())) await page.getByRole('button', { name: th.shell.more }).click();
      await usersLink.click();
      await page.getByRole('heading', { level: 1, name: th.users.title }).waitFor(STEP);
      await watch.check('users');

      const createForm = page.locator('details', { has: page.locator('summary', { hasText: th.users.create }) });
      await createForm.locator('summary').click();
      const displayName = 'นางสาวดวงใจ พี่เลี้ยงเวียง';
      const username = `mentor-viang-${suffix}`;
      await createForm.getByLabel(th.users.displayName).fill(displayName);
      await createForm.getByLabel(new RegExp(`^${th.username}`)).fill(username);
      await createForm.getByLabel(new RegExp(`^${th.password}`)).fill('Khao-Soi-Chiang-Rai-2570');
      await createForm.getByLabel(th.users.role).selectOption({ label: th.roles.mentor });
      // The area by name: province, then its districts, then the district's subdistricts.
      await createForm.getByLabel(new RegExp(`^${th.area.province}`)).selectOption({ label: PROVINCE.name });
      await createForm.getByLabel(new RegExp(`^${th.area.district}`)).selectOption({ label: DISTRICT.name });
      const subdistrict = createForm.getByLabel(new RegExp(`^${th.area.subdistrict}`));
      await subdistrict.locator('option', { hasText: 'รอบเวียง' }).waitFor({ state: 'attached', ...STEP });
      await subdistrict.selectOption({ label: 'เวียง' });
      await watch.check('new user form');
      await createForm.locator('button[type=submit]', { hasText: th.users.create }).click();
      await page.getByRole('status').getByText(th.users.created(displayName)).waitFor(STEP);

      await page.getByLabel(th.users.search).fill(username);
      await page.getByRole('button', { name: th.search }).click();
      const card = page.locator('ul.cards li', { hasText: username });
      await card.locator('.meta', { hasText: `${th.roles.mentor} · ต.เวียง อ.${DISTRICT.name} จ.${PROVINCE.name}` }).waitFor(STEP);
      await card.getByText(th.users.active, { exact: true }).waitFor(STEP);
      // The card may show first in the list before the search (the newest account): wait for the search's own answer.
      await eventually(async () => (await page.locator('ul.cards li').count()) === 1);
      await watch.check('new user in the list');

      // Deactivating asks once, naming the account; Cancel keeps it active.
      await card.getByRole('button', { name: th.users.deactivate, exact: true }).click();
      await dialogSaying(page, th.users.confirmDeactivate(displayName));
      await cancelDialog(page);
      await card.getByText(th.users.active, { exact: true }).waitFor(STEP);
      await card.getByRole('button', { name: th.users.deactivate, exact: true }).click();
      const dialog = await dialogSaying(page, th.users.confirmDeactivate(displayName));
      await watch.check('deactivate confirmation');
      await dialog.getByRole('button', { name: th.users.deactivate, exact: true }).click();
      await card.getByRole('status').getByText(th.users.deactivated).waitFor(STEP);
      await card.getByText(th.users.inactive, { exact: true }).waitFor(STEP);
      // Now it can only be activated again ("เปิด…" holds "ปิด…": names are compared whole).
      expect(await card.getByRole('button', { name: th.users.deactivate, exact: true }).count()).toBe(0);
      await card.getByRole('button', { name: th.users.activate, exact: true }).waitFor(STEP);
      await watch.check('user deactivated');
      expect(watch.problems()).toEqual([]);
    });
  });
});
