import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../roles';
import type { AssistanceTaskState } from './types';

/** The task's message contract (never rename a deployed message). */
export interface LogActivityInput {
  actor: Actor;
  date: string;
  kind: string;
  description: string;
  baht: number;
  items: number;
}

export interface EndTaskInput {
  actor: Actor;
  note?: string;
}

export interface ReturnTaskInput {
  actor: Actor;
  reason: string;
}

export const taskStateQuery = defineQuery<AssistanceTaskState>('taskState');
export const logActivityUpdate = defineUpdate<AssistanceTaskState, [LogActivityInput]>('logActivity');
export const completeTaskUpdate = defineUpdate<AssistanceTaskState, [EndTaskInput]>('completeTask');
export const returnTaskUpdate = defineUpdate<AssistanceTaskState, [ReturnTaskInput]>('returnTask');
/** From the parent case: its pause stops the task's timers too. */
export const pauseTaskSignal = defineSignal<[{ at: string }]>('pauseTask');
export const resumeTaskSignal = defineSignal<[{ at: string }]>('resumeTask');
/** From the case (closure, reassignment): the task ends without an outcome. */
export const cancelTaskSignal = defineSignal<[{ at: string; by: string; reason: string }]>('cancelTask');

export function taskWorkflowId(caseId: string, n: number): string {
  return `${caseId}-task-${n}`;
}
