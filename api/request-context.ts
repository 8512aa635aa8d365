import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../db/audit';

/**
 * What every mutating route shares: the Idempotency-Key header (also the workflow update ID, so
 * a retry returns the first result and changes nothing) and the audit record of who did what.
 */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.:-]{8,120}$', description: 'Retries with the same key return the first result' })),
});

export function idempotencyKey(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
}

/** The workflow update ID: the caller's key (scoped to the caller), or a fresh one. */
export function updateIdFor(request: FastifyRequest, action: string): string {
  const key = idempotencyKey(request);
  return key ? `${request.principal.userId}:${action}:${key}` : randomUUID();
}

export async function audit(request: FastifyRequest, action: string, entityType: string, entityId: string, changes?: Record<string, unknown>): Promise<void> {
  await recordAudit(request.em, {
    actor: { userId: request.principal.userId, role: request.principal.role },
    action,
    entityType,
    entityId,
    ip: request.ip,
    changes: changes ?? null,
    idempotencyKey: idempotencyKey(request) ? `${action}:${idempotencyKey(request)}` : null,
  });
}
