import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEvent } from './entities';

export interface AuditRecord {
  actor: { userId: string; role: string };
  /** What was done, e.g. 'case.verify', 'user.create', 'policy.activate'. */
  action: string;
  entityType: string;
  entityId: string;
  ip?: string | null;
  /** What changed, or the accepted input: enough to answer "who set this, and to what". */
  changes?: Record<string, unknown> | null;
  at?: Date;
  /** The request's Idempotency-Key, if any: the same key from the same actor is audited once. */
  idempotencyKey?: string | null;
}

/**
 * Appends one audit row. Inserted directly (not through the unit of work), so it lands inside
 * whatever transaction `em` is in and never waits for a flush the caller may not make.
 */
export async function recordAudit(em: EntityManager, record: AuditRecord): Promise<void> {
  await em.createQueryBuilder(AuditEvent).insert({
    at: record.at ?? new Date(),
    actorId: record.actor.userId,
    actorRole: record.actor.role,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    ip: record.ip ?? null,
    changes: record.changes ?? null,
    idempotencyKey: record.idempotencyKey ?? null,
  }).onConflict(['actorId', 'idempotencyKey']).ignore();
}
