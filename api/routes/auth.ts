import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AppUser } from '../../db/entities';
import { recordAudit } from '../../db/audit';
import { verifyPassword } from '../auth/passwords';
import { createSession, principalOf, revokeSession, SESSION_COOKIE, sessionTokenOf } from '../auth/sessions';
import { ApiError } from '../errors';
import { withErrors } from '../schemas/common';

export const PrincipalView = Type.Object(
  {
    userId: Type.String(),
    username: Type.String(),
    role: Type.String(),
    provinceCode: Type.Union([Type.String(), Type.Null()]),
    districtCode: Type.Union([Type.String(), Type.Null()]),
    subdistrictCode: Type.Union([Type.String(), Type.Null()]),
    agencyCode: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'PrincipalView' },
);

/** After this many wrong passwords in a row the account locks for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
const LOCK_MINUTES = 15;

function loginThrottleKey(request: FastifyRequest): string {
  const username = (request.body as { username?: unknown } | undefined)?.username;
  return `${request.ip}\n${typeof username === 'string' ? username.trim().toLowerCase() : ''}`;
}

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/login',
    {
      // Per address and username together, on top of the per-account lock: a district office's many
      // officials behind one address do not throttle each other, while guessing one account is slowed.
      // (preHandler: the key needs the parsed body.)
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute', hook: 'preHandler', keyGenerator: loginThrottleKey } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in: answers a session token (also set as an HttpOnly cookie for the web UI)',
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: withErrors({ 200: Type.Object({ token: Type.String(), expiresAt: Type.String(), user: PrincipalView }) }, 401, 423, 429),
      },
    },
    async (request, reply) => {
      const em = request.em;
      const user = await em.findOne(AppUser, { username: request.body.username });
      const refuse = new ApiError(401, 'Wrong username or password', undefined, 'BAD_CREDENTIALS');
      if (!user || !user.active) throw refuse;
      if (user.lockedUntil && user.lockedUntil > new Date()) throw new ApiError(423, 'The account is locked after repeated failed sign-ins; try again later', undefined, 'LOCKED');
      if (!(await verifyPassword(user.passwordHash, request.body.password))) {
        user.failedLogins += 1;
        if (user.failedLogins >= MAX_FAILED_LOGINS) {
          user.lockedUntil = new Date(Date.now() + LOCK_MINUTES * 60_000);
          user.failedLogins = 0;
        }
        await em.flush();
        await recordAudit(em, { actor: { userId: user.id, role: user.role }, action: 'auth.loginFailed', entityType: 'user', entityId: user.id, ip: request.ip });
        throw refuse;
      }
      user.failedLogins = 0;
      user.lockedUntil = null;
      await em.flush();
      const session = await createSession(em, user.id, app.config.sessionTtlHours * 3_600_000, request.ip);
      await recordAudit(em, { actor: { userId: user.id, role: user.role }, action: 'auth.login', entityType: 'user', entityId: user.id, ip: request.ip });
      void reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: app.config.env === 'production',
        path: '/',
        expires: session.expiresAt,
      });
      return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: principalOf(user) };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out: the session ends now', response: withErrors({ 204: Type.Null() }, 401) } },
    async (request, reply) => {
      const token = sessionTokenOf(request);
      if (token) await revokeSession(request.em, token);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get('/auth/me', { schema: { tags: ['auth'], summary: 'Who is signed in, with role and scope', response: withErrors({ 200: PrincipalView }, 401) } }, async (request) => request.principal);
};
