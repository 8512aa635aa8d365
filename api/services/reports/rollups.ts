import { loadConfig, type AppConfig } from '../../../common/config';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { iso } from '../lists';
import { intake } from './common';
import type { FiscalYear } from '../../../domain/fiscal-year';
import type { ReportScope } from './scope';
import { and, query, sql, type Sql } from './sql';

/**
 * National figures from rollups. A report over the whole country counts every case, a second or
 * more at a million cases, on every request. Past `KAEJON_ROLLUP_MIN_CASES` cases (the planner's
 * estimate, free to read) such a report reads the rollups of migration `report_rollups` instead:
 * counts per subdistrict and intake fiscal year, refreshed every `KAEJON_ROLLUP_MAX_AGE_SECONDS`
 * by the API (api/plugins/report-rollups.ts). The report's `asOf` says when they were taken.
 * Every report narrowed to a province, district or subdistrict is counted live.
 */
export const RollupAsOf = Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
  description: 'When the national rollups these figures come from were taken (see KAEJON_ROLLUP_MAX_AGE_SECONDS); null: counted live',
});

export function rollupSettings(): AppConfig['rollups'] {
  return loadConfig().rollups;
}

/** Whether the case table is big enough for national reports to read the rollups (reltuples is -1 before the first ANALYZE), and when those were taken. */
async function rollupState(em: EntityManager): Promise<{ inUse: boolean; refreshedAt: Date | null }> {
  const [row] = await em.execute<Array<{ cases: string; refreshed_at: string | null }>>(
    `select greatest(c.reltuples, 0)::bigint as cases, (select refreshed_at from report_rollup where name = 'national') as refreshed_at from pg_class c where c.oid = 'household_case'::regclass`,
  );
  // Read through a subquery, the time arrives as text.
  return { inUse: Number(row?.cases ?? 0) >= rollupSettings().minCases, refreshedAt: row?.refreshed_at ? new Date(row.refreshed_at) : null };
}

/** When the rollups a report over `scope` reads were taken; null when it counts live. */
async function nationalRollupAsOf(em: EntityManager, scope: ReportScope): Promise<string | null> {
  if (scope.narrowest() !== '') return null;
  const state = await rollupState(em);
  return state.inUse && state.refreshedAt ? iso(state.refreshedAt) : null;
}

/**
 * Where case counts come from: household_case itself (one row a case) or case_area_rollup (a
 * count a row). `count(condition)` is the SQL of a count, over either; `graduated` and `overdue`
 * are the conditions both can evaluate.
 */
export interface CaseCountSource {
  from: Sql;
  count(condition?: string): string;
  graduated: string;
  overdue: string;
  asOf: string | null;
}

export async function caseCountSource(em: EntityManager, scope: ReportScope, fy: FiscalYear | null, grain: 'district' | 'subdistrict'): Promise<CaseCountSource> {
  const asOf = await nationalRollupAsOf(em, scope);
  const filtered = (condition: string | undefined) => (condition ? ` filter (where ${condition})` : '');
  if (asOf) {
    // A report that needs no subdistrict reads the per-district sums: a row per district, not per subdistrict.
    const rollup = sql(grain === 'district' ? 'case_district_rollup' : 'case_area_rollup');
    return {
      from: query`${rollup} c where ${fy ? sql('c.intake_fy = ?', fy.year) : sql('true')}`,
      count: (condition) => `coalesce(sum(c.cases)${filtered(condition)}, 0)::int`,
      graduated: 'c.graduated',
      overdue: 'c.overdue',
      asOf,
    };
  }
  return {
    from: query`household_case c where ${and(scope.rows('c'), intake('c', fy))}`,
    count: (condition) => `count(*)${filtered(condition)}::int`,
    graduated: `c.closure_reason = 'graduated'`,
    overdue: 'c.overdue_level > 0',
    asOf: null,
  };
}

/** The national problem rollup for a fiscal year's intake (or all), when the outcome report should read it. */
export async function problemRollup(em: EntityManager, scope: ReportScope, fy: FiscalYear | null): Promise<{ from: Sql; asOf: string } | null> {
  const asOf = await nationalRollupAsOf(em, scope);
  return asOf ? { from: query`problem_area_rollup p where ${fy ? sql('p.intake_fy = ?', fy.year) : sql('true')}`, asOf } : null;
}

/**
 * Refreshes the rollups when they are in use and older than their maximum age. One API replica at
 * a time (a transaction-scoped advisory lock); readers never wait (CONCURRENTLY). Answers whether
 * it refreshed.
 */
export async function refreshNationalRollups(em: EntityManager, force = false): Promise<boolean> {
  return em.transactional(async (tx) => {
    const [lock] = await tx.execute<Array<{ locked: boolean }>>(`select pg_try_advisory_xact_lock(hashtext('kaejon.report_rollup')) as locked`);
    if (!lock?.locked) return false;
    const state = await rollupState(tx);
    const age = state.refreshedAt ? (Date.now() - state.refreshedAt.getTime()) / 1000 : Infinity;
    if (!force && (!state.inUse || age < rollupSettings().maxAgeSeconds)) return false;
    await tx.execute('refresh materialized view concurrently case_area_rollup');
    // Summed from the one just refreshed (same transaction, so it sees it).
    await tx.execute('refresh materialized view concurrently case_district_rollup');
    await tx.execute('refresh materialized view concurrently problem_area_rollup');
    // The transaction's start: the rollups hold at least everything committed before it.
    await tx.execute(`insert into report_rollup (name, refreshed_at) values ('national', now()) on conflict (name) do update set refreshed_at = excluded.refreshed_at`);
    return true;
  });
}
