/**
 * Assistance per dimension for a fiscal year: households, persons, projects, baht spent, items given
 * (the Sukhothai fiscal-2565 table in docs/PROGRAM.md, "Figures for scale", is the model).
 *
 * - A project is an assistance task. The year's projects are the tasks assigned in the year (but
 *   not cancelled before anything was done) together with the tasks that logged an activity in it,
 *   so a task assigned in September and worked in November counts in both years.
 * - Households helped in a dimension are the households of those projects; persons are their
 *   members (household.member_count, the projected length of the member list).
 * - Baht and items are the logbook entries dated in the year, whichever year the task began.
 * - Relief given on a visit (logbook entries with no task and no dimension) is its own row,
 *   'relief': those households were helped, with no project.
 * - The total row counts each household and person once, however many dimensions helped it.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DIMENSIONS } from '../../../workflows/household-case/types';
import { Nullable, ReportMeta, run } from './common';
import type { CsvColumn } from './csv';
import type { FiscalYear } from '../../../domain/fiscal-year';
import { dimensionTh, RELIEF } from './labels';
import type { ReportScope } from './scope';
import { and, query, sql } from './sql';

export const AssistanceRow = Type.Object({
  dimension: Type.String({ description: "A dimension code, or 'relief' for relief given on visits" }),
  dimensionTh: Nullable(Type.String()),
  households: Type.Integer(),
  persons: Type.Integer(),
  projects: Type.Integer({ description: 'Assistance tasks of the year' }),
  activities: Type.Integer({ description: 'Logbook entries dated in the year' }),
  baht: Type.Number(),
  items: Type.Integer(),
});
export type AssistanceRow = Static<typeof AssistanceRow>;
export const DimensionsReport = Type.Object({ meta: ReportMeta, dimensions: Type.Array(AssistanceRow), total: Type.Omit(AssistanceRow, ['dimension', 'dimensionTh']) });
export type DimensionsReport = Static<typeof DimensionsReport>;

const TOTAL = '~total';

export async function assistanceByDimension(em: EntityManager, scope: ReportScope, fy: FiscalYear): Promise<Omit<DimensionsReport, 'meta'>> {
  const rows = await run<{ dimension: string; households: number; persons: number; projects: number; activities: number; baht: number; items: number }>(
    em,
    query`with year_log as (
             select coalesce(l.dimension, ${sql('?', RELIEF)}) as dimension, l.task_id, l.case_id, l.baht, l.items
             from logbook_entry l
             where ${and(scope.rowsOfCase('l'), sql('l.date >= ?::date and l.date < ?::date', fy.firstDay, fy.endDay))}
           ),
           -- A task's entries carry its dimension and case: the tasks worked in the year need no lookup.
           year_tasks as (
             select t.id, t.case_id, t.dimension
             from assistance_task t
             where ${and(scope.rows('t'), sql(`t.status <> 'cancelled' and t.assigned_at >= ? and t.assigned_at < ?`, fy.start, fy.end))}
             union
             select task_id, case_id, dimension from year_log where task_id is not null
           ),
           helped as (
             select dimension, case_id from year_tasks
             union
             select dimension, case_id from year_log where task_id is null
           ),
           -- Each helped household once, through its case's primary key rather than its area: a
           -- household helped here that has moved away since still counts here.
           members as (
             select x.case_id, hh.member_count
             from (select distinct case_id from helped) x
             join household_case c on c.id = x.case_id
             join household hh on hh.id = c.household_id
           ),
           households as (
             select h.dimension, count(*)::int as households, coalesce(sum(m.member_count), 0)::int as persons
             from helped h join members m on m.case_id = h.case_id
             group by h.dimension
             union all
             select ${sql('?', TOTAL)}, count(*)::int, coalesce(sum(member_count), 0)::int from members
           ),
           projects as (
             select dimension, count(*)::int as projects from year_tasks group by dimension
             union all
             select ${sql('?', TOTAL)}, count(*)::int from year_tasks
           ),
           spending as (
             select coalesce(dimension, ${sql('?', TOTAL)}) as dimension, count(*)::int as activities,
                    coalesce(sum(baht), 0)::float8 as baht, coalesce(sum(items), 0)::int as items
             from year_log
             group by grouping sets ((dimension), ())
           )
           select dimension,
                  coalesce(households, 0) as households, coalesce(persons, 0) as persons, coalesce(projects, 0) as projects,
                  coalesce(activities, 0) as activities, coalesce(baht, 0) as baht, coalesce(items, 0) as items
           from households full join projects using (dimension) full join spending using (dimension)`,
  );
  const byDimension = new Map(rows.map((r) => [r.dimension, r]));
  const numbers = (code: string): Omit<AssistanceRow, 'dimension' | 'dimensionTh'> => {
    const r = byDimension.get(code);
    return { households: r?.households ?? 0, persons: r?.persons ?? 0, projects: r?.projects ?? 0, activities: r?.activities ?? 0, baht: r?.baht ?? 0, items: r?.items ?? 0 };
  };
  return {
    dimensions: [...DIMENSIONS, RELIEF].map((dimension) => ({ dimension, dimensionTh: dimensionTh(dimension), ...numbers(dimension) })),
    total: numbers(TOTAL),
  };
}

export const ASSISTANCE_CSV: Array<CsvColumn<AssistanceRow>> = [
  { header: 'dimension', value: (r) => r.dimension },
  { header: 'dimension_th', value: (r) => r.dimensionTh },
  { header: 'households', value: (r) => r.households },
  { header: 'persons', value: (r) => r.persons },
  { header: 'projects', value: (r) => r.projects },
  { header: 'activities', value: (r) => r.activities },
  { header: 'baht', value: (r) => r.baht },
  { header: 'items', value: (r) => r.items },
];
