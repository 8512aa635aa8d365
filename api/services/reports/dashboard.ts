/**
 * The dashboard of the levels that watch others (district, province, supervisor): the headline
 * numbers, the households by stage, baht by dimension, the monthly trend and a comparison of the
 * areas one level down, in one answer a phone can take on a slow line. It composes the reports
 * beside it (case counts, dimensions, monthly trend) in one snapshot, and compares provinces when
 * it covers the whole country: 77 rows, not 928 districts.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { findDistrict, findProvince, findSubdistrict } from '../../../db/reference/admin-areas';
import type { FiscalYear } from '../../../domain/fiscal-year';
import { STAGES } from '../../../workflows/household-case/types';
import { casesByArea, casesByStage, type AreaCountRow } from './case-counts';
import { Nullable, ReportMeta } from './common';
import { assistanceByDimension } from './dimensions';
import { monthlyTrend, TrendMonth } from './monthly-trend';
import { RollupAsOf } from './rollups';
import type { ReportScope } from './scope';

const OPEN_STAGES = STAGES.filter((s) => s !== 'closed');
const Count = Type.Integer({ minimum: 0 });

const AreaRow = Type.Object({
  code: Type.String({ description: 'Province (2 digits), district (4) or subdistrict (6) code' }),
  nameTh: Type.String(),
  nameEn: Nullable(Type.String()),
  inProgram: Count,
  overdue: Count,
  escalated: Count,
  graduated: Type.Integer({ minimum: 0, description: 'Households that graduated, in any year' }),
});
export type DashboardAreaRow = Static<typeof AreaRow>;

export const Dashboard = Type.Object({
  meta: ReportMeta,
  asOf: RollupAsOf,
  headline: Type.Object({
    inProgram: Type.Integer({ minimum: 0, description: 'Households whose case is open (not closed), in any stage' }),
    overdue: Type.Integer({ minimum: 0, description: 'Open cases past their due date' }),
    escalated: Type.Integer({ minimum: 0, description: 'Open cases escalated to the province' }),
    graduatedThisYear: Type.Integer({ minimum: 0, description: 'Cases closed as graduated in the current fiscal year' }),
  }),
  stages: Type.Array(Type.Object({ stage: Type.String(), cases: Count, overdue: Count, escalated: Count }), { description: 'The open stages, in the order of the process' }),
  bahtByDimension: Type.Array(Type.Object({ dimension: Type.String({ description: "A dimension code, or 'relief'" }), baht: Type.Number(), households: Count }), {
    description: 'Logbook baht dated in the current fiscal year',
  }),
  trend: Type.Array(TrendMonth, { description: 'The current fiscal year up to this month: a month that has not begun is not drawn as zero' }),
  compareBy: Type.Union([Type.Literal('province'), Type.Literal('district'), Type.Literal('subdistrict')]),
  areas: Type.Array(AreaRow, { description: 'One row per area one level below the dashboard’s own, busiest first' }),
});
export type Dashboard = Static<typeof Dashboard>;

export async function dashboard(em: EntityManager, scope: ReportScope, fy: FiscalYear, now: Date = new Date()): Promise<Omit<Dashboard, 'meta'>> {
  const level = scope.narrowest().length;
  const compareBy = level >= 4 ? 'subdistrict' : level === 2 ? 'district' : 'province';
  // One statement at a time: they share the report's snapshot (one connection).
  const stages = await casesByStage(em, scope, null);
  const byArea = await casesByArea(em, scope, null, compareBy === 'subdistrict' ? 'subdistrict' : 'district');
  const assistance = await assistanceByDimension(em, scope, fy);
  const trend = await monthlyTrend(em, scope, fy);
  const thisMonth = bangkokMonth(now);
  const open = stages.stages.filter((s) => s.stage !== 'closed');
  return {
    asOf: stages.asOf,
    headline: {
      inProgram: open.reduce((n, s) => n + s.cases, 0),
      overdue: stages.total.overdue,
      escalated: stages.total.escalated,
      graduatedThisYear: trend.total.graduated,
    },
    stages: OPEN_STAGES.map((stage) => {
      const row = open.find((s) => s.stage === stage);
      return { stage, cases: row?.cases ?? 0, overdue: row?.overdue ?? 0, escalated: row?.escalated ?? 0 };
    }),
    bahtByDimension: assistance.dimensions.map((d) => ({ dimension: d.dimension, baht: d.baht, households: d.households })),
    trend: trend.months.filter((m) => m.month <= thisMonth),
    compareBy,
    areas: compare(byArea.rows, compareBy),
  };
}

/** Area rows as the dashboard compares them; district rows summed per province for the whole country. */
function compare(rows: AreaCountRow[], by: Dashboard['compareBy']): DashboardAreaRow[] {
  const totals = new Map<string, Omit<DashboardAreaRow, 'code' | 'nameTh' | 'nameEn'>>();
  for (const row of rows) {
    const code = by === 'province' ? row.code.slice(0, 2) : row.code;
    const sum = totals.get(code) ?? { inProgram: 0, overdue: 0, escalated: 0, graduated: 0 };
    sum.inProgram += row.cases - row.closed;
    sum.overdue += row.overdue;
    sum.escalated += row.escalated;
    sum.graduated += row.graduated;
    totals.set(code, sum);
  }
  return [...totals]
    .map(([code, sum]) => ({ code, ...nameOf(code), ...sum }))
    .sort((a, b) => b.inProgram - a.inProgram || a.code.localeCompare(b.code));
}

function nameOf(code: string): { nameTh: string; nameEn: string | null } {
  const area = code.length === 2 ? findProvince(code) : code.length === 4 ? findDistrict(code) : findSubdistrict(code);
  return { nameTh: area?.nameTh ?? code, nameEn: area?.nameEn ?? null };
}

/** YYYY-MM of `now` in Bangkok, the months the trend is cut at. */
function bangkokMonth(now: Date): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit' }).formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}`;
}
