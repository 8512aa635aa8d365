import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import * as S from '../../domain/contract/case-actions';
import * as TM from '../../workflows/assistance-task/messages';
import type { AssistanceTaskState } from '../../workflows/assistance-task/types';
import type { CaseState } from '../../workflows/household-case/types';
import { isCalendarDate } from '../../workflows/rejections';
import { actors, caseAtAssignment, openCase, state } from '../helpers/case-driver';
import { CASE_UPDATES, expectConsistent, expectWellFormedRejection, patchBody, stepsArbitrary } from '../helpers/case-model';
import { arbitraryOf } from '../helpers/schema-arbitrary';
import { createTimeSkippingEnv, mockActivities } from '../helpers/time-skipping';

/**
 * The same random sequences as validators.property.test.ts, on the real workflows: a few runs,
 * each update sent through Temporal. The logbook projection refuses a day that does not exist, as
 * PostgreSQL's `date` column does (that refusal, retried forever, is what jammed a task in issue 12).
 * Whatever happens, no workflow task of the case or of its tasks may fail.
 */
describe('random API-valid actions on the real workflows (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `ts-${randomUUID()}`;
  /** Projections the "database" refused: each would retry forever and keep the task from reporting back. */
  const projectionFailures: string[] = [];

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    const mocks = mockActivities(env.client);
    const projectTask = jest.fn(async (task: AssistanceTaskState) => {
      const bad = task.log.find((entry) => !isCalendarDate(entry.date));
      if (!bad) return;
      projectionFailures.push(`${task.taskId}: ${bad.date}`);
      throw new Error(`invalid input syntax for type date: "${bad.date}"`);
    });
    worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE! }, activities: { ...mocks.activities, projectTask } });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  const send = async (handle: WorkflowHandle, update: unknown, input: unknown): Promise<boolean> => {
    try {
      await handle.executeUpdate(update as UpdateDefinition<unknown, [unknown]>, { args: [input] });
      return true;
    } catch (error) {
      // A task that has just ended (its case not told yet) is gone: the API answers 409 TASK_ENDED.
      if (error instanceof WorkflowNotFoundError) return false;
      if (!(error instanceof WorkflowUpdateFailedError)) throw error;
      expectWellFormedRejection(error.cause);
      return false;
    }
  };

  /** temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND */
  const UNHANDLED_COMMAND = 1;
  /**
   * Workflow tasks that failed in the workflow's code. A task the server failed because a signal
   * arrived as the workflow completed (UNHANDLED_COMMAND) is retried with the signal: not a failure of ours.
   */
  const failedTasks = async (handle: WorkflowHandle): Promise<string[]> => {
    const { events } = await handle.fetchHistory();
    return (events ?? [])
      .map((e) => e.workflowTaskFailedEventAttributes)
      .filter((a) => a && a.cause !== UNHANDLED_COMMAND)
      .map((a) => `${a?.cause}: ${a?.failure?.message ?? ''}`);
  };

  const logBody = arbitraryOf(S.LogActivityBody) as fc.Arbitrary<Record<string, unknown>>;

  it('no workflow task fails, and every rejection is a coded refusal', async () => {
    const runs = fc.sample(stepsArbitrary(40), { numRuns: 8, seed: 12 });
    const logs = fc.sample(logBody, { numRuns: 200, seed: 12 });
    const taskIds = new Set<string>();
    let accepted = 0;
    for (const [i, steps] of runs.entries()) {
      // Half the runs start at district assignment, so that tasks start, log, end and report back.
      const handle = i % 2 === 0 ? await openCase(env, taskQueue) : (await caseAtAssignment(env, taskQueue)).handle;
      for (const step of steps) {
        const current: CaseState = await state(handle);
        if (step.kind === 'taskEnded') {
          const open = current.tasks.filter((t) => t.status === 'open');
          if (open.length === 0) continue;
          const task = env.client.workflow.getHandle(open[step.pick % open.length].taskId);
          // A logbook entry with an impossible day is refused; a real one is taken and projected.
          await send(task, TM.logActivityUpdate, { ...logs[step.pick % logs.length], date: '2026-02-31', actor: actors.supervisor });
          await send(task, TM.logActivityUpdate, { ...logs[step.pick % logs.length], actor: actors.supervisor });
          if (step.status === 'done') await send(task, TM.completeTaskUpdate, { actor: actors.supervisor });
          else await send(task, TM.returnTaskUpdate, { actor: actors.supervisor, reason: 'beyond capacity' });
          continue;
        }
        const input = { ...patchBody(current, step.body, step.picks), actor: step.actor };
        if (await send(handle, CASE_UPDATES[step.action].update, input)) accepted++;
      }
      const final = await state(handle);
      expectConsistent(final);
      for (const t of final.tasks) taskIds.add(t.taskId);
      expect(await failedTasks(handle)).toEqual([]);
    }
    for (const taskId of taskIds) expect({ taskId, failed: await failedTasks(env.client.workflow.getHandle(taskId)) }).toEqual({ taskId, failed: [] });
    expect(projectionFailures).toEqual([]);
    expect(accepted).toBeGreaterThan(20);
    expect(taskIds.size).toBeGreaterThan(0);
  });
});
