import fs from 'node:fs';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { Connection } from '@temporalio/client';
import type { Logger } from '../common/logger';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres';
import { DEFAULT_HISTORY_SHARDS, setUpTemporalDatabases, startTemporalServer, type TemporalDatabase, type TemporalPorts, type TemporalServerHandle } from './temporal-cluster';
import { ensureTemporalServer } from './temporal-server';
import { ensureNamespaceAndSearchAttributes, waitForNamespace } from './temporal-setup';

export interface ClusterServicesOptions {
  /** PostgreSQL's data and the server's log live here; a second start finds the first one's cases. */
  dataDir: string;
  /**
   * Where PostgreSQL runs: a port to start embedded PostgreSQL on, or the URL of one already
   * running, as a role that may create roles and databases (the cluster test uses the suite's).
   */
  postgres: { port: number } | { url: string; databasePrefix: string };
  temporalPorts: TemporalPorts;
  namespace: string;
  historyShards?: number;
  /** Delete the PostgreSQL cluster on stop (tests). */
  ephemeral?: boolean;
  logger: Logger;
}

/** The production shape's servers: PostgreSQL (Kaejon's database and Temporal's two) and a real Temporal server. */
export interface ClusterServices {
  /** Kaejon's own database. */
  databaseUrl: string;
  temporalAddress: string;
  temporal: TemporalServerHandle;
  temporalDb: TemporalDatabase;
  /** Where the Temporal server writes its log. */
  temporalLogFile: string;
  historyShards: number;
  stop(): Promise<void>;
}

// Loopback only, like embedded-postgres's own; compose takes TEMPORAL_DB_PASSWORD from .env.
const TEMPORAL_ROLE = { user: 'temporal', password: 'temporal-local' };

/**
 * Starts PostgreSQL, creates Temporal's databases with the schema tool, starts the pinned Temporal
 * server (building it first if needed) and registers the namespace and search attributes exactly
 * as worker/main.ts does against any cluster. Resolves once a workflow can be started.
 */
export async function startClusterServices(options: ClusterServicesOptions): Promise<ClusterServices> {
  const { logger } = options;
  const historyShards = options.historyShards ?? DEFAULT_HISTORY_SHARDS;
  fs.mkdirSync(options.dataDir, { recursive: true });
  checkHistoryShards(options.dataDir, historyShards);
  const binaries = await ensureTemporalServer((message) => logger.info(message));
  let pg: EmbeddedPostgresHandle | undefined;
  let temporal: TemporalServerHandle | undefined;
  try {
    let adminUrl: string;
    let databaseUrl: string;
    let prefix = '';
    if ('port' in options.postgres) {
      pg = await startEmbeddedPostgres({ dataDir: path.join(options.dataDir, 'postgres'), port: options.postgres.port, logger, ephemeral: options.ephemeral });
      adminUrl = databaseUrl = pg.url;
    } else {
      prefix = options.postgres.databasePrefix;
      adminUrl = options.postgres.url;
      databaseUrl = await ensureDatabase(adminUrl, `${prefix}kaejon`);
    }
    const where = new URL(adminUrl);
    const temporalDb: TemporalDatabase = { host: where.hostname, port: Number(where.port || 5432), ...TEMPORAL_ROLE, database: `${prefix}temporal`, visibilityDatabase: `${prefix}temporal_visibility` };
    await setUpTemporalDatabases(adminUrl, temporalDb, binaries.sqlTool, logger);
    const temporalLogFile = path.join(options.dataDir, 'temporal-server.log');
    temporal = await startTemporalServer({ binaries, db: temporalDb, ports: options.temporalPorts, historyShards, logFile: temporalLogFile, logger });
    const connection = await Connection.connect({ address: temporal.address });
    try {
      await ensureNamespaceAndSearchAttributes(connection, options.namespace, logger);
      await waitForNamespace(connection, options.namespace);
    } finally {
      await connection.close();
    }
    const [server, database] = [temporal, pg];
    return {
      databaseUrl,
      temporalAddress: temporal.address,
      temporal,
      temporalDb,
      temporalLogFile,
      historyShards,
      async stop() {
        await server.stop().catch(() => undefined);
        await database?.stop().catch(() => undefined);
      },
    };
  } catch (error) {
    await temporal?.stop().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    throw error;
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!found.rowCount) await admin.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The shard count is written into Temporal's database on first start and can never change: the
 * server quietly keeps the first count (with a warning in its log) whatever the configuration says
 * later. Refuse here instead, in Kaejon's words, so the setting never claims what does not run.
 */
function checkHistoryShards(dataDir: string, historyShards: number): void {
  const file = path.join(dataDir, 'history-shards');
  if (fs.existsSync(path.join(dataDir, 'postgres', 'PG_VERSION')) && fs.existsSync(file)) {
    const created = Number(fs.readFileSync(file, 'utf8').trim());
    if (created !== historyShards) {
      throw new Error(`this cluster's Temporal database was created with ${created} history shards; it cannot change to ${historyShards}. Unset TEMPORAL_NUM_HISTORY_SHARDS, or delete ${dataDir} to start over (docs/DEPLOYMENT.md, "History shards").`);
    }
  }
  fs.writeFileSync(file, `${historyShards}\n`);
}
