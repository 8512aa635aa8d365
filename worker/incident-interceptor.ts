import { caseIdOf } from '../domain/ids';
import type { Context } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';
import type { Orm } from '../db/orm';

/**
 * Turns an activity that keeps failing into an engine_incident row a supervisor can see
 * (GET /supervisor/stuck) and retry (POST /supervisor/incidents/:id/retry). Temporal retries
 * activities forever by our presets (workflows/activity-options.ts), so a projection blocked by a
 * bad row or a dead dependency would otherwise only show as a case that silently stopped moving.
 *
 * One row per workflow and activity type (`<workflowId>:<activityType>`): repeated failures
 * update it, a later success resolves it. Writing the row never changes the activity's outcome: a
 * database error here is logged and the activity's own result or error goes through untouched.
 */
export const INCIDENT_AFTER_ATTEMPTS = 3;
const DETAIL_MAX = 250;

export function incidentId(workflowId: string, activityType: string): string {
  return `${workflowId}:${activityType}`;
}


function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // By code point: cutting a surrogate pair in half would leave an invalid string for PostgreSQL.
  return Array.from(text).slice(0, DETAIL_MAX).join('');
}

export class IncidentInterceptor implements ActivityInboundCallsInterceptor {
  constructor(
    private readonly ctx: Context,
    private readonly orm: Orm,
  ) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const info = this.ctx.info;
    const workflowId = info.workflowExecution?.workflowId;
    let result: unknown;
    try {
      result = await next(input);
    } catch (error) {
      if (workflowId && info.attempt >= INCIDENT_AFTER_ATTEMPTS && !(error instanceof CancelledFailure)) {
        await this.safely(() => recordActivityFailure(this.orm, { workflowId, activityType: info.activityType, attempt: info.attempt, detail: describe(error) }));
      }
      throw error;
    }
    // Only a retried run can follow failures. A reset (the supervisor's retry) starts again at
    // attempt 1, but that attempt was scheduled later than the activity itself.
    if (workflowId && (info.attempt > 1 || info.currentAttemptScheduledTimestampMs > info.scheduledTimestampMs)) {
      await this.safely(() => resolveActivityIncident(this.orm, incidentId(workflowId, info.activityType)));
    }
    return result;
  }

  private async safely(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.ctx.log.warn('could not record the engine incident', { error: describe(error) });
    }
  }
}

export async function recordActivityFailure(orm: Orm, failure: { workflowId: string; activityType: string; attempt: number; detail: string; at?: Date }): Promise<void> {
  const at = failure.at ?? new Date();
  await orm.em
    .fork()
    .getConnection()
    .execute(
      `insert into engine_incident (id, workflow_id, case_id, kind, detail, attempt, first_seen_at, last_seen_at, resolved_at)
       values (?, ?, ?, 'activityFailing', ?, ?, ?, ?, null)
       on conflict (id) do update set
         detail = excluded.detail,
         attempt = excluded.attempt,
         last_seen_at = excluded.last_seen_at,
         -- a resolved incident failing again is a new episode
         first_seen_at = case when engine_incident.resolved_at is null then engine_incident.first_seen_at else excluded.first_seen_at end,
         resolved_at = null`,
      [incidentId(failure.workflowId, failure.activityType), failure.workflowId, caseIdOf(failure.workflowId), failure.detail, failure.attempt, at, at],
    );
}

export async function resolveActivityIncident(orm: Orm, id: string, at = new Date()): Promise<void> {
  await orm.em.fork().getConnection().execute('update engine_incident set resolved_at = ? where id = ? and resolved_at is null', [at, id]);
}
