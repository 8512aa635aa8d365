import { Migration } from '@mikro-orm/migrations';

/**
 * An agency's logbook activity recorded offline may become a conflict too (its task ended while
 * the phone was without signal): `task_id` names the task, `agency_code` its agency, whose
 * officers decide it (an agency sees no other conflicts of its province).
 */
export class Migration20261204110000_sync_task_conflicts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "sync_conflict" add column "task_id" text null, add column "agency_code" text null;`);
    this.addSql(`create index "sync_conflict_open_agency_index" on "sync_conflict" ("agency_code") where "status" = 'open' and "agency_code" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "sync_conflict_open_agency_index";`);
    this.addSql(`alter table "sync_conflict" drop column "task_id", drop column "agency_code";`);
  }
}
