import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The TPMAP Logbook: every act of assistance. Two sources write it: an agency's activity on a task
 * (`source` 'task', keyed by the task's own log seq) and urgent relief given on a case before any
 * task exists (`source` 'relief', `task_id` null, keyed by the relief's position in the case's
 * append-only relief list). `id` is that business key spelled out ("task:<taskId>:<seq>",
 * "relief:<caseId>:<n>"), so one primary key dedupes both sources and a retried projection inserts
 * nothing twice.
 */
export const LogbookEntry = defineEntity({
  name: 'LogbookEntry',
  tableName: 'logbook_entry',
  properties: {
    id: p.string().primary(),
    source: p.string(),
    taskId: p.string().nullable(),
    seq: p.integer(),
    caseId: p.string().index(),
    agencyCode: p.string().nullable(),
    provinceCode: p.string().length(2),
    districtCode: p.string().length(4),
    /** Null for relief, which belongs to no problem. */
    dimension: p.string().nullable(),
    /** The day the activity happened. */
    date: p.date(),
    kind: p.string(),
    description: p.text(),
    baht: p.decimal('number').precision(14).scale(2).default(0),
    items: p.integer().default(0),
    by: p.string(),
    recordedAt: p.datetime(),
  },
  uniques: [{ name: 'logbook_entry_task_id_seq_unique', properties: ['taskId', 'seq'] }],
  indexes: [
    // Monthly assistance statistics per agency (NESDC reads these).
    { name: 'logbook_entry_agency_code_date_index', properties: ['agencyCode', 'date'] },
    // Baht and items per dimension per district.
    { name: 'logbook_entry_district_code_dimension_date_index', properties: ['districtCode', 'dimension', 'date'] },
    // Covering: a district's or province's assistance totals by date, without the heap.
    {
      name: 'logbook_entry_area_date_index',
      expression:
        'create index "logbook_entry_area_date_index" on "logbook_entry" ("province_code", "district_code", "date") include ("agency_code", "dimension", "case_id", "task_id", "baht", "items")',
    },
  ],
});
export type LogbookEntry = InferEntity<typeof LogbookEntry>;
