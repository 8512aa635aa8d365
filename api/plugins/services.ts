import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Client } from '@temporalio/client';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../common/config';
import type { Orm } from '../../db/orm';

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
    orm: Orm;
    temporal: Client;
  }
  interface FastifyRequest {
    /** This request's own EntityManager: every read and write the request makes goes through it. */
    em: EntityManager;
  }
}

export interface ServiceDeps {
  config: AppConfig;
  orm: Orm;
  temporal: Client;
}

/**
 * The shared services every route uses, as named decorators, and one EntityManager per request.
 *
 * The one EntityManager pattern of the API: each request gets a fork of its own, held by the
 * request (`request.em`), and handlers, hooks and services take it as an argument. A fork is
 * cheap (no connection until a statement runs, and made on first use) and its identity map lives and dies with the
 * request, as RequestContext's would; but the hand-over is visible in every signature, where
 * RequestContext resolves `orm.em` through AsyncLocalStorage behind the reader's back. The global
 * `orm.em` refuses entity work outside a context (allowGlobalContext: false), so a route that
 * forgets `request.em` fails in its tests rather than sharing an identity map between requests.
 * Work with no request behind it (timers, start-up) forks `app.orm.em` where it starts.
 */
export const servicesPlugin = fp<ServiceDeps>(
  async (app, deps) => {
    app.decorate('config', deps.config);
    app.decorate('orm', deps.orm);
    app.decorate('temporal', deps.temporal);
    // Forked on first use, so a request that never touches the database (a 401, the UI's files) forks nothing.
    const forks = new WeakMap<FastifyRequest, EntityManager>();
    app.decorateRequest('em', {
      getter(this: FastifyRequest): EntityManager {
        let em = forks.get(this);
        if (!em) forks.set(this, (em = deps.orm.em.fork()));
        return em;
      },
    });
  },
  { name: 'services' },
);
