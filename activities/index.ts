import type { Client } from '@temporalio/client';
import type { Logger } from '../common/logger';
import type { Orm } from '../db/orm';
import type { AssistanceTaskState } from '../workflows/assistance-task/types';
import type { MeetingDecision, MeetingState } from '../workflows/district-meeting/messages';
import type { CaseState } from '../workflows/household-case/types';
import type { Actor } from '../workflows/roles';
import { deliverDecisions, ensureMeetingSchedule, loadAgenda, saveMeeting } from './district-meetings';
import { createBulkActivities } from './bulk';
import { createImportActivities } from './imports';
import { projectCaseSnapshots, projectTaskSnapshot } from '../db/read-model/projection';
import { ProjectionBatcher } from './projection-batcher';
import { ApplicationFailure } from '@temporalio/common';
import type { NotificationChannel } from './notifications/channel';
import { sendDailyDigests } from './notifications/digests';

export interface ActivityDeps {
  orm: Orm;
  logger: Logger;
  /** For activities that act on other workflows: schedules and meeting decisions. */
  temporal: Client;
  /** Where messages go out and what their links point at; the worker builds it from the settings. */
  notifications?: { channel: NotificationChannel; publicUrl: string };
}

/** Every activity the workflows call, bound to their dependencies. */
export function createActivities({ orm, logger, temporal, notifications }: ActivityDeps) {
  // A few transactions of up to 50 snapshots each: leaves most of the pool to the other activities
  // (npm run bench measured the gain, BENCHMARKS.md).
  const caseProjections = new ProjectionBatcher<CaseState>((states) => projectCaseSnapshots(orm, states), { maxBatch: 50, maxInFlight: 4 });
  return {
    ...createImportActivities({ orm, temporal }),
    ...createBulkActivities({ orm, temporal }),
    async projectCase(state: CaseState): Promise<void> {
      await caseProjections.write(state);
    },
    async projectTask(state: AssistanceTaskState): Promise<void> {
      await projectTaskSnapshot(orm, state);
    },
    async ensureDistrictMeetingSchedule(districtCode: string, provinceCode: string, cron: string): Promise<void> {
      await ensureMeetingSchedule(temporal, districtCode, provinceCode, cron);
    },
    async loadMeetingAgenda(districtCode: string) {
      return loadAgenda(orm, districtCode);
    },
    async recordMeeting(meeting: MeetingState): Promise<void> {
      await saveMeeting(orm, meeting);
    },
    async sendDailyDigests(day: string) {
      if (!notifications) throw ApplicationFailure.nonRetryable('this worker has no notification channel', 'NO_NOTIFICATION_CHANNEL');
      return sendDailyDigests({ orm, logger, ...notifications }, day);
    },
    async deliverMeetingDecisions(meetingId: string, decisions: MeetingDecision[], actor: Actor) {
      return deliverDecisions(temporal, meetingId, decisions, actor);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
