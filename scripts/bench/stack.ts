import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client as PgClient } from 'pg';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { buildApp, type App } from '../../api/app';
import type { NewUser } from '../../api/services/accounts';
import { loadConfig, type AppConfig } from '../../common/config';
import type { Logger } from '../../common/logger';
import { openOrm, type Orm } from '../../db/orm';
import { createTemporalClient } from '../../infra/temporal-client';
import { createKaejonWorker, stopWorker } from '../../worker/worker';
import { signedIn } from '../../test/helpers/auth';

/** Where the servers are: the bench's own throwaway ones, or the test suite's shared ones (smoke). */
export interface ServerAddresses {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  /** Prebundled Kaejon workflows, so the worker starts without webpack. */
  workflowBundlePath?: string;
}

/** Kaejon as production runs it (API, worker, their own pools), on a task queue of the bench's own. */
export interface BenchStack {
  config: AppConfig;
  orm: Orm;
  workerOrm: Orm;
  client: ReturnType<typeof createTemporalClient>['client'];
  worker: Worker;
  app: App;
  /** The API over a real socket: the bench measures HTTP round trips, not app.inject(). */
  baseUrl: string;
  logger: Logger;
  stop(): Promise<void>;
}

/**
 * A database of the bench's own in the cluster, migrated like a fresh deployment, so generated
 * rows never reach another test's counts (the smoke run shares the suite's cluster).
 */
export async function freshDatabase(databaseUrl: string, name: string): Promise<string> {
  const admin = new PgClient({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function openStack(servers: ServerAddresses, logger: Logger): Promise<BenchStack> {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: servers.databaseUrl,
    TEMPORAL_ADDRESS: servers.temporalAddress,
    TEMPORAL_NAMESPACE: servers.namespace,
    TEMPORAL_TASK_QUEUE: `bench-${randomUUID().slice(0, 8)}`,
    WORKFLOW_BUNDLE: servers.workflowBundlePath ?? '',
  });
  const orm = await openOrm(servers.databaseUrl, logger);
  // The worker is its own process in production, with its own pool.
  const workerOrm = await openOrm(servers.databaseUrl, logger, { migrate: false });
  const { client, connection } = createTemporalClient(servers.temporalAddress, servers.namespace);
  const { worker, stop: stopBenchWorker } = await startWorker(servers, { taskQueue: config.temporal.taskQueue, orm: workerOrm, client, logger });
  const app = await buildApp({ config, orm, temporal: client, logger });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    config,
    orm,
    workerOrm,
    client,
    worker,
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    logger,
    async stop() {
      await app.close();
      await stopBenchWorker();
      await connection.close();
      await workerOrm.close();
      await orm.close();
    },
  };
}

/** A Kaejon worker on the bench's servers, started as production starts it, and what stops it. */
export async function startWorker(
  servers: ServerAddresses,
  deps: { taskQueue: string; orm: Orm; client: ReturnType<typeof createTemporalClient>['client']; logger: Logger },
): Promise<{ worker: Worker; stop(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address: servers.temporalAddress });
  const worker = await createKaejonWorker({
    connection,
    namespace: servers.namespace,
    taskQueue: deps.taskQueue,
    orm: deps.orm,
    temporal: deps.client,
    logger: deps.logger,
    workflowBundlePath: servers.workflowBundlePath,
  });
  const running = worker.run();
  return {
    worker,
    async stop() {
      await stopWorker(worker, running);
      await connection.close();
    },
  };
}

/** An account and a bearer token for it (a day long: the import step can wait two hours). */
export async function signIn(orm: Orm, role: NewUser['role'], scope: Partial<Pick<NewUser, 'provinceCode' | 'districtCode' | 'subdistrictCode'>>): Promise<Record<string, string>> {
  return (await signedIn(orm, role, scope, 24 * 3_600_000)).headers;
}
