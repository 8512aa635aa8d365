import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A case's full timeline. The workflow keeps only its recent events; every projection inserts
 * them here and (caseId, seq) drops the ones already stored.
 */
export const CaseEvent = defineEntity({
  name: 'CaseEvent',
  tableName: 'case_event',
  properties: {
    caseId: p.string().primary(),
    seq: p.integer().primary(),
    at: p.datetime(),
    type: p.string(),
    actor: p.string(),
    detail: p.json<Record<string, unknown>>().nullable(),
  },
});
export type CaseEvent = InferEntity<typeof CaseEvent>;
