import * as TM from '../../workflows/assistance-task/messages';
import * as M from '../../workflows/household-case/messages';
import { actors, assignAll, caseAtAssignment, DAY, rejection, rejectionDetail, state } from '../helpers/case-driver';
import { eventually } from '../helpers/servers';
import { useTimeSkipping, type FileWorker } from '../helpers/time-skipping';
import { bangkokDay } from '../../workflows/plausibility';
import { updateCase } from '../helpers/case-update';

describe('assignment, assistance tasks, escalation and follow-up (time-skipping)', () => {
  const ts = useTimeSkipping();
  const run = <R>(fn: (taskQueue: string, mocks: FileWorker['mocks']) => Promise<R>) => fn(ts.worker().taskQueue, ts.worker().mocks);
  const task = (taskId: string) => ts.env().client.workflow.getHandle(taskId);

  it('assigns every problem to an agency task; tasks log activities and complete; the case moves to follow-up', () =>
    run(async (tq, mocks) => {
      const { handle, planned } = await caseAtAssignment(ts.env(), tq);
      expect(planned.stage).toBe('districtAssignment');
      const assigned = await assignAll(handle, planned);
      expect(assigned.stage).toBe('assistance');
      expect(assigned.tasks).toHaveLength(2);
      const [incomeTask, livingTask] = assigned.tasks;

      const logged = await task(incomeTask.taskId).executeUpdate(TM.logActivityUpdate, {
        args: [{ actor: actors.agency, date: bangkokDay(Date.now()), kind: 'training', description: 'ฝึกอาชีพ', baht: 1500, items: 1 }],
      });
      expect(logged.totals).toEqual({ baht: 1500, items: 1, activities: 1 });
      expect(await rejection(task(incomeTask.taskId).executeUpdate(TM.completeTaskUpdate, { args: [{ actor: actors.otherAgency }] }))).toBe('Forbidden');

      await task(incomeTask.taskId).executeUpdate(TM.completeTaskUpdate, { args: [{ actor: actors.agency, note: 'เสร็จ' }] });
      // Nothing logged: refused, unless the agency says it was done without cost and what was done.
      const empty = task(livingTask.taskId).executeUpdate(TM.completeTaskUpdate, { args: [{ actor: actors.otherAgency }] });
      expect(await rejectionDetail(empty)).toEqual({ type: 'InvalidInput', code: 'TASK_NO_ACTIVITY', field: 'note' });
      const noNote = task(livingTask.taskId).executeUpdate(TM.completeTaskUpdate, { args: [{ actor: actors.otherAgency, withoutCost: true }] });
      expect(await rejectionDetail(noNote)).toEqual({ type: 'InvalidInput', code: 'TASK_NO_ACTIVITY', field: 'note' });
      const free = await task(livingTask.taskId).executeUpdate(TM.completeTaskUpdate, { args: [{ actor: actors.otherAgency, withoutCost: true, note: 'ประสานซ่อมหลังคาโดยอาสาสมัคร' }] });
      expect(free.outcome).toMatchObject({ withoutCost: true, note: 'ประสานซ่อมหลังคาโดยอาสาสมัคร' });
      const followUp = await eventually(async () => {
        const s = await state(handle);
        return s.stage === 'followUp' ? s : undefined;
      });
      expect(followUp.problems.map((p) => p.status)).toEqual(['waiting', 'waiting']);
      expect(followUp.followUp!.visits).toHaveLength(3);
      expect(followUp.dueAt).toBe(followUp.followUp!.visits[0].dueAt);
      expect(mocks.projectedTasks.some((t) => t.taskId === incomeTask.taskId && t.status === 'done')).toBe(true);
    }));

  it('a task returned as beyond capacity goes back to the district, which reassigns it', () =>
    run(async (tq) => {
      const { handle, planned } = await caseAtAssignment(ts.env(), tq);
      const assigned = await assignAll(handle, planned);
      const [incomeTask] = assigned.tasks;
      await task(incomeTask.taskId).executeUpdate(TM.returnTaskUpdate, { args: [{ actor: actors.agency, reason: 'เกินศักยภาพหน่วยงาน' }] });
      const back = await eventually(async () => {
        const s = await state(handle);
        return s.stage === 'districtAssignment' ? s : undefined;
      });
      expect(back.problems[0]).toMatchObject({ status: 'open' });
      expect(back.tasks[0]).toMatchObject({ status: 'returned' });
      const reassigned = await updateCase(handle, M.assignProblemsUpdate, { args: [{ actor: actors.district, assignments: [{ problemId: back.problems[0].id, agencyCode: 'DSD' }] }] });
      expect(reassigned.stage).toBe('assistance');
      expect(reassigned.tasks).toHaveLength(3);
    }));

  it('escalation by capacity: the province assigns, or sends the case back with instructions', () =>
    run(async (tq) => {
      const { handle } = await caseAtAssignment(ts.env(), tq);
      const escalated = await updateCase(handle, M.escalateCaseUpdate, { args: [{ actor: actors.district, reason: 'ไม่มีหน่วยงานระดับอำเภอ' }] });
      expect(escalated).toMatchObject({ assignmentLevel: 'province', escalated: true });
      expect(await rejection(assignAll(handle, escalated, actors.district))).toBe('Forbidden');
      const returned = await updateCase(handle, M.returnToDistrictUpdate, { args: [{ actor: actors.province, instructions: 'ประสาน อบต.' }] });
      expect(returned).toMatchObject({ assignmentLevel: 'district', escalated: false });
      await updateCase(handle, M.escalateCaseUpdate, { args: [{ actor: actors.district, reason: 'เกินศักยภาพ' }] });
      const byProvince = await assignAll(handle, await state(handle), actors.province);
      expect(byProvince.tasks.every((t) => t.level === 'province')).toBe(true);
    }));

  it('escalation by timer: unassigned past 45 days goes to the province, 30 days later again', () =>
    run(async (tq) => {
      const { handle, planned } = await caseAtAssignment(ts.env(), tq);
      expect(Date.parse(planned.dueAt!) - Date.parse(planned.stageEnteredAt)).toBe(45 * DAY);
      await ts.env().sleep(45 * DAY + 1000);
      const overdue = await state(handle);
      expect(overdue).toMatchObject({ overdueLevel: 1, escalated: true });
      expect(overdue.recentEvents.at(-1)).toMatchObject({ type: 'escalated', detail: { from: 'district', to: 'province' } });
      await ts.env().sleep(30 * DAY);
      expect((await state(handle)).overdueLevel).toBe(2);
    }));

  it("a task's own ladder: reminder, then overdue to the district, then to the province", () =>
    run(async (tq, mocks) => {
      const { handle, planned } = await caseAtAssignment(ts.env(), tq);
      const assigned = await assignAll(handle, planned);
      const taskId = assigned.tasks[0].taskId;
      await ts.env().sleep(90 * DAY + 1000);
      expect((await task(taskId).query(TM.taskStateQuery)).overdueLevel).toBe(1);
      await ts.env().sleep(30 * DAY);
      const late = await task(taskId).query(TM.taskStateQuery);
      expect(late).toMatchObject({ overdueLevel: 2, remindedFor: late.dueAt });
      expect(mocks.projectedTasks.filter((t) => t.taskId === taskId).map((t) => t.overdueLevel)).toEqual(expect.arrayContaining([0, 1, 2]));
    }));

  it('a follow-up that finds a problem not yet solvable sends it back to assignment; solved problems graduate with certification', () =>
    run(async (tq) => {
      const { handle, planned } = await caseAtAssignment(ts.env(), tq);
      const assigned = await assignAll(handle, planned);
      for (const t of assigned.tasks) await task(t.taskId).executeUpdate(TM.completeTaskUpdate, { args: [{ actor: actors.supervisor, withoutCost: true, note: 'ช่วยเหลือโดยไม่มีค่าใช้จ่าย' }] });
      const atFollowUp = await eventually(async () => ((await state(handle)).stage === 'followUp' ? state(handle) : undefined), 20_000, async () => {
        const s = await state(handle);
        return { stage: s.stage, tasks: s.tasks, events: s.recentEvents.map((e) => e.type) };
      });
      const [income, living] = atFollowUp.problems;
      const found = await updateCase(handle, M.recordFollowUpUpdate, {
        args: [{ actor: actors.mentor, results: [{ problemId: income.id, outcome: 'solved' }, { problemId: living.id, outcome: 'notYetSolvable' }] }],
      });
      expect(found.stage).toBe('districtAssignment');
      expect(found.problems.map((p) => [p.status, p.lastOutcome])).toEqual([['solved', 'solved'], ['open', 'notYetSolvable']]);
      expect(await rejection(updateCase(handle, M.closeCaseUpdate, { args: [{ actor: actors.district, reason: 'graduated' }] }))).toBe('InvalidStage');

      const again = await updateCase(handle, M.assignProblemsUpdate, { args: [{ actor: actors.district, assignments: [{ problemId: living.id, agencyCode: 'LAO' }] }] });
      await task(again.tasks.at(-1)!.taskId).executeUpdate(TM.completeTaskUpdate, { args: [{ actor: actors.otherAgency, withoutCost: true, note: 'ช่วยเหลือโดยไม่มีค่าใช้จ่าย' }] });
      await eventually(async () => ((await state(handle)).stage === 'followUp' ? true : undefined), 20_000, async () => {
        const s = await state(handle);
        const t = await task(again.tasks.at(-1)!.taskId).describe();
        return { stage: s.stage, tasks: s.tasks, problems: s.problems, events: s.recentEvents.map((e) => e.type), child: t.status.name };
      });
      await updateCase(handle, M.recordFollowUpUpdate, { args: [{ actor: actors.mentor, results: [{ problemId: living.id, outcome: 'solved' }] }] });
      const graduated = await updateCase(handle, M.closeCaseUpdate, { args: [{ actor: actors.district, reason: 'graduated', note: 'รับรองโดย ศจพ.อ.' }] });
      expect(graduated).toMatchObject({ stage: 'closed', closure: { reason: 'graduated' } });
    }));
});
