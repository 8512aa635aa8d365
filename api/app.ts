import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from '../common/logger';
import { errorHandler } from './errors';
import { openapiPlugin } from './plugins/openapi';
import { servicesPlugin, type ServiceDeps } from './plugins/services';
import { caseRoutes } from './routes/cases';
import { healthRoutes } from './routes/health';
import { ErrorResponse } from './schemas/common';

export interface AppDeps extends ServiceDeps {
  logger: Logger;
}

/** The whole HTTP app. The server and the tests build it the same way. */
export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    loggerInstance: deps.logger.child({ component: 'api' }),
    // Caseworker uploads are streamed by the import route; plain JSON bodies stay small.
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setErrorHandler(errorHandler);
  app.addSchema(ErrorResponse);
  await app.register(openapiPlugin);
  await app.register(servicesPlugin, deps);
  await app.register(healthRoutes);
  await app.register(caseRoutes);
  return app;
}
export type App = Awaited<ReturnType<typeof buildApp>>;
