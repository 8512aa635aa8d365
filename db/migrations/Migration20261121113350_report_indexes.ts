import { Migration } from '@mikro-orm/migrations';

export class Migration20261121113350_report_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "assistance_task_area_assigned_index" on "assistance_task" ("province_code", "district_code", "assigned_at") include ("id", "subdistrict_code", "status", "dimension", "case_id", "household_id", "overdue_level");`);

    this.addSql(`create index "case_problem_area_report_index" on "case_problem" ("province_code", "district_code", "subdistrict_code", "dimension") include ("case_id", "status", "last_outcome");`);

    this.addSql(`create index "household_case_area_report_index" on "household_case" ("province_code", "district_code", "subdistrict_code", "stage") include ("id", "status", "overdue_level", "escalated", "opened_at", "closure_reason", "household_type", "plan_goal");`);
    this.addSql(`create unique index "household_case_id_report_index" on "household_case" ("id") include ("household_id", "exemption", "closure_reason", "closed_at");`);

    this.addSql(`create index "logbook_entry_area_date_index" on "logbook_entry" ("province_code", "district_code", "date") include ("agency_code", "dimension", "case_id", "task_id", "baht", "items");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "assistance_task_area_assigned_index";`);

    this.addSql(`drop index "case_problem_area_report_index";`);

    this.addSql(`drop index "household_case_area_report_index";`);
    this.addSql(`drop index "household_case_id_report_index";`);

    this.addSql(`drop index "logbook_entry_area_date_index";`);
  }

}
