import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { DAILY_DIGEST_SCHEDULE_ID } from '../../workflows/daily-digest/messages';

/**
 * The daily digest's Schedule, created at worker start. Idempotent: every worker of every replica
 * calls it, the first creates it, the others bring its time and task queue in line with their
 * settings (KAEJON_DIGEST_CRON, in Bangkok time). A run still going when the next is due is not
 * doubled (SKIP); if one is doubled anyway, `digest_sent` keeps it to one e-mail per person.
 */
export async function ensureDigestSchedule(temporal: Client, options: { taskQueue: string; cron: string; scheduleId?: string }): Promise<void> {
  const scheduleId = options.scheduleId ?? DAILY_DIGEST_SCHEDULE_ID;
  const spec = { cronExpressions: [options.cron], timezone: 'Asia/Bangkok' };
  const action = { type: 'startWorkflow' as const, workflowType: 'dailyDigestWorkflow', workflowId: scheduleId, taskQueue: options.taskQueue, args: [] };
  try {
    await temporal.schedule.create({ scheduleId, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '6 hours' } });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await temporal.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
}
