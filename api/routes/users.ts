import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppUser } from '../../db/entities';
import { ROLES } from '../../workflows/roles';
import { hashPassword, passwordProblem } from '../auth/passwords';
import { forgetSessions } from '../auth/sessions';
import { ApiError, notFound } from '../errors';
import { audit, IdempotencyHeaders } from '../request-context';
import { checkReferences, type ReferenceCheck } from '../scope';
import { withErrors } from '../schemas/common';
import { AccountError, createUser, scopeProblem } from '../services/accounts';
import { likeEscape } from '../services/lists';
import { UserListPage, userListItems, UserView, userView } from '../views/user-view';

const code = (n: number) => Type.Union([Type.String({ pattern: `^[0-9]{${n}}$` }), Type.Null()]);
const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
const view = userView;
const accountError = (error: unknown): never => {
  if (error instanceof AccountError) throw new ApiError(error.code === 'USERNAME_TAKEN' ? 409 : 422, error.message, `body.${error.field}`, error.code);
  throw error;
};

/** An account's agency and area must exist, and the area's codes nest. */
const accountReferences = (u: { agencyCode?: string | null; provinceCode?: string | null; districtCode?: string | null; subdistrictCode?: string | null }): ReferenceCheck[] => [
  ...(u.agencyCode ? [{ kind: 'agency' as const, code: u.agencyCode, field: 'body.agencyCode' }] : []),
  { kind: 'area', area: { provinceCode: u.provinceCode, districtCode: u.districtCode, subdistrictCode: u.subdistrictCode }, field: 'body' },
];

/** Personal accounts, managed by admins. No shared or default passwords anywhere. */
export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/users',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Create a personal account',
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            username: Type.String({ pattern: '^[a-z0-9._-]{3,50}$' }),
            displayName: Type.String({ minLength: 1, maxLength: 200 }),
            password: Type.String({ minLength: 1, maxLength: 200 }),
            role: Role,
            provinceCode: Type.Optional(code(2)),
            districtCode: Type.Optional(code(4)),
            subdistrictCode: Type.Optional(code(6)),
            agencyCode: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: UserView }, 401, 403, 409, 422),
      },
    },
    async (request, reply) => {
      await checkReferences(request.em, accountReferences(request.body));
      const user = await createUser(request.em, request.body).catch(accountError);
      await audit(request, 'user.create', 'user', user.id, { username: user.username, role: user.role });
      return reply.status(201).send(view(user));
    },
  );

  app.get(
    '/users',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: {
        tags: ['users'],
        summary: 'List accounts',
        querystring: Type.Object(
          {
            role: Type.Optional(Role),
            q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Part of the username or display name' })),
            active: Type.Optional(Type.Boolean()),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
            offset: Type.Integer({ minimum: 0, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: UserListPage }, 401, 403),
      },
    },
    async (request) => {
      const { role, q, active, limit, offset } = request.query;
      const em = request.em;
      const text = q ? `%${likeEscape(q)}%` : undefined;
      const where = { ...(role ? { role } : {}), ...(active === undefined ? {} : { active }), ...(text ? { $or: [{ username: { $ilike: text } }, { displayName: { $ilike: text } }] } : {}) };
      const [items, total] = await em.findAndCount(AppUser, where, { limit, offset, orderBy: { username: 'asc' } });
      return { total, items: await userListItems(em, items) };
    },
  );

  app.patch(
    '/users/:userId',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Change role, scope, activity or password of an account (unlocks it)',
        params: Type.Object({ userId: Type.String({ format: 'uuid' }) }),
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            role: Type.Optional(Role),
            provinceCode: Type.Optional(code(2)),
            districtCode: Type.Optional(code(4)),
            subdistrictCode: Type.Optional(code(6)),
            agencyCode: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
            active: Type.Optional(Type.Boolean()),
            password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: UserView }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const em = request.em;
      const user = await em.findOne(AppUser, { id: request.params.userId });
      if (!user) throw notFound();
      const { password, ...changes } = request.body;
      Object.assign(user, changes);
      const scope = scopeProblem({ ...user, role: user.role as AppUser['role'] & typeof ROLES[number] });
      if (scope) throw new ApiError(422, scope.message, `body.${scope.field}`, scope.code);
      await checkReferences(request.em, accountReferences(user));
      if (password) {
        const weak = passwordProblem(password, user.username);
        if (weak) throw new ApiError(422, weak, 'body.password', 'WEAK_PASSWORD');
        user.passwordHash = await hashPassword(password);
      }
      user.failedLogins = 0;
      user.lockedUntil = null;
      await em.flush();
      // Its sessions carry the old role, scope or activity: read them afresh.
      forgetSessions(user.id);
      await audit(request, 'user.update', 'user', user.id, { ...changes, password: password ? '[changed]' : undefined });
      return view(user);
    },
  );
};
