import { Migration } from '@mikro-orm/migrations';

export class Migration20261121084336_read_model extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "agency" ("code" varchar(255) not null, "name_th" varchar(255) not null, "name_en" varchar(255) not null, "ministry_code" varchar(255) not null, "level" varchar(255) not null, constraint "agency_pkey" primary key ("code"));`);

    this.addSql(`create table "assistance_task" ("id" varchar(255) not null, "case_id" varchar(255) not null, "household_id" varchar(255) not null, "province_code" varchar(2) not null, "district_code" varchar(4) not null, "subdistrict_code" varchar(6) not null, "problem_id" varchar(255) not null, "dimension" varchar(255) not null, "indicator" varchar(255) not null, "description" text not null, "agency_code" varchar(255) not null, "menu_item" varchar(255) null, "level" varchar(255) not null, "status" varchar(255) not null, "assigned_at" timestamptz not null, "assigned_by" varchar(255) not null, "due_at" timestamptz not null, "ended_at" timestamptz null, "outcome_note" text null, "paused_since" timestamptz null, "overdue_level" int not null default 0, "baht_total" numeric(14,2) not null default 0, "items_total" int not null default 0, "activities_count" int not null default 0, "version" int not null, "updated_at" timestamptz not null, constraint "assistance_task_pkey" primary key ("id"));`);
    this.addSql(`create index "assistance_task_case_id_index" on "assistance_task" ("case_id");`);
    this.addSql(`create index "assistance_task_agency_code_status_due_at_index" on "assistance_task" ("agency_code", "status", "due_at");`);
    this.addSql(`create index "assistance_task_district_code_status_index" on "assistance_task" ("district_code", "status");`);
    this.addSql(`create index "assistance_task_province_code_dimension_index" on "assistance_task" ("province_code", "dimension");`);
    this.addSql(`create index "assistance_task_overdue_index" on "assistance_task" ("district_code", "overdue_level", "due_at") where "overdue_level" > 0;`);

    this.addSql(`create table "audit_event" ("id" bigserial primary key, "at" timestamptz not null, "actor_id" varchar(255) not null, "actor_role" varchar(255) not null, "action" varchar(255) not null, "entity_type" varchar(255) not null, "entity_id" varchar(255) not null, "ip" varchar(255) null, "changes" jsonb null);`);
    this.addSql(`create index "audit_event_entity_type_entity_id_at_index" on "audit_event" ("entity_type", "entity_id", "at");`);
    this.addSql(`create index "audit_event_actor_id_at_index" on "audit_event" ("actor_id", "at");`);
    this.addSql(`create index "audit_event_at_index" on "audit_event" ("at");`);

    this.addSql(`create table "case_event" ("case_id" varchar(255) not null, "seq" int not null, "at" timestamptz not null, "type" varchar(255) not null, "actor" varchar(255) not null, "detail" jsonb null, constraint "case_event_pkey" primary key ("case_id", "seq"));`);

    this.addSql(`create table "case_policy" ("version" varchar(255) not null, "province_code" varchar(2) null, "body" jsonb not null, "active" boolean not null default false, "created_at" timestamptz not null, constraint "case_policy_pkey" primary key ("version"));`);
    this.addSql(`create unique index "case_policy_active_unique" on "case_policy" (coalesce("province_code", '')) where "active";`);

    this.addSql(`create table "case_problem" ("case_id" varchar(255) not null, "problem_id" varchar(255) not null, "province_code" varchar(2) not null, "district_code" varchar(4) not null, "subdistrict_code" varchar(6) not null, "dimension" varchar(255) not null, "indicator" varchar(255) not null, "description" text not null, "status" varchar(255) not null, "last_outcome" varchar(255) null, "task_id" varchar(255) null, constraint "case_problem_pkey" primary key ("case_id", "problem_id"));`);
    this.addSql(`create index "case_problem_district_code_dimension_status_index" on "case_problem" ("district_code", "dimension", "status");`);
    this.addSql(`create index "case_problem_province_code_dimension_index" on "case_problem" ("province_code", "dimension");`);

    this.addSql(`create table "dimension" ("code" varchar(255) not null, "ord" int not null, "name_th" varchar(255) not null, "name_en" varchar(255) not null, constraint "dimension_pkey" primary key ("code"));`);

    this.addSql(`create table "district" ("code" varchar(4) not null, "province_code" varchar(2) not null, "name_th" varchar(255) not null, "name_en" varchar(255) null, constraint "district_pkey" primary key ("code"));`);
    this.addSql(`create index "district_province_code_index" on "district" ("province_code");`);

    this.addSql(`create table "district_meeting" ("id" varchar(255) not null, "province_code" varchar(2) not null, "district_code" varchar(4) not null, "status" varchar(255) not null, "opened_at" timestamptz not null, "closed_at" timestamptz null, "agenda" jsonb not null default '[]', "decisions" jsonb not null default '[]', constraint "district_meeting_pkey" primary key ("id"));`);
    this.addSql(`create index "district_meeting_district_code_opened_at_index" on "district_meeting" ("district_code", "opened_at");`);

    this.addSql(`create table "escalation" ("id" varchar(255) not null, "case_id" varchar(255) not null, "seq" int null, "task_id" varchar(255) null, "province_code" varchar(2) not null, "district_code" varchar(4) not null, "at" timestamptz not null, "type" varchar(255) not null, "from_level" varchar(255) null, "to_level" varchar(255) null, "reason" text null, "by" varchar(255) not null, "stage" varchar(255) null, constraint "escalation_pkey" primary key ("id"));`);
    this.addSql(`create index "escalation_province_code_at_index" on "escalation" ("province_code", "at");`);
    this.addSql(`create index "escalation_district_code_at_index" on "escalation" ("district_code", "at");`);
    this.addSql(`alter table "escalation" add constraint "escalation_case_id_seq_unique" unique ("case_id", "seq");`);

    this.addSql(`create table "household_member" ("household_id" varchar(255) not null, "ord" int not null, "name" varchar(255) not null, "national_id" varchar(13) null, "birth_year" int null, "sex" varchar(255) null, "disabled" boolean not null default false, constraint "household_member_pkey" primary key ("household_id", "ord"));`);
    this.addSql(`create index "household_member_national_id_index" on "household_member" ("national_id") where "national_id" is not null;`);

    this.addSql(`create table "inbox_item" ("id" varchar(255) not null, "kind" varchar(255) not null, "case_id" varchar(255) not null, "task_id" varchar(255) null, "owner_role" varchar(255) not null, "province_code" varchar(2) not null, "district_code" varchar(4) not null, "subdistrict_code" varchar(6) not null, "agency_code" varchar(255) null, "title" varchar(255) not null, "stage" varchar(255) null, "due_at" timestamptz null, "created_at" timestamptz not null, "resolved_at" timestamptz null, constraint "inbox_item_pkey" primary key ("id"));`);
    this.addSql(`create index "inbox_item_case_id_index" on "inbox_item" ("case_id");`);
    this.addSql(`create index "inbox_item_task_id_index" on "inbox_item" ("task_id");`);
    this.addSql(`create index "inbox_item_open_district_index" on "inbox_item" ("owner_role", "district_code", "due_at") where "resolved_at" is null;`);
    this.addSql(`create index "inbox_item_open_subdistrict_index" on "inbox_item" ("owner_role", "subdistrict_code", "due_at") where "resolved_at" is null;`);
    this.addSql(`create index "inbox_item_open_province_index" on "inbox_item" ("owner_role", "province_code", "due_at") where "resolved_at" is null;`);
    this.addSql(`create index "inbox_item_open_agency_index" on "inbox_item" ("agency_code", "district_code", "due_at") where "resolved_at" is null and "owner_role" = 'agency';`);

    this.addSql(`create table "jpt_indicator" ("no" int not null, "category" int not null, "dimension" varchar(255) not null, "name_th" text not null, "name_en" text not null, "lead_ministries" text[] not null, "support_ministries" text[] not null, "note" text null, constraint "jpt_indicator_pkey" primary key ("no"));`);

    this.addSql(`create table "logbook_entry" ("id" varchar(255) not null, "source" varchar(255) not null, "task_id" varchar(255) null, "seq" int not null, "case_id" varchar(255) not null, "agency_code" varchar(255) null, "province_code" varchar(2) not null, "district_code" varchar(4) not null, "dimension" varchar(255) null, "date" date not null, "kind" varchar(255) not null, "description" text not null, "baht" numeric(14,2) not null default 0, "items" int not null default 0, "by" varchar(255) not null, "recorded_at" timestamptz not null, constraint "logbook_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "logbook_entry_case_id_index" on "logbook_entry" ("case_id");`);
    this.addSql(`create index "logbook_entry_agency_code_date_index" on "logbook_entry" ("agency_code", "date");`);
    this.addSql(`create index "logbook_entry_district_code_dimension_date_index" on "logbook_entry" ("district_code", "dimension", "date");`);
    this.addSql(`alter table "logbook_entry" add constraint "logbook_entry_task_id_seq_unique" unique ("task_id", "seq");`);

    this.addSql(`create table "menu_item" ("code" varchar(255) not null, "dimension" varchar(255) not null, "name_th" text not null, "name_en" text not null, "provider_agency_codes" text[] not null, "phase" varchar(255) not null, constraint "menu_item_pkey" primary key ("code"));`);

    this.addSql(`create table "ministry" ("code" varchar(255) not null, "name_th" varchar(255) not null, "name_en" varchar(255) not null, constraint "ministry_pkey" primary key ("code"));`);

    this.addSql(`create table "plan_item" ("case_id" varchar(255) not null, "item_id" varchar(255) not null, "dimension" varchar(255) not null, "problem_id" varchar(255) null, "action" text not null, "support_by" varchar(255) not null, "target_date" date null, constraint "plan_item_pkey" primary key ("case_id", "item_id"));`);
    this.addSql(`create index "plan_item_support_by_index" on "plan_item" ("support_by");`);

    this.addSql(`create table "province" ("code" varchar(2) not null, "name_th" varchar(255) not null, "name_en" varchar(255) null, constraint "province_pkey" primary key ("code"));`);

    this.addSql(`create table "subdistrict" ("code" varchar(6) not null, "district_code" varchar(4) not null, "province_code" varchar(2) not null, "name_th" varchar(255) not null, "name_en" varchar(255) null, "postcode" varchar(5) null, constraint "subdistrict_pkey" primary key ("code"));`);
    this.addSql(`create index "subdistrict_district_code_index" on "subdistrict" ("district_code");`);

    this.addSql(`create table "tpmap_indicator" ("code" varchar(255) not null, "dimension" varchar(255) not null, "name_th" text not null, "name_en" text not null, "jpt_numbers" jsonb not null, "proposed_agency_codes" text[] not null, constraint "tpmap_indicator_pkey" primary key ("code"));`);

    this.addSql(`alter table "household" add column "failed_indicators" text[] not null default '{}', add column "member_count" int not null default 0;`);

    this.addSql(`drop index "household_case_stage_index";`);

    this.addSql(`alter table "household_case" add column "stage_entered_at" timestamptz null, add column "assignment_level" varchar(255) not null default 'district', add column "verification_outcome" varchar(255) null, add column "household_type" varchar(255) null, add column "track" varchar(255) not null default 'development', add column "exemption" varchar(255) null, add column "plan_goal" varchar(255) null, add column "paused" boolean not null default false, add column "pause_reason" varchar(255) null, add column "paused_since" timestamptz null;`);
    this.addSql(`create index "household_case_province_code_stage_index" on "household_case" ("province_code", "stage");`);
    this.addSql(`create index "household_case_district_code_stage_index" on "household_case" ("district_code", "stage");`);
    this.addSql(`create index "household_case_subdistrict_code_stage_index" on "household_case" ("subdistrict_code", "stage");`);
    this.addSql(`create index "household_case_stage_due_at_index" on "household_case" ("stage", "due_at");`);
    this.addSql(`create index "household_case_overdue_index" on "household_case" ("district_code", "overdue_level", "due_at") where "overdue_level" > 0;`);
    this.addSql(`create index "household_case_escalated_index" on "household_case" ("province_code", "district_code") where "escalated";`);
    this.addSql(`create index "household_case_stuck_index" on "household_case" ("last_progress_at") where "status" = 'active';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "agency" cascade;`);

    this.addSql(`drop table if exists "assistance_task" cascade;`);

    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "case_event" cascade;`);

    this.addSql(`drop table if exists "case_policy" cascade;`);

    this.addSql(`drop table if exists "case_problem" cascade;`);

    this.addSql(`drop table if exists "dimension" cascade;`);

    this.addSql(`drop table if exists "district" cascade;`);

    this.addSql(`drop table if exists "district_meeting" cascade;`);

    this.addSql(`drop table if exists "escalation" cascade;`);

    this.addSql(`drop table if exists "household_member" cascade;`);

    this.addSql(`drop table if exists "inbox_item" cascade;`);

    this.addSql(`drop table if exists "jpt_indicator" cascade;`);

    this.addSql(`drop table if exists "logbook_entry" cascade;`);

    this.addSql(`drop table if exists "menu_item" cascade;`);

    this.addSql(`drop table if exists "ministry" cascade;`);

    this.addSql(`drop table if exists "plan_item" cascade;`);

    this.addSql(`drop table if exists "province" cascade;`);

    this.addSql(`drop table if exists "subdistrict" cascade;`);

    this.addSql(`drop table if exists "tpmap_indicator" cascade;`);

    this.addSql(`alter table "household" drop column "failed_indicators", drop column "member_count";`);

    this.addSql(`drop index "household_case_province_code_stage_index";`);
    this.addSql(`drop index "household_case_district_code_stage_index";`);
    this.addSql(`drop index "household_case_subdistrict_code_stage_index";`);
    this.addSql(`drop index "household_case_stage_due_at_index";`);
    this.addSql(`drop index "household_case_overdue_index";`);
    this.addSql(`drop index "household_case_escalated_index";`);
    this.addSql(`drop index "household_case_stuck_index";`);
    this.addSql(`alter table "household_case" drop column "stage_entered_at", drop column "assignment_level", drop column "verification_outcome", drop column "household_type", drop column "track", drop column "exemption", drop column "plan_goal", drop column "paused", drop column "pause_reason", drop column "paused_since";`);

    this.addSql(`create index "household_case_stage_index" on "household_case" ("stage");`);
  }

}
