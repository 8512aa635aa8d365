import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FiscalYear } from '../../../domain/fiscal-year';
import type { ReportScope } from './scope';
import { sql, type Sql } from './sql';


export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ReportMeta = Type.Object({
  fiscalYear: Nullable(
    Type.Object({
      year: Type.Integer({ description: 'Buddhist era, e.g. 2570' }),
      firstDay: Type.String({ format: 'date' }),
      lastDay: Type.String({ format: 'date' }),
    }),
  ),
  area: Type.Object(
    {
      provinceCode: Nullable(Type.String()),
      districtCode: Nullable(Type.String()),
      subdistrictCode: Nullable(Type.String()),
    },
    { description: 'The narrowest area the report covers (the caller’s own area and the filters together); null: all' },
  ),
  generatedAt: Type.String({ format: 'date-time' }),
});
export type ReportMeta = Static<typeof ReportMeta>;

export function reportMeta(scope: ReportScope, fy: FiscalYear | null): ReportMeta {
  const code = scope.narrowest();
  return {
    fiscalYear: fy ? { year: fy.year, firstDay: fy.firstDay, lastDay: fy.lastDay } : null,
    area: {
      provinceCode: code.length >= 2 ? code.slice(0, 2) : null,
      districtCode: code.length >= 4 ? code.slice(0, 4) : null,
      subdistrictCode: code.length >= 6 ? code : null,
    },
    generatedAt: new Date().toISOString(),
  };
}

/**
 * A fiscal year's intake: the cases opened in it (household_case under `alias`). The snapshot
 * reports (case counts, outcomes, forms) take a fiscal year to mean this cohort.
 */
export function intake(alias: string, fy: FiscalYear | null): Sql | null {
  return fy ? sql(`${alias}.opened_at >= ? and ${alias}.opened_at < ?`, fy.start, fy.end) : null;
}

/** Runs one composed statement. */
export function run<R>(em: EntityManager, q: Sql): Promise<R[]> {
  return em.execute<R[]>(q.text, q.params);
}

/**
 * Runs one report's statements in a read-only REPEATABLE READ transaction: the numbers of a report
 * come from one snapshot even when it takes several statements. Inside it the report may hash its
 * groups in memory (a province's 40,000 cases outgrow the default 4 MB work_mem and spill to disk)
 * and no statement runs away with the database.
 */
export async function inReportSnapshot<T>(em: EntityManager, report: (em: EntityManager) => Promise<T>): Promise<T> {
  return em.transactional(
    async (tx) => {
      await tx.execute(`set local work_mem = '${REPORT_WORK_MEM}'`);
      await tx.execute(`set local statement_timeout = '${REPORT_STATEMENT_TIMEOUT}'`);
      return report(tx);
    },
    { readOnly: true, isolationLevel: IsolationLevel.REPEATABLE_READ },
  );
}

const REPORT_WORK_MEM = '32MB';
const REPORT_STATEMENT_TIMEOUT = '30s';
