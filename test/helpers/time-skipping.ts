import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import { deliverDecisions } from '../../activities/district-meetings';
import type { AssistanceTaskState } from '../../workflows/assistance-task/types';
import type { AgendaItem, MeetingState } from '../../workflows/district-meeting/messages';
import type { CaseState } from '../../workflows/household-case/types';

/** The time-skipping test server, from the binary the bootstrap installed (no SDK download). */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (!path) throw new Error('globalSetup did not provide TEMPORAL_TEST_SERVER_PATH');
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}

/**
 * Typed activity mocks: projections are recorded so tests can assert on what would be written;
 * meeting decisions are delivered for real, through the test server's client.
 */
export function mockActivities(client: Client, agenda: AgendaItem[] = []) {
  const projectedCases: CaseState[] = [];
  const projectedTasks: AssistanceTaskState[] = [];
  const meetings: MeetingState[] = [];
  const activities = {
    projectCase: jest.fn(async (state: CaseState) => {
      projectedCases.push(structuredClone(state));
    }),
    projectTask: jest.fn(async (state: AssistanceTaskState) => {
      projectedTasks.push(structuredClone(state));
    }),
    ensureDistrictMeetingSchedule: jest.fn(async (_district: string, _province: string, _cron: string) => undefined),
    loadMeetingAgenda: jest.fn(async (_district: string) => agenda),
    recordMeeting: jest.fn(async (meeting: MeetingState) => {
      meetings.push(structuredClone(meeting));
    }),
    deliverMeetingDecisions: jest.fn((meetingId: string, decisions: Parameters<Activities['deliverMeetingDecisions']>[1], actor: Parameters<Activities['deliverMeetingDecisions']>[2]) =>
      deliverDecisions(client, meetingId, decisions, actor),
    ),
    sendDailyDigests: jest.fn(async (day: string) => ({ day, recipients: 0, sent: 0, alreadySent: 0, nothingToSend: 0 })),
    ...{ prepareImport: jest.fn(async (_id: string, _kind: 'targets' | 'survey') => undefined), processImportBatch: jest.fn(async (_input: Parameters<Activities['processImportBatch']>[0]) => ({ totalRows: 0, processedRows: 0, acceptedRows: 0, rejectedRows: 0, pendingRows: 0, settled: 0 })), finishImport: jest.fn(async (importId: string, error: string | null) => ({ importId, status: error ? ('failed' as const) : ('completed' as const), error, totalRows: 0, processedRows: 0, acceptedRows: 0, rejectedRows: 0 })) },
    // Bulk jobs run against PostgreSQL (test/api/policies.test.ts), not in the time-skipping tests.
    ...{ listBulkJobCases: jest.fn(async (_id: string) => 0), processBulkJobBatch: jest.fn(async (_id: string, _limit: number) => ({ settled: 0, pending: 0 })), finishBulkJobRun: jest.fn(async (_id: string, _status: 'completed' | 'failed') => undefined) },
  } satisfies Activities;
  return { activities, projectedCases, projectedTasks, meetings };
}

/**
 * One worker per test file, on its own task queue, running until the file ends. Every workflow
 * a test leaves behind keeps a worker: the test server only skips time when no task is pending.
 */
export async function startFileWorker(env: TestWorkflowEnvironment) {
  const taskQueue = `ts-${randomUUID()}`;
  const mocks = mockActivities(env.client);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE! },
    activities: mocks.activities,
  });
  const running = worker.run();
  return {
    taskQueue,
    mocks,
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}

export type FileWorker = Awaited<ReturnType<typeof startFileWorker>>;

/** A time-skipping environment and its file worker, set up and torn down around a describe block. */
export function useTimeSkipping(): { env: () => TestWorkflowEnvironment; worker: () => FileWorker } {
  let env: TestWorkflowEnvironment | undefined;
  let worker: FileWorker | undefined;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    worker = await startFileWorker(env);
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
  });
  return { env: () => env!, worker: () => worker! };
}
