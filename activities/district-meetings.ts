import { activityInfo } from '@temporalio/activity';
import { ScheduleAlreadyRunning, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Orm } from '../db/orm';
import { proposeLeadAgency } from '../db/reference/poverty-menu';
import { assignProblemsUpdate, escalateCaseUpdate } from '../workflows/household-case/messages';
import type { Problem } from '../workflows/household-case/types';
import { meetingScheduleId, type AgendaItem, type DecisionResult, type MeetingDecision, type MeetingState } from '../workflows/district-meeting/messages';
import type { Actor } from '../workflows/roles';

/** One Schedule per district, created the first time one of its cases waits for assignment. */
export async function ensureMeetingSchedule(temporal: Client, districtCode: string, provinceCode: string, cron: string): Promise<void> {
  try {
    await temporal.schedule.create({
      scheduleId: meetingScheduleId(districtCode),
      spec: { cronExpressions: [cron] },
      action: {
        type: 'startWorkflow',
        workflowType: 'districtMeetingWorkflow',
        workflowId: meetingScheduleId(districtCode),
        taskQueue: activityInfo().taskQueue,
        args: [{ districtCode, provinceCode }],
      },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}

function proposals(indicator: string): string[] {
  try {
    return proposeLeadAgency(indicator);
  } catch {
    return []; // a จปฐ. indicator or free text: the meeting chooses without a proposal
  }
}

/** The cases of a district waiting for the district to assign them, most overdue first. */
export async function loadAgenda(orm: Orm, districtCode: string): Promise<AgendaItem[]> {
  const rows: Array<{ id: string; household_id: string; subdistrict_code: string; due_at: Date | null; overdue_level: number; problems: Problem[] }> = await orm.em
    .fork()
    .getConnection()
    .execute(
      `select id, household_id, subdistrict_code, due_at, overdue_level, state->'problems' as problems
         from household_case
        where district_code = ? and stage = 'districtAssignment' and assignment_level = 'district' and status = 'active'
        order by overdue_level desc, due_at asc nulls last
        limit 500`,
      [districtCode],
    );
  return rows.map((row) => ({
    caseId: row.id,
    householdId: row.household_id,
    subdistrictCode: row.subdistrict_code,
    dueAt: row.due_at ? new Date(row.due_at).toISOString() : null,
    overdueLevel: row.overdue_level,
    problems: row.problems
      .filter((p) => p.status === 'open')
      .map((p) => ({ problemId: p.id, dimension: p.dimension, indicator: p.indicator, description: p.description, proposedAgencies: proposals(p.indicator) })),
  }));
}

export async function saveMeeting(orm: Orm, meeting: MeetingState): Promise<void> {
  await orm.em
    .fork()
    .getConnection()
    .execute(
      `insert into district_meeting (id, district_code, province_code, opened_at, closed_at, status, agenda, decisions)
       values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)
       on conflict (id) do update set status = excluded.status, closed_at = excluded.closed_at, agenda = excluded.agenda, decisions = excluded.decisions`,
      [
        meeting.meetingId,
        meeting.districtCode,
        meeting.provinceCode,
        meeting.openedAt,
        meeting.status === 'open' ? null : new Date().toISOString(),
        meeting.status,
        JSON.stringify(meeting.agenda.map((item) => item.caseId)),
        JSON.stringify(meeting.results),
      ],
    );
}

const DELIVERY_CONCURRENCY = 16;

/**
 * Each decision becomes the case's own update. The update ID is the meeting and the case, so a
 * retried delivery returns the first result instead of assigning twice.
 */
export async function deliverDecisions(temporal: Client, meetingId: string, decisions: MeetingDecision[], actor: Actor): Promise<DecisionResult[]> {
  const results: DecisionResult[] = new Array(decisions.length);
  let next = 0;
  const deliverOne = async (decision: MeetingDecision): Promise<DecisionResult> => {
    const handle = temporal.workflow.getHandle(decision.caseId);
    try {
      if (decision.escalate) {
        await handle.executeUpdate(escalateCaseUpdate, { args: [{ actor, reason: decision.escalate.reason }], updateId: `${meetingId}:${decision.caseId}:escalate` });
      } else {
        await handle.executeUpdate(assignProblemsUpdate, { args: [{ actor, assignments: decision.assignments ?? [], meetingId }], updateId: `${meetingId}:${decision.caseId}:assign` });
      }
      return { caseId: decision.caseId, ok: true };
    } catch (error) {
      const reason = error instanceof WorkflowUpdateFailedError ? (error.cause?.message ?? error.message) : (error as Error).message;
      // The case's own rejection code, for the UI to translate per case (workflows/rejections.ts).
      const detail = error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure ? (error.cause.details?.[0] as { code?: unknown } | undefined) : undefined;
      return { caseId: decision.caseId, ok: false, error: reason, ...(typeof detail?.code === 'string' ? { code: detail.code } : {}) };
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(DELIVERY_CONCURRENCY, decisions.length) }, async () => {
      while (next < decisions.length) {
        const i = next++;
        results[i] = await deliverOne(decisions[i]);
      }
    }),
  );
  return results;
}
