import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { AppConfig } from '../../common/config';
import type { Orm } from '../../db/orm';
import { activePolicy } from '../../db/policies';
import * as TM from '../../workflows/assistance-task/messages';
import * as DM from '../../workflows/district-meeting/messages';
import * as M from '../../workflows/household-case/messages';
import type { Household } from '../../workflows/household-case/types';
import { eventually } from './servers';
import { bangkokDay } from '../../workflows/plausibility';
import { newCaseId } from '../../domain/ids';
import { updateCase } from './case-update';

const actor = { mentor: { userId: 'm', role: 'mentor' as const }, team: { userId: 't', role: 'operationsTeam' as const }, district: { userId: 'd', role: 'district' as const } };

export interface LifecycleContext {
  config: AppConfig;
  client: Client;
  orm: Orm;
  /** A district of the scenario's own, so the meeting's agenda holds only its cases. */
  districtCode: string;
}

/**
 * A case's lifecycle with the real activities, on whatever Temporal the context points at (the dev
 * server in test/integration, the production shape in test/cluster): the read model follows every
 * step, the district's meeting Schedule appears when a case waits for assignment, and a meeting
 * started from the read model's agenda delivers its decisions. A worker must poll the config's queue.
 */
export async function runCaseLifecycle(ctx: LifecycleContext): Promise<void> {
  const { config, client, orm, districtCode } = ctx;
  const sql = <T>(query: string, params: unknown[] = []) => orm.em.fork().getConnection().execute<T[]>(query, params);

  const caseWaitingForAssignment = async () => {
    const household: Household = { householdId: `i${randomUUID().slice(0, 10)}`, provinceCode: '64', districtCode, subdistrictCode: `${districtCode}01`, members: [{ name: 'ทดสอบ' }], source: 'tpmap', failedIndicators: ['I3'] };
    const handle = await client.workflow.start('householdCaseWorkflow', {
      workflowId: newCaseId(),
      taskQueue: config.temporal.taskQueue,
      args: [{ household, policy: await activePolicy(orm.em.fork(), '64'), openedBy: 'test' }],
      typedSearchAttributes: M.initialSearchAttributes(household),
    });
    await updateCase(handle, M.verifyTargetUpdate, { args: [{ actor: actor.team, outcome: 'confirmed' }] });
    await updateCase(handle, M.recordAnalysisUpdate, {
      args: [{ actor: actor.mentor, attitude: 'a', skills: 's', resources: 'r', wayOut: 'w', householdType: 'canDevelop', problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำ' }] }],
    });
    const planned = await updateCase(handle, M.recordPlanUpdate, { args: [{ actor: actor.mentor, goal: 'survive', items: [{ dimension: 'income', problemIndex: 0, action: 'ฝึกอาชีพ', supportBy: 'CDD' }] }] });
    return { handle, planned };
  };

  const a = await caseWaitingForAssignment();
  const b = await caseWaitingForAssignment();
  const ids = [a.planned.caseId, b.planned.caseId];

  const rows = await eventually(async () => {
    const found = await sql<{ id: string; stage: string }>(`select id, stage from household_case where id in (?)`, [ids]);
    return found.length === 2 && found.every((r) => r.stage === 'districtAssignment') ? found : undefined;
  });
  expect(rows).toHaveLength(2);
  const problems = await sql<{ status: string }>(`select status from case_problem where case_id in (?)`, [ids]);
  expect(problems.map((p) => p.status)).toEqual(['open', 'open']);

  const schedule = await eventually(() => client.schedule.getHandle(DM.meetingScheduleId(districtCode)).describe().catch(() => undefined));
  expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'districtMeetingWorkflow' });

  const meeting = await client.workflow.start('districtMeetingWorkflow', {
    workflowId: `district-meeting-${districtCode}-${randomUUID()}`,
    taskQueue: config.temporal.taskQueue,
    args: [{ districtCode, provinceCode: '64' }],
  });
  const agenda = await eventually(async () => {
    const m = await meeting.query(DM.meetingStateQuery);
    return m.agenda.length >= 2 ? m.agenda : undefined;
  });
  expect(agenda.map((item) => item.caseId).sort()).toEqual([...ids].sort());
  expect(agenda[0].problems[0].proposedAgencies.length).toBeGreaterThan(0);

  const decided = await meeting.executeUpdate(DM.recordDecisionsUpdate, {
    args: [{ actor: actor.district, decisions: agenda.map((item) => ({ caseId: item.caseId, assignments: item.problems.map((p) => ({ problemId: p.problemId, agencyCode: p.proposedAgencies[0] })) })) }],
  });
  expect(decided.results.every((r) => r.ok)).toBe(true);

  const tasks = await eventually(async () => {
    const found = await sql<{ id: string; status: string; agency_code: string }>(`select id, status, agency_code from assistance_task where case_id in (?)`, [ids]);
    return found.length === 2 ? found : undefined;
  });
  const taskHandle = client.workflow.getHandle(tasks[0].id);
  const agencyActor = { userId: 'ag', role: 'agency' as const, agencyCode: tasks[0].agency_code };
  await taskHandle.executeUpdate(TM.logActivityUpdate, { args: [{ actor: agencyActor, date: bangkokDay(Date.now()), kind: 'training', description: 'ฝึกอาชีพ', baht: 900, items: 1 }] });
  await taskHandle.executeUpdate(TM.completeTaskUpdate, { args: [{ actor: agencyActor }] });

  const logbook = await eventually(async () => {
    const found = await sql<{ baht: string }>(`select baht from logbook_entry where task_id = ?`, [tasks[0].id]);
    return found.length === 1 ? found : undefined;
  });
  expect(Number(logbook[0].baht)).toBe(900);
  const caseId = (await taskHandle.query(TM.taskStateQuery)).caseId;
  await eventually(async () => {
    const [row] = await sql<{ stage: string }>(`select stage from household_case where id = ?`, [caseId]);
    return row?.stage === 'followUp' ? row : undefined;
  });
  const inbox = await sql<{ owner_role: string }>(`select owner_role from inbox_item where case_id = ? and resolved_at is null`, [caseId]);
  expect(inbox.map((i) => i.owner_role)).toEqual(['mentor']);
}
