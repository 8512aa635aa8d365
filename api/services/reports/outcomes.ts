/**
 * The outcome summary per district (or subdistrict), over problems (docs/PROGRAM.md, "Follow-up" and
 * "What each level reports"):
 *
 * - solved           status 'solved'
 * - waitingFollowUp  status 'waiting' (the task is done, or the last visit said "wait")
 * - followingUp      status 'followingUp'
 * - notYetSolvable   last outcome 'notYetSolvable' and back in the district's hands: status 'open',
 *                    or 'assigned' once the district has reassigned it. A reassignment does not
 *                    change what the last visit found, so the problem stays here until the next visit.
 * - notFollowedUp    everything else: open or assigned problems no visit has judged yet.
 *
 * The five add up to `problems`. A fiscal year narrows the report to the year's intake, as the case
 * counts do.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { intake, Nullable, ReportMeta, run } from './common';
import { problemRollup, RollupAsOf } from './rollups';
import type { AreaGrouping } from './case-counts';
import type { CsvColumn } from './csv';
import type { FiscalYear } from '../../../domain/fiscal-year';
import { districtTh, subdistrictTh } from './labels';
import type { ReportScope } from './scope';
import { and, query, sql } from './sql';

export const OutcomeRow = Type.Object({
  code: Type.String(),
  nameTh: Nullable(Type.String()),
  households: Type.Integer({ description: 'Households (cases) with at least one problem' }),
  problems: Type.Integer(),
  solved: Type.Integer(),
  waitingFollowUp: Type.Integer(),
  followingUp: Type.Integer(),
  notYetSolvable: Type.Integer(),
  notFollowedUp: Type.Integer(),
});
export type OutcomeRow = Static<typeof OutcomeRow>;
export const OutcomesReport = Type.Object({ meta: ReportMeta, asOf: RollupAsOf, groupBy: Type.String(), rows: Type.Array(OutcomeRow), total: Type.Omit(OutcomeRow, ['code', 'nameTh']) });
export type OutcomesReport = Static<typeof OutcomesReport>;

type Counts = Omit<OutcomeRow, 'code' | 'nameTh'>;

export async function outcomeSummary(em: EntityManager, scope: ReportScope, fy: FiscalYear | null, groupBy: AreaGrouping): Promise<Omit<OutcomesReport, 'meta'>> {
  const column = sql(groupBy === 'subdistrict' ? 'p.subdistrict_code' : 'p.district_code');
  const problems = fy
    ? query`case_problem p join household_case c on c.id = p.case_id
            where ${and(scope.rows('p'), scope.rows('c'), intake('c', fy))}`
    : query`case_problem p where ${scope.rows('p')}`;
  // Counted per case first, then per area: a household counts once without count(distinct). The
  // national rollup holds the same sums per subdistrict and intake year (rollups.ts).
  const rollup = await problemRollup(em, scope, fy);
  const perCase = rollup
    ? query`select ${column} as code, households, problems, solved, waiting_follow_up, following_up, not_yet_solvable, not_followed_up from ${rollup.from}`
    : query`select ${column} as code, 1 as households,
                    count(*) as problems,
                    count(*) filter (where p.status = 'solved') as solved,
                    count(*) filter (where p.status = 'waiting') as waiting_follow_up,
                    count(*) filter (where p.status = 'followingUp') as following_up,
                    count(*) filter (where p.status in ('open', 'assigned') and p.last_outcome = 'notYetSolvable') as not_yet_solvable,
                    count(*) filter (where p.status in ('open', 'assigned') and p.last_outcome is distinct from 'notYetSolvable') as not_followed_up
             from ${problems}
             group by ${column}, p.case_id`;
  const rows = await run<Counts & { code: string | null; waiting_follow_up: number; following_up: number; not_yet_solvable: number; not_followed_up: number }>(
    em,
    query`with counted as (${perCase})
           select code, sum(households)::int as households, sum(problems)::int as problems, sum(solved)::int as solved,
                  sum(waiting_follow_up)::int as waiting_follow_up, sum(following_up)::int as following_up,
                  sum(not_yet_solvable)::int as not_yet_solvable, sum(not_followed_up)::int as not_followed_up
           from counted
           group by grouping sets ((code), ())
           order by 1 nulls last`,
  );
  const counts = (r: (typeof rows)[number] | undefined): Counts => ({
    households: r?.households ?? 0,
    problems: r?.problems ?? 0,
    solved: r?.solved ?? 0,
    waitingFollowUp: r?.waiting_follow_up ?? 0,
    followingUp: r?.following_up ?? 0,
    notYetSolvable: r?.not_yet_solvable ?? 0,
    notFollowedUp: r?.not_followed_up ?? 0,
  });
  return {
    asOf: rollup?.asOf ?? null,
    groupBy,
    rows: rows.filter((r) => r.code !== null).map((r) => ({ code: r.code!, nameTh: groupBy === 'subdistrict' ? subdistrictTh(r.code!) : districtTh(r.code!), ...counts(r) })),
    total: counts(rows.find((r) => r.code === null)),
  };
}

export const OUTCOME_CSV: Array<CsvColumn<OutcomeRow>> = [
  { header: 'code', value: (r) => r.code },
  { header: 'name_th', value: (r) => r.nameTh },
  { header: 'households', value: (r) => r.households },
  { header: 'problems', value: (r) => r.problems },
  { header: 'solved', value: (r) => r.solved },
  { header: 'waiting_follow_up', value: (r) => r.waitingFollowUp },
  { header: 'following_up', value: (r) => r.followingUp },
  { header: 'not_yet_solvable', value: (r) => r.notYetSolvable },
  { header: 'not_followed_up', value: (r) => r.notFollowedUp },
];
