import { Migration } from '@mikro-orm/migrations';

/**
 * `sync_conflict`: a field action recorded offline that could not be applied as it was (the field
 * changed meanwhile, the stage moved on, the case was transferred or ended). It keeps both values
 * until a person decides; (submitted_by, idempotency_key) makes a retried sync record it once.
 * The area is the case's when the conflict was found, for the owner's queue.
 */
export class Migration20261204090000_sync_conflicts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "sync_conflict" (
      "id" text not null primary key,
      "case_id" text not null,
      "action" text not null,
      "reason" text not null,
      "field" text null,
      "mine" jsonb not null,
      "theirs" jsonb null,
      "theirs_by" text null,
      "theirs_at" timestamptz null,
      "base_version" int not null,
      "case_version" int not null,
      "submitted_by" text not null,
      "submitted_role" text not null,
      "idempotency_key" text not null,
      "recorded_at" timestamptz not null,
      "received_at" timestamptz not null default now(),
      "province_code" text not null,
      "district_code" text not null,
      "subdistrict_code" text not null,
      "status" text not null default 'open' check ("status" in ('open', 'resolved')),
      "resolution" jsonb null,
      "resolved_by" text null,
      "resolved_at" timestamptz null);`);
    this.addSql(`create unique index "sync_conflict_submitted_by_idempotency_key_unique" on "sync_conflict" ("submitted_by", "idempotency_key");`);
    this.addSql(`create index "sync_conflict_open_area_index" on "sync_conflict" ("province_code", "district_code", "subdistrict_code") where "status" = 'open';`);
    this.addSql(`create index "sync_conflict_case_id_index" on "sync_conflict" ("case_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "sync_conflict";`);
  }
}
