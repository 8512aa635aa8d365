import SwaggerParser from '@apidevtools/swagger-parser';
import { useApi } from '../helpers/api-harness';

/** The OpenAPI document is valid, and no route is missing from it. */
describe('OpenAPI document', () => {
  const api = useApi();

  it('validates as OpenAPI and lists every route with its schemas', async () => {
    await api.app().ready();
    const document = api.app().swagger() as { paths: Record<string, Record<string, { responses?: object }>> };
    await SwaggerParser.validate(structuredClone(document) as never);

    const documented = new Set(Object.entries(document.paths).flatMap(([url, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${url}`)));
    const routes = api
      .app()
      .routeIndex.filter((r) => !r.url.startsWith('/docs'))
      .map((r) => `${r.method} ${r.url.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    expect(routes.filter((r) => !documented.has(r))).toEqual([]);
    for (const [url, ops] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(ops)) expect({ route: `${method} ${url}`, hasResponses: Boolean(op.responses) }).toEqual({ route: `${method} ${url}`, hasResponses: true });
    }
  });
});
