import type { App } from '../../api/app';
import type { NewUser } from '../../api/services/accounts';
import type { Orm } from '../../db/orm';
import { operationsOf } from '../../scripts/chaos/fuzz/requests';
import { useApi } from './api-harness';
import { signedIn } from './auth';

/** A route, with its path parameters filled in (with values nothing matches) and a session that may call it. */
export interface JsonRoute {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  pathParams: string[];
  /** The OpenAPI path, `/cases/{caseId}`. */
  path: string;
  headers: { authorization: string };
}

const ROLES: Array<NewUser['role']> = ['admin', 'supervisor', 'province', 'district', 'operationsTeam', 'mentor', 'agency'];

/**
 * Every route of the OpenAPI document that takes a JSON body (or, with `all`, every route), each
 * with the session of a role allowed to call it (found by asking: the role check comes before
 * the body is read). A new route is covered without a change here.
 */
export async function jsonRoutes(app: App, orm: Orm, which: 'json' | 'all' = 'json'): Promise<JsonRoute[]> {
  await app.ready();
  const { operations } = operationsOf(app.swagger() as unknown as Parameters<typeof operationsOf>[0]);
  const sessions = await Promise.all(ROLES.map((role) => signedIn(orm, role)));
  const routes: JsonRoute[] = [];
  for (const op of operations.filter((o) => which === 'all' || (o.body && !o.multipart))) {
    const url = op.pathParams.reduce((path, name) => path.replace(`{${name}}`, 'x'), op.path);
    for (const { headers } of sessions) {
      // A fresh client address per probe: the sign-in route's rate limit counts by address.
      const body = op.method === 'GET' ? {} : { headers: { ...headers, 'content-type': 'text/plain' }, payload: '{}' };
      const probe = await app.inject({ method: op.method as JsonRoute['method'], url, headers, ...body, remoteAddress: freshAddress() });
      if (probe.statusCode !== 401 && probe.statusCode !== 403) {
        routes.push({ name: `${op.method} ${op.path}`, method: op.method as JsonRoute['method'], url, pathParams: op.pathParams, path: op.path, headers });
        break;
      }
    }
  }
  return routes;
}

let nextAddress = 0;
/** A client address of its own for each request, so no per-address rate limit is reached. */
export const freshAddress = (): string => `10.8.${(nextAddress >> 8) & 255}.${nextAddress++ & 255}`;

/**
 * For one test file: the app on the shared servers (with a worker unless `worker: false`) and its
 * routes as `jsonRoutes` finds them, those `keep` passes. `const { app, routes } = useJsonRoutes();`
 * then `app()` and `routes()` in the tests.
 */
export function useJsonRoutes({ which = 'json', worker = true, keep = () => true }: { which?: 'json' | 'all'; worker?: boolean; keep?: (route: JsonRoute) => boolean } = {}): { app: () => App; routes: () => JsonRoute[] } {
  const api = useApi({ worker });
  let routes: JsonRoute[] = [];
  beforeAll(async () => {
    routes = (await jsonRoutes(api.app(), api.orm(), which)).filter(keep);
  });
  return { app: api.app, routes: () => routes };
}
