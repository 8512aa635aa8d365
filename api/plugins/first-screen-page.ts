import { createHash } from 'node:crypto';
import { DEEP_LINK_SCRIPT } from './first-screen';
import type { Bundle } from './web';

/*
 * The page of a signed-in navigation, from the bundle's plain page (web.ts): the first screen's
 * data (first-screen.ts), its HTML (web/src/server-render.tsx) and the app's styles inside it.
 */

/** The first screen's renderer (web/src/server-render.tsx) from its bundled code, loaded like a CommonJS module. */
export function firstScreenRenderer(code: string): (json: string) => string | undefined {
  const module: { exports: { renderFirstScreen?: unknown } } = { exports: {} };
  // The bundle is this release's own code (built by web.ts, or read from npm run build's output), never input.
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  const render = module.exports.renderFirstScreen;
  if (typeof render !== 'function') throw new Error('the server-render bundle exports no renderFirstScreen');
  return (json) => {
    const html: unknown = render(json);
    return typeof html === 'string' ? html : undefined;
  };
}

/**
 * The page with the first screen's data (inert JSON the app reads, web/src/first-screen.ts), the
 * role's landing page files preloaded, and that page's HTML (absent if it could not be rendered:
 * the app draws it then), with the script that hides it on a link to another page; the styles
 * inside the page rather than linked, so that HTML is painted as soon as the page is here.
 */
export function withFirstScreen(index: string, styles: InlineStyles | undefined, preloads: string, json: string, html: string | undefined): string {
  const page = index.replace('</head>', `  ${preloads}<script type="application/json" id="first-screen">${json}</script>\n  </head>`);
  // The fonts' stylesheet after the first screen's HTML: that HTML paints without it (in the
  // phone's own Thai font until Sarabun is here), and the fonts start once it has arrived.
  const styled = styles ? page.replace(styles.link, styles.element).replace(styles.fontsLink, '').replace('<noscript>', `${styles.fontsLink}\n    <noscript>`) : page;
  return html === undefined ? styled : styled.replace('<div id="app"></div>', `<div id="app">${html}</div>\n    <script>${DEEP_LINK_SCRIPT}</script>`);
}

export interface InlineStyles {
  /** index.html's link to the stylesheet. */
  link: string;
  /** index.html's link to the fonts' stylesheet (web/src/fonts.css). */
  fontsLink: string;
  /** The `<style>` element with that stylesheet. */
  element: string;
  /** Its Content-Security-Policy source (a hash). */
  source: string;
}

/** The app's stylesheet as an element for inside the page, its URLs (relative to /assets/) made absolute. */
export function inlineStyles(index: string, assets: Bundle['assets']): InlineStyles | undefined {
  const link = /<link rel="stylesheet" href="(\/assets\/main-[^"]+)" \/>/.exec(index);
  const fontsLink = /<link rel="stylesheet" href="\/assets\/fonts-[^"]+" \/>/.exec(index);
  const css = link ? assets.get(link[1])?.body.toString('utf8').replace(/url\("\.\//g, 'url("/assets/') : undefined;
  // Nothing in it may end the element; should the stylesheet ever hold `</`, it stays linked.
  if (!link || !fontsLink || css === undefined || css.includes('</')) return undefined;
  return { link: link[0], fontsLink: fontsLink[0], element: `<style>${css}</style>`, source: `'sha256-${createHash('sha256').update(css).digest('base64')}'` };
}
