import path from 'node:path';
import type { AppConfig } from '../common/config';
import type { Logger } from '../common/logger';
import { startEmbeddedPostgres } from './embedded-postgres';
import { startTemporalDevServer } from './temporal-dev-server';

export interface LocalServices {
  databaseUrl: string;
  temporalAddress: string;
  /** Set when Kaejon started the dev server with its Web UI. */
  temporalUiUrl?: string;
  /** True when Kaejon started the Temporal server itself (namespace and attributes come as flags). */
  startedTemporal: boolean;
  stop(): Promise<void>;
}

/**
 * The servers Kaejon needs, started here only when the environment names none: embedded
 * PostgreSQL without DATABASE_URL, the Temporal dev server without TEMPORAL_ADDRESS. Both keep
 * their data under KAEJON_DATA_DIR, so a second start finds the first one's cases.
 */
export async function startLocalServices(config: AppConfig, logger: Logger): Promise<LocalServices> {
  const stops: Array<() => Promise<void>> = [];
  try {
    let databaseUrl = config.database.url;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres'), port: config.database.embeddedPort, logger });
      stops.push(pg.stop);
      databaseUrl = pg.url;
    }
    let temporalAddress = config.temporal.address;
    let temporalUiUrl: string | undefined;
    if (!temporalAddress) {
      const server = await startTemporalDevServer({
        namespace: config.temporal.namespace,
        port: config.temporal.devServerPort,
        uiPort: config.temporal.uiPort,
        dbFile: path.join(config.dataDir, 'temporal', 'temporal.sqlite'),
        logger,
      });
      stops.push(server.stop);
      temporalAddress = server.address;
      temporalUiUrl = server.uiUrl;
    }
    return {
      databaseUrl,
      temporalAddress,
      temporalUiUrl,
      startedTemporal: !config.temporal.address,
      stop: () => stopAll(stops),
    };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}

async function stopAll(stops: Array<() => Promise<void>>): Promise<void> {
  // Reverse order: Temporal before the database it may be projecting into.
  for (const stop of [...stops].reverse()) await stop().catch(() => undefined);
}
