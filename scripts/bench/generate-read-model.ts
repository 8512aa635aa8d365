import { refreshNationalRollups } from '../../api/services/reports/rollups';
import type { Orm } from '../../db/orm';

/**
 * Fills the read model with generated cases straight in PostgreSQL (no workflows), all over the
 * country, until household_case holds `total` rows. The shares are set by the case's serial:
 * 15% closed, 2% paused, a sixth of the active ones past due (a third of those escalated), no
 * progress for up to 90 days, one to three problems per analysed case and a task for the cases in
 * assistance. Each row carries a real snapshot as its `state` with some incompressible padding,
 * so the rows are as wide as projected ones. Ends with VACUUM ANALYZE, as autovacuum would.
 */
export async function generateReadModel(orm: Orm, options: { total: number; chunk?: number; onProgress?: (rows: number) => void }): Promise<{ generated: number; seconds: number; rollupSeconds: number }> {
  const em = orm.em.fork();
  const t0 = performance.now();
  const [{ n: existing }] = await em.execute<Array<{ n: number }>>('select count(*)::int as n from household_case');
  const [template] = await em.execute<Array<{ state: unknown }>>('select state from household_case order by version desc limit 1');
  const state = JSON.stringify(template?.state ?? {});
  const chunk = options.chunk ?? 100_000;
  let generated = 0;
  for (let from = existing + 1; from <= options.total; from += chunk) {
    const to = Math.min(options.total, from + chunk - 1);
    await em.transactional(async (tx) => {
      for (const statement of CHUNK_STATEMENTS) await tx.execute(statement, [state, from, to], 'run');
    });
    generated += to - from + 1;
    options.onProgress?.(existing + generated);
  }
  await em.execute('vacuum analyze household, household_case, case_problem, assistance_task', [], 'run');
  const seconds = Math.round(performance.now() - t0) / 1000;
  // What the API's refresher does within KAEJON_ROLLUP_MAX_AGE_SECONDS of such a change; timed, as it is the rollups' cost.
  const t1 = performance.now();
  await refreshNationalRollups(em.fork(), true);
  return { generated, seconds, rollupSeconds: Math.round(performance.now() - t1) / 1000 };
}

/** The serials of one chunk and their shares; parameters: the template state, the first and the last serial. */
const SERIES = `with subs as (select array_agg(code order by code) as codes, count(*)::int as n from subdistrict),
    g as (select i, subs.codes[1 + (i::bigint * 7919) % subs.n] as sub, i % 100 as pct,
                 case when i % 100 < 15 then 'closed' when i % 100 < 17 then 'paused' else 'active' end as status,
                 (array['verification','analysis','districtAssignment','assistance','followUp'])[1 + i % 5] as open_stage,
                 ?::jsonb as template
            from subs, generate_series(?::int, ?::int) as i)`;

/** One chunk: households, their cases, problems, and a task for each case in assistance. */
const CHUNK_STATEMENTS = [
    `${SERIES}
     insert into household (id, house_code, province_code, district_code, subdistrict_code, village_no, address, head_name, source, failed_indicators, member_count, created_at, updated_at)
     select 'bench-h-' || i, null, left(sub, 2), left(sub, 4), sub, (1 + i % 12)::text, (1 + i % 300) || ' หมู่ ' || (1 + i % 12), 'ครัวเรือน ' || i, 'tpmap',
            array['I3'], 1 + i % 4, now() - (i % 700) * interval '1 day', now()
       from g`,
    `${SERIES}
     insert into household_case (id, household_id, stage, status, province_code, district_code, subdistrict_code, stage_entered_at, due_at, overdue_level, escalated,
                                 assignment_level, policy_version, version, opened_at, last_progress_at, closed_at, closure_reason, state, updated_at)
     select 'household-case-bench-h-' || i, 'bench-h-' || i,
            case when status = 'closed' then 'closed' else open_stage end, status, left(sub, 2), left(sub, 4), sub,
            now() - (i % 60) * interval '1 day',
            case when status = 'closed' then null else now() + ((i % 60) - 10) * interval '1 day' end,
            case when status = 'active' and i % 60 < 10 then 1 + (i % 3 = 0)::int else 0 end,
            status <> 'closed' and i % 60 < 10 and i % 3 = 0,
            case when status <> 'closed' and i % 60 < 10 and i % 3 = 0 then 'province' else 'district' end,
            'bench-1', 3, now() - (i % 700) * interval '1 day', now() - (i % 90) * interval '1 day',
            case when status = 'closed' then now() - (i % 30) * interval '1 day' end,
            case when status = 'closed' then 'graduated' end,
            template || jsonb_build_object('caseId', 'household-case-bench-h-' || i, 'benchPadding', repeat(md5(i::text), 8)),
            now()
       from g`,
    `${SERIES}
     insert into case_problem (case_id, problem_id, province_code, district_code, subdistrict_code, dimension, indicator, description, status, last_outcome)
     select 'household-case-bench-h-' || i, 'p' || k, left(sub, 2), left(sub, 4), sub,
            (array['health','living','education','income','access'])[1 + (i + k) % 5], 'I3', 'ปัญหา ' || k,
            case when status = 'closed' then 'solved' when (i + k) % 4 = 0 then 'solved' when open_stage = 'assistance' then 'assigned' else 'open' end,
            case when (i + k) % 4 = 0 or status = 'closed' then 'solved' end
       from g, generate_series(1, 1 + i % 3) as k
      where status = 'closed' or open_stage <> 'verification'`,
    `${SERIES}
     insert into assistance_task (id, case_id, household_id, province_code, district_code, subdistrict_code, problem_id, dimension, indicator, description, agency_code,
                                  level, status, assigned_at, assigned_by, due_at, overdue_level, version, updated_at)
     select 'household-case-bench-h-' || i || '-task-1', 'household-case-bench-h-' || i, 'bench-h-' || i, left(sub, 2), left(sub, 4), sub, 'p1',
            (array['health','living','education','income','access'])[1 + (i + 1) % 5], 'I3', 'งาน', 'CDD', 'district', 'open',
            now() - (i % 60) * interval '1 day', 'bench', now() + ((i % 45) - 5) * interval '1 day', (i % 45 < 5)::int, 1, now()
       from g
      where status = 'active' and open_stage = 'assistance'`,
];
