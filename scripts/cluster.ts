/**
 * `npm run cluster`: Kaejon in its production shape on one machine. PostgreSQL (Kaejon's database
 * and Temporal's two, schemas by temporal-sql-tool), the pinned Temporal server on it (built into
 * .tools/ on first use), two worker processes and two API processes behind a small load balancer,
 * all from the same entry points, configuration files and setup script as docker-compose.yml.
 * Ctrl-C stops it all: the balancer, the APIs, the workers (drained), then Temporal and PostgreSQL.
 *
 * Its ports sit beside `npm start`'s, so both can run at once (docs/DEPLOYMENT.md lists them):
 *   CLUSTER_PORT            3100   the load balancer (web UI and API); the replicas take the next ones
 *   CLUSTER_PG_PORT         54339  PostgreSQL
 *   CLUSTER_TEMPORAL_PORT   7333   the Temporal frontend; its other services take the 8 ports after it
 *   CLUSTER_WORKERS / CLUSTER_API_REPLICAS   2 and 2
 *   TEMPORAL_NUM_HISTORY_SHARDS   8 (fixed when .data/cluster is first created)
 */
import path from 'node:path';
import { loadConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { openOrm } from '../db/orm';
import { spawnAppProcess, type AppProcess } from '../infra/app-process';
import { startClusterServices } from '../infra/cluster-services';
import { startLoadBalancer, type LoadBalancer } from '../infra/load-balancer';
import { onShutdown } from '../infra/shutdown';
import { createTemporalClient } from '../infra/temporal-client';
import { consecutivePorts, DEFAULT_HISTORY_SHARDS } from '../infra/temporal-cluster';
import { TEMPORAL_SERVER_VERSION } from '../infra/temporal-server';
import { ensureFirstAdmin } from '../api/services/first-admin';
import { writeWorkflowBundle } from './bundle-workflows';
import { seedDemoAccounts } from './demo-accounts';
import { seedDemoData } from './demo-data';

function setting(name: string, fallback: number, max = 65535): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be an integer from 1 to ${max}, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const port = setting('CLUSTER_PORT', 3100);
  const workers = setting('CLUSTER_WORKERS', 2, 16);
  const replicas = setting('CLUSTER_API_REPLICAS', 2, 16);
  const dataDir = path.join(config.dataDir, 'cluster');
  const namespace = config.temporal.namespace;

  const services = await startClusterServices({
    dataDir,
    postgres: { port: setting('CLUSTER_PG_PORT', 54339) },
    temporalPorts: consecutivePorts(setting('CLUSTER_TEMPORAL_PORT', 7333)),
    namespace,
    historyShards: setting('TEMPORAL_NUM_HISTORY_SHARDS', DEFAULT_HISTORY_SHARDS, 16384),
    logger,
  });
  const processes: Array<{ name: string; process: AppProcess }> = [];
  const front: { balancer?: LoadBalancer } = {};
  let stopping = false;
  const stopProcesses = async (role: string): Promise<void> => {
    const group = processes.filter((p) => p.name.startsWith(role));
    for (const p of group) p.process.kill('SIGTERM');
    await Promise.all(group.map((p) => p.process.exited));
  };
  // Registered before anything else starts, so a Ctrl-C during start-up still stops what runs.
  onShutdown(logger, [
    // First: Ctrl-C reaches the replicas and workers too (one process group), and one that ends
    // on that signal must not be started again.
    ['supervision', async () => void (stopping = true)],
    ['load balancer', async () => front.balancer?.close()],
    ['api replicas', () => stopProcesses('api')],
    ['workers', () => stopProcesses('worker')],
    ['temporal and postgres', () => services.stop()],
  ]);

  // Migrated here once, before any replica starts; then the demo data, as `npm start` loads it.
  const orm = await openOrm(services.databaseUrl, logger);
  const bundle = await writeWorkflowBundle(path.join(dataDir, 'workflow-bundle.js'));
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: config.logLevel,
    DATABASE_URL: services.databaseUrl,
    TEMPORAL_ADDRESS: services.temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
    WORKFLOW_BUNDLE: bundle,
    KAEJON_DATA_DIR: config.dataDir,
  };
  // Each process is started again when it ends on its own, as an orchestrator would.
  const supervise = (name: string, role: 'api' | 'worker', roleEnv: NodeJS.ProcessEnv): void => {
    const entry = { name, process: spawnAppProcess(role, roleEnv, (line) => process.stdout.write(`[${name}] ${line}\n`)) };
    processes.push(entry);
    void entry.process.exited.then((code) => {
      if (stopping) return;
      logger.warn({ process: name, code }, 'process ended: starting it again');
      processes.splice(processes.indexOf(entry), 1);
      setTimeout(() => supervise(name, role, roleEnv), 1_000);
    });
  };
  for (let i = 1; i <= workers; i++) supervise(`worker-${i}`, 'worker', env);
  const backends: string[] = [];
  for (let i = 1; i <= replicas; i++) {
    const apiPort = port + i;
    backends.push(`http://127.0.0.1:${apiPort}`);
    supervise(`api-${i}`, 'api', { ...env, HOST: '127.0.0.1', PORT: String(apiPort) });
  }
  await Promise.all(processes.map((p) => p.process.ready));
  const balancer = await startLoadBalancer(backends, port);
  front.balancer = balancer;

  const { client, connection } = createTemporalClient(services.temporalAddress, namespace);
  await ensureFirstAdmin(orm, config, logger);
  // The cluster's own accounts file: its database is not npm start's.
  const accountsFile = await seedDemoAccounts(orm, dataDir, logger);
  await seedDemoData({ orm, client, logger, taskQueue: config.temporal.taskQueue });
  await connection.close();
  await orm.close();

  const lines = [
    '',
    'Kaejon is running in its production shape.',
    `  Web UI and API:  ${balancer.url}/  (load balancer over ${replicas} API replicas: ${backends.join(', ')})`,
    `  Workers:         ${workers} processes on task queue ${config.temporal.taskQueue}`,
    `  Temporal:        ${services.temporalAddress}  (server ${TEMPORAL_SERVER_VERSION} on PostgreSQL, ${services.historyShards} history shards, namespace ${namespace})`,
    `  Temporal log:    ${services.temporalLogFile}`,
    '  Temporal UI:     not started: no package registry ships it (docs/DEPLOYMENT.md §12; compose runs temporalio/ui).',
    `                   Read workflows with: temporal workflow list --address ${services.temporalAddress} --namespace ${namespace}`,
    `  PostgreSQL:      ${services.databaseUrl.replace(/:[^:@/]+@/, ':***@')}`,
    `  Demo accounts:   ${accountsFile ?? path.join(dataDir, 'demo-accounts.txt')} (first run: one per role, password inside)`,
    '  Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
