import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Who did what through the API, append-only. Written with `recordAudit` (db/audit.ts). */
export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    at: p.datetime(),
    actorId: p.string(),
    actorRole: p.string(),
    action: p.string(),
    entityType: p.string(),
    entityId: p.string(),
    ip: p.string().nullable(),
    changes: p.json<Record<string, unknown>>().nullable(),
    /** The request's Idempotency-Key: a retried request is audited once. */
    idempotencyKey: p.string().nullable(),
  },
  indexes: [
    { name: 'audit_event_entity_type_entity_id_at_index', properties: ['entityType', 'entityId', 'at'] },
    { name: 'audit_event_actor_id_at_index', properties: ['actorId', 'at'] },
    { name: 'audit_event_at_index', properties: ['at'] },
  ],
  uniques: [{ name: 'audit_event_actor_id_idempotency_key_unique', properties: ['actorId', 'idempotencyKey'] }],
});
export type AuditEvent = InferEntity<typeof AuditEvent>;
