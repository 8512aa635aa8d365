import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { findChromium } from '../../infra/chromium';

const axeSource = fs.readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** The WCAG 2.x A/AA violations axe-core finds on the page that are serious or critical. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol, not added as a <script>: the page's CSP stays as served.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * The fonts Chromium actually drew an element's text with (DevTools' "Rendered Fonts"): a web
 * font shows as its family with `isCustomFont`, a system font as its installed name.
 */
export async function renderedFonts(page: Page, selector: string): Promise<Array<{ familyName: string; isCustomFont: boolean }>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map(({ familyName, isCustomFont }) => ({ familyName, isCustomFont }));
  } finally {
    await cdp.detach();
  }
}

/**
 * `describe` where a headless Chromium is at hand (infra/chromium.ts), else `describe.skip` with
 * the reason: a machine without a browser for its platform skips the browser files rather than
 * failing the suite. CI sets KAEJON_REQUIRE_BROWSER=1, so there a missing browser fails instead.
 */
export function browserDescribe(what: string): jest.Describe {
  const lookup = findChromium();
  if ('found' in lookup) return describe;
  if (process.env.KAEJON_REQUIRE_BROWSER === '1') throw new Error(`KAEJON_REQUIRE_BROWSER=1, but no Chromium: ${lookup.missing}`);
  console.warn(`Skipping ${what}: ${lookup.missing}.`);
  return describe.skip;
}
