import { Migration } from '@mikro-orm/migrations';

/** The national overdue and escalated pages read in their own order (db/entities/household-case.entity.ts). */
export class Migration20261121143000_country_list_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "household_case_country_overdue_order_index" on "household_case" ("overdue_level" desc nulls last, "due_at" asc nulls last, "id") where "status" = 'active';`);
    this.addSql(`create index "household_case_country_escalated_order_index" on "household_case" ("due_at" asc nulls last, "id") where "escalated" and "status" <> 'closed';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "household_case_country_overdue_order_index";`);
    this.addSql(`drop index "household_case_country_escalated_order_index";`);
  }

}
