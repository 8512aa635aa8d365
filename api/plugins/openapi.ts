import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** The OpenAPI document at /docs/json, and its UI at /docs. */
declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, so a test can prove each one is in the OpenAPI document. */
    routeIndex: Array<{ method: string; url: string }>;
  }
}

export const openapiPlugin = fp(
  async (app) => {
    const routeIndex: Array<{ method: string; url: string }> = [];
    app.decorate('routeIndex', routeIndex);
    app.addHook('onRoute', (route) => {
      // Hidden routes are the web UI's pages and assets, not API.
      if ((route.schema as { hide?: boolean } | undefined)?.hide) return;
      for (const method of [route.method].flat()) if (method !== 'HEAD') routeIndex.push({ method, url: route.url });
    });
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Kaejon API',
          description: 'Household cases of the poverty-eradication program (ศจพ.), from target verification to graduation.',
          version: '0.1.0',
        },
        tags: [
          { name: 'system', description: 'Health and operations' },
          { name: 'cases', description: 'Household cases' },
        ],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'openapi' },
);
