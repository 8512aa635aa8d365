import zlib from 'node:zlib';
import { SESSION_COOKIE } from '../../api/auth/sessions';
import { bundleWebUi } from '../../api/plugins/web';
import { launchChromium } from '../../infra/chromium';
import { signIn, type BenchStack } from './stack';
import { latency, round, type Latency } from './stats';

/**
 * The web UI's first load on a mid-range phone, as issue 14 budgets it: Chromium with the CPU
 * slowed four times and a fast 3G line (1.6 Mbps down, 750 kbps up, 150 ms round trip), the cache
 * empty, signed in. Timed from navigation to the landing page showing its data (the dashboard's
 * first chart for a supervisor and a province, the inbox's counters for a mentor and a district).
 * Also: the gzipped JavaScript of the first load and of the whole UI.
 */
export interface UiFirstLoad {
  role: string;
  landing: string;
  latency: Latency;
  /** JavaScript the page fetched (compressed, as sent), in kB. */
  jsKb: number;
  /** Requests until the landing page showed its data, the page itself included. */
  requests: number;
}
export interface UiResult {
  /** The entry and the chunks it imports statically (what every role downloads first), gzipped kB. */
  entryJsKb: number;
  /** Every JavaScript file of the UI together, gzipped kB. */
  allJsKb: number;
  cssKb: number;
  loads: UiFirstLoad[];
}

const FAST_3G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;
const ROLES = [
  { role: 'supervisor', scope: {}, ready: 'figure.chart canvas', landing: 'dashboard' },
  { role: 'province', scope: { provinceCode: '64' }, ready: 'figure.chart canvas', landing: 'dashboard' },
  { role: 'district', scope: { provinceCode: '64', districtCode: '6401' }, ready: '.counters', landing: 'inbox' },
  { role: 'mentor', scope: { provinceCode: '64', districtCode: '6401', subdistrictCode: '640101' }, ready: '.counters', landing: 'inbox' },
] as const;

const gzipKb = (body: Buffer): number => zlib.gzipSync(body).length / 1024;

export async function bundleSizes(): Promise<Omit<UiResult, 'loads'>> {
  const bundle = await bundleWebUi();
  const preloaded = [...bundle.index.matchAll(/(?:href|src)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const sum = (names: string[]) => round(names.reduce((kb, name) => kb + gzipKb(bundle.assets.get(name)!.body), 0), 1);
  const all = [...bundle.assets.keys()];
  return { entryJsKb: sum(preloaded), allJsKb: sum(all.filter((n) => n.endsWith('.js'))), cssKb: sum(all.filter((n) => n.endsWith('.css'))) };
}

export async function measureUiFirstLoad(stack: BenchStack, options: { samples: number }): Promise<UiResult> {
  const sizes = await bundleSizes();
  const browser = await launchChromium();
  const loads: UiFirstLoad[] = [];
  try {
    for (const { role, scope, ready, landing } of ROLES) {
      const headers = await signIn(stack.orm, role, scope);
      const token = headers.authorization.replace(/^Bearer /, '');
      const samples: number[] = [];
      let last = { jsKb: 0, requests: 0 };
      // One unmeasured load first: the server's own bundle and query plans warm, as in production.
      for (let i = -1; i < options.samples; i++) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
        await context.addCookies([{ name: SESSION_COOKIE, value: token, url: stack.baseUrl }]);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await cdp.send('Network.emulateNetworkConditions', FAST_3G);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
        // What went wrong, if anything: a page that never shows its data says why in the report's log.
        page.on('response', (response) => response.status() >= 400 && console.warn(`ui bench: ${role}: ${response.status()} ${response.url()}`));
        page.on('pageerror', (error) => console.warn(`ui bench: ${role}: script error: ${error.message}`));
        await page.goto(`${stack.baseUrl}/#/`);
        await page.locator(`${ready}, main [role=alert]`).first().waitFor({ timeout: 120_000 });
        if (!(await page.locator(ready).first().isVisible())) throw new Error(`ui bench: ${role}: ${await page.locator('main [role=alert]').first().innerText()}`);
        // From the navigation's start (performance.now() counts from it) to the data on screen.
        const ms = await page.evaluate(() => performance.now());
        const resources = await page.evaluate(() =>
          performance.getEntriesByType('resource').map((e) => ({ name: e.name, bytes: (e as PerformanceResourceTiming).transferSize })),
        );
        if (i >= 0) samples.push(ms);
        last = { jsKb: round(resources.filter((r) => r.name.endsWith('.js')).reduce((n, r) => n + r.bytes, 0) / 1024, 1), requests: resources.length + 1 };
        await context.close();
      }
      loads.push({ role, landing, latency: latency(samples), ...last });
    }
  } finally {
    await browser.close();
  }
  return { ...sizes, loads };
}
