import { Migration } from '@mikro-orm/migrations';

/**
 * The program year (docs/PROGRAM.md, "The program year"):
 * - `case_policy.effective_from`: a version is in force from a Bangkok day on, so a province can
 *   prepare next year's rules ahead of time; "active" flags are gone (the latest version in force
 *   is the active one). Existing active versions are in force from the day they were written;
 *   inactive ones had been superseded, so they date from long before.
 * - `bulk_job` and `bulk_job_case`: an action on many cases (a policy migration, an area paused for
 *   a disaster). The cases are listed once when the job starts, each settles once, so a job that
 *   a worker crash interrupts resumes where it stopped.
 * - `import_job.fiscal_year` and `target_listing`: each TPMAP list is a fiscal year's; once its
 *   import completes, every row is matched to the program (new, still flagged, returning) and the
 *   open cases of its area that it no longer names are listed too. A case's rows here are its
 *   fiscal-year tags.
 */
export class Migration20261204091000_program_year extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "case_policy" add column "effective_from" date null, add column "created_by" text null, add column "note" text null;`);
    this.addSql(`update "case_policy" set "effective_from" = case when "active" then ("created_at" at time zone 'Asia/Bangkok')::date else date '1900-01-01' end;`);
    this.addSql(`alter table "case_policy" alter column "effective_from" set not null;`);
    this.addSql(`drop index if exists "case_policy_active_unique";`);
    this.addSql(`alter table "case_policy" drop column "active";`);
    this.addSql(`create unique index "case_policy_effective_unique" on "case_policy" (coalesce("province_code", ''), "effective_from");`);
    this.addSql(`create table "bulk_job" (
      "id" text not null primary key,
      "kind" text not null,
      "params" jsonb not null,
      "created_by" text not null,
      "status" text not null default 'running' check ("status" in ('running', 'completed', 'failed')),
      "created_at" timestamptz not null default now(),
      "finished_at" timestamptz null);`);
    this.addSql(`create table "bulk_job_case" (
      "job_id" text not null references "bulk_job" ("id") on delete cascade,
      "case_id" text not null,
      "status" text not null default 'pending' check ("status" in ('pending', 'done', 'skipped')),
      "code" text null,
      primary key ("job_id", "case_id"));`);
    this.addSql(`create index "bulk_job_case_pending_index" on "bulk_job_case" ("job_id") where "status" = 'pending';`);
    this.addSql(`alter table "import_job" add column "fiscal_year" int null;`);
    this.addSql(`create table "target_listing" (
      "import_id" text not null,
      "case_id" text not null,
      "fiscal_year" int not null,
      "grp" text not null check ("grp" in ('new', 'stillFlagged', 'noLongerFlagged', 'returning')),
      "row_no" int null,
      primary key ("import_id", "case_id"));`);
    this.addSql(`create index "target_listing_case_index" on "target_listing" ("case_id", "fiscal_year");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "target_listing";`);
    this.addSql(`alter table "import_job" drop column "fiscal_year";`);
    this.addSql(`drop table if exists "bulk_job_case";`);
    this.addSql(`drop table if exists "bulk_job";`);
    this.addSql(`drop index if exists "case_policy_effective_unique";`);
    this.addSql(`alter table "case_policy" add column "active" boolean not null default false;`);
    this.addSql(`alter table "case_policy" drop column "effective_from", drop column "created_by", drop column "note";`);
  }
}
