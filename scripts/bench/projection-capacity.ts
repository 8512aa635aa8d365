import { createActivities } from '../../activities';
import { projectCaseSnapshot, projectCaseSnapshots } from '../../db/read-model/projection';
import { openingState } from '../../workflows/household-case/opening';
import type { CaseState } from '../../workflows/household-case/types';
import { readModelRows } from './read-model-rows';
import type { BenchStack } from './stack';
import { perSecond, timedPool } from './stats';

export interface ProjectionRun {
  rows: number;
  rowsPerSecond: number;
  snapshotsPerSecond: number;
}

export interface ProjectionResult {
  snapshots: number;
  concurrency: number;
  /** The projectCase activity as the worker runs it (batched transactions). */
  batched: ProjectionRun;
  /** One transaction per snapshot, as before batching: the comparison. */
  single: ProjectionRun;
  /** The import's write stage: opening states, a batch of `importBatch` cases per transaction, one batch at a time. */
  openings: ProjectionRun & { importBatch: number };
}

/** The import's batch size (workflows/import/workflow.ts): one set of statements per batch. */
const IMPORT_BATCH = 500;

/**
 * The projection on its own, without the engine: real case snapshots (taken from the read model)
 * copied under new case and household IDs and projected as fast as the worker's activity slots
 * would call the activity, so the read model's ceiling can be told apart from the engine's start
 * rate. Run twice: through the worker's projectCase activity, and one transaction per snapshot.
 */
export async function measureProjection(stack: BenchStack, options: { snapshots: number; concurrency: number }): Promise<ProjectionResult> {
  const templates = (await stack.orm.em.fork().execute<Array<{ state: CaseState }>>('select state from household_case order by opened_at limit ?', [Math.min(options.snapshots, 1000)])).map((r) => r.state);
  if (templates.length === 0) throw new Error('bench: no case in the read model to copy');
  const copies = (run: string): CaseState[] =>
    Array.from({ length: options.snapshots }, (_, i): CaseState => {
      const template = templates[i % templates.length];
      const householdId = `bench-${run}-${i}`;
      return {
        ...template,
        caseId: `household-case-${householdId}`,
        // No house code or national IDs: both are unique in the read model.
        household: { ...template.household, householdId, houseCode: undefined, members: (template.household.members ?? []).map((m) => ({ ...m, nationalId: undefined })) },
      };
    });
  /** Projects the snapshots in calls of `group` each (1: one call per snapshot), `concurrency` calls at a time. */
  const measure = async (states: CaseState[], project: (group: CaseState[]) => Promise<void>, { group = 1, concurrency = options.concurrency } = {}): Promise<ProjectionRun> => {
    const groups = Array.from({ length: Math.ceil(states.length / group) }, (_, i) => states.slice(i * group, (i + 1) * group));
    const before = await readModelRows(stack.workerOrm);
    const { elapsedMs } = await timedPool(groups, concurrency, project);
    const rows = (await readModelRows(stack.workerOrm)) - before;
    return { rows, rowsPerSecond: perSecond(rows, elapsedMs), snapshotsPerSecond: perSecond(states.length, elapsedMs) };
  };
  const stamp = Date.now().toString(36);
  const { projectCase } = createActivities({ orm: stack.workerOrm, logger: stack.logger, temporal: stack.client });
  const batched = await measure(copies(`${stamp}b`), ([state]) => projectCase(state));
  const single = await measure(copies(`${stamp}s`), ([state]) => projectCaseSnapshot(stack.workerOrm, state));
  // As the import publishes its openings: the same households as their cases open, a batch per call, one call at a time.
  const at = new Date().toISOString();
  const openings = copies(`${stamp}o`).map((copy) => openingState(copy.caseId, { household: copy.household, policy: copy.policy, openedBy: 'bench' }, at));
  const opened = await measure(openings, (batch) => projectCaseSnapshots(stack.workerOrm, batch), { group: IMPORT_BATCH, concurrency: 1 });
  return { snapshots: options.snapshots, concurrency: options.concurrency, batched, single, openings: { ...opened, importBatch: IMPORT_BATCH } };
}
