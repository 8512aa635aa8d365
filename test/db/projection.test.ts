/**
 * The read-model projections against the real (throwaway) PostgreSQL that globalSetup migrated.
 * Snapshots are built by hand (test/helpers/fixtures.ts) with fresh ids, so this file shares the
 * database with the others safely.
 */
import { projectCaseSnapshot, projectTaskSnapshot } from '../../db/read-model/projection';
import type { Orm } from '../../db/orm';
import type { CaseState } from '../../workflows/household-case/types';
import {
  T0,
  caseState,
  daysAfter,
  enterStage,
  event,
  household,
  logActivity,
  next,
  planItem,
  problem,
  taskState,
} from '../helpers/fixtures';
import { openTestOrm, testConfig } from '../helpers/servers';

let orm: Orm;

beforeAll(async () => {
  orm = await openTestOrm(testConfig());
});

afterAll(async () => {
  await orm?.close(true);
});

async function rows<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
  return orm.em.fork().execute<T[]>(sql, params);
}

/** Row counts of everything one case owns in the read model. */
async function counts(state: CaseState): Promise<Record<string, number>> {
  const [row] = await rows<Record<string, string>>(
    `select
       (select count(*) from household where id = ?) as household,
       (select count(*) from household_member where household_id = ?) as members,
       (select count(*) from household_case where id = ?) as "case",
       (select count(*) from case_problem where case_id = ?) as problems,
       (select count(*) from plan_item where case_id = ?) as plan_items,
       (select count(*) from case_event where case_id = ?) as events,
       (select count(*) from escalation where case_id = ?) as escalations,
       (select count(*) from logbook_entry where case_id = ?) as logbook,
       (select count(*) from inbox_item where case_id = ?) as inbox`,
    [state.household.householdId, state.household.householdId, ...Array(7).fill(state.caseId)],
  );
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

async function openInbox(caseId: string) {
  return rows<{ id: string; kind: string; owner_role: string; task_id: string | null; agency_code: string | null }>(
    'select id, kind, owner_role, task_id, agency_code from inbox_item where case_id = ? and resolved_at is null order by kind, id',
    [caseId],
  );
}

/** A case in analysis with two problems, a plan, relief and a few events: something of everything. */
function analysedCase(): CaseState {
  const s = caseState();
  s.verification = { outcome: 'confirmed', at: daysAfter(T0, 3), by: 'team-1' };
  event(s, 'verified', 'team-1', daysAfter(T0, 3), { outcome: 'confirmed' });
  enterStage(s, 'analysis', daysAfter(T0, 3), 30);
  const income = problem(s);
  problem(s, { dimension: 'living', indicator: 'L1', description: 'บ้านไม่มั่นคงถาวร' });
  planItem(s, { problemId: income.id });
  planItem(s, { dimension: 'living', supportBy: 'LAO' });
  s.reliefs.push({ at: daysAfter(T0, 10), kind: 'survivalBag', description: 'ถุงยังชีพ', baht: 500, items: 1, by: 'mentor-1' });
  event(s, 'reliefGiven', 'mentor-1', daysAfter(T0, 10), { kind: 'survivalBag', baht: 500, items: 1 });
  return s;
}

describe('projectCaseSnapshot', () => {
  it('writes every child row once, and a retried projection of the same snapshot writes nothing more', async () => {
    const s = analysedCase();
    await projectCaseSnapshot(orm, s);
    const first = await counts(s);
    expect(first).toEqual({ household: 1, members: 2, case: 1, problems: 2, plan_items: 2, events: 4, escalations: 0, logbook: 1, inbox: 1 });
    const [before] = await rows<{ updated_at: string }>('select updated_at from household_case where id = ?', [s.caseId]);

    await projectCaseSnapshot(orm, s);
    await projectCaseSnapshot(orm, structuredClone(s));

    expect(await counts(s)).toEqual(first);
    const [after] = await rows<{ updated_at: string }>('select updated_at from household_case where id = ?', [s.caseId]);
    expect(after.updated_at).toEqual(before.updated_at);
  });

  it('projects the case columns the lists filter on', async () => {
    const s = analysedCase();
    s.householdType = 'canDevelop';
    s.exemption = 'longTermWelfare';
    await projectCaseSnapshot(orm, s);
    const [row] = await rows<Record<string, unknown>>('select * from household_case where id = ?', [s.caseId]);
    expect(row).toMatchObject({
      stage: 'analysis',
      status: 'active',
      district_code: '6401',
      version: s.version,
      household_type: 'canDevelop',
      exemption: 'longTermWelfare',
      plan_goal: 'sufficient',
      verification_outcome: 'confirmed',
      assignment_level: 'district',
      paused: false,
    });
    const [h] = await rows<{ failed_indicators: string[]; member_count: number }>('select failed_indicators, member_count from household where id = ?', [s.household.householdId]);
    expect(h).toEqual({ failed_indicators: ['I3', 'L1'], member_count: 2 });
    const [relief] = await rows<{ id: string; source: string; task_id: null; date: string; baht: string }>(
      "select id, source, task_id, to_char(date, 'YYYY-MM-DD') as date, baht from logbook_entry where case_id = ?",
      [s.caseId],
    );
    expect(relief).toEqual({ id: `relief:${s.caseId}:1`, source: 'relief', task_id: null, date: '2026-10-11', baht: '500.00' });
  });

  it('ignores an older snapshot that arrives after a newer one, child rows included', async () => {
    const older = analysedCase();
    const newer = next(older);
    newer.problems = newer.problems.slice(0, 1);
    newer.household.members = [{ name: 'สมชาย ใจดี', birthYear: 1968 }];
    enterStage(newer, 'districtAssignment', daysAfter(T0, 20), 45);

    await projectCaseSnapshot(orm, newer);
    const expected = await counts(newer);
    const inbox = await openInbox(newer.caseId);

    const olderStill = next(older);
    olderStill.problems.push({ ...olderStill.problems[0], id: 'p99' });
    await projectCaseSnapshot(orm, olderStill);

    expect(await counts(newer)).toEqual(expected);
    expect(await openInbox(newer.caseId)).toEqual(inbox);
    const [row] = await rows<{ stage: string; version: number }>('select stage, version from household_case where id = ?', [newer.caseId]);
    expect(row).toEqual({ stage: 'districtAssignment', version: newer.version });
    expect(expected).toMatchObject({ members: 1, problems: 1 });
  });

  it('keeps the newest of two first snapshots that race', async () => {
    const older = analysedCase();
    const newer = next(older);
    newer.problems = [];
    enterStage(newer, 'districtAssignment', daysAfter(T0, 20), 45);

    await Promise.all([projectCaseSnapshot(orm, older), projectCaseSnapshot(orm, newer)]);

    const [row] = await rows<{ stage: string; version: number }>('select stage, version from household_case where id = ?', [newer.caseId]);
    expect(row).toEqual({ stage: 'districtAssignment', version: newer.version });
    expect((await counts(newer)).problems).toBe(0);
  });

  it('deletes problems and plan items that are no longer in the state, and members beyond the list', async () => {
    const s = analysedCase();
    await projectCaseSnapshot(orm, s);

    const s2 = next(s);
    const [kept] = s2.problems;
    s2.problems = [kept, { ...kept, id: `p${s2.nextId++}`, indicator: 'I1', description: 'ไม่มีอาชีพ', status: 'assigned' }];
    s2.plan!.items = s2.plan!.items.slice(1);
    s2.household.members = s2.household.members.slice(0, 1);
    event(s2, 'analysisRecorded', 'mentor-1', daysAfter(T0, 12));
    await projectCaseSnapshot(orm, s2);

    const problems = await rows<{ problem_id: string; indicator: string }>('select problem_id, indicator from case_problem where case_id = ? order by problem_id', [s.caseId]);
    expect(problems.map((p) => p.indicator).sort()).toEqual(['I1', 'I3']);
    const items = await rows<{ item_id: string }>('select item_id from plan_item where case_id = ?', [s.caseId]);
    expect(items.map((i) => i.item_id)).toEqual([s2.plan!.items[0].id]);
    expect((await counts(s2)).members).toBe(1);

    const s3 = next(s2);
    s3.problems = [];
    s3.plan = null;
    event(s3, 'analysisRecorded', 'mentor-1', daysAfter(T0, 13));
    await projectCaseSnapshot(orm, s3);
    expect(await counts(s3)).toMatchObject({ problems: 0, plan_items: 0 });
  });

  it('writes only the tables whose rows the new snapshot changes, and rewrites the area rows on a transfer', async () => {
    const s = analysedCase();
    await projectCaseSnapshot(orm, s);
    // A row only the projection writes, changed behind its back: left alone while the household is unchanged.
    await rows('update household_member set name = ? where household_id = ? and ord = 1', ['แก้ด้วยมือ', s.household.householdId]);
    await rows('update case_problem set description = ? where case_id = ?', ['แก้ด้วยมือ', s.caseId]);
    const memberName = async () => (await rows<{ name: string }>('select name from household_member where household_id = ? and ord = 1', [s.household.householdId]))[0].name;
    // Sorted here, not by the database's collation: the rows' physical order changes when an update rewrites them.
    const byDescription = (a: { description: string }, b: { description: string }) => (a.description < b.description ? -1 : a.description > b.description ? 1 : 0);
    const problemAreas = async () => (await rows<{ description: string; district_code: string }>('select description, district_code from case_problem where case_id = ?', [s.caseId])).sort(byDescription);

    const s2 = next(s);
    event(s2, 'reliefGiven', 'mentor-1', daysAfter(T0, 12));
    await projectCaseSnapshot(orm, s2);
    expect(await memberName()).toBe('แก้ด้วยมือ');
    expect((await problemAreas()).every((p) => p.description === 'แก้ด้วยมือ')).toBe(true);
    expect((await counts(s2)).events).toBe(s2.recentEvents.length);

    const s3 = next(s2);
    s3.household = { ...s3.household, districtCode: '6402', subdistrictCode: '640201' };
    event(s3, 'transferred', 'district-1', daysAfter(T0, 13));
    await projectCaseSnapshot(orm, s3);
    expect(await memberName()).toBe(s3.household.members[0].name);
    expect(await problemAreas()).toEqual(s3.problems.map((p) => ({ description: p.description, district_code: '6402' })).sort(byDescription));
  });

  it('moves the inbox item with the stage and its owner, and resolves everything on close', async () => {
    const s = caseState();
    await projectCaseSnapshot(orm, s);
    expect(await openInbox(s.caseId)).toEqual([expect.objectContaining({ kind: 'work', owner_role: 'operationsTeam' })]);

    const analysis = enterStage(next(s), 'analysis', daysAfter(T0, 5), 30);
    await projectCaseSnapshot(orm, analysis);
    expect(await openInbox(s.caseId)).toEqual([expect.objectContaining({ kind: 'work', owner_role: 'mentor' })]);

    const assignment = enterStage(next(analysis), 'districtAssignment', daysAfter(T0, 20), 45);
    await projectCaseSnapshot(orm, assignment);
    expect(await openInbox(s.caseId)).toEqual([expect.objectContaining({ kind: 'work', owner_role: 'district' })]);

    // Escalated by hand: the province assigns now.
    const byHand = next(assignment);
    byHand.assignmentLevel = 'province';
    byHand.escalated = true;
    event(byHand, 'escalated', 'district-1', daysAfter(T0, 25), { stage: 'districtAssignment', from: 'district', to: 'province', reason: 'beyond capacity', byHand: true });
    await projectCaseSnapshot(orm, byHand);
    expect(await openInbox(s.caseId)).toEqual([expect.objectContaining({ kind: 'work', owner_role: 'province' })]);

    const closed = next(byHand);
    closed.stage = 'closed';
    closed.status = 'closed';
    closed.dueAt = null;
    closed.closure = { reason: 'declinedHelp', at: daysAfter(T0, 30), by: 'province-1' };
    event(closed, 'closed', 'province-1', daysAfter(T0, 30), { reason: 'declinedHelp' });
    await projectCaseSnapshot(orm, closed);
    expect(await openInbox(s.caseId)).toEqual([]);

    const all = await rows<{ owner_role: string; resolved_at: string | null }>('select owner_role, resolved_at from inbox_item where case_id = ? order by created_at', [s.caseId]);
    expect(all.map((i) => i.owner_role)).toEqual(['operationsTeam', 'mentor', 'district', 'province']);
    expect(all.every((i) => i.resolved_at !== null)).toBe(true);
    const [row] = await rows<{ closed_at: string; closure_reason: string }>('select closed_at, closure_reason from household_case where id = ?', [s.caseId]);
    expect({ ...row, closed_at: new Date(row.closed_at).toISOString() }).toEqual({ closed_at: daysAfter(T0, 30), closure_reason: 'declinedHelp' });
  });

  it('adds a reminder, then an escalation to the level above, and resolves all while paused', async () => {
    const s = caseState();
    const reminded = next(s);
    reminded.remindedFor = reminded.dueAt;
    event(reminded, 'reminderSent', 'system', daysAfter(T0, 23), { stage: 'verification', to: 'team', dueAt: reminded.dueAt });
    await projectCaseSnapshot(orm, reminded);
    expect((await openInbox(s.caseId)).map((i) => [i.kind, i.owner_role])).toEqual([
      ['reminder', 'operationsTeam'],
      ['work', 'operationsTeam'],
    ]);

    const overdue = next(reminded);
    overdue.overdueLevel = 1;
    overdue.escalated = true;
    event(overdue, 'escalated', 'system', daysAfter(T0, 30), { stage: 'verification', from: 'team', to: 'district', reason: 'overdue' });
    await projectCaseSnapshot(orm, overdue);
    expect((await openInbox(s.caseId)).map((i) => [i.kind, i.owner_role])).toEqual([
      ['escalation', 'district'],
      ['work', 'operationsTeam'],
    ]);

    const again = next(overdue);
    again.overdueLevel = 2;
    event(again, 'escalated', 'system', daysAfter(T0, 60), { stage: 'verification', from: 'district', to: 'province', reason: 'stillOverdue' });
    await projectCaseSnapshot(orm, again);
    expect((await openInbox(s.caseId)).map((i) => [i.kind, i.owner_role])).toEqual([
      ['escalation', 'province'],
      ['work', 'operationsTeam'],
    ]);

    const paused = next(again);
    paused.status = 'paused';
    paused.pause = { reason: 'disaster', since: daysAfter(T0, 61), by: 'district-1' };
    event(paused, 'paused', 'district-1', daysAfter(T0, 61), { reason: 'disaster' });
    await projectCaseSnapshot(orm, paused);
    expect(await openInbox(s.caseId)).toEqual([]);
    const [row] = await rows<{ paused: boolean; pause_reason: string }>('select paused, pause_reason from household_case where id = ?', [s.caseId]);
    expect(row).toEqual({ paused: true, pause_reason: 'disaster' });
  });

  it('records an escalation row for each escalation event, once', async () => {
    const s = analysedCase();
    enterStage(s, 'districtAssignment', daysAfter(T0, 20), 45);
    event(s, 'escalated', 'system', daysAfter(T0, 65), { stage: 'districtAssignment', from: 'district', to: 'province', reason: 'overdue' });
    event(s, 'escalated', 'district-1', daysAfter(T0, 66), { stage: 'districtAssignment', from: 'district', to: 'province', reason: 'no agency with authority', byHand: true });
    event(s, 'returnedToDistrict', 'province-1', daysAfter(T0, 70), { from: 'province', to: 'district', instructions: 'assign to LAO' });
    await projectCaseSnapshot(orm, s);
    const again = next(s);
    event(again, 'problemAssigned', 'district-1', daysAfter(T0, 71), { problemId: 'p1' });
    await projectCaseSnapshot(orm, again);

    const escalations = await rows('select seq, type, from_level, to_level, reason, by, stage from escalation where case_id = ? order by seq', [s.caseId]);
    expect(escalations).toEqual([
      { seq: 6, type: 'escalated', from_level: 'district', to_level: 'province', reason: 'overdue', by: 'system', stage: 'districtAssignment' },
      { seq: 7, type: 'escalatedByHand', from_level: 'district', to_level: 'province', reason: 'no agency with authority', by: 'district-1', stage: 'districtAssignment' },
      { seq: 8, type: 'returnedToDistrict', from_level: 'province', to_level: 'district', reason: 'assign to LAO', by: 'province-1', stage: null },
    ]);
    expect((await counts(again)).events).toBe(9);
  });

  it('keeps the full timeline when the state only carries recent events', async () => {
    const s = caseState();
    await projectCaseSnapshot(orm, s);
    const s2 = next(s);
    for (let day = 1; day <= 5; day++) event(s2, 'householdDataChanged', 'team-1', daysAfter(T0, day));
    s2.recentEvents = s2.recentEvents.slice(-2);
    await projectCaseSnapshot(orm, s2);
    const seqs = await rows<{ seq: number }>('select seq from case_event where case_id = ? order by seq', [s.caseId]);
    expect(seqs.map((e) => e.seq)).toEqual([1, 5, 6]);
  });
});

describe('projectTaskSnapshot', () => {
  async function taskRows(taskId: string) {
    const [task] = await rows<{ status: string; version: number; baht_total: string; activities_count: number; overdue_level: number }>(
      'select status, version, baht_total, activities_count, overdue_level from assistance_task where id = ?',
      [taskId],
    );
    const log = await rows<{ seq: number; agency_code: string; dimension: string }>('select seq, agency_code, dimension from logbook_entry where task_id = ? order by seq', [taskId]);
    return { task, log };
  }

  it('inserts each logbook entry once, across retries and growing snapshots', async () => {
    const c = caseState();
    const t = taskState(c);
    logActivity(t);
    logActivity(t, { kind: 'tools', baht: 2500 });
    await projectTaskSnapshot(orm, t);
    await projectTaskSnapshot(orm, structuredClone(t));

    const t2 = logActivity(structuredClone(t), { kind: 'market', baht: 0, items: 0 });
    await projectTaskSnapshot(orm, t2);
    await projectTaskSnapshot(orm, t); // late and older: changes nothing

    const { task, log } = await taskRows(t.taskId);
    expect(log).toEqual([1, 2, 3].map((seq) => ({ seq, agency_code: 'CDD', dimension: 'income' })));
    expect(task).toEqual({ status: 'open', version: t2.version, baht_total: '4000.00', activities_count: 3, overdue_level: 0 });
  });

  it("keeps the agency's item open while the task is open, flags the district then the province when overdue, and resolves on completion", async () => {
    const c = caseState({ household: household({ districtCode: '6402', subdistrictCode: '640201' }) });
    const t = taskState(c, { agencyCode: 'SHPH' });
    await projectTaskSnapshot(orm, t);
    expect(await openInbox(c.caseId)).toEqual([{ id: `task:${t.taskId}`, kind: 'task', owner_role: 'agency', task_id: t.taskId, agency_code: 'SHPH' }]);

    const overdue = { ...structuredClone(t), overdueLevel: 1, version: t.version + 1 };
    await projectTaskSnapshot(orm, overdue);
    expect((await openInbox(c.caseId)).map((i) => [i.kind, i.owner_role])).toEqual([
      ['escalation', 'district'],
      ['task', 'agency'],
    ]);

    const still = { ...structuredClone(overdue), overdueLevel: 2, version: overdue.version + 1 };
    await projectTaskSnapshot(orm, still);
    expect((await openInbox(c.caseId)).map((i) => [i.kind, i.owner_role])).toEqual([
      ['escalation', 'province'],
      ['task', 'agency'],
    ]);
    const escalations = await rows('select type, from_level, to_level, reason from escalation where task_id = ? order by id', [t.taskId]);
    expect(escalations).toEqual([
      { type: 'taskOverdue', from_level: 'agency', to_level: 'district', reason: 'overdue' },
      { type: 'taskOverdue', from_level: 'district', to_level: 'province', reason: 'stillOverdue' },
    ]);

    const done = { ...structuredClone(still), status: 'done' as const, version: still.version + 1, outcome: { at: daysAfter(T0, 200), by: 'shph-1' } };
    await projectTaskSnapshot(orm, done);
    expect(await openInbox(c.caseId)).toEqual([]);
    const [row] = await rows<{ status: string; ended_at: string }>('select status, ended_at from assistance_task where id = ?', [t.taskId]);
    expect({ ...row, ended_at: new Date(row.ended_at).toISOString() }).toEqual({ status: 'done', ended_at: daysAfter(T0, 200) });
  });

  it("does not touch the case's own inbox items, nor the case its tasks' items", async () => {
    const c = enterStage(caseState(), 'followUp', daysAfter(T0, 100), null);
    const t = taskState(c);
    await projectTaskSnapshot(orm, t);
    await projectCaseSnapshot(orm, c);
    expect((await openInbox(c.caseId)).map((i) => [i.kind, i.owner_role])).toEqual([
      ['task', 'agency'],
      ['work', 'mentor'],
    ]);
  });
});
