import { Migration } from '@mikro-orm/migrations';

/**
 * The case rollup summed once more per district (from case_area_rollup, so it costs little to
 * refresh): national reports by district and by stage read a row per district instead of one per
 * subdistrict.
 */
export class Migration20261121160000_district_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create materialized view "case_district_rollup" as
      select province_code, district_code, intake_fy, stage, status, graduated, overdue, escalated, sum(cases)::int as cases
        from case_area_rollup
       group by 1, 2, 3, 4, 5, 6, 7, 8;`);
    this.addSql(`create unique index "case_district_rollup_grain_index" on "case_district_rollup" (province_code, district_code, intake_fy, stage, status, graduated, overdue, escalated);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop materialized view "case_district_rollup";`);
  }

}
