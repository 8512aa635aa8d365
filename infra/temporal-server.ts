import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isExecutable, onPath, TOOLS_DIR } from './toolchain';

/**
 * The Temporal server Kaejon runs in production, pinned here once: `npm run cluster`, the cluster
 * tests and the bench build this version, and docker-compose.yml pins the same image tag (a test,
 * test/cluster/compose-pins.test.ts, holds the two together).
 */
export const TEMPORAL_SERVER_VERSION = '1.32.2';
const SERVER_MODULE = 'go.temporal.io/server';

/** Where the build goes: git-ignored, one folder per version, so an upgrade never reuses an old binary. */
export const TEMPORAL_SERVER_DIR = path.join(TOOLS_DIR, `temporal-server-${TEMPORAL_SERVER_VERSION}`);

export interface TemporalServerBinaries {
  /** `temporal-server` (go.temporal.io/server/cmd/server). */
  server: string;
  /** `temporal-sql-tool` (go.temporal.io/server/cmd/tools/sql), with the PostgreSQL schemas embedded. */
  sqlTool: string;
}

type Log = (message: string) => void;

/** What `go install` builds, and the name the server image gives each binary. */
const TARGETS = [
  { pkg: 'cmd/server', built: 'server', binary: 'temporal-server' },
  { pkg: 'cmd/tools/sql', built: 'sql', binary: 'temporal-sql-tool' },
] as const;

function cached(): TemporalServerBinaries | undefined {
  const server = process.env.TEMPORAL_SERVER_PATH || path.join(TEMPORAL_SERVER_DIR, 'temporal-server');
  const sqlTool = process.env.TEMPORAL_SQL_TOOL_PATH || path.join(TEMPORAL_SERVER_DIR, 'temporal-sql-tool');
  return isExecutable(server) && isExecutable(sqlTool) ? { server, sqlTool } : undefined;
}

/** True when the pinned server is already built (the cluster test says how long a build will take otherwise). */
export function temporalServerBuilt(): boolean {
  return cached() !== undefined;
}

/**
 * The pinned Temporal server and schema tool: built once with `go install` into .tools/ and reused.
 * No registry ships the server as a package; Go builds it from the module proxy. It needs a newer
 * Go than the machine may have: GOTOOLCHAIN=auto fetches the toolchain go.mod asks for, from the
 * same proxy. A first build takes about 5 minutes on 2 cores (nice'd, so the machine stays usable);
 * later ones reuse Go's own build cache. Two callers at once (the test and `npm run cluster`) share
 * one build through a lock folder.
 */
export async function ensureTemporalServer(log: Log = console.log): Promise<TemporalServerBinaries> {
  const found = cached();
  if (found) return found;
  fs.mkdirSync(TEMPORAL_SERVER_DIR, { recursive: true });
  const lock = path.join(TEMPORAL_SERVER_DIR, '.building');
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!lockHolderAlive(lock)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      log(`another process is building Temporal ${TEMPORAL_SERVER_VERSION}: waiting for it`);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const built = cached();
      if (built) return built;
    }
  }
  try {
    const built = cached();
    if (built) return built;
    await build(log);
    const result = cached();
    if (!result) throw new Error(`go install finished but ${TEMPORAL_SERVER_DIR} has no temporal-server and temporal-sql-tool`);
    return result;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function lockHolderAlive(lock: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but not ours. A lock without a pid file is one being written right now.
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EPERM' || code === 'ENOENT';
  }
}

async function build(log: Log): Promise<void> {
  const go = onPath('go') ?? (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) {
    throw new Error(
      `Building the Temporal server ${TEMPORAL_SERVER_VERSION} needs Go (any 1.21+; GOTOOLCHAIN=auto fetches the one it needs). ` +
        'Install Go, or set TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH to binaries of this version.',
    );
  }
  const gobin = path.join(TEMPORAL_SERVER_DIR, '.gobin');
  const logFile = path.join(TEMPORAL_SERVER_DIR, 'build.log');
  const started = Date.now();
  log(`building Temporal server ${TEMPORAL_SERVER_VERSION} with go install (about 5 minutes the first time; log: ${path.relative(process.cwd(), logFile)})`);
  for (const target of TARGETS) {
    const module = `${SERVER_MODULE}/${target.pkg}@v${TEMPORAL_SERVER_VERSION}`;
    const nice = onPath('nice');
    const [command, args] = nice ? [nice, ['-n', '15', go, 'install', module]] : [go, ['install', module]];
    await run(command, args, { ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN || 'auto', GOBIN: gobin, GOFLAGS: process.env.GOFLAGS ?? '-buildvcs=false' }, logFile);
    fs.renameSync(path.join(gobin, target.built), path.join(TEMPORAL_SERVER_DIR, target.binary));
  }
  fs.rmSync(gobin, { recursive: true, force: true });
  log(`built Temporal server ${TEMPORAL_SERVER_VERSION} in ${Math.round((Date.now() - started) / 1000)} s`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    fs.writeSync(out, `\n$ ${[command, ...args].join(' ')}\n`);
    const child = spawn(command, args, { env, stdio: ['ignore', out, out] });
    child.once('error', reject);
    child.once('exit', (code) => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`${args.join(' ')} failed with exit code ${code}: see ${logFile}`));
    });
  });
}
