/**
 * The monthly trend of a fiscal year: cases opened, closed and graduated in each month (Bangkok
 * months). The supervisor dashboard draws it; it answers "is the program moving?" at a glance.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ReportMeta, run } from './common';
import type { CsvColumn } from './csv';
import { monthsOf, type FiscalYear } from '../../../domain/fiscal-year';
import type { ReportScope } from './scope';
import { and, query, sql } from './sql';

const Counts = Type.Object({
  opened: Type.Integer({ description: 'Cases opened in the month' }),
  closed: Type.Integer({ description: 'Cases closed in the month, for any reason' }),
  graduated: Type.Integer({ description: 'Cases closed in the month because the household passed the survey' }),
});
export const TrendMonth = Type.Object({ month: Type.String({ description: 'YYYY-MM (Gregorian)' }), monthTh: Type.String(), ...Counts.properties });
export type TrendMonth = Static<typeof TrendMonth>;
export const MonthlyTrendReport = Type.Object({ meta: ReportMeta, months: Type.Array(TrendMonth), total: Counts });
export type MonthlyTrendReport = Static<typeof MonthlyTrendReport>;

// Months are cut at Bangkok midnight, like the fiscal year itself.
const month = (column: string) => `to_char(${column} at time zone 'Asia/Bangkok', 'YYYY-MM')`;

export async function monthlyTrend(em: EntityManager, scope: ReportScope, fy: FiscalYear): Promise<Omit<MonthlyTrendReport, 'meta'>> {
  const within = (column: string) => sql(`c.${column} >= ? and c.${column} < ?`, fy.start, fy.end);
  const rows = await run<{ month: string; opened: number; closed: number; graduated: number }>(
    em,
    query`select month, sum(opened)::int as opened, sum(closed)::int as closed, sum(graduated)::int as graduated from (
             select ${sql(month('c.opened_at'))} as month, 1 as opened, 0 as closed, 0 as graduated
               from household_case c where ${and(scope.rows('c'), within('opened_at'))}
             union all
             select ${sql(month('c.closed_at'))}, 0, 1, (c.closure_reason = 'graduated')::int
               from household_case c where ${and(scope.rows('c'), within('closed_at'))}
           ) m group by month`,
  );
  const months = monthsOf(fy).map((m) => {
    const row = rows.find((r) => r.month === m.month);
    return { month: m.month, monthTh: m.labelTh, opened: row?.opened ?? 0, closed: row?.closed ?? 0, graduated: row?.graduated ?? 0 };
  });
  const sum = (key: 'opened' | 'closed' | 'graduated') => months.reduce((n, m) => n + m[key], 0);
  return { months, total: { opened: sum('opened'), closed: sum('closed'), graduated: sum('graduated') } };
}

export const TREND_CSV: Array<CsvColumn<TrendMonth>> = [
  { header: 'month', value: (r) => r.month },
  { header: 'month_th', value: (r) => r.monthTh },
  { header: 'opened', value: (r) => r.opened },
  { header: 'closed', value: (r) => r.closed },
  { header: 'graduated', value: (r) => r.graduated },
];
