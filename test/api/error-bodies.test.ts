import type { InjectOptions } from 'fastify';
import { EXCERPT_CHARS, excerpt } from '../../api/errors';
import { freshAddress, useJsonRoutes, type JsonRoute } from '../helpers/json-routes';

/**
 * No error body echoes its input without bound: a 100 kB property name, path segment, query
 * parameter or header comes back, if at all, as a short excerpt. Every 4xx and 5xx body of every
 * route stays under 2 kB, its `field` under EXCERPT_CHARS characters.
 */
const HUGE = 100_000;
const huge = (c: string): string => c.repeat(HUGE);

/** Ways to put 100 kB of the caller's text where an error might quote it. */
const INSTANCES: Array<{ name: string; applies: (r: JsonRoute) => boolean; request: (r: JsonRoute) => Partial<InjectOptions> }> = [
  { name: 'an unknown property named with 100 kB', applies: (r) => r.method !== 'GET', request: () => ({ payload: { [huge('p')]: 1 } }) },
  { name: 'an unknown nested property named with 100 kB of Thai', applies: (r) => r.method !== 'GET', request: () => ({ payload: { household: { [huge('ก')]: 1 }, items: [{ [huge('x')]: 1 }] } }) },
  { name: 'a 100 kB value in every string field', applies: (r) => r.method !== 'GET', request: () => ({ payload: { household: { houseCode: huge('1') }, reason: huge('r'), note: huge('n'), username: huge('u') } }) },
  { name: 'a 100 kB content type', applies: (r) => r.method !== 'GET', request: () => ({ payload: '{}', headers: { 'content-type': `text/${huge('t')}` } }) },
  { name: 'a 100 kB path parameter', applies: (r) => r.pathParams.length > 0, request: (r) => ({ url: r.pathParams.reduce((path, name) => path.replace(`{${name}}`, huge('z')), r.path) }) },
  { name: 'a 100 kB query parameter name', applies: () => true, request: (r) => ({ url: `${r.url}?${huge('q')}=1` }) },
  { name: 'a 100 kB query parameter value', applies: () => true, request: (r) => ({ url: `${r.url}?limit=${huge('9')}&status=${huge('s')}` }) },
  { name: 'a 100 kB JSON text that does not parse', applies: (r) => r.method !== 'GET', request: () => ({ payload: `{"${huge('b')}`, headers: { 'content-type': 'application/json' } }) },
];

describe('error bodies', () => {
  // With a worker, as in production: a request that gets through (an ignored query parameter)
  // reaches a running workflow, and an action that waits for its workflow is answered.
  const { app, routes } = useJsonRoutes({
    which: 'all',
    // Signing out would end the session the other routes use.
    keep: (r) => r.path !== '/auth/logout',
  });

  const send = (route: JsonRoute, extra: Partial<InjectOptions>) =>
    app().inject({
      method: route.method,
      url: route.url,
      ...extra,
      headers: { ...route.headers, ...(extra.payload !== undefined ? { 'content-type': 'application/json' } : {}), ...(extra.headers as Record<string, string> | undefined) },
      remoteAddress: freshAddress(),
    } as InjectOptions);

  it.each(INSTANCES.map((i) => [i.name, i] as const))('%s: every route answers at most a short excerpt', async (_name, instance) => {
    const applicable = routes().filter(instance.applies);
    expect(applicable.length).toBeGreaterThan(5);
    const oversized: Array<{ route: string; status: number; bytes: number; field?: number; message: number }> = [];
    for (const route of applicable) {
      const response = await send(route, instance.request(route));
      if (response.statusCode < 400) continue;
      const body = response.json<{ field?: string; message: string }>();
      const sizes = { route: route.name, status: response.statusCode, bytes: Buffer.byteLength(response.body), field: body.field?.length, message: body.message.length };
      if (sizes.bytes > 2048 || (sizes.field ?? 0) > EXCERPT_CHARS) oversized.push(sizes);
    }
    expect(oversized.map((o) => JSON.stringify(o).slice(0, 300))).toEqual([]);
  });

  it('names the 100 kB unknown property by an excerpt of its path, in the field and the message', async () => {
    const route = routes().find((r) => r.name === 'POST /cases')!;
    const household = { houseCode: '64010000001', provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', source: 'tpmap', [huge('p')]: 1 };
    const response = await send(route, { payload: { household } });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ field: string; message: string; code: string }>();
    expect(body.field).toBe(excerpt(`body.household.${huge('p')}`));
    expect(body.field).toHaveLength(EXCERPT_CHARS);
    expect(body.field.endsWith('…')).toBe(true);
    expect(body.message.startsWith(body.field)).toBe(true);
    expect(body.code).toBe('VALIDATION');
    expect(response.body.length).toBeLessThan(1024);
  });

  it('quotes an unknown route by an excerpt too', async () => {
    const response = await app().inject({ method: 'GET', url: `/${huge('n')}` });
    expect(response.statusCode).toBe(404);
    expect(response.body.length).toBeLessThan(1024);
  });

  it('cuts an excerpt between characters, never inside a surrogate pair', () => {
    const text = `${'a'.repeat(EXCERPT_CHARS - 2)}🏠🏠🏠`;
    const cut = excerpt(text);
    expect(cut.length).toBeLessThanOrEqual(EXCERPT_CHARS);
    expect(cut).toBe(`${'a'.repeat(EXCERPT_CHARS - 2)}…`);
    expect(excerpt('short')).toBe('short');
  });
});
