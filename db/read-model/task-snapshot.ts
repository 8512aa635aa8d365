import type { EntityManager } from '@mikro-orm/postgresql';
import { AssistanceTask } from '../entities';
import type { AssistanceTaskState } from '../../workflows/assistance-task/types';

/**
 * A task's state as last projected (the task workflow projects before it answers, as the case
 * does), or null for a row written before the state was kept: the caller then asks the workflow.
 */
export async function storedTaskState(em: EntityManager, taskId: string): Promise<AssistanceTaskState | null> {
  const row = await em.findOne(AssistanceTask, { id: taskId }, { fields: ['state'] });
  return row?.state ?? null;
}
