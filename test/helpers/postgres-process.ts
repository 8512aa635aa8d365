import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface PostgresProcess {
  url: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * An embedded PostgreSQL in a child process (scripts/postgres-server.ts), for tests that stop
 * and restart the database under a running app. The same data folder can be started again.
 */
export function startPostgresProcess(dataDir: string, port: number): Promise<PostgresProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'postgres-server.ts'), dataDir, String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready (\S+)/.exec(output);
      if (match) resolve({ url: match[1], stop: () => stopChild(child) });
    });
    child.once('exit', (code) => reject(new Error(`postgres-server exited with code ${code}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
