import { randomUUID } from 'node:crypto';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig, type AppConfig } from '../../common/config';
import { createLogger, type Logger } from '../../common/logger';
import { openOrm, type Orm } from '../../db/orm';
import { createTemporalClient } from '../../infra/temporal-client';
import { createKaejonWorker, stopWorker } from '../../worker/worker';

export const testLogger: Logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/**
 * The app's configuration as production builds it, from the environment globalSetup filled in,
 * with a task queue of this test file's own so parallel files never take each other's tasks.
 */
export function testConfig(): AppConfig {
  const config = loadConfig({ ...process.env, TEMPORAL_TASK_QUEUE: `test-${randomUUID()}` });
  if (!config.database.url || !config.temporal.address) throw new Error('globalSetup did not provide DATABASE_URL and TEMPORAL_ADDRESS');
  return config;
}

export async function openTestOrm(config: AppConfig): Promise<Orm> {
  return openOrm(config.database.url!, testLogger, { migrate: false });
}

export function testClient(config: AppConfig) {
  return createTemporalClient(config.temporal.address!, config.temporal.namespace);
}

/** A real worker on the dev server, polling the config's task queue. */
export async function startTestWorker(config: AppConfig, orm: Orm): Promise<{ stop(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address: config.temporal.address! });
  const temporal = testClient(config);
  const worker = await createKaejonWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    orm,
    temporal: temporal.client,
    logger: testLogger,
    workflowBundlePath: config.workflowBundlePath,
  });
  const running = worker.run();
  return {
    async stop() {
      await stopWorker(worker, running);
      await connection.close();
      await temporal.connection.close();
    },
  };
}

/** Polls until `check` returns a value (no fixed sleeps: returns as soon as it holds). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, describe?: () => Promise<unknown>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) {
      const seen = describe ? `; last seen: ${JSON.stringify(await describe()).slice(0, 2000)}` : '';
      throw new Error(`condition not met within ${timeoutMs} ms${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
