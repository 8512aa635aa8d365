import type { Browser, Locator, Page } from 'playwright-core';
import type { CaseView } from '../../api/views/case-view';
import { launchChromium } from '../../infra/chromium';
import { th } from '../../web/src/i18n-th';
import { freshNationalId, postOk, serveOnLocalPort, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { browserDescribe } from '../helpers/browser';
import { openCase } from '../helpers/field-cases';
import { PHONE, signInThroughForm, STEP } from '../helpers/phone';
import { watchScreen, type ScreenWatch } from '../helpers/screen-watch';
import { eventually } from '../helpers/servers';

/**
 * Correcting records on the household page at a phone's width: the mentor amends the 4ท analysis
 * and a member's name and adds a missing national ID; an implausible birth year is refused in Thai
 * beside the field; the district removes a problem (asked once) and changes a member's ID, with a
 * reason; each record's history shows before → after. The case is prepared through the API.
 * Kamphaeng Phet (62), district 6201, is this file's own area.
 */
jest.setTimeout(240_000);

const describeInBrowser = browserDescribe('the corrections browser test');

const AREA = { provinceCode: '62', districtCode: '6201', subdistrictCode: '620101' };

describeInBrowser('web UI: correcting the analysis, the problems and the members', () => {
  const api = useApi();
  let browser: Browser;
  let page: Page;
  let watch: ScreenWatch;
  let baseUrl: string;
  type Account = Awaited<ReturnType<typeof signedIn>>;
  const as: Record<string, Account> = {};
  const head = `นายแก้ไข ถูกต้อง${Date.now() % 10_000}`;
  const spouse = `นางคู่ ถูกต้อง${Date.now() % 10_000}`;
  let householdId: string;

  beforeAll(async () => {
    baseUrl = await serveOnLocalPort(api.app());
    as.operationsTeam = await signedIn(api.orm(), 'operationsTeam', AREA);
    as.mentor = await signedIn(api.orm(), 'mentor', AREA);
    as.district = await signedIn(api.orm(), 'district', { provinceCode: '62', districtCode: '6201' });
    browser = await launchChromium();
    page = await browser.newPage(PHONE);
    watch = watchScreen(page);

    // A verified household with two problems recorded: the head has an ID, the spouse none yet.
    const { caseId, householdId: opened } = await openCase(api, as.operationsTeam, AREA, head, { villageNo: '4', members: [{ name: head, nationalId: freshNationalId(), birthYear: 1970 }, { name: spouse }] });
    householdId = opened;
    await postOk(api, as.operationsTeam, `/cases/${caseId}/verify`, { outcome: 'confirmed' });
    await postOk<CaseView>(api, as.mentor, `/cases/${caseId}/analysis`, {
      attitude: 'อยากมีรายได้',
      skills: 'ทอผ้า',
      resources: 'กี่ทอผ้า',
      wayOut: 'ขายผ้า',
      householdType: 'canDevelop',
      problems: [
        { dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำกว่าเกณฑ์' },
        { dimension: 'health', indicator: 'H1', description: 'บันทึกผิดครัวเรือน' },
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function openHousehold(account: Account): Promise<void> {
    await signInThroughForm(page, baseUrl, account.username);
    await page.goto(`${baseUrl}/#/households/${householdId}`);
    await page.getByRole('heading', { level: 1, name: head }).waitFor(STEP);
  }

  /** Opens the correction whose button says `summary` and answers its form. */
  async function correction(summary: string): Promise<Locator> {
    const frame = page.locator('div.correction', { has: page.locator('summary', { hasText: summary }) });
    await frame.locator('summary').click();
    return frame;
  }

  async function saved(frame: Locator, text: string): Promise<void> {
    await frame.locator('p.saved[role=status]').getByText(text).waitFor(STEP);
  }

  /** The history under a record, opened: its text. */
  async function history(section: Locator): Promise<string> {
    const details = section.locator('details.correction-history').first();
    await details.waitFor(STEP);
    await details.evaluate((element) => element.setAttribute('open', ''));
    return details.innerText();
  }

  it('the mentor amends the analysis and a name, adds a missing ID, and reads a refused birth year in Thai beside the field', async () => {
    await openHousehold(as.mentor);

    // While the plan is a draft, the mentor corrects the analysis without a reason.
    let frame = await correction(th.actions.amendAnalysis);
    expect(await frame.getByLabel(th.form.reason).count()).toBe(0);
    await frame.getByLabel(th.form.attitude).fill('อยากมีรายได้ประจำ');
    await frame.getByRole('button', { name: th.save, exact: true }).click();
    await saved(frame, th.corrections.saved(th.flow.recorded.amendAnalysis, th.corrections.fields.attitude));
    const analysis = page.locator('article', { has: page.locator('#analysis') });
    await analysis.getByText('อยากมีรายได้ประจำ').first().waitFor(STEP);
    expect(await history(analysis)).toContain(`${th.corrections.fields.attitude}: อยากมีรายได้ → อยากมีรายได้ประจำ`);
    await watch.check('analysis corrected');

    // A member's name: a correction, so it says why.
    frame = await correction(th.corrections.member(head));
    await frame.getByLabel(th.household.name, { exact: true }).fill(`${head} (แก้ชื่อ)`);
    await frame.getByLabel(th.form.reason).fill('สะกดตามบัตรประชาชน');
    await frame.getByRole('button', { name: th.save, exact: true }).click();
    await saved(frame, th.corrections.saved(th.flow.recorded.amendMember, th.corrections.fields.name));

    // The spouse has no ID yet: the mentor adds it, no reason asked.
    frame = await correction(th.corrections.member(spouse));
    await frame.getByLabel(th.household.nationalId).fill(freshNationalId());
    expect(await frame.getByLabel(th.form.reason).count()).toBe(0);
    await frame.getByRole('button', { name: th.save, exact: true }).click();
    await saved(frame, th.corrections.saved(th.flow.recorded.amendMember, th.corrections.fields.nationalId));

    // A birth year no one alive has (พ.ศ. 2300 = 1757): refused, in Thai, under the field.
    frame = await correction(th.corrections.member(spouse));
    await frame.getByLabel(th.corrections.birthYearInput).fill('2300');
    await frame.getByLabel(th.form.reason).fill('ปีเกิดตามทะเบียนบ้าน');
    await frame.getByRole('button', { name: th.save, exact: true }).click();
    await frame.locator('label', { hasText: th.corrections.birthYearInput }).locator('.field-error').getByText(th.errors.codes.BIRTH_YEAR_IMPLAUSIBLE).waitFor(STEP);
    expect(await frame.getByLabel(th.corrections.birthYearInput).getAttribute('aria-invalid')).toBe('true');
    await watch.check('birth year refused');

    const members = page.locator('section[aria-labelledby=members]');
    const memberHistory = await history(members);
    expect(memberHistory).toContain(`${th.corrections.fields.name}: ${head} → ${head} (แก้ชื่อ)`);
    expect(memberHistory).toContain('สะกดตามบัตรประชาชน');
  });

  it('the district removes a problem, asked once, and changes a member\'s ID, each with a reason', async () => {
    await openHousehold(as.district);

    let frame = await correction(th.actions.amendProblems);
    const mistaken = frame.locator('fieldset', { hasText: 'H1' });
    await mistaken.getByRole('button', { name: th.form.remove }).click();
    await frame.getByLabel(th.form.reason).fill('บันทึกผิดครัวเรือน ตรวจสอบแล้ว');
    await frame.getByRole('button', { name: th.save, exact: true }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByText(th.flow.ask.removeProblem('บันทึกผิดครัวเรือน')).waitFor(STEP);
    await dialog.getByRole('button', { name: th.save }).click();
    await saved(frame, th.corrections.saved(th.flow.recorded.amendProblems, th.corrections.problemRemoved));
    const problems = page.locator('section[aria-labelledby=problems]');
    await eventually(async () => (await problems.locator('article.dimension').count()) === 1);
    expect(await history(problems)).toContain(`${th.corrections.problemRemoved}: [${th.dimensions.health}] H1 บันทึกผิดครัวเรือน`);

    // The district changes an ID that is on record; the history says only that it changed.
    frame = await correction(th.corrections.member(`${head} (แก้ชื่อ)`));
    await frame.getByLabel(th.corrections.newId).fill(freshNationalId());
    await frame.getByLabel(th.form.reason).fill('เลขเดิมพิมพ์ผิด ตรวจกับบัตรแล้ว');
    await frame.getByRole('button', { name: th.save, exact: true }).click();
    await saved(frame, th.corrections.saved(th.flow.recorded.amendMember, th.corrections.fields.nationalId));
    const members = page.locator('section[aria-labelledby=members] ul.member-corrections > li').first();
    const idChanged = `${th.corrections.fields.nationalId}: ${th.corrections.idChanges.recorded} → ${th.corrections.idChanges.changed}`;
    await eventually(async () => (await history(members)).includes(idChanged), 20_000, () => history(members));
    await watch.check('district corrections');
    expect(watch.problems()).toEqual([]);
  });
});
