import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

export interface AppProcess {
  pid: number;
  /** Resolves once the process serves: the worker polls its task queue, the API listens. */
  ready: Promise<void>;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

const ENTRY = {
  worker: { file: path.join('worker', 'main.ts'), readyLine: '"worker running"' },
  api: { file: path.join('api', 'main.ts'), readyLine: '"Server listening at' },
} as const;

/**
 * One of the production entry points (worker/main.ts, api/main.ts) as its own OS process, as a
 * deployment runs them: `npm run cluster` starts several of each, and the chaos scenarios SIGKILL
 * them (no drain, no cleanup). Every line it prints goes to `onLine`.
 */
export function spawnAppProcess(role: keyof typeof ENTRY, env: NodeJS.ProcessEnv, onLine: (line: string) => void): AppProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, ENTRY[role].file)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
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
        if (line.includes(ENTRY[role].readyLine)) resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => reject(new Error(`${role} exited with code ${code} before it was ready`)));
  });
  ready.catch(() => undefined); // a kill before readiness is part of the chaos scenarios
  return { pid: child.pid!, ready, exited, kill: (signal) => void child.kill(signal) };
}
