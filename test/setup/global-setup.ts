import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../common/logger';
import { DEFAULT_NAMESPACE } from '../../common/constants';
import { openOrm } from '../../db/orm';
import { startEmbeddedPostgres } from '../../infra/embedded-postgres';
import { freePort } from '../../infra/ports';
import { startTemporalDevServer } from '../../infra/temporal-dev-server';
import { ensureTemporalCli, ensureTestServer } from '../../infra/toolchain';
import { writeWorkflowBundle } from '../../scripts/bundle-workflows';

/**
 * Starts the real servers the suite shares, once: a throwaway embedded PostgreSQL (migrated),
 * an in-memory Temporal dev server, and the workflow bundle. Test files read their addresses
 * from the environment, exactly as the app reads DATABASE_URL and TEMPORAL_ADDRESS.
 */
export default async function globalSetup(): Promise<void> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
  const log = (message: string): void => logger.info(message);
  process.env.TEMPORAL_TEST_SERVER_PATH = ensureTestServer(log);
  process.env.TEMPORAL_CLI_PATH = ensureTemporalCli(log);

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaejon-test-'));
  const [pgPort, temporalPort] = await Promise.all([freePort(), freePort()]);
  const [pg, temporal, bundle] = await Promise.all([
    startEmbeddedPostgres({ dataDir: path.join(workDir, 'pg'), port: pgPort, logger, ephemeral: true }),
    startTemporalDevServer({ namespace: DEFAULT_NAMESPACE, port: temporalPort, logger }),
    writeWorkflowBundle(path.join(workDir, 'workflow-bundle.js')),
  ]);
  const orm = await openOrm(pg.url, logger);
  await orm.close();

  process.env.DATABASE_URL = pg.url;
  process.env.TEMPORAL_ADDRESS = temporal.address;
  process.env.TEMPORAL_NAMESPACE = DEFAULT_NAMESPACE;
  process.env.WORKFLOW_BUNDLE = bundle;
  process.env.KAEJON_TEST_WORKDIR = workDir;
  Object.assign(globalThis, { __kaejonServers: { pg, temporal, workDir } });
}
