import type { Browser } from 'playwright-core';
import { SESSION_COOKIE } from '../../api/auth/sessions';
import { launchChromium } from '../../infra/chromium';
import { th } from '../../web/src/i18n-th';
import { serveOnLocalPort, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { browserDescribe } from '../helpers/browser';
import { PHONE, STEP } from '../helpers/phone';

/**
 * In the packaged Chromium: a signed-in navigation opens on the data the server wrote into the page
 * (api/plugins/first-screen.ts) without asking /auth/me, /reference or the inbox, while the service
 * worker's precached shell, which every later opening is served from, is the plain page. Opened
 * from that shell, the app asks for its last landing page's data beside /auth/me; sign-out forgets
 * which page that was.
 */
jest.setTimeout(120_000);

browserDescribe('the first-screen browser test')('the first screen in the page', () => {
  const api = useApi({ worker: false });
  let browser: Browser;
  let baseUrl: string;
  beforeAll(async () => {
    baseUrl = await serveOnLocalPort(api.app());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens on the embedded data, and the service worker keeps only the plain shell', async () => {
    const mentor = await signedIn(api.orm(), 'mentor');
    const context = await browser.newContext({ ...PHONE, serviceWorkers: 'allow' });
    try {
      await context.addCookies([{ name: SESSION_COOKIE, value: mentor.headers.authorization.replace(/^Bearer /, ''), url: baseUrl }]);
      const page = await context.newPage();
      const asked: string[] = [];
      page.on('request', (request) => asked.push(new URL(request.url()).pathname + new URL(request.url()).search));
      await page.goto(`${baseUrl}/#/`);
      await page.locator('.counters').waitFor(STEP);
      await page.getByText(mentor.username).first().waitFor(STEP);
      for (const path of ['/auth/me', '/reference', '/inbox?limit=100']) expect(asked).not.toContain(path);
      // Taken and removed: nothing of it stays in the document.
      expect(await page.locator('#first-screen').count()).toBe(0);

      // The service worker's copy of the page, which it answers every later navigation with.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      const shells = await page.evaluate(async () => {
        const pages: string[] = [];
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const request of await cache.keys()) if (new URL(request.url).pathname === '/') pages.push(await (await cache.match(request))!.text());
        }
        return pages;
      });
      expect(shells.length).toBe(1);
      expect(shells[0]).not.toContain('id="first-screen"');
      expect(shells[0]).not.toContain(mentor.username);

      // Opened again from that shell, the app asks the server itself.
      const again = await context.newPage();
      const askedAgain: string[] = [];
      again.on('request', (request) => askedAgain.push(new URL(request.url()).pathname));
      await again.goto(`${baseUrl}/#/`);
      await again.locator('.counters').waitFor(STEP);
      expect(askedAgain).toContain('/auth/me');
      // ...and asks for its last landing page's data beside /auth/me, not after it (order of asking, not time).
      const asking = askedAgain.filter((path) => !path.startsWith('/assets/'));
      expect(asking.indexOf('/inbox')).toBeGreaterThan(-1);
      expect(asking.indexOf('/inbox')).toBeLessThan(asking.indexOf('/auth/me'));
      await again.getByText(th.offline.online).first().waitFor(STEP);

      // Sign-out forgets that landing page, and a reload gets the plain page and the login form.
      expect(await again.evaluate(() => localStorage.getItem('kaejon.landing'))).toBe('inbox');
      await again.getByRole('button', { name: th.signOut }).click();
      await again.locator('input[type=password]').waitFor(STEP);
      expect(await again.evaluate(() => localStorage.getItem('kaejon.landing'))).toBeNull();
      const reloaded = await context.newPage();
      const html = await (await reloaded.goto(`${baseUrl}/`))!.text();
      expect(html).not.toContain('id="first-screen"');
      expect(html).not.toContain(mentor.username);
      await reloaded.locator('input[type=password]').waitFor(STEP);
    } finally {
      await context.close();
    }
  });
});
