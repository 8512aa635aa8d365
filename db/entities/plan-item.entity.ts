import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One action item of a household plan (the plan's goal lives on household_case). */
export const PlanItem = defineEntity({
  name: 'PlanItem',
  tableName: 'plan_item',
  properties: {
    caseId: p.string().primary(),
    itemId: p.string().primary(),
    dimension: p.string(),
    problemId: p.string().nullable(),
    action: p.text(),
    /** 'family', 'mentor', or an agency code. */
    supportBy: p.string(),
    targetDate: p.date().nullable(),
  },
  // Form ศจพ.4 and agency views: what the plans expect an agency to support.
  indexes: [{ name: 'plan_item_support_by_index', properties: ['supportBy'] }],
});
export type PlanItem = InferEntity<typeof PlanItem>;
