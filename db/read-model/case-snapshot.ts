import type { EntityManager } from '@mikro-orm/postgresql';
import { HouseholdCase } from '../entities';
import type { CaseState } from '../../workflows/household-case/types';

/**
 * A case's state as last projected. Every answered action has already written it (the workflow
 * projects before it answers), and a timer's change a moment later, so reading a case needs
 * neither a worker nor a replay of its history: a case stays readable while the workers are down
 * or busy, and a phone's caseload of many households costs one indexed read each.
 */
export async function storedCaseState(em: EntityManager, caseId: string): Promise<CaseState | null> {
  const row = await em.findOne(HouseholdCase, { id: caseId }, { fields: ['state'] });
  return row?.state ?? null;
}

/** The same with its version, in one plain statement (no entity to hydrate): an action's answer reads it. */
export async function storedCaseSnapshot(em: EntityManager, caseId: string): Promise<{ version: number; state: CaseState } | null> {
  const [row] = await em.execute<Array<{ version: number; state: CaseState }>>('select version, state from household_case where id = ?', [caseId]);
  return row ?? null;
}
