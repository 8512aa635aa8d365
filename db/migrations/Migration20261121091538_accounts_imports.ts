import { Migration } from '@mikro-orm/migrations';

export class Migration20261121091538_accounts_imports extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "app_user" ("id" uuid not null, "username" varchar(255) not null, "display_name" varchar(255) not null, "password_hash" varchar(255) not null, "role" varchar(255) not null, "province_code" varchar(2) null, "district_code" varchar(4) null, "subdistrict_code" varchar(6) null, "agency_code" varchar(255) null, "active" boolean not null default true, "failed_logins" int not null default 0, "locked_until" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);

    this.addSql(`create table "engine_incident" ("id" varchar(255) not null, "workflow_id" varchar(255) not null, "case_id" varchar(255) null, "kind" varchar(255) not null, "detail" varchar(255) not null, "attempt" int not null, "first_seen_at" timestamptz not null, "last_seen_at" timestamptz not null, "resolved_at" timestamptz null, constraint "engine_incident_pkey" primary key ("id"));`);
    this.addSql(`create index "engine_incident_workflow_id_index" on "engine_incident" ("workflow_id");`);
    this.addSql(`create index "engine_incident_case_id_index" on "engine_incident" ("case_id");`);

    this.addSql(`create table "import_job" ("id" varchar(255) not null, "kind" varchar(255) not null, "status" varchar(255) not null, "filename" varchar(255) null, "province_code" varchar(2) null, "total_rows" int not null default 0, "processed_rows" int not null default 0, "accepted_rows" int not null default 0, "rejected_rows" int not null default 0, "created_by" varchar(255) not null, "created_at" timestamptz not null, "finished_at" timestamptz null, "error" varchar(255) null, constraint "import_job_pkey" primary key ("id"));`);

    this.addSql(`create table "import_row" ("import_id" varchar(255) not null, "row_no" int not null, "data" jsonb not null, "status" varchar(255) not null, "reason" varchar(255) null, "field" varchar(255) null, "case_id" varchar(255) null, constraint "import_row_pkey" primary key ("import_id", "row_no"));`);
    this.addSql(`create index "import_row_import_id_status_index" on "import_row" ("import_id", "status");`);

    this.addSql(`create table "user_session" ("token_hash" varchar(255) not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "ip" varchar(255) null, constraint "user_session_pkey" primary key ("token_hash"));`);
    this.addSql(`create index "user_session_user_id_index" on "user_session" ("user_id");`);
    this.addSql(`create index "user_session_expires_at_index" on "user_session" ("expires_at");`);

    this.addSql(`alter table "audit_event" add column "idempotency_key" varchar(255) null;`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_actor_id_idempotency_key_unique" unique ("actor_id", "idempotency_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "engine_incident" cascade;`);

    this.addSql(`drop table if exists "import_job" cascade;`);

    this.addSql(`drop table if exists "import_row" cascade;`);

    this.addSql(`drop table if exists "user_session" cascade;`);

    this.addSql(`alter table "audit_event" drop constraint "audit_event_actor_id_idempotency_key_unique";`);
    this.addSql(`alter table "audit_event" drop column "idempotency_key";`);
  }

}
