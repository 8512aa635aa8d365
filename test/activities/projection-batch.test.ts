/**
 * Case snapshots written many at a time (projectCaseSnapshots) and the batcher that groups the
 * projectCase activities: the same rows as one by one, no case touching another's, the newest
 * snapshot winning, and a bad snapshot failing alone.
 */
import { projectCaseSnapshot, projectCaseSnapshots } from '../../db/read-model/projection';
import { ProjectionBatcher } from '../../activities/projection-batcher';
import type { Orm } from '../../db/orm';
import type { CaseState } from '../../workflows/household-case/types';
import { T0, caseState, daysAfter, enterStage, event, next, planItem, problem } from '../helpers/fixtures';
import { openTestOrm, testConfig } from '../helpers/servers';

let orm: Orm;

beforeAll(async () => {
  orm = await openTestOrm(testConfig());
});

afterAll(async () => {
  await orm?.close(true);
});

async function owned(state: CaseState): Promise<Record<string, number>> {
  const [row] = await orm.em.fork().execute<Array<Record<string, string>>>(
    `select (select count(*) from household_member where household_id = ?) as members,
            (select version from household_case where id = ?) as version,
            (select count(*) from case_problem where case_id = ?) as problems,
            (select count(*) from plan_item where case_id = ?) as plan_items,
            (select count(*) from case_event where case_id = ?) as events,
            (select count(*) from inbox_item where case_id = ? and resolved_at is null) as open_inbox`,
    [state.household.householdId, ...Array(5).fill(state.caseId)],
  );
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

function analysed(): CaseState {
  const s = caseState();
  event(s, 'verified', 'team-1', daysAfter(T0, 3), { outcome: 'confirmed' });
  enterStage(s, 'analysis', daysAfter(T0, 3), 30);
  const p = problem(s);
  problem(s, { dimension: 'living', indicator: 'L1', description: 'บ้านไม่มั่นคงถาวร' });
  planItem(s, { problemId: p.id });
  return s;
}

describe('projectCaseSnapshots', () => {
  it('writes several cases in one go exactly as one by one', async () => {
    const alone = analysed();
    const together = [analysed(), caseState(), analysed()];
    await projectCaseSnapshot(orm, alone);
    await projectCaseSnapshots(orm, together);
    const expected = await owned(alone);
    expect(await owned(together[0])).toEqual(expected);
    expect(await owned(together[2])).toEqual(expected);
    expect(await owned(together[1])).toMatchObject({ members: 2, problems: 0, events: 1, open_inbox: 1 });
  });

  it("deletes only each case's own absent rows", async () => {
    const a = analysed();
    const b = analysed();
    await projectCaseSnapshots(orm, [a, b]);
    const a2 = next(a);
    a2.problems = [];
    a2.plan = null;
    event(a2, 'analysisRecorded', 'mentor-1', daysAfter(T0, 5));
    const b2 = next(b);
    event(b2, 'reliefGiven', 'mentor-1', daysAfter(T0, 5));
    await projectCaseSnapshots(orm, [a2, b2]);
    expect(await owned(a2)).toMatchObject({ problems: 0, plan_items: 0 });
    expect(await owned(b2)).toMatchObject({ problems: 2, plan_items: 1 });
  });

  it('keeps the newest of two snapshots of one case, whatever their order, and never goes back', async () => {
    const s = analysed();
    const newer = next(s);
    event(newer, 'analysisRecorded', 'mentor-1', daysAfter(T0, 6));
    await projectCaseSnapshots(orm, [newer, s]);
    expect(await owned(s)).toMatchObject({ version: newer.version, events: newer.recentEvents.length });
    await projectCaseSnapshots(orm, [s]);
    expect((await owned(s)).version).toBe(newer.version);
  });
});

describe('ProjectionBatcher', () => {
  it('writes alone when idle, and groups what arrives while a batch is in flight', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const batcher = new ProjectionBatcher<number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      },
      { maxBatch: 3, maxInFlight: 1 },
    );
    const first = batcher.write(0);
    const rest = [1, 2, 3, 4].map((n) => batcher.write(n));
    release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[0], [1, 2, 3], [4]]);
  });

  it('retries a failed batch item by item, so only the bad item fails', async () => {
    const written: number[] = [];
    const batcher = new ProjectionBatcher<number>(
      async (items) => {
        if (items.includes(13)) throw new Error('bad snapshot');
        written.push(...items);
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const blocker = batcher.write(0);
    const results = await Promise.allSettled([blocker, ...[11, 12, 13, 14].map((n) => batcher.write(n))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(written.sort()).toEqual([0, 11, 12, 14]);
  });
});
