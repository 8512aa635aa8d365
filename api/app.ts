import Fastify from 'fastify';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from '../common/logger';
import { body, errorHandler } from './errors';
import { validatorCompiler } from './validation';
import { authPlugin } from './plugins/auth';
import { idempotencyPlugin } from './plugins/idempotency';
import { openapiPlugin } from './plugins/openapi';
import { reportRollupsPlugin } from './plugins/report-rollups';
import { securityPlugin } from './plugins/security';
import { servicesPlugin, type ServiceDeps } from './plugins/services';
import { authRoutes } from './routes/auth';
import { caseActionRoutes } from './routes/case-actions';
import { caseRoutes } from './routes/cases';
import { healthRoutes } from './routes/health';
import { importsRoutes } from './routes/imports';
import { reportsRoutes } from './routes/reports';
import { dashboardRoutes } from './routes/dashboard';
import { inboxRoutes } from './routes/inbox';
import { notificationRoutes } from './routes/notifications';
import { householdsRoutes } from './routes/households';
import { supervisorRoutes } from './routes/supervisor';
import { meetingsRoutes } from './routes/meetings';
import { taskRoutes } from './routes/tasks';
import { userRoutes } from './routes/users';
import { policyRoutes } from './routes/policies';
import { areaPauseRoutes } from './routes/area-pause';
import { retargetingRoutes } from './routes/retargeting';
import { referenceRoutes } from './routes/reference';
import { syncRoutes } from './routes/sync';
import { webUiRoutes } from './plugins/web';
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
    // Behind a load balancer the client's address comes from X-Forwarded-For (audit, rate limits).
    trustProxy: deps.config.env === 'production',
    // A malformed URL or an over-long path parameter is answered by the router itself, quoting the
    // whole path back; through the error handler it gets the same capped body as every error.
    frameworkErrors: errorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(errorHandler);
  // Fastify reads text/plain bodies as a string by default, so a JSON body sent as text/plain
  // reached the schema and answered 400 "body must be object". Every body the API takes is JSON
  // (or, on the import routes, multipart): anything else is a 415 naming headers.content-type.
  app.removeContentTypeParser('text/plain');
  // Fastify's own 404 quotes the whole URL back; this one goes through the same capped body.
  app.setNotFoundHandler((request, reply) => reply.status(404).send(body(404, `Route ${request.method}:${request.url} not found`, undefined, 'NOT_FOUND')));
  app.addSchema(ErrorResponse);
  // Field phones on slow networks: the UI's bundle and the API's JSON shrink to a fifth to a third
  // with gzip or brotli (GET /reference: 110 kB of UTF-8 Thai names, 17 kB gzipped), whichever the
  // client accepts; answers under 1 kB go as they are.
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(openapiPlugin);
  await app.register(securityPlugin);
  await app.register(servicesPlugin, deps);
  await app.register(reportRollupsPlugin);
  await app.register(rateLimit, { global: false });
  await app.register(authPlugin);
  await app.register(idempotencyPlugin);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(caseRoutes);
  await app.register(caseActionRoutes);
  await app.register(taskRoutes);
  await app.register(importsRoutes);
  await app.register(reportsRoutes);
  await app.register(dashboardRoutes);
  await app.register(inboxRoutes);
  await app.register(notificationRoutes);
  await app.register(householdsRoutes);
  await app.register(supervisorRoutes);
  await app.register(meetingsRoutes);
  await app.register(referenceRoutes);
  await app.register(policyRoutes);
  await app.register(areaPauseRoutes);
  await app.register(retargetingRoutes);
  await app.register(syncRoutes);
  await app.register(webUiRoutes);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
