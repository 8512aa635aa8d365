import { projectCaseSnapshot } from '../../activities/projection';
import type { CaseState } from '../../workflows/household-case/types';
import { readModelRows } from './read-model-rows';
import type { BenchStack } from './stack';
import { perSecond, timedPool } from './stats';

export interface ProjectionResult {
  snapshots: number;
  concurrency: number;
  rows: number;
  rowsPerSecond: number;
  snapshotsPerSecond: number;
}

/**
 * The projection on its own, without the engine: real case snapshots (taken from the read model)
 * copied under new case and household IDs and projected as fast as the worker's activity slots
 * would, so the read model's ceiling can be told apart from the engine's start rate.
 */
export async function measureProjection(stack: BenchStack, options: { snapshots: number; concurrency: number }): Promise<ProjectionResult> {
  const templates = (await stack.orm.em.fork().execute<Array<{ state: CaseState }>>('select state from household_case order by opened_at limit ?', [Math.min(options.snapshots, 1000)])).map((r) => r.state);
  if (templates.length === 0) throw new Error('bench: no case in the read model to copy');
  const run = Date.now().toString(36);
  const states = Array.from({ length: options.snapshots }, (_, i): CaseState => {
    const template = templates[i % templates.length];
    const householdId = `bench-${run}-${i}`;
    return {
      ...template,
      caseId: `household-case-${householdId}`,
      // No house code or national IDs: both are unique in the read model.
      household: { ...template.household, householdId, houseCode: undefined, members: (template.household.members ?? []).map((m) => ({ ...m, nationalId: undefined })) },
    };
  });
  const before = await readModelRows(stack.workerOrm);
  const { elapsedMs } = await timedPool(states, options.concurrency, (state) => projectCaseSnapshot(stack.workerOrm, state));
  const rows = (await readModelRows(stack.workerOrm)) - before;
  return { snapshots: states.length, concurrency: options.concurrency, rows, rowsPerSecond: perSecond(rows, elapsedMs), snapshotsPerSecond: perSecond(states.length, elapsedMs) };
}
