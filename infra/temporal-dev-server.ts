import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Logger } from '../common/logger';
import { ALL_SEARCH_ATTRIBUTE_KEYS } from '../workflows/search-attributes';
import { stopChild } from './child-stop';
import { ensureTemporalCli } from './toolchain';

export interface DevServerOptions {
  namespace: string;
  port: number;
  /** Omit for a headless server (tests). */
  uiPort?: number;
  /** Omit for an in-memory server whose workflows end with the process (tests). */
  dbFile?: string;
  logger: Logger;
}

export interface DevServerHandle {
  address: string;
  uiUrl?: string;
  /** The server's process (the bench samples its memory). */
  pid?: number;
  stop(): Promise<void>;
}

const SEARCH_ATTRIBUTE_CLI_TYPES: Record<string, string> = {
  KEYWORD: 'Keyword',
  TEXT: 'Text',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

export function devServerArgs(options: Omit<DevServerOptions, 'logger'>): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--namespace', options.namespace];
  for (const key of ALL_SEARCH_ATTRIBUTE_KEYS) {
    args.push('--search-attribute', `${key.name}=${SEARCH_ATTRIBUTE_CLI_TYPES[key.type]}`);
  }
  if (options.dbFile) {
    // WAL lets the history writes and visibility reads of the dev server overlap; NORMAL sync is
    // safe with WAL (a power cut may lose the last commits, never corrupt the file).
    args.push('--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
    // A 64 MB page cache (the default is 2 MB) and memory-mapped reads: the open workflows' rows
    // stay in memory instead of being read back through the file system on every task.
    args.push('--sqlite-pragma', 'cache_size=-65536', '--sqlite-pragma', 'mmap_size=268435456', '--sqlite-pragma', 'temp_store=memory');
  }
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  // Marks workflows whose workflow task keeps failing (TemporalReportedProblems), which the
  // supervisor's "stuck" list reads.
  args.push('--dynamic-config-value', 'system.numConsecutiveWorkflowTaskProblemsToTriggerSearchAttribute=2');
  // Throughput on one machine (npm run bench, BENCHMARKS.md): one partition per task queue, so a
  // task meets a waiting poller instead of being written to SQLite and read back; and activities
  // handed to the worker in the reply to the workflow task that scheduled them (eager dispatch).
  args.push('--dynamic-config-value', 'matching.numTaskqueueReadPartitions=1', '--dynamic-config-value', 'matching.numTaskqueueWritePartitions=1');
  args.push('--dynamic-config-value', 'system.enableActivityEagerExecution=true');
  args.push('--log-level', 'warn');
  return args;
}

/** Starts `temporal server start-dev` and resolves once its frontend answers. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServerHandle> {
  const cli = ensureTemporalCli((message) => options.logger.info(message));
  if (options.dbFile) fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
  // Its own process group: Ctrl-C reaches only Kaejon, which stops the server last, after the
  // worker has drained (a server killed first would leave the worker waiting on it).
  const child = spawn(cli, devServerArgs(options), { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const log = options.logger.child({ component: 'temporal-dev-server' });
  child.stdout?.on('data', (chunk: Buffer) => log.debug(chunk.toString().trim()));
  child.stderr?.on('data', (chunk: Buffer) => log.debug(chunk.toString().trim()));
  // Never leave an orphaned server behind if this process dies without a clean shutdown.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const address = `127.0.0.1:${options.port}`;
  await waitUntilServing(address, child);
  return {
    address,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    pid: child.pid,
    stop: () => stopChild(child, 'SIGTERM', 10_000),
  };
}

async function waitUntilServing(address: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`temporal server start-dev exited with code ${exited} (is port ${address} in use?)`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`temporal dev server did not answer on ${address} within ${timeoutMs / 1000}s`);
}
