import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** The OpenAPI document at /docs/json, and its UI at /docs. */
export const openapiPlugin = fp(
  async (app) => {
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
