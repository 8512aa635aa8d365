/**
 * Phone screenshots of the main pages of every role, for the README and reviews:
 *
 *   npm start                      # in another terminal: the demo data and demo accounts
 *   npm run screenshots            # writes docs/screenshots/<role>-<page>.png at 390 × 844
 *
 * Each shot is the screen as an official holds it (not the whole scrolled page): header, content
 * and the bottom bar. Settings: KAEJON_URL (default http://127.0.0.1:3000), KAEJON_ACCOUNTS
 * (default .data/demo-accounts.txt, written by the first `npm start`), SCREENSHOT_WIDTHS
 * (`phone`, or `phone,desktop` for 1366 px as well, into docs/screenshots/desktop/), CHROMIUM_PATH
 * (default: the browser that the npm package @sparticuz/chromium ships, see infra/chromium.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../infra/chromium';

const BASE = process.env.KAEJON_URL ?? 'http://127.0.0.1:3000';
const ACCOUNTS = process.env.KAEJON_ACCOUNTS ?? path.join(__dirname, '..', '.data', 'demo-accounts.txt');
const OUT = path.join(__dirname, '..', 'docs', 'screenshots');
const ALL_WIDTHS = { phone: { width: 390, height: 844 }, desktop: { width: 1366, height: 900 } } as const;
const WIDTHS = Object.fromEntries(Object.entries(ALL_WIDTHS).filter(([size]) => (process.env.SCREENSHOT_WIDTHS ?? 'phone').split(',').includes(size)));

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

/** Opens the bottom bar's "more" list, to show every page of a role with many. */
const withMore = (hash: string, ready: string) => async (page: Page) => {
  await go(hash, ready)(page);
  const more = page.locator('nav.menu button.more');
  if (await more.isVisible()) await more.click();
};

const SHOTS: Shot[] = [
  { name: 'login', account: null, open: go('/', 'form') },
  { name: 'mentor-inbox', account: 'mentor640101', open: go('/', '.counters') },
  { name: 'mentor-household', account: 'mentor640101', open: first('/', 'ul.cards a', 'section.actions') },
  { name: 'mentor-households', account: 'mentor640101', open: go('/households', 'table, .empty') },
  { name: 'district-dashboard', account: 'district6401', open: go('/dashboard', 'figure.chart canvas') },
  { name: 'district-meetings', account: 'district6401', open: go('/meetings', 'main table, main h1 ~ p') },
  { name: 'district-menu', account: 'district6401', open: withMore('/', 'h1') },
  { name: 'district-overdue-list', account: 'district6401', open: go('/households?overdue=true', 'table, .empty') },
  { name: 'district-imports', account: 'district6401', open: go('/imports', 'h1') },
  { name: 'district-reports', account: 'district6401', open: go('/reports', 'h1') },
  { name: 'province-dashboard', account: 'province64', open: go('/dashboard', 'figure.chart canvas') },
  { name: 'supervisor-dashboard', account: 'supervisor', open: go('/', 'figure.chart canvas') },
  { name: 'supervisor-oversight', account: 'supervisor', open: go('/supervisor', 'h1') },
  { name: 'agency-tasks', account: 'cdd64', open: go('/', 'h1') },
  { name: 'admin-users', account: 'admin', open: go('/users', 'h1') },
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
    for (const size of Object.keys(WIDTHS)) fs.mkdirSync(size === 'phone' ? OUT : path.join(OUT, size), { recursive: true });
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
              const file = size === 'phone' ? path.join(OUT, `${shot.name}.png`) : path.join(OUT, size, `${shot.name}.png`);
              await page.screenshot({ path: file, fullPage: size !== 'phone' });
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
