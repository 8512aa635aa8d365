import zlib from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../api/auth/sessions';
import { bundleWebUi } from '../../api/plugins/web';
import { launchChromium } from '../../infra/chromium';
import { signedIn } from '../../test/helpers/auth';
import { landingPage, type LandingPage } from '../../common/landing';
import { call } from './api-client';
import { signIn, type BenchStack } from './stack';
import { startHttp2Proxy } from './h2-proxy';
import { latency, round, type Latency } from './stats';

/**
 * The web UI's first load on a mid-range phone, as issue 14 budgets it (under 2 s): Chromium at
 * 390 px with the CPU slowed four times and DevTools' "Fast 3G" line, signed in. Timed from the
 * navigation's start to the role's landing page showing its data (the inbox's counters and cards,
 * the dashboard's headline figures; its charts, drawn once chart.js is here, are timed apart), not
 * just the shell, and painted: the first screen's HTML comes
 * from the server (web/src/server-render.tsx) and is in the document before the styles let the
 * browser paint it, so the time is the later of the data's arrival and the first paint. Also the
 * time the app is live on it (its code hydrated that HTML: the `kaejon:first-screen` mark):
 * - cold: a new browser profile, so an empty HTTP cache and no service worker;
 * - warm: the app opened again in the same profile once its service worker has precached the shell
 *   (web/src/sw.ts), as an official opens it the next morning.
 * Also: the gzipped JavaScript of the first load and of the whole UI, and for each role the
 * requests of its last cold load in the order they started (what waited on what).
 */
export interface UiRoleLoads {
  role: string;
  landing: string;
  cold: Latency;
  /** The cold loads' time until the app was live on the first screen (could act on a tap). */
  coldLive: Latency;
  /** The dashboard's: until its first chart was drawn (cold). */
  coldCharts?: Latency;
  warm: Latency;
  /** Cold again over HTTPS with HTTP/2 (a local TLS proxy, as Caddy serves it): one connection for every file. */
  coldHttp2: Latency;
  /** Until the app was live, over HTTP/2. */
  coldHttp2Live: Latency;
  /** JavaScript the cold load fetched (compressed, as sent), in kB. */
  jsKb: number;
  /** Requests until the landing page showed its data, the page itself included. */
  requests: number;
  /** The last cold load's requests before the data showed: path, start and end in ms from navigation, kB sent. */
  waterfall: Array<{ path: string; startMs: number; endMs: number; kb: number }>;
}
export interface UiResult {
  /** The entry and the chunks it imports statically (what every role downloads first), gzipped kB. */
  entryJsKb: number;
  /** Every JavaScript file of the UI together, gzipped kB. */
  allJsKb: number;
  cssKb: number;
  /** Households open in the mentor's subdistrict (the caseload the phone keeps, and the inbox's cards). */
  caseload: number;
  loads: UiRoleLoads[];
}

/**
 * Chrome DevTools' "Fast 3G" preset, which Lighthouse's mobile profile also uses: 1.6 Mbps down and
 * 750 kbps up at 90%, a 150 ms round trip times 3.75 (DevTools adds it per request, so it stands
 * for the radio's and the server's delays too).
 */
export const FAST_3G = { offline: false, latency: 150 * 3.75, downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((750 * 1000) / 8) * 0.9 };
export const CPU_SLOWDOWN = 4;
/** Uthai Thani, district Mueang: the bench's own area. */
const AREA = { provinceCode: '61', districtCode: '6101', subdistrictCode: '610101' };
const ROLES = [
  { role: 'mentor', scope: AREA },
  { role: 'district', scope: { provinceCode: AREA.provinceCode, districtCode: AREA.districtCode } },
  { role: 'province', scope: { provinceCode: AREA.provinceCode } },
  { role: 'supervisor', scope: {} },
] as const;
/** What shows once each landing page has its data. */
const READY: Record<LandingPage, string> = { inbox: '.counters', dashboard: 'ul.figures', tasks: 'main ul.cards, main p' };
const CHART_DRAWN = 'figure.chart canvas[data-drawn]';
const LOAD_TIMEOUT_MS = 60_000;

const gzipKb = (body: Buffer): number => zlib.gzipSync(body).length / 1024;

export async function bundleSizes(): Promise<Omit<UiResult, 'loads' | 'caseload'>> {
  const bundle = await bundleWebUi();
  // The entry is both preloaded and the page's script: counted once.
  const preloaded = [...new Set([...bundle.index.matchAll(/(?:href|src)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]))];
  const sum = (names: string[]) => round(names.reduce((kb, name) => kb + gzipKb(bundle.assets.get(name)!.body), 0), 1);
  const all = [...bundle.assets.keys()];
  return { entryJsKb: sum(preloaded), allJsKb: sum(all.filter((n) => n.endsWith('.js'))), cssKb: sum(all.filter((n) => n.endsWith('.css'))) };
}

/** Open cases in the mentor's subdistrict, so the inbox has cards and the phone a caseload to keep. */
async function openCaseload(stack: BenchStack, households: number): Promise<void> {
  const team = await signedIn(stack.orm, 'operationsTeam', AREA, 3_600_000);
  const tag = String(Date.now()).slice(-5);
  for (let i = 0; i < households; i++) {
    const houseCode = `6101${tag}${String(i).padStart(2, '0')}`.slice(0, 11);
    const household = { houseCode, ...AREA, villageNo: String(1 + (i % 9)), source: 'tpmap', headName: `นางสมใจ ทดสอบ${i}`, members: [{ name: `นางสมใจ ทดสอบ${i}` }], failedIndicators: ['I3'] };
    await call(stack, 'POST', '/cases', team.headers, { household }, 201);
  }
}

/** A page on the phone profile: CPU and line throttled before anything loads. */
async function phonePage(context: BrowserContext, role: string): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  // What went wrong, if anything: a page that never shows its data says why in the bench's log.
  page.on('response', (response) => response.status() >= 400 && console.warn(`ui bench: ${role}: ${response.status()} ${response.url()}`));
  page.on('pageerror', (error) => console.warn(`ui bench: ${role}: script error: ${error.message}`));
  return page;
}

/** Opens `#/` and waits for the landing page's data, painted; ms from the navigation's start, and until the app was live. */
async function timeLanding(page: Page, baseUrl: string, role: string, ready: string): Promise<{ shown: number; live: number; charts?: number }> {
  // Not waiting for `load`: the clock is the page's own (performance.now() counts from navigation).
  await page.goto(`${baseUrl}/#/`, { waitUntil: 'commit' });
  try {
    await page.locator(`${ready}, main [role=alert]`).first().waitFor({ timeout: LOAD_TIMEOUT_MS });
  } catch {
    const text = await page.evaluate(() => document.body.innerText.slice(0, 300)).catch(() => '(no page)');
    throw new Error(`ui bench: ${role}: no ${ready} after ${LOAD_TIMEOUT_MS / 1000} s; the page showed: ${text}`);
  }
  if (!(await page.locator(ready).first().isVisible())) throw new Error(`ui bench: ${role}: ${await page.locator('main [role=alert]').first().innerText()}`);
  const shown = await page.evaluate(async () => {
    const now = performance.now();
    const painted = await new Promise<number>((resolve) =>
      new PerformanceObserver((list) => list.getEntriesByName('first-contentful-paint').forEach((entry) => resolve(entry.startTime))).observe({ type: 'paint', buffered: true }),
    );
    return Math.max(now, painted);
  });
  await page.waitForFunction(() => performance.getEntriesByName('kaejon:first-screen').length > 0, undefined, { timeout: LOAD_TIMEOUT_MS });
  const live = await page.evaluate(() => performance.getEntriesByName('kaejon:first-screen')[0].startTime);
  if (!(await page.locator('figure.chart').count())) return { shown, live };
  await page.locator(CHART_DRAWN).first().waitFor({ timeout: LOAD_TIMEOUT_MS });
  return { shown, live, charts: await page.evaluate(() => performance.now()) };
}

export async function measureUiFirstLoad(stack: BenchStack, options: { samples: number; caseload: number }): Promise<UiResult> {
  const sizes = await bundleSizes();
  await openCaseload(stack, options.caseload);
  const browser = await launchChromium();
  const https = await startHttp2Proxy(stack.baseUrl);
  const loads: UiRoleLoads[] = [];
  try {
    for (const [r, { role, scope }] of ROLES.entries()) {
      const landing = landingPage(role);
      const ready = READY[landing];
      const token = (await signIn(stack.orm, role, scope)).authorization.replace(/^Bearer /, '');
      const cold: number[] = [];
      const coldLive: number[] = [];
      const coldCharts: number[] = [];
      const warm: number[] = [];
      let last: Pick<UiRoleLoads, 'jsKb' | 'requests' | 'waterfall'> = { jsKb: 0, requests: 0, waterfall: [] };
      // One unmeasured load before the first role: the server's bundle and query plans warm, as in production.
      for (let i = r === 0 ? -1 : 0; i < options.samples; i++) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'th-TH', timezoneId: 'Asia/Bangkok', serviceWorkers: 'allow' });
        try {
          await context.addCookies([{ name: SESSION_COOKIE, value: token, url: stack.baseUrl }]);
          const first = await phonePage(context, role);
          const { shown: coldMs, live: coldLiveMs, charts } = await timeLanding(first, stack.baseUrl, role, ready);
          const resources = await first.evaluate(() =>
            performance.getEntriesByType('resource').map((e) => {
              const t = e as PerformanceResourceTiming;
              return { name: t.name, startMs: t.startTime, endMs: t.responseEnd, bytes: t.transferSize };
            }),
          );
          const before = resources.filter((e) => e.startMs <= coldMs);
          last = {
            jsKb: round(before.filter((e) => e.name.endsWith('.js')).reduce((n, e) => n + e.bytes, 0) / 1024, 1),
            requests: before.length + 1,
            waterfall: before.map((e) => ({ path: new URL(e.name).pathname + new URL(e.name).search, startMs: round(e.startMs, 0), endMs: round(e.endMs, 0), kb: round(e.bytes / 1024, 1) })),
          };
          // The service worker has precached the shell once it is active (install waits for the cache).
          await first.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
          await first.close();
          const again = await phonePage(context, role);
          const { shown: warmMs } = await timeLanding(again, stack.baseUrl, role, ready);
          if (i >= 0) {
            cold.push(coldMs);
            coldLive.push(coldLiveMs);
            if (charts !== undefined) coldCharts.push(charts);
            warm.push(warmMs);
          }
        } finally {
          await context.close();
        }
      }
      const coldHttp2: number[] = [];
      const coldHttp2Live: number[] = [];
      for (let i = 0; i < options.samples; i++) {
        // The proxy's certificate is self-signed: this context trusts it.
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'th-TH', timezoneId: 'Asia/Bangkok', ignoreHTTPSErrors: true });
        try {
          await context.addCookies([{ name: SESSION_COOKIE, value: token, url: https.url }]);
          const { shown, live } = await timeLanding(await phonePage(context, role), https.url, role, ready);
          coldHttp2.push(shown);
          coldHttp2Live.push(live);
        } finally {
          await context.close();
        }
      }
      loads.push({ role, landing, cold: latency(cold), coldLive: latency(coldLive), ...(coldCharts.length ? { coldCharts: latency(coldCharts) } : {}), warm: latency(warm), coldHttp2: latency(coldHttp2), coldHttp2Live: latency(coldHttp2Live), ...last });
    }
  } finally {
    await browser.close();
    await https.close();
  }
  return { ...sizes, caseload: options.caseload, loads };
}
