/**
 * The API process for deployments where Temporal and PostgreSQL run elsewhere: stateless, so
 * any number of replicas can serve behind a load balancer. Runs pending migrations on start.
 */
import { loadConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { openOrm } from '../db/orm';
import { onShutdown } from '../infra/shutdown';
import { createTemporalClient } from '../infra/temporal-client';
import { buildApp } from './app';
import { ensureFirstAdmin } from './services/first-admin';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (!config.database.url || !config.temporal.address) throw new Error('api/main needs DATABASE_URL and TEMPORAL_ADDRESS (npm start runs everything locally)');
  const orm = await openOrm(config.database.url, logger);
  await ensureFirstAdmin(orm, config, logger);
  const { client, connection } = createTemporalClient(config.temporal.address, config.temporal.namespace);
  const app = await buildApp({ config, orm, temporal: client, logger });
  await app.listen({ host: config.http.host, port: config.http.port });
  onShutdown(logger, [
    ['api', () => app.close()],
    ['temporal connection', () => connection.close()],
    ['database', () => orm.close()],
  ]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
