import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { Role } from '../../workflows/roles';
import { ApiError } from '../errors';
import type { Principal } from '../../domain/scope';
import { principalForToken, sessionTokenOf } from '../auth/sessions';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyContextConfig {
    /** Open to everyone (login, health, docs). Every other route needs a session. */
    public?: boolean;
    /** Roles allowed on the route; absent means any signed-in role. */
    roles?: readonly Role[];
  }
}

/**
 * Every route is closed unless its config says `public`: the session comes from a Bearer token
 * (other systems) or the session cookie (the web UI), and the route's `roles` are checked here.
 * Area scope is checked where the record is loaded, and answers 404 (see api/scope.ts).
 */
export const authPlugin = fp(
  async (app) => {
    await app.register(cookie);
    app.decorateRequest('principal', null as unknown as Principal);
    // onRequest, before body validation: an anonymous caller learns nothing about a route's input.
    app.addHook('onRequest', async (request) => {
      const config = request.routeOptions.config;
      const url = request.routeOptions.url;
      if (config?.public || !url || url === '/docs' || url.startsWith('/docs/')) return;
      const token = sessionTokenOf(request);
      const principal = token ? await principalForToken(request.em, token) : null;
      if (!principal) throw new ApiError(401, 'Sign in first: the session is missing or has expired', undefined, 'UNAUTHENTICATED');
      if (config?.roles && !config.roles.includes(principal.role)) throw new ApiError(403, `A ${principal.role} may not use this route`, undefined, 'FORBIDDEN_ROLE');
      request.principal = principal;
    });
  },
  { name: 'auth', dependencies: ['services'] },
);
