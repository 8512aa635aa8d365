import type { ChildProcess } from 'node:child_process';

/**
 * Stops a child process: `signal`, then SIGKILL if it has not exited `killAfterMs` later.
 * Resolves once it has exited (at once if it already had).
 */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals, killAfterMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill(signal);
  });
}
