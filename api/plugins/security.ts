import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import { DEEP_LINK_SCRIPT_SOURCE } from './first-screen';

/**
 * What the web UI needs from the browser: scripts, styles, fonts and fetch() from this origin
 * only, images also as data: URLs, no inline script but the first screen's one (first-screen.ts),
 * and never inside another site's frame.
 */
const UI_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", DEEP_LINK_SCRIPT_SOURCE],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security headers (helmet) on every answer, and the CSRF defence for the cookie session.
 *
 * The session cookie is SameSite=Strict already; the Origin / Sec-Fetch-Site check is the second
 * line for browsers that ignore SameSite and for sibling subdomains (same site, other origin). It
 * applies to unsafe methods without a Bearer token: a Bearer token is never sent by a browser on
 * its own, so such a call cannot be forged cross-site. Sign-in is covered too (login CSRF).
 */
export const securityPlugin = fp(
  async (app) => {
    await app.register(helmet, { contentSecurityPolicy: { useDefaults: false, directives: UI_DIRECTIVES } });

    // Swagger UI at /docs styles its elements inline: allow inline styles there only, and any
    // inline script the plugin publishes a hash for (none in version 6), never inline scripts.
    const swagger = (app as unknown as { swaggerCSP?: { script: string[]; style: string[] } }).swaggerCSP ?? { script: [], style: [] };
    const docsPolicy = [
      "default-src 'self'",
      ['script-src', "'self'", ...swagger.script].join(' '),
      `style-src 'self' 'unsafe-inline'`,
      "img-src 'self' data:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.url === '/docs' || request.url.startsWith('/docs/')) void reply.header('content-security-policy', docsPolicy);
      return payload;
    });

    app.addHook('onRequest', async (request) => {
      if (!UNSAFE_METHODS.has(request.method) || request.headers.authorization?.startsWith('Bearer ')) return;
      if (isCrossSite(request)) throw new ApiError(403, 'Cross-site request refused: send it from the Kaejon web UI, or with a Bearer token', 'headers.origin', 'CSRF');
    });
  },
  { name: 'security', dependencies: ['openapi'] },
);

/**
 * Allows one inline `<style>` element, by the hash of its text, on this answer only: the first
 * screen's page carries the app's stylesheet inside it (web.ts). Helmet has set the policy by now
 * (onRequest); every other answer keeps `style-src 'self'`.
 */
export function allowInlineStyle(reply: FastifyReply, source: string): void {
  const policy = reply.getHeader('content-security-policy');
  if (typeof policy === 'string') void reply.header('content-security-policy', policy.replace("style-src 'self'", `style-src 'self' ${source}`));
}

/** True when the browser says the request comes from another site or origin. */
export function isCrossSite(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none') return true;
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return false; // not a browser (curl, scripts): nothing to forge
  if (origin === 'null') return true; // sandboxed frames and some redirects: never our UI
  try {
    return new URL(origin).host !== request.host;
  } catch {
    return true;
  }
}
