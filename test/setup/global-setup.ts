import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, type Logger } from '../../common/logger';
import { DEFAULT_NAMESPACE } from '../../common/constants';
import { openOrm } from '../../db/orm';
import { startClusterServices } from '../../infra/cluster-services';
import { startEmbeddedPostgres } from '../../infra/embedded-postgres';
import { freePort } from '../../infra/ports';
import { freeTemporalPorts } from '../../infra/temporal-cluster';
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
  const [servers, bundle] = await Promise.all([startServers(workDir, logger), writeWorkflowBundle(path.join(workDir, 'workflow-bundle.js'))]);
  const orm = await openOrm(servers.databaseUrl, logger);
  await orm.close();

  process.env.DATABASE_URL = servers.databaseUrl;
  process.env.TEMPORAL_ADDRESS = servers.temporalAddress;
  process.env.TEMPORAL_NAMESPACE = DEFAULT_NAMESPACE;
  process.env.WORKFLOW_BUNDLE = bundle;
  process.env.KAEJON_TEST_WORKDIR = workDir;
  Object.assign(globalThis, { __kaejonServers: { stop: servers.stop, workDir } });
}

/**
 * KAEJON_TEST_TEMPORAL picks the Temporal the integration and chaos suites run on: `dev` (the
 * default) is the CLI's in-memory dev server; `cluster` is the production shape of
 * `npm run cluster`, the pinned Temporal server on PostgreSQL (built on first use, see
 * infra/temporal-server.ts). test/cluster/ runs on the cluster whatever this says.
 */
async function startServers(workDir: string, logger: Logger): Promise<{ databaseUrl: string; temporalAddress: string; stop(): Promise<void> }> {
  const profile = process.env.KAEJON_TEST_TEMPORAL ?? 'dev';
  if (profile === 'cluster') {
    const [pgPort, temporalPorts] = await Promise.all([freePort(), freeTemporalPorts()]);
    return startClusterServices({ dataDir: workDir, postgres: { port: pgPort }, temporalPorts, namespace: DEFAULT_NAMESPACE, ephemeral: true, logger });
  }
  if (profile !== 'dev') throw new Error(`KAEJON_TEST_TEMPORAL must be dev or cluster, not ${profile}`);
  const [pgPort, temporalPort] = await Promise.all([freePort(), freePort()]);
  const [pg, temporal] = await Promise.all([
    startEmbeddedPostgres({ dataDir: path.join(workDir, 'pg'), port: pgPort, logger, ephemeral: true }),
    startTemporalDevServer({ namespace: DEFAULT_NAMESPACE, port: temporalPort, logger }),
  ]);
  return {
    databaseUrl: pg.url,
    temporalAddress: temporal.address,
    async stop() {
      await temporal.stop();
      await pg.stop();
    },
  };
}
