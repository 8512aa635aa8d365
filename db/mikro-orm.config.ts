import path from 'node:path';
import { defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ALL_ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * MikroORM settings shared by the API, the worker, the scripts and the tests. Migrations are
 * listed explicitly (not globbed) so they load the same from ts sources, compiled dist and jest.
 */
export function ormConfig(clientUrl: string, options: { debug?: boolean; poolMax?: number; log?: (message: string) => void } = {}) {
  return defineConfig({
    clientUrl,
    entities: ALL_ENTITIES,
    extensions: [Migrator],
    debug: options.debug ?? false,
    logger: options.log ?? (() => undefined),
    // The read model is written by activities and read by the API; neither wants implicit
    // cross-request identity maps, so every unit of work forks its own EntityManager.
    allowGlobalContext: false,
    pool: { min: 0, max: options.poolMax ?? 10 },
    migrations: {
      tableName: 'kaejon_migrations',
      path: path.join(__dirname, 'migrations'),
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      snapshot: true,
      emit: 'ts',
    },
  });
}
