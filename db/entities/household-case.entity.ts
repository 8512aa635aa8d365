import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The read-model row of one case: a projection of the householdCase workflow's state. `version`
 * is the workflow's own change counter, so a late or retried projection never overwrites a newer one.
 */
export const HouseholdCase = defineEntity({
  name: 'HouseholdCase',
  tableName: 'household_case',
  properties: {
    id: p.string().primary(),
    householdId: p.string().index(),
    stage: p.string().index(),
    status: p.string(),
    provinceCode: p.string().length(2),
    districtCode: p.string().length(4),
    subdistrictCode: p.string().length(6),
    dueAt: p.datetime().nullable(),
    overdueLevel: p.integer().default(0),
    escalated: p.boolean().default(false),
    policyVersion: p.string(),
    version: p.integer(),
    openedAt: p.datetime(),
    lastProgressAt: p.datetime(),
    closedAt: p.datetime().nullable(),
    closureReason: p.string().nullable(),
    state: p.json<Record<string, unknown>>(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type HouseholdCase = InferEntity<typeof HouseholdCase>;
