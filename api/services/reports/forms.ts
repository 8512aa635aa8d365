/**
 * The program's two planning forms, as data (the UI prints them; CSV for spreadsheets):
 *
 * - ศจพ.3 (sjp3): the 4ท analysis of every analysed household of one subdistrict: attitude,
 *   skills, resources, way out (from the case's snapshot, household_case.state->'analysis'), the
 *   household type, its problems and the plan's goal and items.
 * - ศจพ.4 (sjp4): the subdistrict plan summary of one district: per subdistrict, households
 *   (all, analysed, by type and plan goal), problems per dimension, and plan items by who supports
 *   them (the family, the mentor, each agency).
 *
 * A fiscal year narrows both to the year's intake (cases opened in it).
 */
import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DIMENSIONS, type Dimension } from '../../../workflows/household-case/types';
import { intake, Nullable, ReportMeta, run } from './common';
import { FormHeading } from './form-heading';
import type { CsvColumn } from './csv';
import type { FiscalYear } from '../../../domain/fiscal-year';
import { agencyTh, dimensionTh, householdTypeTh, planGoalTh } from './labels';
import type { ReportScope } from './scope';
import { and, query, sql } from './sql';

// ---- ศจพ.3 ----

const ProblemItem = Type.Object({ problemId: Type.String(), dimension: Type.String(), indicator: Type.String(), description: Type.String(), status: Type.String() });
const PlanItemRow = Type.Object({
  itemId: Type.String(),
  dimension: Type.String(),
  problemId: Nullable(Type.String()),
  action: Type.String(),
  supportBy: Type.String({ description: "'family', 'mentor', or an agency code" }),
  targetDate: Nullable(Type.String({ format: 'date' })),
});

export const Sjp3Household = Type.Object({
  caseId: Type.String(),
  householdId: Type.String(),
  subdistrictCode: Type.String(),
  houseCode: Nullable(Type.String()),
  headName: Nullable(Type.String()),
  villageNo: Nullable(Type.String()),
  address: Nullable(Type.String()),
  members: Type.Integer(),
  stage: Type.String(),
  householdType: Nullable(Type.String()),
  householdTypeTh: Nullable(Type.String()),
  analysis: Type.Object({
    attitude: Nullable(Type.String({ description: 'ทัศนคติ' })),
    skills: Nullable(Type.String({ description: 'ทักษะ' })),
    resources: Nullable(Type.String({ description: 'ทรัพยากร' })),
    wayOut: Nullable(Type.String({ description: 'ทางออก' })),
    recordedAt: Nullable(Type.String()),
    by: Nullable(Type.String()),
  }),
  problems: Type.Array(ProblemItem),
  planGoal: Nullable(Type.String()),
  planGoalTh: Nullable(Type.String()),
  planItems: Type.Array(PlanItemRow),
});
export type Sjp3Household = Static<typeof Sjp3Household>;
export const Sjp3Report = Type.Object({ meta: ReportMeta, heading: FormHeading, subdistrictCode: Type.String(), subdistrictNameTh: Nullable(Type.String()), households: Type.Array(Sjp3Household) });
export type Sjp3Report = Static<typeof Sjp3Report>;
/** ศจพ.3 of one household, printed to hand to the family (and to fill in by hand before the analysis). */
export const Sjp3HouseholdReport = Type.Object({ meta: ReportMeta, heading: FormHeading, household: Sjp3Household });
export type Sjp3HouseholdReport = Static<typeof Sjp3HouseholdReport>;

interface Sjp3Db {
  case_id: string;
  household_id: string;
  subdistrict_code: string;
  house_code: string | null;
  head_name: string | null;
  village_no: string | null;
  address: string | null;
  members: number;
  stage: string;
  household_type: string | null;
  plan_goal: string | null;
  analysis: Record<string, string | undefined> | null;
  problems: Array<Static<typeof ProblemItem>>;
  plan_items: Array<Static<typeof PlanItemRow>>;
}

/**
 * Analysed households only (household_type is set by the analysis): the form is the analysis.
 * For one household (`householdId`), whatever its stage: before the analysis the printed form
 * is the blank to fill in on the visit.
 */
export async function sjp3(em: EntityManager, scope: ReportScope, fy: FiscalYear | null, householdId?: string): Promise<Sjp3Household[]> {
  const which = householdId === undefined ? and(sql('c.household_type is not null'), intake('c', fy)) : sql('c.household_id = ?', householdId);
  const rows = await run<Sjp3Db>(
    em,
    query`select c.id as case_id, c.household_id, c.subdistrict_code, h.house_code, h.head_name, h.village_no, h.address, h.member_count as members,
             c.stage, c.household_type, c.plan_goal,
             c.state -> 'analysis' as analysis,
             coalesce((select jsonb_agg(jsonb_build_object('problemId', p.problem_id, 'dimension', p.dimension, 'indicator', p.indicator,
                                                           'description', p.description, 'status', p.status)
                                        order by length(p.problem_id), p.problem_id)
                       from case_problem p where p.case_id = c.id), '[]'::jsonb) as problems,
             coalesce((select jsonb_agg(jsonb_build_object('itemId', i.item_id, 'dimension', i.dimension, 'problemId', i.problem_id, 'action', i.action,
                                                           'supportBy', i.support_by, 'targetDate', to_char(i.target_date, 'YYYY-MM-DD'))
                                        order by length(i.item_id), i.item_id)
                       from plan_item i where i.case_id = c.id), '[]'::jsonb) as plan_items
           from household_case c
           join household h on h.id = c.household_id
           where ${and(scope.rows('c'), which)}
           order by nullif(regexp_replace(h.village_no, '[^0-9]', '', 'g'), '')::numeric nulls last, h.village_no, h.head_name, c.id`,
  );
  return rows.map((r) => {
    const a = r.analysis && typeof r.analysis === 'object' ? r.analysis : {};
    return {
      caseId: r.case_id,
      householdId: r.household_id,
      subdistrictCode: r.subdistrict_code,
      houseCode: r.house_code,
      headName: r.head_name,
      villageNo: r.village_no,
      address: r.address,
      members: r.members,
      stage: r.stage,
      householdType: r.household_type,
      householdTypeTh: householdTypeTh(r.household_type),
      analysis: { attitude: a.attitude ?? null, skills: a.skills ?? null, resources: a.resources ?? null, wayOut: a.wayOut ?? null, recordedAt: a.recordedAt ?? null, by: a.by ?? null },
      problems: r.problems,
      planGoal: r.plan_goal,
      planGoalTh: planGoalTh(r.plan_goal),
      planItems: r.plan_items,
    };
  });
}

const list = (values: string[]): string => values.join('\n');

export const SJP3_CSV: Array<CsvColumn<Sjp3Household>> = [
  { header: 'case_id', value: (r) => r.caseId },
  { header: 'household_id', value: (r) => r.householdId },
  { header: 'house_code', value: (r) => r.houseCode },
  { header: 'head_name', value: (r) => r.headName },
  { header: 'village_no', value: (r) => r.villageNo },
  { header: 'address', value: (r) => r.address },
  { header: 'members', value: (r) => r.members },
  { header: 'household_type', value: (r) => r.householdType },
  { header: 'household_type_th', value: (r) => r.householdTypeTh },
  { header: 'attitude', value: (r) => r.analysis.attitude },
  { header: 'skills', value: (r) => r.analysis.skills },
  { header: 'resources', value: (r) => r.analysis.resources },
  { header: 'way_out', value: (r) => r.analysis.wayOut },
  ...DIMENSIONS.map((d): CsvColumn<Sjp3Household> => ({ header: `problems_${d}`, value: (r) => r.problems.filter((p) => p.dimension === d).length })),
  { header: 'problems', value: (r) => list(r.problems.map((p) => `${dimensionTh(p.dimension) ?? p.dimension} ${p.indicator}: ${p.description}`)) },
  { header: 'plan_goal', value: (r) => r.planGoal },
  { header: 'plan_goal_th', value: (r) => r.planGoalTh },
  { header: 'plan_items', value: (r) => list(r.planItems.map((i) => `${dimensionTh(i.dimension) ?? i.dimension}: ${i.action} (${i.supportBy}${i.targetDate ? `, ${i.targetDate}` : ''})`)) },
  { header: 'stage', value: (r) => r.stage },
];

// ---- ศจพ.4 ----

const ProblemCount = Type.Object({ problems: Type.Integer(), households: Type.Integer({ description: 'Households with a problem in the dimension' }) });
const DimensionCounts = Type.Object(Object.fromEntries(DIMENSIONS.map((d) => [d, ProblemCount])) as Record<Dimension, typeof ProblemCount>);

export const Sjp4Row = Type.Object({
  subdistrictCode: Type.String(),
  nameTh: Nullable(Type.String()),
  households: Type.Integer({ description: 'Cases in the subdistrict' }),
  analysed: Type.Integer({ description: 'Households with a 4ท analysis' }),
  householdTypes: Type.Object({ canDevelop: Type.Integer(), welfare: Type.Integer(), declines: Type.Integer() }),
  withPlan: Type.Integer(),
  planGoals: Type.Object({ survive: Type.Integer(), sufficient: Type.Integer(), sustainable: Type.Integer() }),
  problems: DimensionCounts,
  planItems: Type.Object({
    total: Type.Integer(),
    family: Type.Integer(),
    mentor: Type.Integer(),
    agencies: Type.Integer({ description: 'Items an agency supports, all agencies together' }),
    byAgency: Type.Array(Type.Object({ agencyCode: Type.String(), agencyNameTh: Nullable(Type.String()), items: Type.Integer() })),
  }),
});
export type Sjp4Row = Static<typeof Sjp4Row>;
export const Sjp4Report = Type.Object({ meta: ReportMeta, heading: FormHeading, districtCode: Type.String(), districtNameTh: Nullable(Type.String()), subdistricts: Type.Array(Sjp4Row), total: Type.Omit(Sjp4Row, ['subdistrictCode', 'nameTh']) });
export type Sjp4Report = Static<typeof Sjp4Report>;

type Sjp4Numbers = Omit<Sjp4Row, 'subdistrictCode' | 'nameTh'>;

export async function sjp4(em: EntityManager, scope: ReportScope, fy: FiscalYear | null): Promise<{ subdistricts: Sjp4Row[]; total: Sjp4Numbers }> {
  const cases = and(scope.rows('c'), intake('c', fy));
  const householdsQ = run<{ code: string | null; households: number; analysed: number; can_develop: number; welfare: number; declines: number; with_plan: number; survive: number; sufficient: number; sustainable: number }>(
    em,
    query`select c.subdistrict_code as code,
             count(*)::int as households,
             count(*) filter (where c.household_type is not null)::int as analysed,
             count(*) filter (where c.household_type = 'canDevelop')::int as can_develop,
             count(*) filter (where c.household_type = 'welfare')::int as welfare,
             count(*) filter (where c.household_type = 'declines')::int as declines,
             count(*) filter (where c.plan_goal is not null)::int as with_plan,
             count(*) filter (where c.plan_goal = 'survive')::int as survive,
             count(*) filter (where c.plan_goal = 'sufficient')::int as sufficient,
             count(*) filter (where c.plan_goal = 'sustainable')::int as sustainable
           from household_case c
           where ${cases}
           group by grouping sets ((c.subdistrict_code), ())`,
  );
  const problemsQ = run<{ code: string | null; dimension: string; problems: number; households: number }>(
    em,
    fy
      ? query`select p.subdistrict_code as code, p.dimension, count(*)::int as problems, count(distinct p.case_id)::int as households
              from case_problem p join household_case c on c.id = p.case_id
              where ${and(scope.rows('p'), intake('c', fy))}
              group by grouping sets ((p.subdistrict_code, p.dimension), (p.dimension))`
      : query`select p.subdistrict_code as code, p.dimension, count(*)::int as problems, count(distinct p.case_id)::int as households
              from case_problem p
              where ${scope.rows('p')}
              group by grouping sets ((p.subdistrict_code, p.dimension), (p.dimension))`,
  );
  // plan_item has no area columns: the cases of the area lead, and each reaches its items by the key's prefix.
  const itemsQ = run<{ code: string | null; support_by: string; items: number }>(
    em,
    query`select c.subdistrict_code as code, i.support_by, count(*)::int as items
           from household_case c
           join plan_item i on i.case_id = c.id
           where ${cases}
           group by grouping sets ((c.subdistrict_code, i.support_by), (i.support_by))`,
  );
  const [households, problems, items] = await Promise.all([householdsQ, problemsQ, itemsQ]);

  const numbers = (code: string | null): Sjp4Numbers => {
    const h = households.find((r) => r.code === code);
    const mine = items.filter((r) => r.code === code);
    const count = (supportBy: string) => mine.find((r) => r.support_by === supportBy)?.items ?? 0;
    const agencies = mine.filter((r) => r.support_by !== 'family' && r.support_by !== 'mentor').sort((a, b) => a.support_by.localeCompare(b.support_by));
    return {
      households: h?.households ?? 0,
      analysed: h?.analysed ?? 0,
      householdTypes: { canDevelop: h?.can_develop ?? 0, welfare: h?.welfare ?? 0, declines: h?.declines ?? 0 },
      withPlan: h?.with_plan ?? 0,
      planGoals: { survive: h?.survive ?? 0, sufficient: h?.sufficient ?? 0, sustainable: h?.sustainable ?? 0 },
      problems: Object.fromEntries(
        DIMENSIONS.map((d) => {
          const p = problems.find((r) => r.code === code && r.dimension === d);
          return [d, { problems: p?.problems ?? 0, households: p?.households ?? 0 }];
        }),
      ) as Sjp4Numbers['problems'],
      planItems: {
        total: mine.reduce((n, r) => n + r.items, 0),
        family: count('family'),
        mentor: count('mentor'),
        agencies: agencies.reduce((n, r) => n + r.items, 0),
        byAgency: agencies.map((r) => ({ agencyCode: r.support_by, agencyNameTh: agencyTh(r.support_by), items: r.items })),
      },
    };
  };
  return {
    // Every subdistrict of the district in the scope, with households or not: the form lists them all.
    subdistricts: scope.subdistricts().map((s) => ({ subdistrictCode: s.code, nameTh: s.nameTh, ...numbers(s.code) })),
    total: numbers(null),
  };
}

/** The CSV's agency columns: every agency some plan in the report relies on. */
export function sjp4Csv(report: { subdistricts: Sjp4Row[]; total: Sjp4Numbers }): { columns: Array<CsvColumn<Sjp4Row>>; rows: Sjp4Row[] } {
  const agencies = report.total.planItems.byAgency.map((a) => a.agencyCode);
  const columns: Array<CsvColumn<Sjp4Row>> = [
    { header: 'subdistrict_code', value: (r) => r.subdistrictCode },
    { header: 'name_th', value: (r) => r.nameTh },
    { header: 'households', value: (r) => r.households },
    { header: 'analysed', value: (r) => r.analysed },
    { header: 'can_develop', value: (r) => r.householdTypes.canDevelop },
    { header: 'welfare', value: (r) => r.householdTypes.welfare },
    { header: 'declines', value: (r) => r.householdTypes.declines },
    { header: 'with_plan', value: (r) => r.withPlan },
    { header: 'goal_survive', value: (r) => r.planGoals.survive },
    { header: 'goal_sufficient', value: (r) => r.planGoals.sufficient },
    { header: 'goal_sustainable', value: (r) => r.planGoals.sustainable },
    ...DIMENSIONS.flatMap((d): Array<CsvColumn<Sjp4Row>> => [
      { header: `${d}_households`, value: (r) => r.problems[d].households },
      { header: `${d}_problems`, value: (r) => r.problems[d].problems },
    ]),
    { header: 'plan_items', value: (r) => r.planItems.total },
    { header: 'items_family', value: (r) => r.planItems.family },
    { header: 'items_mentor', value: (r) => r.planItems.mentor },
    { header: 'items_agencies', value: (r) => r.planItems.agencies },
    ...agencies.map((code): CsvColumn<Sjp4Row> => ({ header: `items_${code}`, value: (r) => r.planItems.byAgency.find((a) => a.agencyCode === code)?.items ?? 0 })),
  ];
  return { columns, rows: [...report.subdistricts, { subdistrictCode: 'total', nameTh: 'รวม', ...report.total }] };
}
