/**
 * `npm start`: everything on one machine. Starts embedded PostgreSQL and the Temporal dev server
 * (unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere), runs migrations, loads demo data on
 * the first run, then runs the worker and the API in this process. Ctrl-C stops it all.
 */
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { buildApp } from '../api/app';
import { openOrm } from '../db/orm';
import { LocalSetupError } from '../infra/embedded-postgres';
import { startLocalServices } from '../infra/local-services';
import { onShutdown } from '../infra/shutdown';
import { createTemporalClient } from '../infra/temporal-client';
import { installTemporalLogging } from '../infra/temporal-runtime';
import { ensureNamespaceAndSearchAttributes } from '../infra/temporal-setup';
import { ensureDigestSchedule } from '../activities/notifications/schedule';
import { createKaejonWorker, stopWorker } from '../worker/worker';
import { ensureFirstAdmin } from '../api/services/first-admin';
import { seedDemoAccounts } from './demo-accounts';
import { seedDemoData } from './demo-data';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  installTemporalLogging(logger);

  const services = await startLocalServices(config, logger);
  const orm = await openOrm(services.databaseUrl, logger);
  const { client, connection } = createTemporalClient(services.temporalAddress, config.temporal.namespace);
  if (!services.startedTemporal) await ensureNamespaceAndSearchAttributes(connection, config.temporal.namespace, logger);

  const workerConnection = await NativeConnection.connect({ address: services.temporalAddress });
  const worker = await createKaejonWorker({ connection: workerConnection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, orm, logger, temporal: client, workflowBundlePath: config.workflowBundlePath });
  const workerRun = worker.run();
  await ensureDigestSchedule(client, { taskQueue: config.temporal.taskQueue, cron: config.notifications.digestCron });

  const app = await buildApp({ config, orm, temporal: client, logger });
  await app.listen({ host: config.http.host, port: config.http.port });

  onShutdown(logger, [
    ['api', () => app.close()],
    ['worker', () => stopWorker(worker, workerRun)],
    ['temporal connections', async () => {
      await connection.close();
      await workerConnection.close();
    }],
    ['database', () => orm.close()],
    ['local servers', () => services.stop()],
  ]);

  await ensureFirstAdmin(orm, config, logger);
  const accountsFile = await seedDemoAccounts(orm, config.dataDir, logger);
  await seedDemoData({ orm, client, logger, taskQueue: config.temporal.taskQueue });

  const base = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${config.http.port}`;
  const lines = [
    '',
    'Kaejon is running.',
    `  Web UI:          ${base}/  (Thai first; sign in with a demo account)`,
    `  API docs:        ${base}/docs`,
    `  Health:          ${base}/health`,
    services.temporalUiUrl ? `  Temporal UI:     ${services.temporalUiUrl}/namespaces/${config.temporal.namespace}/workflows` : `  Temporal:        ${services.temporalAddress}`,
    config.notifications.channel === 'file' ? `  Daily digests:   ${config.notifications.mailboxDir}/ (.eml files; SMTP_URL sends them instead)` : `  Daily digests:   by SMTP, from ${config.notifications.from}`,
    `  Demo accounts:   ${accountsFile ?? `${config.dataDir}/demo-accounts.txt`} (first run: one per role, password inside)`,
    '  Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  await workerRun;
}

main().catch((error) => {
  // A setup problem that the person can fix gets its sentence alone; anything else, the stack.
  console.error(error instanceof LocalSetupError ? `Kaejon could not start: ${error.message}` : error);
  process.exit(1);
});
