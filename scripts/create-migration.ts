/**
 * Generates a migration from the difference between the entities and the last snapshot, against
 * a throwaway embedded PostgreSQL. Usage: npm run db:migration -- <name>
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '../common/logger';
import { startEmbeddedPostgres } from '../infra/embedded-postgres';
import { ormConfig } from '../db/mikro-orm.config';

async function main(): Promise<void> {
  // The name becomes part of the class name: 'read-model' must be written read_model.
  const name = process.argv[2]?.replace(/[^A-Za-z0-9_]/g, '_');
  const logger = createLogger('warn');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaejon-migration-'));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: 54400 + Math.floor(Math.random() * 500), logger, ephemeral: true });
  const orm = await MikroORM.init(ormConfig(pg.url));
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration(undefined, false, false, name);
    console.log(result.fileName ? `wrote db/migrations/${result.fileName}: add it to db/migrations/index.ts` : 'no changes');
  } finally {
    await orm.close(true);
    await pg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
