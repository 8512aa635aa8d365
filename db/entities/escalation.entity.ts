import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Who escalated what, when, why, from which level to which (docs/PROGRAM.md, "Escalation and
 * return to the district"). Case escalations come from the case's events and keep their seq; task escalations
 * come from an overdue task's level and have no seq. `id` is the business key of either
 * ("case:<caseId>:<seq>", "task:<taskId>:<level>").
 */
export const Escalation = defineEntity({
  name: 'Escalation',
  tableName: 'escalation',
  properties: {
    id: p.string().primary(),
    caseId: p.string(),
    seq: p.integer().nullable(),
    taskId: p.string().nullable(),
    provinceCode: p.string().length(2),
    districtCode: p.string().length(4),
    at: p.datetime(),
    /** 'escalated' (timer), 'escalatedByHand', 'returnedToDistrict', or 'taskOverdue'. */
    type: p.string(),
    fromLevel: p.string().nullable(),
    toLevel: p.string().nullable(),
    reason: p.text().nullable(),
    by: p.string(),
    stage: p.string().nullable(),
  },
  uniques: [{ name: 'escalation_case_id_seq_unique', properties: ['caseId', 'seq'] }],
  indexes: [
    { name: 'escalation_province_code_at_index', properties: ['provinceCode', 'at'] },
    { name: 'escalation_district_code_at_index', properties: ['districtCode', 'at'] },
  ],
});
export type Escalation = InferEntity<typeof Escalation>;
