import { createHash } from 'node:crypto';
import { SESSION_COOKIE } from '../../api/auth/sessions';
import { scriptJson } from '../../api/plugins/web';
import { LANDING_DATA_PATH } from '../../common/landing';
import { houseCodeIn, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { eventually } from '../helpers/servers';

/**
 * GET / on a signed-in navigation carries the first screen (api/plugins/first-screen.ts): the
 * user, the reference data and the landing page's first answer, exactly as the API answers them,
 * in a page nothing may store. Everyone else, the service worker's precache included, gets the
 * plain shell.
 */
describe('the first screen written into the page', () => {
  const api = useApi();
  /** Kanchanaburi, this file's own area. */
  const AREA = { provinceCode: '71', districtCode: '7101', subdistrictCode: '710101' };
  const NAVIGATE = { 'sec-fetch-mode': 'navigate', accept: 'text/html,application/xhtml+xml' };
  const get = (url: string, headers: Record<string, string> = {}) => api.app().inject({ method: 'GET', url, headers });
  const cookieOf = (who: { headers: { authorization: string } }) => `${SESSION_COOKIE}=${who.headers.authorization.replace(/^Bearer /, '')}`;
  const embedded = (html: string) => {
    const json = /<script type="application\/json" id="first-screen">([^<]*)<\/script>/.exec(html)?.[1];
    return json === undefined ? undefined : (JSON.parse(json) as { user: { role: string }; reference: unknown; landing?: { path: string; data: unknown } });
  };
  const preloads = (html: string) => [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]);
  const landingChunks = (html: string) => JSON.parse(/id="landing-chunks">([^<]*)</.exec(html)![1]) as Record<string, string[]>;

  it("gives a signed-in navigation the API's own answers to /auth/me, /reference and the landing page, never stored", async () => {
    // This file's own area (Kanchanaburi, 71): no other file's cases change the inbox between the page and the GET.
    const cookie = cookieOf(await signedIn(api.orm(), 'mentor', AREA));
    const page = await get('/', { ...NAVIGATE, cookie });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store, private');
    expect(page.headers.vary).toMatch(/\bcookie\b/i);
    const screen = embedded(page.body)!;
    expect(screen.user).toEqual((await get('/auth/me', { cookie })).json());
    expect(screen.reference).toEqual((await get('/reference', { cookie })).json());
    expect(screen.landing).toEqual({ path: LANDING_DATA_PATH.inbox, data: (await get(LANDING_DATA_PATH.inbox, { cookie })).json() });
    // The landing page itself, rendered with that answer: the inbox's heading and counters.
    const app = /<div id="app">([\s\S]*?)<\/div>\s*<script>([^<]*)<\/script>/.exec(page.body);
    expect(app?.[1]).toContain('<h1>งานของฉัน</h1>');
    expect(app?.[1]).toContain('class="counters"');
    // Its one inline script is allowed by its hash, and no other inline script is.
    const hash = `'sha256-${createHash('sha256').update(app![2]).digest('base64')}'`;
    const escaped = (source: string) => source.replace(/[+/]/g, '\\$&');
    expect(page.headers['content-security-policy']).toMatch(new RegExp(`script-src 'self' ${escaped(hash)};`));
    // The styles are inside the page (that HTML paints without waiting for another file), allowed
    // by their hash on this page only; the plain page links them.
    const styles = /<style>([^<]*)<\/style>/.exec(page.body)![1];
    expect(page.body).not.toMatch(/<link rel="stylesheet" href="\/assets\/main-/);
    // The fonts' stylesheet comes after the first screen's HTML, which paints without it.
    expect(page.body.indexOf('<link rel="stylesheet" href="/assets/fonts-')).toBeGreaterThan(page.body.indexOf('<div id="app">'));
    expect(page.headers['content-security-policy']).toMatch(new RegExp(`style-src 'self' ${escaped(`'sha256-${createHash('sha256').update(styles).digest('base64')}'`)};`));
    const plain = await get('/', NAVIGATE);
    expect(plain.body).toContain('rel="stylesheet"');
    expect(plain.headers['content-security-policy']).toContain("style-src 'self';");
    // An old browser without Sec-Fetch-* headers navigates with Accept: text/html.
    expect(embedded((await get('/index.html', { accept: 'text/html', cookie })).body)?.user).toEqual(screen.user);
  });

  it("preloads the role's landing page with every chunk it imports: the supervisor's dashboard", async () => {
    const cookie = cookieOf(await signedIn(api.orm(), 'supervisor'));
    // The dashboard names when it was computed: the rest is the same answer. The whole country's
    // figures move while other files run, so a page and a GET taken back to back must agree once.
    const withoutTime = (data: unknown) => JSON.stringify(data).replace(/"generatedAt":"[^"]*"/g, '"generatedAt":""');
    const page = await eventually(async () => {
      const html = await get('/', { ...NAVIGATE, cookie });
      const answer = await get(LANDING_DATA_PATH.dashboard, { cookie });
      return withoutTime(embedded(html.body)?.landing?.data) === withoutTime(answer.json()) ? html : undefined;
    });
    expect(embedded(page.body)?.landing?.path).toBe(LANDING_DATA_PATH.dashboard);
    const dashboard = landingChunks(page.body).dashboard;
    expect(dashboard.length).toBeGreaterThan(1);
    for (const file of dashboard) expect(preloads(page.body)).toContain(file);
    // The plain shell preloads the inbox's files only, not the dashboard's chart.js.
    expect(preloads((await get('/', NAVIGATE)).body)).not.toContain(dashboard[0]);
  });

  it("answers the plain shell to a signed-out navigation, a fetch (the service worker's precache) and a revoked session", async () => {
    const cookie = cookieOf(await signedIn(api.orm(), 'district'));
    const plain = await get('/', NAVIGATE);
    expect(plain.headers['cache-control']).toBe('no-cache');
    // No Vary on the shell: the service worker's Cache API would then miss it for every navigation.
    expect(plain.headers.vary ?? '').not.toMatch(/cookie|sec-fetch|accept(?!-)/i);
    expect(plain.body).not.toContain('id="first-screen"');
    // Workbox fetches the shell with the cookie but not as a navigation: it must cache the plain page.
    const fetches: Array<Record<string, string>> = [
      { 'sec-fetch-mode': 'same-origin', accept: '*/*', cookie },
      { 'sec-fetch-mode': 'cors', accept: 'text/html', cookie },
      { accept: 'application/json', cookie },
    ];
    for (const headers of fetches) {
      const shell = await get('/', headers);
      expect(shell.body).toBe(plain.body);
      expect(shell.headers['cache-control']).toBe('no-cache');
    }
    expect(embedded((await get('/', { ...NAVIGATE, cookie: `${SESSION_COOKIE}=not-a-session` })).body)).toBeUndefined();
    // After sign-out, a reload gets the plain page.
    expect(embedded((await get('/', { ...NAVIGATE, cookie })).body)).toBeDefined();
    expect((await api.app().inject({ method: 'POST', url: '/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    const after = await get('/', { ...NAVIGATE, cookie });
    expect(after.body).toBe(plain.body);
    expect(after.headers['cache-control']).toBe('no-cache');
  });

  it('escapes the data so that no value can end its script element', async () => {
    // In a shared area, other files' cases could fill the inbox's first 100 items and push this one out.
    const team = await signedIn(api.orm(), 'operationsTeam', AREA);
    const cookie = cookieOf(team);
    const headName = 'นาง</script><script>alert(1)</script>\u2028ทดสอบ';
    const opened = await api.app().inject({
      method: 'POST',
      url: '/cases',
      headers: team.headers,
      payload: { household: { houseCode: houseCodeIn('7101'), ...AREA, source: 'tpmap', headName, members: [{ name: headName }], failedIndicators: ['I3'] } },
    });
    expect(opened.statusCode).toBe(201);
    // The team's inbox shows the new case once its projection is written.
    await eventually(async () => ((await get(LANDING_DATA_PATH.inbox, { cookie })).body.includes('alert(1)') ? true : undefined));
    const page = await get('/', { ...NAVIGATE, cookie });
    const plain = await get('/', NAVIGATE);
    // Two elements more than the plain page (the data, and the script that hides the rendered
    // landing page on a link to another), and no more ends of one.
    const ends = (html: string) => html.split('</script>').length;
    expect(ends(page.body)).toBe(ends(plain.body) + 2);
    // The rendered page shows the name as text.
    expect(page.body).toMatch(/นาง&lt;\/script(&gt;|>)&lt;script(&gt;|>)alert\(1\)/);
    // Escaped in the data (a line separator ends a line in older JavaScript), as is in the HTML text.
    expect(/id="first-screen">([^<]*)</.exec(page.body)![1]).not.toContain('\u2028');
    expect(JSON.stringify(embedded(page.body)!.landing!.data)).toContain(JSON.stringify(headName).slice(1, -1));
    expect(JSON.parse(scriptJson({ s: '</script><!-- \u2028\u2029' }))).toEqual({ s: '</script><!-- \u2028\u2029' });
    expect(scriptJson({ s: '</script><!--' })).not.toMatch(/<\/|<!--/);
  });
});
