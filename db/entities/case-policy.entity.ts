import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { CasePolicy as CasePolicyBody } from '../../workflows/policy';

/**
 * Versions of the case timing policy. A version's body never changes (running cases keep the
 * version they started with); a province gets new settings by a new version made active. At most
 * one active row per province, and one national row (province_code null) as the fallback.
 */
export const CasePolicy = defineEntity({
  name: 'CasePolicy',
  tableName: 'case_policy',
  properties: {
    version: p.string().primary(),
    provinceCode: p.string().length(2).nullable(),
    body: p.json<CasePolicyBody>(),
    active: p.boolean().default(false),
    createdAt: p.datetime(),
  },
  uniques: [
    {
      name: 'case_policy_active_unique',
      expression: 'create unique index "case_policy_active_unique" on "case_policy" (coalesce("province_code", \'\')) where "active"',
    },
  ],
});
export type CasePolicy = InferEntity<typeof CasePolicy>;
