import type { Page } from 'playwright-core';
import { ERROR_CODES } from '../../domain/error-codes';
import { seriousA11yViolations } from './browser';

/**
 * What an official must never meet on a screen, collected while a role's day runs in Chromium:
 * console errors, uncaught script errors, any 5xx answer, and on each screen checked a UUID, an
 * English error code or a serious accessibility violation. The role suites (test/e2e/role-*.e2e)
 * end with `expect(watch.problems()).toEqual([])`, so a failure lists every problem at once.
 */
export interface ScreenWatch {
  /** Checks what is on screen now; `where` names the step in the report. */
  check(where: string): Promise<void>;
  problems(): string[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const CODE_ON_SCREEN = new RegExp(`\\b(${ERROR_CODES.join('|')})\\b`);
/** Resource errors the browser reports for answers the app handles itself (a 401 before sign-in, a 404 shown in Thai). */
const HANDLED_RESOURCE = /Failed to load resource: the server responded with a status of (401|403|404|409|422)/;

export function watchScreen(page: Page): ScreenWatch {
  const found: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !HANDLED_RESOURCE.test(message.text())) found.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => found.push(`script error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) found.push(`${response.status()} from ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  return {
    async check(where) {
      const text = await page.locator('body').innerText();
      const uuid = UUID.exec(text);
      if (uuid) found.push(`${where}: a UUID on screen (${uuid[0]})`);
      const code = CODE_ON_SCREEN.exec(text);
      if (code) found.push(`${where}: an error code on screen (${code[0]})`);
      for (const v of await seriousA11yViolations(page)) found.push(`${where}: axe ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    },
    problems: () => [...found],
  };
}
