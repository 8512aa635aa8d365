import type { Browser, BrowserContext, Page } from 'playwright-core';
import { th } from '../../web/src/i18n-th';
import { TEST_PASSWORD } from './auth';
import { watchScreen, type ScreenWatch } from './screen-watch';

/**
 * The phone the browser suites open the app on, and how an official signs in there: one place for
 * what the role, corrections and offline suites each wrote for themselves.
 */
export const PHONE = { viewport: { width: 390, height: 844 }, locale: 'th-TH', timezoneId: 'Asia/Bangkok' };

/** How long one step on screen may take on the shared, loaded test machine. */
export const STEP = { timeout: 45_000 };

export interface Phone {
  context: BrowserContext;
  page: Page;
  watch: ScreenWatch;
}

/**
 * Opens the app and signs in through the login form as `username`, signing out first whoever the
 * page was signed in as; waits for the signed-in shell.
 */
export async function signInThroughForm(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/#/`);
  if (await page.getByRole('button', { name: th.signOut }).isVisible()) await page.getByRole('button', { name: th.signOut }).click();
  await page.getByLabel(th.username).fill(username);
  await page.getByLabel(th.password).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: th.signIn }).click();
  await page.getByRole('button', { name: th.signOut }).waitFor(STEP);
}

/** A phone of its own (a browser context) for `username`, watched from the first screen on, signed in through the form. */
export async function phoneSignedIn(browser: Browser, baseUrl: string, username: string): Promise<Phone> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const watch = watchScreen(page);
  await signInThroughForm(page, baseUrl, username);
  return { context, page, watch };
}
