import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { CasePolicy as CasePolicyBody } from '../../workflows/policy';

/**
 * Versions of the case timing policy. A version's body never changes (running cases keep the
 * version they started with); a province gets new settings by a new version with a day it takes
 * effect. A national row (province_code null) is the fallback for provinces without their own.
 */
export const CasePolicy = defineEntity({
  name: 'CasePolicy',
  tableName: 'case_policy',
  properties: {
    version: p.string().primary(),
    provinceCode: p.string().length(2).nullable(),
    body: p.json<CasePolicyBody>(),
    /** The Bangkok day from which new cases take this version (the latest in force wins). */
    effectiveFrom: p.string().columnType('date'),
    createdAt: p.datetime(),
    createdBy: p.string().nullable(),
    note: p.string().nullable(),
  },
  uniques: [
    {
      name: 'case_policy_effective_unique',
      expression: 'create unique index "case_policy_effective_unique" on "case_policy" (coalesce("province_code", \'\'), "effective_from")',
    },
  ],
});
export type CasePolicy = InferEntity<typeof CasePolicy>;
