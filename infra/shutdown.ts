import type { Logger } from '../common/logger';

/**
 * Runs the given steps once, in order, on the first SIGINT or SIGTERM; a second signal forces
 * the exit. Steps are the reverse of start-up: stop taking requests, drain the worker, close the
 * database, stop local servers.
 */
export function onShutdown(logger: Logger, steps: Array<[string, () => Promise<unknown>]>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void (async () => {
      for (const [name, step] of steps) {
        try {
          await step();
        } catch (error) {
          logger.warn({ err: error, step: name }, 'shutdown step failed');
        }
      }
      logger.info('stopped');
      process.exit(0);
    })();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
