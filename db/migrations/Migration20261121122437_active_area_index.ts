import { Migration } from '@mikro-orm/migrations';

export class Migration20261121122437_active_area_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "household_case_active_area_index" on "household_case" ("province_code", "district_code", "last_progress_at") include ("due_at", "overdue_level", "status", "household_id") where "status" = 'active';`);
    this.addSql(`create index "household_case_active_overdue_order_index" on "household_case" ("province_code", "overdue_level" desc, "due_at", "id") where "status" = 'active';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "household_case_active_area_index";`);
    this.addSql(`drop index "household_case_active_overdue_order_index";`);
  }

}
