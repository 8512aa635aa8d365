import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { RETRY_AFTER_SECONDS } from '../errors';

const CHECK_TIMEOUT_MS = 2000;

const Check = Type.Object({ ok: Type.Boolean(), latencyMs: Type.Integer(), error: Type.Optional(Type.String()) });
const HealthResponse = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]), postgres: Check, temporal: Check });

async function timed(check: () => Promise<unknown>): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS))),
    ]);
    return { ok: true, latencyMs: Date.now() - started };
  } catch (error) {
    return { ok: false, latencyMs: Date.now() - started, error: (error as Error).message.split('\n')[0] };
  } finally {
    clearTimeout(timer);
  }
}

/** Whether both dependencies answer; 503 (with Retry-After) when either does not. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    { config: { public: true }, schema: { tags: ['system'], summary: 'Are PostgreSQL and Temporal reachable?', response: { 200: HealthResponse, 503: HealthResponse } } },
    async (request, reply) => {
      const [postgres, temporal] = await Promise.all([
        timed(() => request.em.execute('select 1')),
        timed(() =>
          app.temporal.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () => app.temporal.connection.workflowService.getSystemInfo({})),
        ),
      ]);
      const ok = postgres.ok && temporal.ok;
      if (!ok) void reply.status(503).header('Retry-After', String(RETRY_AFTER_SECONDS));
      return { status: ok ? ('ok' as const) : ('unavailable' as const), postgres, temporal };
    },
  );
};
