import type { Logger } from '../common/logger';

/**
 * Runs the given steps once, in order, on the first SIGINT or SIGTERM; a second signal forces
 * the exit. Steps are the reverse of start-up: stop taking requests, drain the worker, close the
 * database, stop local servers.
 */
// A step that cannot finish (a dependency already gone) must not keep the process alive.
const STEP_TIMEOUT_MS = 20_000;

function withTimeout(promise: Promise<unknown>, ms: number, name: string): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${name} did not stop within ${ms / 1000}s`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function onShutdown(logger: Logger, steps: Array<[string, () => Promise<unknown>]>): void {
  let stoppingSince = 0;
  const handler = (signal: NodeJS.Signals): void => {
    if (stoppingSince) {
      // Ctrl-C reaches us twice: from the terminal's process group and relayed by tsx/npm. Only
      // a signal well after the first one means "stop waiting".
      if (Date.now() - stoppingSince < 2000) return;
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stoppingSince = Date.now();
    logger.info({ signal }, 'shutting down');
    void (async () => {
      for (const [name, step] of steps) {
        logger.debug({ step: name }, 'stopping');
        try {
          await withTimeout(step(), STEP_TIMEOUT_MS, name);
        } catch (error) {
          logger.warn({ err: error, step: name }, 'shutdown step failed');
        }
      }
      logger.info('stopped');
      // pino writes asynchronously: flush before exiting or the last lines are lost.
      logger.flush(() => process.exit(0));
    })();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
