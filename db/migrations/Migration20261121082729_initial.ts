import { Migration } from '@mikro-orm/migrations';

export class Migration20261121082729_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "household" ("id" varchar(255) not null, "house_code" varchar(255) null, "province_code" varchar(2) not null, "district_code" varchar(4) not null, "subdistrict_code" varchar(6) not null, "village_no" varchar(255) null, "address" varchar(255) null, "head_name" varchar(255) null, "source" varchar(255) not null, "entry_reason" varchar(255) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "household_pkey" primary key ("id"));`);
    this.addSql(`alter table "household" add constraint "household_house_code_unique" unique ("house_code");`);
    this.addSql(`create index "household_province_code_index" on "household" ("province_code");`);
    this.addSql(`create index "household_district_code_index" on "household" ("district_code");`);
    this.addSql(`create index "household_subdistrict_code_index" on "household" ("subdistrict_code");`);

    this.addSql(`create table "household_case" ("id" varchar(255) not null, "household_id" varchar(255) not null, "stage" varchar(255) not null, "status" varchar(255) not null, "province_code" varchar(2) not null, "district_code" varchar(4) not null, "subdistrict_code" varchar(6) not null, "due_at" timestamptz null, "overdue_level" int not null default 0, "escalated" boolean not null default false, "policy_version" varchar(255) not null, "version" int not null, "opened_at" timestamptz not null, "last_progress_at" timestamptz not null, "closed_at" timestamptz null, "closure_reason" varchar(255) null, "state" jsonb not null, "updated_at" timestamptz not null, constraint "household_case_pkey" primary key ("id"));`);
    this.addSql(`create index "household_case_household_id_index" on "household_case" ("household_id");`);
    this.addSql(`create index "household_case_stage_index" on "household_case" ("stage");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "household" cascade;`);

    this.addSql(`drop table if exists "household_case" cascade;`);
  }

}
