import { freshAddress, useJsonRoutes } from '../helpers/json-routes';

/**
 * Every route that takes JSON refuses a body of any other media type with 415 naming
 * `headers.content-type` (docs/API.md), before its schema sees it: a JSON text sent as
 * text/plain once reached the schema as a string and answered 400 "body must be object".
 */
const OTHER_TYPES = [
  'text/plain',
  'text/plain; charset=utf-8',
  'text/html',
  'text/csv',
  'application/xml',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  'json',
];

describe('media types of JSON routes', () => {
  // No request here waits for a workflow: no worker.
  const { app, routes } = useJsonRoutes({ worker: false });

  it('finds the JSON routes to check', () => {
    expect(routes().length).toBeGreaterThan(20);
    expect(routes().map((r) => r.name)).toEqual(expect.arrayContaining(['POST /cases', 'POST /users']));
  });

  it.each(OTHER_TYPES)('a JSON body sent as %s answers 415 naming headers.content-type, on every JSON route', async (type) => {
    const answers = await Promise.all(
      routes().map(async (route) => {
        const response = await app().inject({ method: route.method, url: route.url, headers: { ...route.headers, 'content-type': type }, payload: '{"household":{}}', remoteAddress: freshAddress() });
        const body = response.json<{ field?: string; code?: string }>();
        return { route: route.name, status: response.statusCode, field: body.field, code: body.code };
      }),
    );
    expect(answers).toEqual(routes().map((r) => ({ route: r.name, status: 415, field: 'headers.content-type', code: 'UNSUPPORTED_MEDIA_TYPE' })));
  });

  it('still reads JSON, with or without a charset, on every JSON route (never 415)', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON']) {
      const statuses = await Promise.all(
        routes().map(async (route) => {
          const response = await app().inject({ method: route.method, url: route.url, headers: { ...route.headers, 'content-type': type }, payload: '{}', remoteAddress: freshAddress() });
          return response.statusCode;
        }),
      );
      expect(statuses.filter((s) => s === 415 || s >= 500)).toEqual([]);
    }
  });
});
