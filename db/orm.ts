import { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../common/logger';
import { ormConfig } from './mikro-orm.config';
import { seedReferenceData } from './reference/seed';

export type Orm = MikroORM;

// Several API replicas and workers may start together: one migrates, the others wait on this lock.
const MIGRATION_LOCK_KEY = 7_414_000_001;

/**
 * Connects, brings the schema up to date with the committed migrations (never schema:update) and
 * the reference tables up to date with db/reference.
 */
export async function openOrm(databaseUrl: string, logger: Logger, options: { migrate?: boolean; poolMax?: number } = {}): Promise<Orm> {
  const orm = await MikroORM.init(
    ormConfig(databaseUrl, { poolMax: options.poolMax, log: (message) => logger.debug({ component: 'orm' }, message) }),
  );
  if (options.migrate === false) return orm;
  try {
    await orm.em.getKnex().transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
      const applied = await orm.getMigrator().up();
      if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'database migrations applied');
    });
    await seedReferenceData(orm);
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return orm;
}
