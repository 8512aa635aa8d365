import type { Browser, Locator, Page } from 'playwright-core';
import type { CaseView } from '../../api/views/case-view';
import { launchChromium } from '../../infra/chromium';
import { formatDate, todayIso } from '../../web/src/format';
import { th } from '../../web/src/i18n-th';
import { postOk, serveOnLocalPort, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { browserDescribe } from '../helpers/browser';
import { openCase, type FieldCase } from '../helpers/field-cases';
import { phoneSignedIn, STEP, type Phone } from '../helpers/phone';
import { eventually } from '../helpers/servers';

/**
 * Issue 14, the field roles' day at a phone's width (390 × 844, Thai, Bangkok time), each role in
 * its own browser context of one shared Chromium: the mentor verifies, analyses (4ท and problems),
 * plans and later follows up; the agency logs its activities and completes its tasks; the province
 * takes an escalated case and sends it back to the district with instructions. What happens between
 * the steps (district assignment, escalation) goes through the API; each step the suite is about
 * is taken in the browser and checked as the official reads it: the household by head and village,
 * the Thai confirmation of each save, dates in the Buddhist era, and nothing on screen an official
 * must not meet (test/helpers/screen-watch.ts). Chiang Mai (50), district 5001, is this file's area.
 */
jest.setTimeout(300_000);

const describeInBrowser = browserDescribe('the role-field browser test');

const AREA = { provinceCode: '50', districtCode: '5001', subdistrictCode: '500101' };
/** How a Thai address names the village and subdistrict (placeOf in web/src/components/names.tsx). */
const village = (no: string) => `หมู่ ${no} ต.ศรีภูมิ`;
const BUDDHIST_YEAR = String(Number(todayIso().slice(0, 4)) + 543);
const TODAY_TH = formatDate(todayIso(), 'th');

type Account = Awaited<ReturnType<typeof signedIn>>;

describeInBrowser('web UI, role by role in the field: mentor, agency, province', () => {
  const api = useApi();
  let browser: Browser;
  let baseUrl: string;
  const as: Record<'team' | 'mentor' | 'district' | 'agency' | 'province', Account> = {} as never;

  beforeAll(async () => {
    baseUrl = await serveOnLocalPort(api.app());
    as.team = await signedIn(api.orm(), 'operationsTeam', AREA);
    as.mentor = await signedIn(api.orm(), 'mentor', AREA);
    as.district = await signedIn(api.orm(), 'district', { provinceCode: '50', districtCode: '5001' });
    as.agency = await signedIn(api.orm(), 'agency', { provinceCode: '50', agencyCode: 'CDD' });
    as.province = await signedIn(api.orm(), 'province', { provinceCode: '50' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  // ---- Preconditions through the API, as the other roles would leave them ----

  const caseNow = async (caseId: string): Promise<CaseView> => (await api.app().inject({ method: 'GET', url: `/cases/${caseId}`, headers: as.district.headers })).json<CaseView>();

  /** A TPMAP household (failing I3) in `villageNo`, opened by the subdistrict team: waiting for verification. */
  const openInVillage = (headName: string, villageNo: string): Promise<FieldCase> => openCase(api, as.team, AREA, headName, { villageNo, address: `${villageNo}/1 หมู่ ${villageNo}` });

  /** Verified, analysed with two problems (income, living) and planned: waiting for the district. */
  async function caseAtAssignment(headName: string, villageNo: string): Promise<FieldCase & { problems: CaseView['problems'] }> {
    const opened = await openInVillage(headName, villageNo);
    await postOk(api, as.team, `/cases/${opened.caseId}/verify`, { outcome: 'confirmed' });
    await postOk(api, as.mentor, `/cases/${opened.caseId}/analysis`, {
      attitude: 'อยากมีรายได้',
      skills: 'ทำสวน',
      resources: 'ที่ดิน 2 ไร่',
      wayOut: 'ปลูกผักขาย',
      householdType: 'canDevelop',
      problems: [
        { dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำกว่าเกณฑ์' },
        { dimension: 'living', indicator: 'L1', description: 'หลังคารั่ว' },
      ],
    });
    const planned = await postOk<CaseView>(api, as.mentor, `/cases/${opened.caseId}/plan`, {
      goal: 'sufficient',
      items: [
        { dimension: 'income', problemIndex: 0, action: 'ปลูกผักสวนครัว', supportBy: 'พัฒนาชุมชนอำเภอ' },
        { dimension: 'living', problemIndex: 1, action: 'ซ่อมหลังคา', supportBy: 'พัฒนาชุมชนอำเภอ' },
      ],
    });
    return { ...opened, problems: planned.problems };
  }

  /** The district assigns every open problem to the CDD office: one open task per problem. */
  async function assignToCdd(caseId: string, problems: CaseView['problems']): Promise<string[]> {
    const assigned = await postOk<CaseView>(api, as.district, `/cases/${caseId}/assign`, { assignments: problems.filter((p) => p.status === 'open').map((p) => ({ problemId: p.id, agencyCode: 'CDD' })) });
    return assigned.tasks.filter((task) => task.status === 'open').map((task) => task.taskId);
  }

  // ---- The browser: one context per role (a phone of its own, test/helpers/phone.ts) ----

  const phoneOf = (account: Account): Promise<Phone> => phoneSignedIn(browser, baseUrl, account.username);

  /** The green notice after a save: what was recorded, and the next step or where the case waits now. */
  async function savedNotice(page: Page, ...lines: string[]): Promise<void> {
    const notice = page.locator('p.saved[role=status]');
    for (const line of lines) await notice.getByText(line).waitFor(STEP);
  }

  /** The action's form on the household page, opened if it is not the open one. */
  async function actionForm(page: Page, action: string): Promise<Locator> {
    const details = page.locator('section.actions details', { has: page.locator('summary', { hasText: action }) });
    await details.waitFor(STEP);
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
    return details;
  }

  /** The household page's header: the head's name as the title, the village and subdistrict by name. */
  async function householdHeader(page: Page, head: string, villageNo: string): Promise<void> {
    await page.getByRole('heading', { level: 1, name: head }).waitFor(STEP);
    await page.locator('header.household-head').getByText(village(villageNo)).waitFor(STEP);
  }

  /** The read model follows the workflow a moment later: reload the list, as an official would, until the household is on it. */
  async function cardFor(page: Page, path: string, head: string): Promise<Locator> {
    const card = page.locator('ul.cards li', { hasText: head });
    await page.goto(`${baseUrl}/#${path}`);
    await eventually(async () => (await card.first().waitFor({ timeout: 3_000 }).then(() => true, () => false)) || (await page.reload(), false), 30_000);
    return card;
  }

  /** Dates on the screen are in the Buddhist era (25xx), never a Gregorian year (20xx). */
  async function expectBuddhistDates(scope: Locator): Promise<void> {
    const text = await scope.innerText();
    expect(text).toMatch(/(?<![\d,.])25\d\d(?![\d,.])/);
    expect(text.match(/(?<![\d,.])20\d\d(?![\d,.])/g)).toBeNull();
  }

  describe('mentor: verification, the 4ท analysis and plan, and a follow-up visit', () => {
    let phone: Phone;
    const head = `นางแสงดาว พี่เลี้ยง${Date.now() % 10_000}`;
    let caseId = '';
    beforeAll(async () => {
      ({ caseId } = await openInVillage(head, '7'));
      phone = await phoneOf(as.mentor);
    });
    afterAll(async () => {
      await phone?.context.close();
    });

    it('finds the household by name, verifies it, records the 4ท analysis with its problems and the plan', async () => {
      const { page, watch } = phone;
      // A target waiting for verification is the subdistrict team's work: the mentor finds it by name.
      await page.goto(`${baseUrl}/#/households`);
      await page.getByRole('searchbox').fill(head);
      await page.getByRole('button', { name: th.search, exact: true }).click();
      const found = page.getByRole('link', { name: new RegExp(head) });
      await found.getByText(village('7')).waitFor(STEP);
      await watch.check('mentor: household search');
      await found.click();
      await householdHeader(page, head, '7');
      await watch.check('mentor: household to verify');

      const verify = await actionForm(page, th.actions.verifyTarget);
      await verify.getByLabel(th.form.outcome).selectOption('confirmed');
      await verify.getByRole('button', { name: th.save, exact: true }).click();
      await savedNotice(page, th.flow.recorded.verifyTarget, th.flow.next(th.actions.recordAnalysis));

      // The analysis opens next, the failed TPMAP indicator already a problem; the mentor adds a second one.
      const analysis = page.locator('details[open]', { has: page.locator('summary', { hasText: th.actions.recordAnalysis }) });
      await analysis.waitFor(STEP);
      await analysis.getByLabel(th.form.attitude).fill('อยากมีอาชีพเสริม ลูกอยากเรียนต่อ');
      await analysis.getByLabel(th.form.skills).fill('ทอผ้า ทำขนมจีน');
      await analysis.getByLabel(th.form.resources).fill('กี่ทอผ้า 1 หลัง ที่ดินหลังบ้าน');
      await analysis.getByLabel(th.form.wayOut).fill('ขายผ้าทอในตลาดประชารัฐ');
      expect(await analysis.locator('.row-editor').count()).toBe(1);
      await analysis.getByRole('button', { name: th.form.addProblem }).click();
      const second = analysis.locator('.row-editor').nth(1);
      await second.getByLabel(th.form.dimension).selectOption('living');
      await second.getByLabel(th.household.description).fill('หลังคารั่วเมื่อฝนตก');
      await watch.check('mentor: 4ท analysis form');
      await analysis.getByRole('button', { name: th.save, exact: true }).click();
      await savedNotice(page, th.flow.recorded.recordAnalysis, th.flow.next(th.actions.recordPlan));
      const problems = page.locator('section[aria-labelledby=problems]');
      await problems.getByText('หลังคารั่วเมื่อฝนตก').waitFor(STEP);
      await problems.getByRole('heading', { name: th.dimensions.living }).waitFor(STEP);

      // The plan: one action per problem, the target date typed in the Buddhist era.
      const plan = page.locator('details[open]', { has: page.locator('summary', { hasText: th.actions.recordPlan }) });
      await plan.waitFor(STEP);
      const items = plan.locator('fieldset.row-editor');
      expect(await items.count()).toBe(2);
      const nextYear = Number(BUDDHIST_YEAR) + 1;
      await items.nth(0).getByLabel(th.form.action, { exact: true }).fill('ทอผ้าขายที่ตลาดชุมชน');
      await items.nth(0).getByLabel(th.form.supportBy).fill('พัฒนาชุมชนอำเภอ');
      await items.nth(0).getByLabel(th.form.targetDate).fill(`30/06/${nextYear}`);
      await items.nth(1).getByLabel(th.form.action, { exact: true }).fill('ซ่อมหลังคาบ้าน');
      await items.nth(1).getByLabel(th.form.supportBy).fill('องค์การบริหารส่วนตำบล');
      await plan.getByRole('button', { name: th.save, exact: true }).click();
      await savedNotice(page, th.flow.recorded.recordPlan, th.flow.nowAt(th.stages.districtAssignment));
      // The next step is the district's: no other form (relief, pause) opens in its place.
      expect(await page.locator('section.actions details[open]').count()).toBe(0);
      await page.locator('section[aria-labelledby=analysis] li', { hasText: `30 มิ.ย. ${nextYear}` }).first().waitFor(STEP);
      await expectBuddhistDates(page.locator('ol.timeline'));
      await watch.check('mentor: plan recorded');
    });

    it('later records the follow-up visit once the agency has done its work', async () => {
      const { page, watch } = phone;
      // Between the visits: the district assigns both problems, and the agency completes each task with an activity.
      const planned = await caseNow(caseId);
      for (const taskId of await assignToCdd(caseId, planned.problems)) {
        await postOk(api, as.agency, `/tasks/${taskId}/activities`, { date: todayIso(), kind: 'อบรมอาชีพ', description: 'อบรมทอผ้าลายใหม่', baht: 800, items: 2 });
        await postOk(api, as.agency, `/tasks/${taskId}/complete`, {});
      }
      await eventually(async () => (await caseNow(caseId)).stage === 'followUp', 30_000);

      // The follow-up is the mentor's work again: it is in the inbox, by name and village.
      const card = await cardFor(page, '/inbox', head);
      await card.getByText(village('7')).waitFor(STEP);
      await card.getByText(th.stages.followUp).first().waitFor(STEP);
      await watch.check('mentor: inbox with the follow-up');
      await card.getByRole('link').first().click();
      await householdHeader(page, head, '7');
      // At the follow-up stage the follow-up form is the one open; the visits are dated in the Buddhist era.
      expect(await page.locator('section.actions details[open] summary').first().innerText()).toContain(th.actions.recordFollowUp);
      await expectBuddhistDates(page.locator('section[aria-labelledby=analysis]'));
      const followUp = await actionForm(page, th.actions.recordFollowUp);
      const outcomes = followUp.locator('select');
      expect(await outcomes.count()).toBe(2);
      await outcomes.nth(0).selectOption('solved');
      await outcomes.nth(1).selectOption('followingUp');
      await followUp.getByLabel(th.form.note).fill('ขายผ้าได้เดือนละ 3,000 บาท หลังคายังต้องติดตาม');
      await watch.check('mentor: follow-up form');
      await followUp.getByRole('button', { name: th.save, exact: true }).click();
      // The next visit is months away: the notice gives its date, and the form does not open again.
      await savedNotice(page, th.flow.recorded.recordFollowUp);
      const nextVisit = formatDate((await caseNow(caseId)).dueAt, 'th');
      expect(nextVisit).toMatch(/25\d\d$/);
      await savedNotice(page, th.flow.nextVisit(nextVisit));
      expect(await page.locator('section.actions details[open]').count()).toBe(0);
      // The logbook holds the agency's activities, in baht and dated in the Buddhist era.
      const logbook = page.locator('section[aria-labelledby=logbook]');
      await logbook.getByRole('cell', { name: '1,600', exact: true }).first().waitFor(STEP);
      await expectBuddhistDates(logbook);
      await page.locator('ol.timeline').getByText(th.events.followUpRecorded).first().waitFor(STEP);
      await watch.check('mentor: follow-up recorded');
    });

    it('met nothing an official must not see', () => {
      expect(phone.watch.problems()).toEqual([]);
    });
  });

  describe('agency: from its task list to the logbook and a completed task', () => {
    let phone: Phone;
    const head = `นายบุญส่ง หน่วยงาน${Date.now() % 10_000}`;
    beforeAll(async () => {
      const atAssignment = await caseAtAssignment(head, '3');
      await assignToCdd(atAssignment.caseId, atAssignment.problems);
      phone = await phoneOf(as.agency);
    });
    afterAll(async () => {
      await phone?.context.close();
    });

    it('opens a task from its list, is refused completing it empty, logs an activity and completes it after confirming', async () => {
      const { page, watch } = phone;
      // The agency's landing page is its tasks: whom to help and where, not a code.
      const cards = await cardFor(page, '/', head);
      expect(await cards.count()).toBe(2);
      await cards.first().getByText(village('3')).waitFor(STEP);
      await watch.check('agency: task list');
      await cards.filter({ hasText: 'รายได้ต่ำกว่าเกณฑ์' }).getByRole('link').first().click();
      await page.locator('.visit-card').getByRole('link', { name: head }).waitFor(STEP);
      await page.locator('.visit-card').getByText(village('3')).waitFor(STEP);
      await watch.check('agency: task');

      // Completing with nothing in the logbook asks first, then is refused in Thai.
      const complete = page.locator('section.actions details', { has: page.locator('summary', { hasText: th.tasks.complete }) });
      await complete.locator('summary').click();
      await complete.getByText(th.flow.noActivityYet).waitFor(STEP);
      await complete.locator('button[type=submit]').click();
      let dialog = page.locator('dialog[open]');
      await dialog.getByText(th.flow.ask.completeTask).waitFor(STEP);
      await dialog.getByRole('button', { name: th.tasks.complete }).click();
      await complete.getByRole('alert').getByText(th.errors.codes.TASK_NO_ACTIVITY).waitFor(STEP);
      await watch.check('agency: completion refused');

      // The activity: baht and items, confirmed with what was recorded, dated in the Buddhist era.
      const log = page.locator('section.actions details', { has: page.locator('summary', { hasText: th.tasks.logActivity }) });
      if (!(await log.evaluate((d) => (d as HTMLDetailsElement).open))) await log.locator('summary').click();
      await log.getByLabel(th.form.kind).fill('มอบพันธุ์ผัก');
      await log.getByLabel(th.household.description).fill('เมล็ดพันธุ์ผักและปุ๋ยอินทรีย์');
      await log.getByLabel(th.form.baht).fill('1250');
      await log.getByLabel(th.form.items).fill('4');
      await log.getByRole('button', { name: th.save, exact: true }).click();
      await savedNotice(page, th.flow.activityLogged('มอบพันธุ์ผัก', '1,250', 4));
      const logbook = page.getByRole('region', { name: th.tasks.log });
      await logbook.getByRole('cell', { name: 'เมล็ดพันธุ์ผักและปุ๋ยอินทรีย์' }).waitFor(STEP);
      await logbook.getByRole('cell', { name: TODAY_TH }).waitFor(STEP);
      await expectBuddhistDates(page.locator('main'));
      await watch.check('agency: activity logged');

      // Now the task completes, after the same question; the way on goes to the next task.
      await complete.locator('summary').click();
      expect(await complete.getByText(th.flow.noActivityYet).count()).toBe(0);
      await complete.locator('button[type=submit]').click();
      dialog = page.locator('dialog[open]');
      await dialog.getByText(th.flow.ask.completeTask).waitFor(STEP);
      await dialog.getByRole('button', { name: th.tasks.complete }).click();
      await savedNotice(page, th.flow.taskCompleted);
      await page.locator('dl.facts').getByText(th.taskStatus.done).waitFor(STEP);
      // How and when it ended, in words and the Buddhist era.
      expect(await page.locator('p.outcome').innerText()).toBe(`${th.taskStatus.done} ${TODAY_TH}`);
      await watch.check('agency: task completed');
      await page.locator('p.saved').getByRole('link', { name: th.flow.backToTasks }).click();
      await page.getByRole('heading', { level: 1, name: th.tasks.title }).waitFor(STEP);
    });

    it('completes a task without any activity only as done without cost, with a note', async () => {
      const { page, watch } = phone;
      const card = await cardFor(page, '/tasks', head);
      expect(await card.count()).toBe(1);
      await card.getByRole('link').first().click();
      await page.locator('.visit-card').getByRole('link', { name: head }).waitFor(STEP);
      const complete = page.locator('section.actions details', { has: page.locator('summary', { hasText: th.tasks.complete }) });
      await complete.locator('summary').click();
      await complete.getByRole('switch', { name: th.flow.withoutCost }).check();
      // Done without cost needs a note saying what was done: without one the form stops before it asks.
      const note = complete.getByRole('textbox', { name: th.flow.withoutCostNote });
      await complete.locator('button[type=submit]').click();
      expect(await note.evaluate((field) => (field as HTMLTextAreaElement).validity.valueMissing)).toBe(true);
      const dialog = page.locator('dialog[open]');
      expect(await dialog.count()).toBe(0);
      await note.fill('ประสานช่างอาสาในหมู่บ้านซ่อมหลังคาให้ ไม่มีค่าใช้จ่าย');
      await complete.locator('button[type=submit]').click();
      await dialog.getByText(th.flow.ask.completeTask).waitFor(STEP);
      await dialog.getByRole('button', { name: th.tasks.complete }).click();
      await savedNotice(page, th.flow.taskCompleted);
      expect(await page.locator('p.outcome').innerText()).toBe(`${th.taskStatus.done} ${TODAY_TH} ${th.flow.doneWithoutCost} · ประสานช่างอาสาในหมู่บ้านซ่อมหลังคาให้ ไม่มีค่าใช้จ่าย`);
      await expectBuddhistDates(page.locator('main'));
      await watch.check('agency: done without cost');
    });

    it('met nothing an official must not see', () => {
      expect(phone.watch.problems()).toEqual([]);
    });
  });

  describe('province: an escalated case sent back to the district with instructions', () => {
    let phone: Phone;
    const head = `นางคำปุ่น จังหวัด${Date.now() % 10_000}`;
    let caseId = '';
    beforeAll(async () => {
      ({ caseId } = await caseAtAssignment(head, '9'));
      await postOk(api, as.district, `/cases/${caseId}/escalate`, { reason: 'ต้องใช้งบซ่อมบ้านเกินศักยภาพอำเภอ' });
      phone = await phoneOf(as.province);
    });
    afterAll(async () => {
      await phone?.context.close();
    });

    it('takes the case from its inbox and returns it to the district with instructions', async () => {
      const { page, watch } = phone;
      const card = await cardFor(page, '/', head);
      await card.getByText(village('9')).waitFor(STEP);
      await card.getByText(th.caseAt.province).first().waitFor(STEP);
      // The card says the district sent it up, when and why, before the case is even opened.
      await card.getByText(`${th.caseAt.escalatedByDistrict} ${TODAY_TH}`).waitFor(STEP);
      await card.getByText(`${th.caseAt.reason}: ต้องใช้งบซ่อมบ้านเกินศักยภาพอำเภอ`).waitFor(STEP);
      await watch.check('province: inbox');
      await card.getByRole('link').first().click();
      await householdHeader(page, head, '9');
      // Why the district sent it up, in its own words and dated, at the top of the page; the timeline says who.
      const handOver = page.locator('header.household-head [role=note]');
      await handOver.getByText(`${th.caseAt.escalatedByDistrict} ${TODAY_TH}`).waitFor(STEP);
      await handOver.getByText(`${th.caseAt.reason}: ต้องใช้งบซ่อมบ้านเกินศักยภาพอำเภอ`).waitFor(STEP);
      const timeline = page.locator('ol.timeline');
      await timeline.getByText(`${th.roles.district} → ${th.roles.province}`).waitFor(STEP);
      await expectBuddhistDates(timeline);
      await watch.check('province: escalated case');

      const instructions = 'ประสาน อบต. ใช้งบซ่อมบ้านผู้ยากไร้ แล้วมอบหมายใหม่ภายใน 15 วัน';
      const back = await actionForm(page, th.actions.returnToDistrict);
      await back.getByRole('textbox', { name: th.form.instructions }).fill(instructions);
      await back.locator('button[type=submit]').click();
      // Handing the case back asks once; cancelling keeps it at the province.
      const dialog = page.locator('dialog[open]');
      await dialog.getByText(th.flow.ask.returnToDistrict).waitFor(STEP);
      await dialog.getByRole('button', { name: th.cancel }).click();
      await dialog.waitFor({ state: 'detached', ...STEP });
      expect((await caseNow(caseId)).assignmentLevel).toBe('province');
      await back.locator('button[type=submit]').click();
      await dialog.getByRole('button', { name: th.save, exact: true }).click();
      await savedNotice(page, th.flow.recorded.returnToDistrict, th.flow.nowAt(th.stages.districtAssignment));
      expect(await page.locator('section.actions details[open]').count()).toBe(0);
      // The case now reads as sent back, with the instructions and the day, in the Buddhist era.
      await handOver.getByText(`${th.caseAt.returnedByProvince} ${TODAY_TH}`).waitFor(STEP);
      await handOver.getByText(`${th.caseAt.instructions}: ${instructions}`).waitFor(STEP);
      expect((await caseNow(caseId)).assignmentLevel).toBe('district');
      await watch.check('province: returned to the district');
    });

    it('met nothing an official must not see', () => {
      expect(phone.watch.problems()).toEqual([]);
    });
  });
});
