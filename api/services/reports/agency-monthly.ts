/**
 * Monthly assistance statistics per agency (what NESDC reads from the Logbook): for each agency and
 * each month of the fiscal year, the activities logged, the households they reached, baht spent and
 * items given. Relief given on visits has no agency: it is the row with agencyCode null. An agency
 * officer sees only the agency's own row.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Nullable, ReportMeta, run } from './common';
import type { CsvColumn } from './csv';
import { monthsOf, type FiscalYear } from '../../../domain/fiscal-year';
import { agencyTh } from './labels';
import type { ReportScope } from './scope';
import { and, query, sql } from './sql';

const Stats = Type.Object({
  activities: Type.Integer(),
  households: Type.Integer({ description: 'Distinct households; the year total counts each once' }),
  baht: Type.Number(),
  items: Type.Integer(),
});
type Stats = Static<typeof Stats>;

export const AgencyMonths = Type.Object({
  agencyCode: Nullable(Type.String({ description: 'null: relief given on visits, by no agency' })),
  agencyNameTh: Nullable(Type.String()),
  months: Type.Array(Type.Object({ month: Type.String({ description: 'YYYY-MM (Gregorian)' }), monthTh: Type.String(), ...Stats.properties })),
  total: Stats,
});
export type AgencyMonths = Static<typeof AgencyMonths>;
export const AgencyMonthlyReport = Type.Object({ meta: ReportMeta, agencies: Type.Array(AgencyMonths) });
export type AgencyMonthlyReport = Static<typeof AgencyMonthlyReport>;

const ZERO: Stats = { activities: 0, households: 0, baht: 0, items: 0 };

export async function agencyMonthly(em: EntityManager, scope: ReportScope, fy: FiscalYear, agencyCode: string | null): Promise<Omit<AgencyMonthlyReport, 'meta'>> {
  // Months as yyyymm integers: cheaper to group than formatted text, and free of the session time zone.
  const rows = await run<Stats & { agency_code: string | null; month: number | null; is_total: boolean }>(
    em,
    query`select agency_code, month, grouping(month) = 1 as is_total,
             count(*)::int as activities,
             count(distinct case_id)::int as households,
             coalesce(sum(baht), 0)::float8 as baht,
             coalesce(sum(items), 0)::int as items
           from (
             select l.agency_code, extract(year from l.date)::int * 100 + extract(month from l.date)::int as month, l.case_id, l.baht, l.items
             from logbook_entry l
             where ${and(scope.rowsOfCase('l'), sql('l.date >= ?::date and l.date < ?::date', fy.firstDay, fy.endDay), agencyCode ? sql('l.agency_code = ?', agencyCode) : null)}
           ) entries
           group by grouping sets ((agency_code, month), (agency_code))`,
  );
  const months = monthsOf(fy);
  const agencies = [...new Set(rows.map((r) => r.agency_code))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  return {
    agencies: agencies.map((code) => {
      const mine = rows.filter((r) => r.agency_code === code);
      const stats = (r: Stats | undefined): Stats => (r ? { activities: r.activities, households: r.households, baht: r.baht, items: r.items } : { ...ZERO });
      return {
        agencyCode: code,
        agencyNameTh: agencyTh(code),
        months: months.map((m) => ({ month: m.month, monthTh: m.labelTh, ...stats(mine.find((r) => !r.is_total && r.month === Number(m.month.replace('-', '')))) })),
        total: stats(mine.find((r) => r.is_total)),
      };
    }),
  };
}

/** One CSV row per agency and month, then the agency's year total (month 'total'). */
export interface AgencyMonthCsvRow extends Stats {
  agencyCode: string | null;
  agencyNameTh: string | null;
  month: string;
  monthTh: string;
}

export function agencyMonthCsvRows(report: Omit<AgencyMonthlyReport, 'meta'>, fy: FiscalYear): AgencyMonthCsvRow[] {
  return report.agencies.flatMap((a) => [
    ...a.months.map((m) => ({ agencyCode: a.agencyCode, agencyNameTh: a.agencyNameTh, ...m })),
    { agencyCode: a.agencyCode, agencyNameTh: a.agencyNameTh, month: 'total', monthTh: `รวมปีงบประมาณ ${fy.year}`, ...a.total },
  ]);
}

export const AGENCY_MONTH_CSV: Array<CsvColumn<AgencyMonthCsvRow>> = [
  { header: 'agency_code', value: (r) => r.agencyCode },
  { header: 'agency_name_th', value: (r) => r.agencyNameTh },
  { header: 'month', value: (r) => r.month },
  { header: 'month_th', value: (r) => r.monthTh },
  { header: 'activities', value: (r) => r.activities },
  { header: 'households', value: (r) => r.households },
  { header: 'baht', value: (r) => r.baht },
  { header: 'items', value: (r) => r.items },
];
