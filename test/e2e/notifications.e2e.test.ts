import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../api/services/accounts';
import type { NotificationPreferencesView } from '../../domain/contract/notifications';
import { readPreferences } from '../../db/notifications';
import { launchChromium } from '../../infra/chromium';
import { th } from '../../web/src/i18n-th';
import { useApi } from '../helpers/api-harness';
import { TEST_PASSWORD } from '../helpers/auth';
import { seriousA11yViolations, browserDescribe } from '../helpers/browser';

/**
 * The Notifications page on a phone (390 px), in Thai: choose the daily e-mail for a kind, be
 * told in Thai that it needs an address, give one, and find it saved. No horizontal scrolling,
 * no serious axe-core violation.
 */
jest.setTimeout(120_000);

const describeInBrowser = browserDescribe('the notifications browser test');

describeInBrowser('web UI: การแจ้งเตือน, my notification choices on a phone', () => {
  const api = useApi({ worker: false });
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let userId: string;
  const username = `ui-notify-${Date.now().toString(36)}`;

  beforeAll(async () => {
    await api.app().listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(api.app().server.address() as AddressInfo).port}`;
    userId = (await createUser(api.orm().em.fork(), { username, displayName: 'สมหญิง ทดสอบ', password: TEST_PASSWORD, role: 'mentor', provinceCode: '65', districtCode: '6502', subdistrictCode: '650203' })).id;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('chooses the daily e-mail, needs an address, saves it', async () => {
    await page.goto(`${baseUrl}/#/`);
    await page.getByLabel(th.username).fill(username);
    await page.getByLabel(th.password).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: th.signIn }).click();
    await page.getByRole('link', { name: th.nav.notifications }).click();
    await page.getByRole('heading', { name: th.notifications.title }).waitFor();

    const overdue = page.getByRole('group', { name: th.notifications.kinds.overdue });
    await overdue.getByLabel(th.notifications.deliveries.dailyDigest).check();
    // The browser's own check stops an empty address once an e-mail is chosen.
    const email = page.getByLabel(th.notifications.email);
    expect(await email.evaluate((input: HTMLInputElement) => input.required)).toBe(true);
    await email.fill('somying.t@example.go.th');
    await page.getByRole('button', { name: th.save }).click();
    await page.getByRole('status').filter({ hasText: th.notifications.saved }).waitFor();

    const saved: NotificationPreferencesView = await readPreferences(api.orm().em.fork(), userId);
    expect(saved).toMatchObject({ email: 'somying.t@example.go.th', kinds: { reminder: 'inApp', overdue: 'dailyDigest', escalated: 'inApp', taskAssigned: 'inApp' } });

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.waitForLoadState('networkidle');
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (process.env.KAEJON_SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.KAEJON_SCREENSHOT_DIR}/notifications-390.png`, fullPage: true });
  });
});
