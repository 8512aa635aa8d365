import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LANDING_DATA_PATH, landingPage } from '../../common/landing';
import type { Role } from '../../workflows/roles';

/**
 * The first screen's data written into the page itself: on a phone line each request the app
 * makes before its first screen costs a round trip (562.5 ms on the bench's Fast 3G), and without
 * this the app asks /auth/me, then the landing page's data, one after the other.
 *
 * The answers are the API's own: each is an in-process request (`inject`) to the route the app
 * would call, with the navigation's cookie, so the same authentication, scope rules and
 * serialisation apply, and nothing is embedded that the user could not fetch. Only a navigation
 * (not the service worker's fetch of the shell, which must stay anonymous) with a session gets it.
 */
export interface FirstScreen {
  /** GET /auth/me */
  user: { role: Role };
  /** GET /reference */
  reference: unknown;
  /** The landing page's first request and its answer (absent if it failed: the app asks itself). */
  landing?: { path: string; data: unknown };
}

/** A top-level page load by the browser, not a fetch (Sec-Fetch-Mode), nor an old browser's XHR. */
export function isNavigation(request: FastifyRequest): boolean {
  const mode = request.headers['sec-fetch-mode'];
  if (mode !== undefined) return mode === 'navigate';
  return String(request.headers.accept ?? '').includes('text/html');
}

export async function firstScreenFor(app: FastifyInstance, request: FastifyRequest): Promise<FirstScreen | undefined> {
  const cookie = request.headers.cookie;
  if (!cookie) return undefined;
  const get = async (url: string): Promise<unknown> => {
    // identity: the answer is parsed here, then compressed once with the page.
    const response = await app.inject({ method: 'GET', url, headers: { cookie, accept: 'application/json', 'accept-encoding': 'identity', 'user-agent': request.headers['user-agent'] ?? '' } });
    return response.statusCode === 200 ? (response.json() as unknown) : undefined;
  };
  const user = (await get('/auth/me')) as FirstScreen['user'] | undefined;
  if (!user) return undefined;
  const path = LANDING_DATA_PATH[landingPage(user.role)];
  const [reference, data] = await Promise.all([get('/reference'), get(path)]);
  if (reference === undefined) return undefined;
  return { user, reference, ...(data === undefined ? {} : { landing: { path, data } }) };
}

/**
 * Runs before the app, right after the first screen's HTML: that HTML is the landing page (`#/`);
 * a link to another page (`#/households/…`, which the server never sees) must not show it during
 * the seconds the app's code takes to arrive. The app then draws the page the link names.
 */
export const DEEP_LINK_SCRIPT = "if(!/^#?\\/?$/.test(location.hash))document.getElementById('app').replaceChildren()";
/** The Content-Security-Policy's allowance for that script, and for no other inline one (security.ts). */
export const DEEP_LINK_SCRIPT_SOURCE = `'sha256-${createHash('sha256').update(DEEP_LINK_SCRIPT).digest('base64')}'`;
