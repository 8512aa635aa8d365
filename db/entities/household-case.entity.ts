import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { CaseState } from '../../workflows/household-case/types';

/**
 * The read-model row of one case: a projection of the householdCase workflow's state. `version`
 * is the workflow's own change counter, so a late or retried projection never overwrites a newer one.
 *
 * The indexes serve the supervisor lists and reports at a million cases: counts and lists by area
 * and stage, overdue cases (few, so a partial index), escalated cases, and stuck cases (active, no
 * progress for a while). Single-column area indexes would not help: every list filters by area
 * first and something else second.
 */
export const HouseholdCase = defineEntity({
  name: 'HouseholdCase',
  tableName: 'household_case',
  properties: {
    id: p.string().primary(),
    householdId: p.string().index(),
    stage: p.string(),
    status: p.string(),
    provinceCode: p.string().length(2),
    districtCode: p.string().length(4),
    subdistrictCode: p.string().length(6),
    stageEnteredAt: p.datetime().nullable(),
    dueAt: p.datetime().nullable(),
    overdueLevel: p.integer().default(0),
    escalated: p.boolean().default(false),
    /** Who assigns the problems: 'district', or 'province' after an escalation. */
    assignmentLevel: p.string().default('district'),
    verificationOutcome: p.string().nullable(),
    householdType: p.string().nullable(),
    track: p.string().default('development'),
    exemption: p.string().nullable(),
    planGoal: p.string().nullable(),
    paused: p.boolean().default(false),
    pauseReason: p.string().nullable(),
    pausedSince: p.datetime().nullable(),
    policyVersion: p.string(),
    version: p.integer(),
    openedAt: p.datetime(),
    lastProgressAt: p.datetime(),
    closedAt: p.datetime().nullable(),
    closureReason: p.string().nullable(),
    /** The whole case state at `version`: GET /cases/:id answers from it, without asking the worker. */
    state: p.json<CaseState>(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  indexes: [
    // Counts by stage per area, and each level's lists filtered by stage.
    { name: 'household_case_province_code_stage_index', properties: ['provinceCode', 'stage'] },
    { name: 'household_case_district_code_stage_index', properties: ['districtCode', 'stage'] },
    { name: 'household_case_subdistrict_code_stage_index', properties: ['subdistrictCode', 'stage'] },
    // "Due soon / overdue in stage X" across the country, ordered by due date.
    { name: 'household_case_stage_due_at_index', properties: ['stage', 'dueAt'] },
    // Overdue and escalated cases are a small share: partial indexes stay small and hot.
    {
      name: 'household_case_overdue_index',
      expression: 'create index "household_case_overdue_index" on "household_case" ("district_code", "overdue_level", "due_at") where "overdue_level" > 0',
    },
    {
      name: 'household_case_escalated_index',
      expression: 'create index "household_case_escalated_index" on "household_case" ("province_code", "district_code") where "escalated"',
    },
    // Stuck: active (not paused, not closed) with no progress since a date.
    {
      name: 'household_case_stuck_index',
      expression: 'create index "household_case_stuck_index" on "household_case" ("last_progress_at") where "status" = \'active\'',
    },
    // Covering indexes for the reports: the rows are wide (the state snapshot stays inline, a few
    // rows to a page), so a report that reads the heap reads most of the table. With these, every
    // district and province report is an index-only scan (measured by `npm run bench`).
    {
      name: 'household_case_area_report_index',
      expression:
        'create index "household_case_area_report_index" on "household_case" ("province_code", "district_code", "subdistrict_code", "stage") include ("id", "status", "overdue_level", "escalated", "opened_at", "closure_reason", "household_type", "plan_goal")',
    },
    // The overdue and stuck lists of a province or district: both filter active cases by area, then
    // by due date, overdue level or last progress. Without it the planner intersected bitmaps of
    // the country-wide partial indexes and read the wide rows (150 ms per province at 1M cases);
    // with it, the list's count is an index-only scan of the area (status and household_id are
    // included for that: the filter and the join to household read them).
    {
      name: 'household_case_active_area_index',
      expression:
        'create index "household_case_active_area_index" on "household_case" ("province_code", "district_code", "last_progress_at") include ("due_at", "overdue_level", "status", "household_id") where "status" = \'active\'',
    },
    // The overdue list's page, in its own order (most overdue first, then by due date): the first 50
    // rows are read in order instead of every overdue case of the province being fetched and sorted.
    {
      name: 'household_case_active_overdue_order_index',
      expression:
        'create index "household_case_active_overdue_order_index" on "household_case" ("province_code", "overdue_level" desc, "due_at", "id") where "status" = \'active\'',
    },
    // The same two pages for the whole country, in the lists' own orders (overdueLevel desc, and
    // dueAt for escalated): without them a national page sorts every overdue or escalated case.
    {
      name: 'household_case_country_overdue_order_index',
      expression:
        'create index "household_case_country_overdue_order_index" on "household_case" ("overdue_level" desc nulls last, "due_at" asc nulls last, "id") where "status" = \'active\'',
    },
    {
      name: 'household_case_country_escalated_order_index',
      expression:
        'create index "household_case_country_escalated_order_index" on "household_case" ("due_at" asc nulls last, "id") where "escalated" and "status" <> \'closed\'',
    },
    // Joins from a task or logbook entry to its case without the heap (grades, dimensions).
    {
      name: 'household_case_id_report_index',
      expression: 'create unique index "household_case_id_report_index" on "household_case" ("id") include ("household_id", "exemption", "closure_reason", "closed_at")',
    },
  ],
});
export type HouseholdCase = InferEntity<typeof HouseholdCase>;
