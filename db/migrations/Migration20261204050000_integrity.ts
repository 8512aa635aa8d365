import { Migration } from '@mikro-orm/migrations';

/**
 * Integrity the database enforces rather than a read before an insert:
 * - `household_claim`: each house code and each member's national ID belongs to one case. Intake
 *   (a single household or an import batch) inserts the claims before it starts the case, so of
 *   any number of concurrent requests exactly one wins on the primary key.
 * - `idempotency_record`: the first answer to each (caller, Idempotency-Key), kept until it
 *   expires, so a retry on any replica, even after a restart, gets that answer back (an upload
 *   keeps its file's fingerprint on its import job instead).
 */
export class Migration20261204050000_integrity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "household_claim" (
      "claim_key" text not null primary key,
      "case_id" text not null,
      "household_id" text not null,
      "created_at" timestamptz not null default now());`);
    this.addSql(`create index "household_claim_case_id_index" on "household_claim" ("case_id");`);
    // Cases already in the program hold their keys; where earlier races left two, the first opened wins.
    this.addSql(`insert into "household_claim" ("claim_key", "case_id", "household_id", "created_at")
      select 'house:' || h.house_code, hc.id, h.id, hc.opened_at
        from household h join household_case hc on hc.household_id = h.id
       where h.house_code is not null
       order by hc.opened_at
      on conflict do nothing;`);
    this.addSql(`insert into "household_claim" ("claim_key", "case_id", "household_id", "created_at")
      select 'nid:' || m.national_id, hc.id, m.household_id, hc.opened_at
        from household_member m join household_case hc on hc.household_id = m.household_id
       where m.national_id is not null
       order by hc.opened_at
      on conflict do nothing;`);
    this.addSql(`create table "idempotency_record" (
      "key" text not null primary key,
      "request_hash" text not null,
      "state" text not null check ("state" in ('pending', 'done')),
      "status_code" int null,
      "content_type" text null,
      "body" text null,
      "created_at" timestamptz not null default now(),
      "expires_at" timestamptz not null);`);
    this.addSql(`create index "idempotency_record_expires_at_index" on "idempotency_record" ("expires_at");`);
    // An upload's retry must carry the same file as the first upload with its key.
    this.addSql(`alter table "import_job" add column "file_sha256" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "import_job" drop column "file_sha256";`);
    this.addSql(`drop table "idempotency_record";`);
    this.addSql(`drop table "household_claim";`);
  }
}
