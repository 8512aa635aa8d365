import fp from 'fastify-plugin';
import { RequestContext } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import type { AppConfig } from '../../common/config';
import type { Orm } from '../../db/orm';

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
    orm: Orm;
    temporal: Client;
  }
}

export interface ServiceDeps {
  config: AppConfig;
  orm: Orm;
  temporal: Client;
}

/** The shared services every route uses, as named decorators; each request gets its own EntityManager. */
export const servicesPlugin = fp<ServiceDeps>(
  async (app, deps) => {
    app.decorate('config', deps.config);
    app.decorate('orm', deps.orm);
    app.decorate('temporal', deps.temporal);
    app.addHook('onRequest', (_request, _reply, done) => RequestContext.create(deps.orm.em, done));
  },
  { name: 'services' },
);
