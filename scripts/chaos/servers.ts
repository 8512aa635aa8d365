import path from 'node:path';
import { DEFAULT_NAMESPACE } from '../../common/constants';
import type { Logger } from '../../common/logger';
import { freePort } from '../../infra/ports';
import { startTemporalDevServer, type DevServerHandle } from '../../infra/temporal-dev-server';
import { startPostgresProcess, type PostgresProcess } from '../../test/helpers/postgres-process';

/**
 * A Temporal dev server (on a SQLite file) and a PostgreSQL (in its own process) that can be
 * stopped and started again on the same port and data, under a running API and worker.
 */
export interface RestartableServers {
  databaseUrl: string;
  temporalAddress: string;
  stopTemporal(): Promise<void>;
  startTemporal(): Promise<void>;
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  stopAll(): Promise<void>;
}

export async function startRestartableServers(workDir: string, logger: Logger): Promise<RestartableServers> {
  const [pgPort, temporalPort] = await Promise.all([freePort(), freePort()]);
  const pgDir = path.join(workDir, 'pg');
  const temporalOptions = { namespace: DEFAULT_NAMESPACE, port: temporalPort, dbFile: path.join(workDir, 'temporal.db'), logger };
  let pg: PostgresProcess | null = await startPostgresProcess(pgDir, pgPort);
  let temporal: DevServerHandle | null = await startTemporalDevServer(temporalOptions);
  const databaseUrl = pg.url;
  return {
    databaseUrl,
    temporalAddress: temporal.address,
    async stopTemporal() {
      await temporal?.stop();
      temporal = null;
    },
    async startTemporal() {
      temporal = await startTemporalDevServer(temporalOptions);
    },
    async stopPostgres() {
      await pg?.stop();
      pg = null;
    },
    async startPostgres() {
      pg = await startPostgresProcess(pgDir, pgPort);
    },
    async stopAll() {
      await temporal?.stop();
      await pg?.stop();
    },
  };
}
