import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { Connection } from '@temporalio/client';
import type { Logger } from '../common/logger';
import { stopChild } from './child-stop';
import { isFree } from './ports';
import type { TemporalServerBinaries } from './temporal-server';

/**
 * A real Temporal server (all four services in one process) on PostgreSQL, configured by the same
 * files docker-compose.yml mounts: deploy/temporal/config/kaejon.yaml (server configuration),
 * deploy/temporal/dynamicconfig/kaejon.yaml (dynamic config) and deploy/temporal/setup-schema.sh
 * (schemas through temporal-sql-tool). Only the environment differs: addresses, ports, passwords.
 */
const DEPLOY_DIR = path.resolve(__dirname, '..', 'deploy', 'temporal');
export const TEMPORAL_CONFIG_FILE = path.join(DEPLOY_DIR, 'config', 'kaejon.yaml');
export const TEMPORAL_DYNAMIC_CONFIG_FILE = path.join(DEPLOY_DIR, 'dynamicconfig', 'kaejon.yaml');
export const TEMPORAL_SCHEMA_SCRIPT = path.join(DEPLOY_DIR, 'setup-schema.sh');

/** A province's default: see docs/DEPLOYMENT.md, "History shards". Fixed once the database is created. */
export const DEFAULT_HISTORY_SHARDS = 8;

/** Every port the server listens on: the frontend for clients, the rest between its own services. */
export interface TemporalPorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
}

/** Nine consecutive ports from `frontend` (npm run cluster: fixed and documented). */
export function consecutivePorts(frontend: number): TemporalPorts {
  const names: Array<keyof TemporalPorts> = ['frontend', 'frontendHttp', 'frontendMembership', 'history', 'historyMembership', 'matching', 'matchingMembership', 'worker', 'workerMembership'];
  return Object.fromEntries(names.map((name, i) => [name, frontend + i])) as unknown as TemporalPorts;
}

/**
 * Nine ports free right now (tests never listen on fixed ports), all below 32768: Temporal's SQL
 * schema keeps each host's ports in a SMALLINT column (cluster_membership.rpc_port), and a server
 * on a port from the OS's ephemeral range (32768 and up) dies at start with "out of range for
 * type smallint".
 */
export async function freeTemporalPorts(): Promise<TemporalPorts> {
  const ports = new Set<number>();
  while (ports.size < 9) {
    const candidate = 20_000 + randomInt(12_000);
    if (await isFree(candidate)) ports.add(candidate);
  }
  const [frontend, frontendHttp, frontendMembership, history, historyMembership, matching, matchingMembership, worker, workerMembership] = [...ports];
  return { frontend, frontendHttp, frontendMembership, history, historyMembership, matching, matchingMembership, worker, workerMembership };
}

/** The temporal role and its two databases, as deploy/postgres/initdb/ creates them in compose. */
export interface TemporalDatabase {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  visibilityDatabase: string;
}

/**
 * Creates the temporal role and databases when missing (connecting as a superuser, `adminUrl`),
 * then installs or upgrades both schemas with deploy/temporal/setup-schema.sh.
 */
export async function setUpTemporalDatabases(adminUrl: string, db: TemporalDatabase, sqlTool: string, logger: Logger): Promise<void> {
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  try {
    const role = await admin.query('select 1 from pg_roles where rolname = $1', [db.user]);
    if (!role.rowCount) await admin.query(`create role ${quoteIdent(db.user)} login password ${quoteLiteral(db.password)}`);
    for (const name of [db.database, db.visibilityDatabase]) {
      const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (!found.rowCount) await admin.query(`create database ${quoteIdent(name)} owner ${quoteIdent(db.user)}`);
    }
  } finally {
    await admin.end();
  }
  const log = logger.child({ component: 'temporal-schema' });
  await runScript(TEMPORAL_SCHEMA_SCRIPT, { ...databaseEnv(db), TEMPORAL_SQL_TOOL: sqlTool }, (line) => log.debug(line));
}

export interface TemporalServerOptions {
  binaries: TemporalServerBinaries;
  db: TemporalDatabase;
  ports: TemporalPorts;
  /** Fixed once the persistence database has been used (DEFAULT_HISTORY_SHARDS). */
  historyShards: number;
  /** The server's own output goes here (it is verbose at start-up); a tail is shown if it fails. */
  logFile: string;
  logger: Logger;
  /** Server log level (LOG_LEVEL of the config template); warn by default. */
  logLevel?: string;
}

export interface TemporalServerHandle {
  address: string;
  pid(): number | undefined;
  /** SIGKILL, as a crash would: no graceful shard hand-off. */
  kill(): Promise<void>;
  /** Starts the server again on the same ports and databases, and waits until it serves. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `temporal-server start` and resolves once its frontend answers. */
export async function startTemporalServer(options: TemporalServerOptions): Promise<TemporalServerHandle> {
  const address = `127.0.0.1:${options.ports.frontend}`;
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  let child: ChildProcess | undefined;
  const killOnExit = (): void => void child?.kill('SIGKILL');
  process.on('exit', killOnExit);

  const start = async (): Promise<void> => {
    const out = fs.openSync(options.logFile, 'a');
    // Its own process group: Ctrl-C reaches only the orchestrator, which stops the server after
    // the workers and the API (a server stopped first would leave them retrying against nothing).
    child = spawn(options.binaries.server, ['start'], { env: serverEnv(options), stdio: ['ignore', out, out], detached: true });
    fs.closeSync(out);
    await waitUntilServing(address, child, options.logFile);
  };
  await start();
  return {
    address,
    pid: () => child?.pid,
    async kill() {
      if (child) await stopChild(child, 'SIGKILL', 20_000);
    },
    start,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child) await stopChild(child, 'SIGTERM', 20_000);
    },
  };
}

function serverEnv(options: TemporalServerOptions): NodeJS.ProcessEnv {
  const p = options.ports;
  return {
    ...process.env,
    // The same two switches docker-compose.yml sets for the server image's `temporal-server start`.
    TEMPORAL_SERVER_CONFIG_FILE_PATH: TEMPORAL_CONFIG_FILE,
    // No authorizer: the frontend listens on loopback only here (compose: an internal network).
    TEMPORAL_ALLOW_NO_AUTH: 'true',
    DYNAMIC_CONFIG_FILE_PATH: TEMPORAL_DYNAMIC_CONFIG_FILE,
    LOG_LEVEL: options.logLevel ?? 'warn',
    NUM_HISTORY_SHARDS: String(options.historyShards),
    ...databaseEnv(options.db),
    BIND_ON_IP: '127.0.0.1',
    FRONTEND_GRPC_PORT: String(p.frontend),
    FRONTEND_HTTP_PORT: String(p.frontendHttp),
    FRONTEND_MEMBERSHIP_PORT: String(p.frontendMembership),
    HISTORY_GRPC_PORT: String(p.history),
    HISTORY_MEMBERSHIP_PORT: String(p.historyMembership),
    MATCHING_GRPC_PORT: String(p.matching),
    MATCHING_MEMBERSHIP_PORT: String(p.matchingMembership),
    WORKER_GRPC_PORT: String(p.worker),
    WORKER_MEMBERSHIP_PORT: String(p.workerMembership),
  };
}

function databaseEnv(db: TemporalDatabase): Record<string, string> {
  return { POSTGRES_SEEDS: db.host, DB_PORT: String(db.port), POSTGRES_USER: db.user, POSTGRES_PWD: db.password, DBNAME: db.database, VISIBILITY_DBNAME: db.visibilityDatabase };
}

async function waitUntilServing(address: string, child: ChildProcess, logFile: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const tail = (): string => fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`temporal-server exited with code ${exited}; the end of ${logFile}:\n${tail()}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        // The frontend answering is not all: describing the system namespace also reads the
        // database. (History may take a moment more to own its shards; callers retry, as they
        // must after any restart.)
        await connection.workflowService.getSystemInfo({});
        await connection.workflowService.describeNamespace({ namespace: 'temporal-system' });
        return;
      } finally {
        await connection.close();
      }
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`temporal-server did not answer on ${address} within ${timeoutMs / 1000}s; the end of ${logFile}:\n${tail()}`);
}

function runScript(script: string, env: Record<string, string>, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const read = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        onLine(line);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(script)} failed with exit code ${code}:\n${lines.slice(-20).join('\n')}`))));
  });
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
