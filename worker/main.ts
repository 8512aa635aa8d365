/**
 * The worker process for deployments where Temporal and PostgreSQL run elsewhere
 * (docker-compose, Kubernetes): TEMPORAL_ADDRESS and DATABASE_URL are required.
 */
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { openOrm } from '../db/orm';
import { onShutdown } from '../infra/shutdown';
import { installTemporalLogging } from '../infra/temporal-runtime';
import { createTemporalClient } from '../infra/temporal-client';
import { ensureNamespaceAndSearchAttributes } from '../infra/temporal-setup';
import { ensureDigestSchedule } from '../activities/notifications/schedule';
import { createKaejonWorker, stopWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (!config.database.url || !config.temporal.address) throw new Error('worker/main needs DATABASE_URL and TEMPORAL_ADDRESS (npm start runs everything locally)');
  installTemporalLogging(logger);
  const { client, connection: clientConnection } = createTemporalClient(config.temporal.address, config.temporal.namespace);
  await ensureNamespaceAndSearchAttributes(clientConnection, config.temporal.namespace, logger);

  const orm = await openOrm(config.database.url, logger);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await createKaejonWorker({ connection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, orm, logger, temporal: client, workflowBundlePath: config.workflowBundlePath });
  const running = worker.run();
  await ensureDigestSchedule(client, { taskQueue: config.temporal.taskQueue, cron: config.notifications.digestCron });
  onShutdown(logger, [
    ['worker', () => stopWorker(worker, running)],
    ['temporal connections', async () => {
      await connection.close();
      await clientConnection.close();
    }],
    ['database', () => orm.close()],
  ]);
  logger.info({ taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace }, 'worker running');
  await running;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
