/**
 * Screenshots of the main pages at phone and desktop widths, for reviews and the docs:
 *
 *   npm start                      # in another terminal: the demo data and demo accounts
 *   npm run screenshots            # writes screenshots/{phone,desktop}/<page>.png
 *
 * Settings: KAEJON_URL (default http://127.0.0.1:3000), KAEJON_ACCOUNTS (default
 * .data/demo-accounts.txt, written by the first `npm start`), CHROMIUM_PATH (default: the browser
 * that the npm package @sparticuz/chromium ships, see infra/chromium.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../infra/chromium';

const BASE = process.env.KAEJON_URL ?? 'http://127.0.0.1:3000';
const ACCOUNTS = process.env.KAEJON_ACCOUNTS ?? path.join(__dirname, '..', '.data', 'demo-accounts.txt');
const OUT = path.join(__dirname, '..', 'screenshots');
const WIDTHS = { phone: { width: 390, height: 844 }, desktop: { width: 1366, height: 900 } } as const;

interface Shot {
  name: string;
  account: string | null;
  /** Goes to the page and waits until it shows its data. */
  open(page: Page): Promise<void>;
}

const go = (hash: string, ready: string) => async (page: Page) => {
  await page.goto(`${BASE}/#${hash}`);
  await page.locator(ready).first().waitFor({ timeout: 20_000 });
};
/** Follows the first link of a list page, e.g. the first household of the inbox. */
const first = (hash: string, link: string, ready: string) => async (page: Page) => {
  await go(hash, link)(page);
  await page.locator(link).first().click();
  await page.locator(ready).first().waitFor({ timeout: 20_000 });
};

const SHOTS: Shot[] = [
  { name: 'login', account: null, open: go('/', 'form') },
  { name: 'inbox', account: 'mentor640101', open: go('/', '.counters') },
  { name: 'household', account: 'mentor640101', open: first('/', 'ul.cards a', 'section.actions') },
  { name: 'meetings', account: 'district6401', open: go('/meetings', 'h1') },
  { name: 'supervisor', account: 'province64', open: go('/supervisor', 'figure.chart canvas') },
  { name: 'agency-tasks', account: 'cdd64', open: go('/', 'h1') },
  { name: 'imports', account: 'district6401', open: go('/imports', 'h1') },
  { name: 'reports', account: 'district6401', open: go('/reports', 'h1') },
  { name: 'form-sjp4', account: 'district6401', open: first('/reports', 'a[href*="sjp4"]', 'table') },
];

function readPassword(): string {
  const text = fs.readFileSync(ACCOUNTS, 'utf8');
  const match = /password for every demo account: (\S+)/.exec(text);
  if (!match) throw new Error(`no demo password in ${ACCOUNTS}`);
  return match[1];
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${BASE}/#/`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.locator('header.site').waitFor({ timeout: 20_000 });
}

async function main(): Promise<void> {
  const password = readPassword();
  const browser: Browser = await launchChromium();
  try {
    for (const size of Object.keys(WIDTHS)) fs.mkdirSync(path.join(OUT, size), { recursive: true });
    // One sign-in per account (the login route allows 10 a minute per address), then every
    // page of that account at each width.
    for (const account of [...new Set(SHOTS.map((s) => s.account))]) {
      const context = await browser.newContext({ locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
      const page = await context.newPage();
      try {
        if (account) await signIn(page, account, password);
        for (const shot of SHOTS.filter((s) => s.account === account)) {
          for (const [size, viewport] of Object.entries(WIDTHS)) {
            try {
              await page.setViewportSize(viewport);
              await shot.open(page);
              await page.waitForLoadState('networkidle');
              const file = path.join(OUT, size, `${shot.name}.png`);
              await page.screenshot({ path: file, fullPage: true });
              console.log(`${size.padEnd(8)} ${shot.name.padEnd(14)} ${path.relative(process.cwd(), file)}`);
            } catch (error) {
              console.error(`${size.padEnd(8)} ${shot.name.padEnd(14)} failed: ${(error as Error).message.split('\n')[0]}`);
              process.exitCode = 1;
            }
          }
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}

void main();
