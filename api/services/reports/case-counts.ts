/**
 * Case counts by stage, by dimension and by area (docs/PROGRAM.md, "What each level reports"), with the
 * overdue and escalated counts. They describe the cases as they stand now; a fiscal year narrows
 * them to the year's intake (cases opened in that year). Overdue and escalated count open cases only:
 * a closed case is nobody's work.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DIMENSIONS, STAGES, type Stage } from '../../../workflows/household-case/types';
import { intake, Nullable, ReportMeta, run } from './common';
import { caseCountSource, RollupAsOf } from './rollups';
import type { CsvColumn } from './csv';
import type { FiscalYear } from '../../../domain/fiscal-year';
import { dimensionTh, districtTh, STAGE_TH, subdistrictTh } from './labels';
import type { ReportScope } from './scope';
import { and, query, sql } from './sql';

// ---- by stage ----

export const StageRow = Type.Object({
  stage: Type.String(),
  stageTh: Type.String(),
  cases: Type.Integer(),
  active: Type.Integer(),
  paused: Type.Integer(),
  overdue: Type.Integer({ description: 'Open cases past their due date (flagged to the level above)' }),
  escalated: Type.Integer({ description: 'Open cases escalated to the province' }),
});
export type StageRow = Static<typeof StageRow>;
export const CasesByStage = Type.Object({ meta: ReportMeta, asOf: RollupAsOf, stages: Type.Array(StageRow), total: Type.Omit(StageRow, ['stage', 'stageTh']) });
export type CasesByStage = Static<typeof CasesByStage>;

export async function casesByStage(em: EntityManager, scope: ReportScope, fy: FiscalYear | null): Promise<Omit<CasesByStage, 'meta'>> {
  const source = await caseCountSource(em, scope, fy, 'district');
  const rows = await run<{ stage: Stage; cases: number; active: number; paused: number; overdue: number; escalated: number }>(
    em,
    query`select c.stage,
             ${sql(source.count())} as cases,
             ${sql(source.count(`c.status = 'active'`))} as active,
             ${sql(source.count(`c.status = 'paused'`))} as paused,
             ${sql(source.count(`c.status <> 'closed' and ${source.overdue}`))} as overdue,
             ${sql(source.count(`c.status <> 'closed' and c.escalated`))} as escalated
           from ${source.from}
           group by c.stage`,
  );
  const zero = { cases: 0, active: 0, paused: 0, overdue: 0, escalated: 0 };
  const stages = STAGES.map((stage) => {
    const { cases, active, paused, overdue, escalated } = rows.find((r) => r.stage === stage) ?? zero;
    return { stage, stageTh: STAGE_TH[stage], cases, active, paused, overdue, escalated };
  });
  const sum = (key: keyof typeof zero) => stages.reduce((n, s) => n + s[key], 0);
  return { asOf: source.asOf, stages, total: { cases: sum('cases'), active: sum('active'), paused: sum('paused'), overdue: sum('overdue'), escalated: sum('escalated') } };
}

export const STAGE_CSV: Array<CsvColumn<StageRow>> = [
  { header: 'stage', value: (r) => r.stage },
  { header: 'stage_th', value: (r) => r.stageTh },
  { header: 'cases', value: (r) => r.cases },
  { header: 'active', value: (r) => r.active },
  { header: 'paused', value: (r) => r.paused },
  { header: 'overdue', value: (r) => r.overdue },
  { header: 'escalated', value: (r) => r.escalated },
];

// ---- by dimension ----

export const DimensionCountRow = Type.Object({
  dimension: Type.String(),
  dimensionTh: Nullable(Type.String()),
  cases: Type.Integer({ description: 'Cases with at least one problem in the dimension' }),
  openCases: Type.Integer(),
  problems: Type.Integer(),
  solvedProblems: Type.Integer(),
  overdueCases: Type.Integer(),
  escalatedCases: Type.Integer(),
  openTasks: Type.Integer({ description: 'Assistance tasks under way' }),
  overdueTasks: Type.Integer(),
});
export type DimensionCountRow = Static<typeof DimensionCountRow>;
export const CasesByDimension = Type.Object({
  meta: ReportMeta,
  dimensions: Type.Array(DimensionCountRow),
  total: Type.Omit(DimensionCountRow, ['dimension', 'dimensionTh'], { description: 'Cases counted once however many dimensions they have problems in' }),
});
export type CasesByDimension = Static<typeof CasesByDimension>;

type DimensionCounts = Omit<DimensionCountRow, 'dimension' | 'dimensionTh'>;

export async function casesByDimension(em: EntityManager, scope: ReportScope, fy: FiscalYear | null): Promise<Omit<CasesByDimension, 'meta'>> {
  // One pass groups the problems by case, with a column per dimension; the cases (read by area,
  // like the problems, never one by one through the primary key) join that, and a single aggregate
  // counts every dimension and the distinct total at once, without count(distinct).
  const perDimension = (d: string, column: string, extra = '') => `count(*) filter (where p.dimension = '${d}'${extra}) as "${d}_${column}"`;
  const casesOf = (d: string, column: string, extra = '') => `count(*) filter (where pc."${d}_problems" > 0${extra})::int as "${d}_${column}"`;
  const sumOf = (d: string, column: string) => `coalesce(sum(pc."${d}_${column}"), 0)::int as "${d}_${column}"`;
  const columns = (f: (d: string) => string[]) => [...DIMENSIONS, 'total'].flatMap(f).join(',\n             ');
  const problems = run<Record<string, number>>(
    em,
    query`with per_case as (
             select p.case_id,
                    count(*) as total_problems, count(*) filter (where p.status = 'solved') as total_solved,
                    ${sql(DIMENSIONS.flatMap((d) => [perDimension(d, 'problems'), perDimension(d, 'solved', " and p.status = 'solved'")]).join(', '))}
             from case_problem p
             where ${scope.rows('p')}
             group by p.case_id
           )
           select ${sql(
             columns((d) => [
               casesOf(d, 'cases'),
               casesOf(d, 'open_cases', ' and c.open'),
               casesOf(d, 'overdue_cases', ' and c.overdue'),
               casesOf(d, 'escalated_cases', ' and c.escalated'),
               sumOf(d, 'problems'),
               sumOf(d, 'solved'),
             ]),
           )}
           from per_case pc
           join (select c.id, c.status <> 'closed' as open, c.status <> 'closed' and c.overdue_level > 0 as overdue, c.status <> 'closed' and c.escalated as escalated
                 from household_case c
                 where ${and(scope.rows('c'), intake('c', fy))}) c on c.id = pc.case_id`,
  );
  const tasks = run<{ dimension: string | null; open_tasks: number; overdue_tasks: number }>(
    em,
    query`select t.dimension,
             count(*)::int as open_tasks,
             count(*) filter (where t.overdue_level > 0)::int as overdue_tasks
           from assistance_task t
           where ${and(scope.rows('t'), sql(`t.status = 'open'`), fy ? query`t.case_id in (select c.id from household_case c where ${and(scope.rows('c'), intake('c', fy))})` : null)}
           group by grouping sets ((t.dimension), ())`,
  );
  const [[problemRow], taskRows] = await Promise.all([problems, tasks]);
  const counts = (dimension: string | null): DimensionCounts => {
    const d = dimension ?? 'total';
    const t = taskRows.find((r) => r.dimension === dimension);
    return {
      cases: problemRow[`${d}_cases`],
      openCases: problemRow[`${d}_open_cases`],
      problems: problemRow[`${d}_problems`],
      solvedProblems: problemRow[`${d}_solved`],
      overdueCases: problemRow[`${d}_overdue_cases`],
      escalatedCases: problemRow[`${d}_escalated_cases`],
      openTasks: t?.open_tasks ?? 0,
      overdueTasks: t?.overdue_tasks ?? 0,
    };
  };
  return {
    dimensions: DIMENSIONS.map((dimension) => ({ dimension, dimensionTh: dimensionTh(dimension), ...counts(dimension) })),
    total: counts(null),
  };
}

export const DIMENSION_COUNT_CSV: Array<CsvColumn<DimensionCountRow>> = [
  { header: 'dimension', value: (r) => r.dimension },
  { header: 'dimension_th', value: (r) => r.dimensionTh },
  { header: 'cases', value: (r) => r.cases },
  { header: 'open_cases', value: (r) => r.openCases },
  { header: 'problems', value: (r) => r.problems },
  { header: 'solved_problems', value: (r) => r.solvedProblems },
  { header: 'overdue_cases', value: (r) => r.overdueCases },
  { header: 'escalated_cases', value: (r) => r.escalatedCases },
  { header: 'open_tasks', value: (r) => r.openTasks },
  { header: 'overdue_tasks', value: (r) => r.overdueTasks },
];

// ---- by district or subdistrict ----

export const AreaGrouping = ['district', 'subdistrict'] as const;
export type AreaGrouping = (typeof AreaGrouping)[number];

export const AreaCountRow = Type.Object({
  code: Type.String({ description: 'District (4 digits) or subdistrict (6 digits) code' }),
  nameTh: Nullable(Type.String()),
  cases: Type.Integer(),
  stages: Type.Object(Object.fromEntries(STAGES.map((s) => [s, Type.Integer()])) as Record<Stage, ReturnType<typeof Type.Integer>>),
  active: Type.Integer(),
  paused: Type.Integer(),
  closed: Type.Integer(),
  graduated: Type.Integer(),
  overdue: Type.Integer(),
  escalated: Type.Integer(),
});
export type AreaCountRow = Static<typeof AreaCountRow>;
export const CasesByArea = Type.Object({
  meta: ReportMeta,
  asOf: RollupAsOf,
  groupBy: Type.String(),
  rows: Type.Array(AreaCountRow),
  total: Type.Omit(AreaCountRow, ['code', 'nameTh']),
});
export type CasesByArea = Static<typeof CasesByArea>;

export async function casesByArea(em: EntityManager, scope: ReportScope, fy: FiscalYear | null, groupBy: AreaGrouping): Promise<Omit<CasesByArea, 'meta'>> {
  const column = groupBy === 'subdistrict' ? 'c.subdistrict_code' : 'c.district_code';
  const source = await caseCountSource(em, scope, fy, groupBy);
  const stageCounts = STAGES.map((s) => `${source.count(`c.stage = '${s}'`)} as "${s}"`).join(',\n             ');
  const rows = await run<Record<Stage, number> & { code: string | null; cases: number; active: number; paused: number; closed: number; graduated: number; overdue: number; escalated: number }>(
    em,
    query`select ${sql(column)} as code,
             ${sql(source.count())} as cases,
             ${sql(stageCounts)},
             ${sql(source.count(`c.status = 'active'`))} as active,
             ${sql(source.count(`c.status = 'paused'`))} as paused,
             ${sql(source.count(`c.status = 'closed'`))} as closed,
             ${sql(source.count(source.graduated))} as graduated,
             ${sql(source.count(`c.status <> 'closed' and ${source.overdue}`))} as overdue,
             ${sql(source.count(`c.status <> 'closed' and c.escalated`))} as escalated
           from ${source.from}
           group by grouping sets ((${sql(column)}), ())
           order by 1 nulls last`,
  );
  const shape = (r: (typeof rows)[number]): Omit<AreaCountRow, 'code' | 'nameTh'> => ({
    cases: r.cases,
    stages: Object.fromEntries(STAGES.map((s) => [s, r[s]])) as Record<Stage, number>,
    active: r.active,
    paused: r.paused,
    closed: r.closed,
    graduated: r.graduated,
    overdue: r.overdue,
    escalated: r.escalated,
  });
  const total = rows.find((r) => r.code === null);
  return {
    asOf: source.asOf,
    groupBy,
    rows: rows.filter((r) => r.code !== null).map((r) => ({ code: r.code!, nameTh: groupBy === 'subdistrict' ? subdistrictTh(r.code!) : districtTh(r.code!), ...shape(r) })),
    total: total
      ? shape(total)
      : { cases: 0, stages: Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>, active: 0, paused: 0, closed: 0, graduated: 0, overdue: 0, escalated: 0 },
  };
}

export const AREA_COUNT_CSV: Array<CsvColumn<AreaCountRow>> = [
  { header: 'code', value: (r) => r.code },
  { header: 'name_th', value: (r) => r.nameTh },
  { header: 'cases', value: (r) => r.cases },
  ...STAGES.map((s): CsvColumn<AreaCountRow> => ({ header: `stage_${s}`, value: (r) => r.stages[s] })),
  { header: 'active', value: (r) => r.active },
  { header: 'paused', value: (r) => r.paused },
  { header: 'closed', value: (r) => r.closed },
  { header: 'graduated', value: (r) => r.graduated },
  { header: 'overdue', value: (r) => r.overdue },
  { header: 'escalated', value: (r) => r.escalated },
];
