import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One problem of a case (from the 4ท analysis or a survey), with its working status and last
 * follow-up outcome. The area codes are copied from the case so the outcome and per-dimension
 * reports group by district without a join over a million cases.
 */
export const CaseProblem = defineEntity({
  name: 'CaseProblem',
  tableName: 'case_problem',
  properties: {
    caseId: p.string().primary(),
    problemId: p.string().primary(),
    provinceCode: p.string().length(2),
    districtCode: p.string().length(4),
    subdistrictCode: p.string().length(6),
    dimension: p.string(),
    indicator: p.string(),
    description: p.text(),
    status: p.string(),
    lastOutcome: p.string().nullable(),
    taskId: p.string().nullable(),
  },
  indexes: [
    // Outcome summary per district, and problems per dimension per district.
    { name: 'case_problem_district_code_dimension_status_index', properties: ['districtCode', 'dimension', 'status'] },
    { name: 'case_problem_province_code_dimension_index', properties: ['provinceCode', 'dimension'] },
    // Covering: the outcome and dimension reports of a district or province read no heap.
    {
      name: 'case_problem_area_report_index',
      expression: 'create index "case_problem_area_report_index" on "case_problem" ("province_code", "district_code", "subdistrict_code", "dimension") include ("case_id", "status", "last_outcome")',
    },
  ],
});
export type CaseProblem = InferEntity<typeof CaseProblem>;
