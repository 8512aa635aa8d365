/**
 * The district grade for fiscal year Y (docs/PROGRAM.md, "District grades": judged on
 * the households helped in one year and whether they pass the next year's survey).
 *
 * Our exact reading, since the guidance gives the grades and not the arithmetic:
 *
 * 1. Helped in Y: a case with an assistance task assigned in fiscal Y (and not cancelled), or with a
 *    logbook entry (a task activity or relief on a visit) dated in fiscal Y. A household counts for
 *    the district that helped it (the task's or the entry's district), once however often it was helped.
 * 2. Has an activity: at least one logbook entry for the case dated in fiscal Y. An assigned task
 *    with nothing logged in Y is help planned, not given.
 * 3. Exempt (household_case.exemption set: newborn weight only, or the long-term welfare track) and
 *    gone (closed as all members deceased, not in the area, or merged into another case, by the end
 *    of Y+1: nobody left to survey) stay in the helped and activity counts but leave the pass rate.
 * 4. Passed: the case closed as graduated (household_case.closure_reason) between the start of Y
 *    and the end of Y+1. Graduating in Y+1 is passing the next survey; a household the district
 *    certified as graduated within Y itself (every problem solved) has left poverty too, and is
 *    not counted as a failure for graduating early. A case reopened since has no closure and has not passed.
 * 5. passRate = passed / (helped - exempt - gone). With every helped household having an activity:
 *    A at 100%, B at 85% or more, C at 70% or more, D below 70%. Otherwise no grade, with the reason
 *    ('notEveryHouseholdHasActivity'); also none without helped households ('noHouseholdsHelped') or
 *    when every helped household is exempt or gone ('noHouseholdsInPassRate').
 * 6. Until fiscal Y+1 has ended the survey results are still coming in: the grade is `provisional`.
 *
 * Every district in the scope is listed, helped households or not.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { StringEnum } from '../lists';
import { Nullable, ReportMeta, run } from './common';
import type { CsvColumn } from './csv';
import { fiscalYear, type FiscalYear } from '../../../domain/fiscal-year';
import type { ReportScope } from './scope';
import { and, query, sql } from './sql';

/** Closures that leave nobody to survey. */
const GONE = ['allDeceased', 'notInArea', 'merged'];

export const GradeRow = Type.Object({
  districtCode: Type.String(),
  nameTh: Nullable(Type.String()),
  helped: Type.Integer({ description: 'Households helped in the fiscal year' }),
  withActivity: Type.Integer({ description: 'Of those, households with a logbook entry in the year' }),
  exempt: Type.Integer({ description: 'Left out of the pass rate: exempt households' }),
  gone: Type.Integer({ description: 'Left out of the pass rate: closed as deceased, not in the area or merged' }),
  inPassRate: Type.Integer(),
  passed: Type.Integer({ description: 'Graduated by the end of the next fiscal year' }),
  passRate: Nullable(Type.Number({ description: '0..1' })),
  grade: Nullable(StringEnum(['A', 'B', 'C', 'D'])),
  reason: Nullable(StringEnum(['noHouseholdsHelped', 'notEveryHouseholdHasActivity', 'noHouseholdsInPassRate'])),
  provisional: Type.Boolean({ description: 'The next fiscal year has not ended: survey results may still come in' }),
});
export type GradeRow = Static<typeof GradeRow>;
export const DistrictGradesReport = Type.Object({ meta: ReportMeta, surveyYear: Type.Integer({ description: 'The fiscal year whose survey decides the grade' }), districts: Type.Array(GradeRow) });
export type DistrictGradesReport = Static<typeof DistrictGradesReport>;

export async function districtGrades(em: EntityManager, scope: ReportScope, fy: FiscalYear, now = new Date()): Promise<Omit<DistrictGradesReport, 'meta'>> {
  const next = fiscalYear(fy.year + 1);
  const gone = GONE.map((reason) => `'${reason}'`).join(', ');
  const rows = await run<Omit<Counts, 'inPassRate'> & { district_code: string; with_activity: number }>(
    em,
    query`with helped as (
             select t.district_code, t.case_id, false as activity
             from assistance_task t
             where ${and(scope.rows('t'), sql(`t.status <> 'cancelled' and t.assigned_at >= ? and t.assigned_at < ?`, fy.start, fy.end))}
             union all
             select l.district_code, l.case_id, true
             from logbook_entry l
             where ${and(scope.rowsOfCase('l'), sql('l.date >= ?::date and l.date < ?::date', fy.firstDay, fy.endDay))}
           ),
           households as (
             select district_code, case_id, bool_or(activity) as activity from helped group by district_code, case_id
           ),
           judged as (
             select h.district_code, h.activity,
                    c.exemption is not null as exempt,
                    ${sql(`c.exemption is null and c.closure_reason in (${gone}) and c.closed_at < ?`, next.end)} as gone,
                    ${sql(`c.exemption is null and c.closure_reason = 'graduated' and c.closed_at >= ? and c.closed_at < ?`, fy.start, next.end)} as passed
             from households h
             join household_case c on c.id = h.case_id
           )
           select district_code,
                  count(*)::int as helped,
                  count(*) filter (where activity)::int as with_activity,
                  count(*) filter (where exempt)::int as exempt,
                  count(*) filter (where gone)::int as gone,
                  count(*) filter (where passed)::int as passed
           from judged
           group by district_code`,
  );
  const byDistrict = new Map(rows.map((r) => [r.district_code, { helped: r.helped, withActivity: r.with_activity, exempt: r.exempt, gone: r.gone, passed: r.passed }]));
  const provisional = now < next.end;
  return {
    surveyYear: next.year,
    districts: scope.districts().map((d) => ({ districtCode: d.code, nameTh: d.nameTh, ...gradeOf(byDistrict.get(d.code)), provisional })),
  };
}

type Counts = Pick<GradeRow, 'helped' | 'withActivity' | 'exempt' | 'gone' | 'inPassRate' | 'passed'>;

/** Steps 5 of the reading above, in integers (85% is passed * 100 >= 85 * inPassRate, no float edge). */
export function gradeOf(counts: Omit<Counts, 'inPassRate'> | undefined): Counts & Pick<GradeRow, 'passRate' | 'grade' | 'reason'> {
  const c = counts ?? { helped: 0, withActivity: 0, exempt: 0, gone: 0, passed: 0 };
  const inPassRate = c.helped - c.exempt - c.gone;
  const base = { ...c, inPassRate, passRate: inPassRate > 0 ? Math.round((c.passed / inPassRate) * 10_000) / 10_000 : null };
  if (c.helped === 0) return { ...base, grade: null, reason: 'noHouseholdsHelped' };
  if (c.withActivity < c.helped) return { ...base, grade: null, reason: 'notEveryHouseholdHasActivity' };
  if (inPassRate <= 0) return { ...base, grade: null, reason: 'noHouseholdsInPassRate' };
  const grade = c.passed >= inPassRate ? 'A' : c.passed * 100 >= 85 * inPassRate ? 'B' : c.passed * 100 >= 70 * inPassRate ? 'C' : 'D';
  return { ...base, grade, reason: null };
}

export const GRADE_CSV: Array<CsvColumn<GradeRow>> = [
  { header: 'district_code', value: (r) => r.districtCode },
  { header: 'name_th', value: (r) => r.nameTh },
  { header: 'helped', value: (r) => r.helped },
  { header: 'with_activity', value: (r) => r.withActivity },
  { header: 'exempt', value: (r) => r.exempt },
  { header: 'gone', value: (r) => r.gone },
  { header: 'in_pass_rate', value: (r) => r.inPassRate },
  { header: 'passed', value: (r) => r.passed },
  { header: 'pass_rate', value: (r) => r.passRate },
  { header: 'grade', value: (r) => r.grade },
  { header: 'reason', value: (r) => r.reason },
  { header: 'provisional', value: (r) => r.provisional },
];
