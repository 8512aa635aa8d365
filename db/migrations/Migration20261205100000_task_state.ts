import { Migration } from '@mikro-orm/migrations';

/**
 * `assistance_task.state`: the task's whole state at its version, as household_case keeps the
 * case's, so GET /tasks/:id answers from PostgreSQL instead of querying the task's workflow (which
 * waits for a worker). Null on rows projected before; those are read from the workflow as before.
 */
export class Migration20261205100000_task_state extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "assistance_task" add column if not exists "state" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "assistance_task" drop column if exists "state";`);
  }
}
