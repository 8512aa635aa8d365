import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { AssistanceTaskState } from '../../workflows/assistance-task/types';

/**
 * The read-model row of one assistance task (the assistanceTask workflow's state). `version` guards
 * it like household_case. Totals are the task's own running sums, so agency reports need no
 * aggregate over the logbook for the common case.
 */
export const AssistanceTask = defineEntity({
  name: 'AssistanceTask',
  tableName: 'assistance_task',
  properties: {
    id: p.string().primary(),
    caseId: p.string().index(),
    householdId: p.string(),
    provinceCode: p.string().length(2),
    districtCode: p.string().length(4),
    subdistrictCode: p.string().length(6),
    problemId: p.string(),
    dimension: p.string(),
    indicator: p.string(),
    description: p.text(),
    agencyCode: p.string(),
    menuItem: p.string().nullable(),
    level: p.string(),
    status: p.string(),
    assignedAt: p.datetime(),
    assignedBy: p.string(),
    dueAt: p.datetime(),
    endedAt: p.datetime().nullable(),
    outcomeNote: p.text().nullable(),
    pausedSince: p.datetime().nullable(),
    overdueLevel: p.integer().default(0),
    bahtTotal: p.decimal('number').precision(14).scale(2).default(0),
    itemsTotal: p.integer().default(0),
    activitiesCount: p.integer().default(0),
    version: p.integer(),
    /** The whole task state at `version`: GET /tasks/:id answers from it, without asking the worker (null on rows projected before it was kept). */
    state: p.json<AssistanceTaskState>().nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  indexes: [
    // The agency inbox: its open tasks by due date.
    { name: 'assistance_task_agency_code_status_due_at_index', properties: ['agencyCode', 'status', 'dueAt'] },
    // District and province views of their tasks, and per-dimension reports.
    { name: 'assistance_task_district_code_status_index', properties: ['districtCode', 'status'] },
    { name: 'assistance_task_province_code_dimension_index', properties: ['provinceCode', 'dimension'] },
    {
      name: 'assistance_task_overdue_index',
      expression: 'create index "assistance_task_overdue_index" on "assistance_task" ("district_code", "overdue_level", "due_at") where "overdue_level" > 0',
    },
    // Covering: grades and per-dimension reports of an area, by assignment date, without the heap.
    {
      name: 'assistance_task_area_assigned_index',
      expression:
        'create index "assistance_task_area_assigned_index" on "assistance_task" ("province_code", "district_code", "assigned_at") include ("id", "subdistrict_code", "status", "dimension", "case_id", "household_id", "overdue_level")',
    },
  ],
});
export type AssistanceTask = InferEntity<typeof AssistanceTask>;
