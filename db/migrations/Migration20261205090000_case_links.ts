import { Migration } from '@mikro-orm/migrations';

/**
 * `case_link`: a household that returns to the target list after its closed case's reopen window
 * is over gets a new case, linked to the earlier one (docs/PROGRAM.md, "The program year"). The
 * row is written with the claim transfer that hands the household's keys to the new case, before
 * the new case starts, so a retried import finds the link again. One earlier case has at most one
 * successor (the unique index), and a case follows at most one (the primary key).
 */
export class Migration20261205090000_case_links extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "case_link" (
      "case_id" text not null primary key,
      "previous_case_id" text not null,
      "created_at" timestamptz not null default now());`);
    this.addSql(`create unique index "case_link_previous_case_id_unique" on "case_link" ("previous_case_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "case_link";`);
  }
}
