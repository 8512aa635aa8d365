import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export interface WorkerProcess {
  pid: number;
  /** Resolves once the worker polls its task queue. */
  ready: Promise<void>;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * The production worker entry (worker/main.ts) as its own OS process, so that SIGKILL is real:
 * no drain, no cleanup, in-flight workflow and activity tasks simply vanish. Every line it
 * prints goes to `onLine`, for the personal-data scan.
 */
export function spawnWorker(env: NodeJS.ProcessEnv, onLine: (line: string) => void): WorkerProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'worker', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    let pending = '';
    const read = (chunk: Buffer): void => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        onLine(line);
        if (line.includes('"worker running"')) resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => reject(new Error(`worker exited with code ${code} before it was ready`)));
  });
  ready.catch(() => undefined); // a kill before readiness is part of the game
  return { pid: child.pid!, ready, exited, kill: (signal) => void child.kill(signal) };
}
