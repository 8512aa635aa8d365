import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../api/services/accounts';
import { launchChromium } from '../../infra/chromium';
import { th } from '../../web/src/i18n-th';
import { POLICY_WORDS } from '../../web/src/pages/policies-words';
import { useApi } from '../helpers/api-harness';
import { TEST_PASSWORD } from '../helpers/auth';
import { seriousA11yViolations, browserDescribe } from '../helpers/browser';

/**
 * A province official sets next year's rules on a phone: the page shows the version in force in
 * words and dates, a new version is saved from today, and its migration preview says what would
 * move. Phatthalung (93) is this file's own province.
 */
jest.setTimeout(180_000);
const describeInBrowser = browserDescribe('the policies browser test');
const w = POLICY_WORDS.th;
const STEP = { timeout: 30_000 };

describeInBrowser('web UI: a province sets its own policy', () => {
  const api = useApi();
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  const username = `ui-province-${Date.now().toString(36)}`;

  beforeAll(async () => {
    await api.app().listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(api.app().server.address() as AddressInfo).port}`;
    await createUser(api.orm().em.fork(), { username, displayName: 'นางจังหวัด ทดสอบ', password: TEST_PASSWORD, role: 'province', provinceCode: '93' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
  });
  afterAll(async () => browser?.close());

  it('shows the version in force, saves a new one from today and previews the move', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${baseUrl}/#/`);
    await page.getByLabel(th.username).fill(username);
    await page.getByLabel(th.password).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: th.signIn }).click();
    await page.getByRole('button', { name: th.signOut }).waitFor(STEP);

    await page.goto(`${baseUrl}/#/policies`);
    await page.getByRole('heading', { level: 1, name: w.title }).waitFor(STEP);
    await page.getByText(w.national).first().waitFor(STEP);
    await page.getByText(w.inForce).waitFor(STEP);

    await page.getByText(w.newVersion).click();
    await page.getByLabel(w.stage.verification).fill('20');
    await page.getByRole('button', { name: th.save, exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'บันทึกนโยบายฉบับใหม่แล้ว' }).waitFor(STEP);
    await page.getByText('พัทลุง').first().waitFor(STEP);

    await page.getByRole('button', { name: w.preview }).click();
    await page.getByText(/จะย้ายกรณีที่ยังเปิดอยู่ 0 ราย/).waitFor(STEP);
    await page.screenshot({ path: `${process.env.KAEJON_SCREENSHOT_DIR ?? '/tmp'}/policies-390.png`, fullPage: true });

    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|\b93-20\d\d|undefined|NaN/);
    // The page's own content fits the phone (the header's menu is the shell's, tested in phone-shell).
    expect(await page.evaluate(() => document.querySelector('main')?.scrollWidth ?? 0)).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
