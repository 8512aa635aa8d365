import { Migration } from '@mikro-orm/migrations';

/**
 * Notifications (docs/API.md, "Notifications"):
 * - `notification_preference`: each user's choice per kind (inApp or dailyDigest) and the address
 *   the digest goes to; a user without a row has every kind in the app only.
 * - `digest_sent`: one row per user and Bangkok day, claimed before the e-mail is sent, so a
 *   Schedule that fires twice, or a retried activity, sends one e-mail. `sent_at` stays null until
 *   the channel accepted the message; a claim whose send failed is released for the retry.
 */
export class Migration20261204100000_notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "notification_preference" (
      "user_id" uuid not null primary key references "app_user" ("id") on delete cascade,
      "email" text null,
      "kinds" jsonb not null,
      "updated_at" timestamptz not null default now());`);
    this.addSql(`create table "digest_sent" (
      "user_id" uuid not null references "app_user" ("id") on delete cascade,
      "day" date not null,
      "claimed_at" timestamptz not null default now(),
      "sent_at" timestamptz null,
      "item_count" int not null default 0,
      "message_id" text null,
      primary key ("user_id", "day"));`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "digest_sent";');
    this.addSql('drop table if exists "notification_preference";');
  }
}
