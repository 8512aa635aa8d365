import type { EntityManager } from '@mikro-orm/postgresql';

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
 * Appends one audit row. One plain statement (every action writes one, so no query builder on the
 * hot path), so it lands inside whatever transaction `em` is in and never waits for a flush the
 * caller may not make.
 */
export async function recordAudit(em: EntityManager, record: AuditRecord): Promise<void> {
  await em.execute(
    `insert into audit_event (at, actor_id, actor_role, action, entity_type, entity_id, ip, changes, idempotency_key)
     values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (actor_id, idempotency_key) do nothing`,
    [
      record.at ?? new Date(),
      record.actor.userId,
      record.actor.role,
      record.action,
      record.entityType,
      record.entityId,
      record.ip ?? null,
      record.changes ? JSON.stringify(record.changes) : null,
      record.idempotencyKey ?? null,
    ],
    'run',
  );
}
