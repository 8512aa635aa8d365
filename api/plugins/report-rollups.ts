import fp from 'fastify-plugin';
import { refreshNationalRollups } from '../services/reports/rollups';

/** How often each API replica asks whether the national rollups are due (the refresh itself runs on one replica at a time). */
const CHECK_EVERY_MS = 60_000;

/**
 * Keeps the national report rollups (api/services/reports/rollups.ts) within their maximum age.
 * A refresh that fails is logged and tried again at the next check: the reports go on reading the
 * rollups they have, and say how old they are.
 */
export const reportRollupsPlugin = fp(
  async (app) => {
    let running: Promise<void> | null = null;
    const check = (): void => {
      running ??= refreshNationalRollups(app.orm.em.fork())
        .then((refreshed) => {
          if (refreshed) app.log.info('national report rollups refreshed');
        })
        .catch((error: unknown) => app.log.warn({ err: error }, 'could not refresh the national report rollups'))
        .finally(() => {
          running = null;
        });
    };
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      check();
      timer = setInterval(check, CHECK_EVERY_MS).unref();
    });
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await running;
    });
  },
  { name: 'report-rollups', dependencies: ['services'] },
);
