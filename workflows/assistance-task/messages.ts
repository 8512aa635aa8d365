import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Static } from '@sinclair/typebox';
import type * as C from '../../domain/contract/case-actions';
import type * as K from '../../domain/contract/corrections';
import type { Actor } from '../roles';
import type { AssistanceTaskState } from './types';

/**
 * The task's message contract (never rename a deployed message). Inputs are the agency's HTTP
 * bodies as the contract's schemas type them (domain/contract/case-actions.ts), and who acts.
 */
export type LogActivityInput = Static<typeof C.LogActivityBody> & { actor: Actor };
export type EndTaskInput = Static<typeof C.NoteBody> & { actor: Actor };
export type ReturnTaskInput = Static<typeof C.ReasonBody> & { actor: Actor };
export type AmendActivityInput = Static<typeof K.AmendActivityBody> & { actor: Actor };
export type VoidActivityInput = Static<typeof K.VoidActivityBody> & { actor: Actor };

export const taskStateQuery = defineQuery<AssistanceTaskState>('taskState');
export const logActivityUpdate = defineUpdate<AssistanceTaskState, [LogActivityInput]>('logActivity');
export const completeTaskUpdate = defineUpdate<AssistanceTaskState, [EndTaskInput]>('completeTask');
export const returnTaskUpdate = defineUpdate<AssistanceTaskState, [ReturnTaskInput]>('returnTask');
/** Corrections of the logbook: also after the task ended (it stays correctable, see workflow.ts). */
export const amendActivityUpdate = defineUpdate<AssistanceTaskState, [AmendActivityInput]>('amendActivity');
export const voidActivityUpdate = defineUpdate<AssistanceTaskState, [VoidActivityInput]>('voidActivity');
/** From the parent case: its pause stops the task's timers too. */
export const pauseTaskSignal = defineSignal<[{ at: string }]>('pauseTask');
export const resumeTaskSignal = defineSignal<[{ at: string }]>('resumeTask');
/** From the case (closure, reassignment): the task ends without an outcome. */
export const cancelTaskSignal = defineSignal<[{ at: string; by: string; reason: string }]>('cancelTask');

export function taskWorkflowId(caseId: string, n: number): string {
  return `${caseId}-task-${n}`;
}
