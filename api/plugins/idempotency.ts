import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyReply } from 'fastify';
import { stringify } from 'safe-stable-stringify';
import { ApiError } from '../errors';
import { idempotencyKey } from '../request-context';

declare module 'fastify' {
  interface FastifyRequest {
    /** The idempotency record this request owns and answers into, if it sent a new key. */
    idempotencyRecord: string | null;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Answers worth replaying: a 2xx, or a 4xx that the same request would get again. */
const TRANSIENT = new Set([408, 423, 425, 429]);
/** A record still pending this long belongs to a request that died: a retry runs anew. */
const ABANDONED_AFTER_SECONDS = 120;
/** How long a retry waits for the first request, still running, to answer (workflow updates take a moment). */
const WAIT_FOR_FIRST_MS = 30_000;
const POLL_MS = 100;
const PURGE_EVERY_MS = 10 * 60_000;

interface StoredRecord {
  request_hash: string;
  state: 'pending' | 'done';
  status_code: number | null;
  content_type: string | null;
  body: string | null;
}

/**
 * Idempotency for every mutating route, in PostgreSQL so that a retry on any replica, after any
 * restart, is recognised. The first request with a key owns a pending record and stores its answer
 * when it sends it; a retry with the same key and body gets that answer back, status included
 * (header `Idempotent-Replayed: true`); the same key with another body is refused with 422.
 * A retry that arrives while the first is still running waits for its answer. A 5xx is not
 * stored: the record is dropped, so the retry runs again (every step below it is idempotent too).
 *
 * Multipart uploads are left to the import, which derives the import's ID from the key.
 */
export const idempotencyPlugin = fp(
  async (app) => {
    const ttlHours = app.config.idempotencyTtlHours;
    app.decorateRequest('idempotencyRecord', null);

    app.addHook('preHandler', async (request, reply) => {
      const clientKey = idempotencyKey(request);
      if (!clientKey || !MUTATING.has(request.method) || !request.principal || isMultipart(request.headers['content-type'])) return;
      const key = createHash('sha256').update(`${request.principal.userId}\n${clientKey}`).digest('hex');
      const hash = createHash('sha256').update(`${request.method} ${request.url}\n${stringify(request.body ?? null, withoutSecrets)}`).digest('hex');
      const em = request.em;
      const deadline = Date.now() + WAIT_FOR_FIRST_MS;
      for (;;) {
        // Insert, or take over a record that expired or whose request died before answering.
        const [owned] = await em.execute<Array<{ key: string }>>(
          `insert into idempotency_record (key, request_hash, state, expires_at) values (?, ?, 'pending', now() + make_interval(hours => ?))
           on conflict (key) do update set request_hash = excluded.request_hash, state = 'pending', status_code = null, content_type = null, body = null,
                  created_at = now(), expires_at = excluded.expires_at
            where idempotency_record.expires_at < now()
               or (idempotency_record.state = 'pending' and idempotency_record.created_at < now() - make_interval(secs => ?))
           returning key`,
          [key, hash, ttlHours, ABANDONED_AFTER_SECONDS],
        );
        if (owned) {
          request.idempotencyRecord = key;
          return;
        }
        const [stored] = await em.execute<StoredRecord[]>('select request_hash, state, status_code, content_type, body from idempotency_record where key = ?', [key]);
        if (!stored) continue; // purged between the two statements: insert again
        if (stored.request_hash !== hash) {
          throw new ApiError(422, 'this Idempotency-Key was already used for a different request; send a new key', 'headers.idempotency-key', 'IDEMPOTENCY_KEY_REUSED');
        }
        if (stored.state === 'done') return replay(reply, stored);
        if (Date.now() > deadline) {
          void reply.header('Retry-After', '2');
          throw new ApiError(409, 'the first request with this Idempotency-Key is still running; retry shortly', 'headers.idempotency-key', 'IDEMPOTENCY_IN_PROGRESS');
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const key = request.idempotencyRecord;
      if (!key) return payload;
      request.idempotencyRecord = null;
      // The answer goes out whatever happens here: a record that cannot be written (the database
      // is down, which is likely what this answer says) stays pending and is taken over by a
      // retry once it is abandoned. Throwing here would turn the answer into a 500.
      await settleRecord(request.em, key, reply.statusCode, reply.getHeader('content-type'), payload).catch((error: unknown) =>
        request.log.warn({ err: error }, 'idempotency record not settled; a retry takes it over once abandoned'),
      );
      return payload;
    });

    // Expired records go in the background; a replica that misses a round leaves them to the next.
    const purge = setInterval(() => {
      // No request behind this timer: a fork of its own (api/plugins/services.ts).
      app.orm.em
        .fork()
        .execute('delete from idempotency_record where expires_at < now()', [], 'run')
        .catch((error: unknown) => app.log.warn({ err: error }, 'idempotency purge failed'));
    }, PURGE_EVERY_MS);
    purge.unref();
    app.addHook('onClose', async () => clearInterval(purge));
  },
  { name: 'idempotency', dependencies: ['services', 'auth'] },
);

/** Stores the first answer, or drops the record of one not worth replaying (a 5xx, a transient 4xx). */
async function settleRecord(em: EntityManager, key: string, status: number, contentType: unknown, payload: unknown): Promise<void> {
  if (status >= 500 || TRANSIENT.has(status) || (typeof payload !== 'string' && payload !== null && payload !== undefined)) {
    await em.execute(`delete from idempotency_record where key = ? and state = 'pending'`, [key], 'run');
    return;
  }
  await em.execute(`update idempotency_record set state = 'done', status_code = ?, content_type = ?, body = ? where key = ?`, [
    status,
    typeof contentType === 'string' ? contentType : null,
    payload ?? null,
    key,
  ], 'run');
}

function replay(reply: FastifyReply, stored: StoredRecord): FastifyReply {
  if (stored.content_type) void reply.header('content-type', stored.content_type);
  return reply
    .header('idempotent-replayed', 'true')
    .status(stored.status_code ?? 200)
    .send(stored.body ?? undefined);
}

/** A password never reaches the fingerprint: a stored hash of it could be guessed offline. */
function withoutSecrets(key: string, value: unknown): unknown {
  return /password/i.test(key) ? undefined : value;
}

function isMultipart(contentType: string | undefined): boolean {
  return contentType?.toLowerCase().startsWith('multipart/') ?? false;
}
