import { Migration } from '@mikro-orm/migrations';

/**
 * National report rollups (api/services/reports/rollups.ts): counts per subdistrict and intake
 * fiscal year, refreshed concurrently (readers never wait) by the API every few minutes. Each has
 * a unique index over its whole grain, which REFRESH ... CONCURRENTLY requires.
 */
export class Migration20261121150000_report_rollups extends Migration {

  override async up(): Promise<void> {
    // Buddhist-era fiscal year of the intake: October to September, by Bangkok's calendar.
    const intakeFy = `(extract(year from (c.opened_at at time zone 'Asia/Bangkok') + interval '3 months')::int + 543)`;
    this.addSql(`create materialized view "case_area_rollup" as
      select c.province_code, c.district_code, c.subdistrict_code, ${intakeFy} as intake_fy, c.stage, c.status,
             coalesce(c.closure_reason = 'graduated', false) as graduated, c.overdue_level > 0 as overdue, c.escalated,
             count(*)::int as cases
        from household_case c
       group by 1, 2, 3, 4, 5, 6, 7, 8, 9;`);
    this.addSql(`create unique index "case_area_rollup_grain_index" on "case_area_rollup" (province_code, district_code, subdistrict_code, intake_fy, stage, status, graduated, overdue, escalated);`);
    this.addSql(`create materialized view "problem_area_rollup" as
      select p.province_code, p.district_code, p.subdistrict_code, ${intakeFy} as intake_fy,
             count(distinct p.case_id)::int as households,
             count(*)::int as problems,
             (count(*) filter (where p.status = 'solved'))::int as solved,
             (count(*) filter (where p.status = 'waiting'))::int as waiting_follow_up,
             (count(*) filter (where p.status = 'followingUp'))::int as following_up,
             (count(*) filter (where p.status in ('open', 'assigned') and p.last_outcome = 'notYetSolvable'))::int as not_yet_solvable,
             (count(*) filter (where p.status in ('open', 'assigned') and p.last_outcome is distinct from 'notYetSolvable'))::int as not_followed_up
        from case_problem p join household_case c on c.id = p.case_id
       group by 1, 2, 3, 4;`);
    this.addSql(`create unique index "problem_area_rollup_grain_index" on "problem_area_rollup" (province_code, district_code, subdistrict_code, intake_fy);`);
    this.addSql(`create table "report_rollup" ("name" varchar(64) not null, "refreshed_at" timestamptz not null, constraint "report_rollup_pkey" primary key ("name"));`);
    this.addSql(`insert into "report_rollup" ("name", "refreshed_at") values ('national', now());`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "report_rollup";`);
    this.addSql(`drop materialized view "problem_area_rollup";`);
    this.addSql(`drop materialized view "case_area_rollup";`);
  }

}
