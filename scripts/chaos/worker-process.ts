import { spawnAppProcess, type AppProcess } from '../../infra/app-process';

export type WorkerProcess = AppProcess;

/**
 * The production worker entry (worker/main.ts) as its own OS process, so that SIGKILL is real:
 * no drain, no cleanup, in-flight workflow and activity tasks simply vanish. Every line it
 * prints goes to `onLine`, for the personal-data scan.
 */
export function spawnWorker(env: NodeJS.ProcessEnv, onLine: (line: string) => void): WorkerProcess {
  return spawnAppProcess('worker', { LOG_LEVEL: 'info', ...env }, onLine);
}
