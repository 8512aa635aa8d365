import type { Browser } from 'playwright-core';
import { SESSION_COOKIE } from '../../api/auth/sessions';
import { launchChromium } from '../../infra/chromium';
import { en } from '../../web/src/i18n-en';
import { th } from '../../web/src/i18n-th';
import { serveOnLocalPort, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { browserDescribe } from '../helpers/browser';
import { PHONE, STEP } from '../helpers/phone';
import { watchScreen } from '../helpers/screen-watch';

/**
 * In the packaged Chromium: a signed-in navigation opens on the data the server wrote into the page
 * (api/plugins/first-screen.ts) without asking /auth/me, /reference or the inbox, while the service
 * worker's precached shell, which every later opening is served from, is the plain page. Opened
 * from that shell, the app asks for its last landing page's data beside /auth/me; sign-out forgets
 * which page that was. The page also carries the landing page's HTML (web/src/server-render.tsx):
 * it shows before any of the app's code has arrived, and the app takes it over without drawing it
 * again, except where the app would draw something else.
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

  /**
   * Suphan Buri, Mueang: this file's own district. Other files' cases (the API fuzzing's among
   * them, with generated names) fill the shared districts' inboxes.
   */
  const OWN_DISTRICT = { provinceCode: '72', districtCode: '7201' };
  /** A phone signed in as `who` whose app code (every .js file) waits until `release()`. */
  async function phoneWithHeldCode(who: { headers: { authorization: string } }, language?: 'en') {
    const context = await browser.newContext(PHONE);
    await context.addCookies([{ name: SESSION_COOKIE, value: who.headers.authorization.replace(/^Bearer /, ''), url: baseUrl }]);
    if (language) await context.addInitScript((lang) => localStorage.setItem('kaejon.lang', lang), language);
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route(/\/assets\/.*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    return { context, page, watch: watchScreen(page), release };
  }
  const appStarted = (page: import('playwright-core').Page) => page.waitForFunction(() => performance.getEntriesByName('kaejon:first-screen').length > 0, undefined, STEP);

  it("shows the landing page before the app's code arrives, and the app takes that page over as it stands", async () => {
    const district = await signedIn(api.orm(), 'district', OWN_DISTRICT);
    const { context, page, watch, release } = await phoneWithHeldCode(district);
    try {
      await page.goto(`${baseUrl}/#/`, { waitUntil: 'commit' });
      // No script of the app has run: what shows is the server's HTML.
      await page.locator('main h1', { hasText: th.inbox.title }).waitFor(STEP);
      await page.locator('.counters').waitFor(STEP);
      await page.getByRole('link', { name: th.nav.dashboard }).waitFor(STEP);
      await page.evaluate(() => Object.assign(window, { serverCounters: document.querySelector('.counters') }));
      release();
      await appStarted(page);
      // Hydrated, not drawn again: the very element the server wrote is still on the page...
      expect(await page.evaluate(() => document.contains((window as unknown as { serverCounters: Element }).serverCounters))).toBe(true);
      // ...and it is live: a filter asks the server for the list it names.
      const asked = page.waitForRequest((request) => request.url().includes('/inbox?due=overdue'), STEP);
      await page.getByLabel(th.filter).selectOption('overdue');
      await asked;
      await watch.check('hydrated inbox');
      expect(watch.problems()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('never shows the landing page for a link to another page, nor in Thai to a phone switched to English', async () => {
    const district = await signedIn(api.orm(), 'district', OWN_DISTRICT);
    const linked = await phoneWithHeldCode(district);
    try {
      const page = linked.page;
      await page.goto(`${baseUrl}/#/meetings`, { waitUntil: 'commit' });
      // Parsed past the page's body (its app code, deferred, still held): the landing page is gone.
      await page.locator('noscript').waitFor({ state: 'attached', ...STEP });
      expect(await page.locator('#app').innerHTML()).toBe('');
      linked.release();
      await page.locator('main h1', { hasText: th.meetings.title }).waitFor(STEP);
      expect(await page.locator('.counters').count()).toBe(0);
      expect(linked.watch.problems()).toEqual([]);
    } finally {
      await linked.context.close();
    }
    const english = await phoneWithHeldCode(district, 'en');
    try {
      const page = english.page;
      await page.goto(`${baseUrl}/#/`, { waitUntil: 'commit' });
      english.release();
      await page.locator('main h1', { hasText: en.inbox.title }).waitFor(STEP);
      await appStarted(page);
      expect(await page.getByRole('button', { name: en.signOut }).count()).toBe(1);
      expect(await page.locator('main h1').innerText()).toBe(en.inbox.title);
      expect(english.watch.problems()).toEqual([]);
    } finally {
      await english.context.close();
    }
  });

  it("draws the dashboard's charts again once the fonts arrive: a canvas keeps the font it was drawn in", async () => {
    const supervisor = await signedIn(api.orm(), 'supervisor');
    const context = await browser.newContext(PHONE);
    try {
      await context.addCookies([{ name: SESSION_COOKIE, value: supervisor.headers.authorization.replace(/^Bearer /, ''), url: baseUrl }]);
      // The font files held back until the charts are drawn, as on a slow line.
      let release = () => undefined as void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await context.route(/\/assets\/sarabun-.*\.woff2?$/, async (route) => {
        await held;
        await route.continue();
      });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/#/`, { waitUntil: 'commit' });
      const drawn = page.locator('figure.chart canvas[data-drawn]').first();
      await drawn.waitFor(STEP);
      const before = await drawn.evaluate((canvas: HTMLCanvasElement) => canvas.toDataURL());
      release();
      await page.waitForFunction((first) => document.querySelector<HTMLCanvasElement>('figure.chart canvas[data-drawn]')?.toDataURL() !== first, before, STEP);
    } finally {
      await context.close();
    }
  });
});
