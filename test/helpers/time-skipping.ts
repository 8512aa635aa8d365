import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import type { CaseState } from '../../workflows/household-case/types';

/** The time-skipping test server, from the binary the bootstrap installed (no SDK download). */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (!path) throw new Error('globalSetup did not provide TEMPORAL_TEST_SERVER_PATH');
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}

/** Typed activity mocks: every projection is recorded, so tests can assert on what was written. */
export function mockActivities() {
  const projected: CaseState[] = [];
  const activities = {
    projectCase: jest.fn(async (state: CaseState) => {
      projected.push(structuredClone(state));
    }),
  } satisfies Activities;
  return { activities, projected };
}

/** Runs `fn` with a worker on a fresh task queue, using the bundle globalSetup built once. */
export async function withWorker<R>(env: TestWorkflowEnvironment, activities: Activities, fn: (taskQueue: string) => Promise<R>): Promise<R> {
  const taskQueue = `ts-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE! },
    activities,
  });
  return worker.runUntil(fn(taskQueue));
}
