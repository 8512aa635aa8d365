import { randomUUID } from 'node:crypto';
import { caseStateQuery } from '../../workflows/household-case/messages';
import { DEFAULT_POLICY } from '../../workflows/policy';
import type { Household } from '../../workflows/household-case/types';
import { addMonths } from 'date-fns';
import * as TM from '../../workflows/assistance-task/messages';
import * as M from '../../workflows/household-case/messages';
import { actors, assignAll, caseAtAssignment, openCase, state } from '../helpers/case-driver';
import { eventually } from '../helpers/servers';
import { useTimeSkipping } from '../helpers/time-skipping';
import { updateCase } from '../helpers/case-update';

const DAY = 24 * 60 * 60 * 1000;

function household(): Household {
  const id = `t${randomUUID().slice(0, 8)}`;
  return { householdId: id, provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', members: [], source: 'tpmap', failedIndicators: ['I3'] };
}

/** The verification stage's 30-day due date, its reminder and its escalations, in seconds of real time. */
describe('verification deadlines (time-skipping)', () => {
  const ts = useTimeSkipping();

  it('reminds 7 days before the 30-day due date, escalates to the district when overdue, and to the province 30 days later', async () => {
    const { taskQueue, mocks } = ts.worker();
    {
      const h = household();
      const handle = await ts.env().client.workflow.start('householdCaseWorkflow', {
        workflowId: `household-case-${h.householdId}`,
        taskQueue,
        args: [{ household: h, policy: { ...DEFAULT_POLICY, provinceCode: '64' }, openedBy: 'test' }],
      });
      const opened = await handle.query(caseStateQuery);
      expect(opened.stage).toBe('verification');
      expect(Date.parse(opened.dueAt!) - Date.parse(opened.openedAt)).toBe(30 * DAY);

      await ts.env().sleep(23 * DAY + 1000);
      const reminded = await handle.query(caseStateQuery);
      expect(reminded.recentEvents.map((e) => e.type)).toEqual(['caseOpened', 'reminderSent']);
      expect(reminded.overdueLevel).toBe(0);

      await ts.env().sleep(7 * DAY);
      const overdue = await handle.query(caseStateQuery);
      expect(overdue).toMatchObject({ overdueLevel: 1, escalated: true });
      expect(overdue.recentEvents.at(-1)).toMatchObject({ type: 'escalated', detail: { from: 'team', to: 'district', reason: 'overdue' } });

      await ts.env().sleep(30 * DAY);
      const stillOverdue = await handle.query(caseStateQuery);
      expect(stillOverdue.overdueLevel).toBe(2);
      expect(stillOverdue.recentEvents.at(-1)).toMatchObject({ type: 'escalated', detail: { from: 'district', to: 'province', reason: 'stillOverdue' } });
      expect(mocks.projectedCases.filter((c) => c.caseId === stillOverdue.caseId).at(-1)).toMatchObject({ version: stillOverdue.version });
    }
  });
});

describe('follow-up and closure timers (time-skipping)', () => {
  const ts = useTimeSkipping();

  it('reminds the mentor before the 1-month visit, flags the district when it is missed, and schedules 1, 3 and 12 months', async () => {
    const { taskQueue } = ts.worker();
    const { handle, planned } = await caseAtAssignment(ts.env(), taskQueue);
    const assigned = await assignAll(handle, planned);
    for (const t of assigned.tasks) await ts.env().client.workflow.getHandle(t.taskId).executeUpdate(TM.completeTaskUpdate, { args: [{ actor: actors.supervisor, withoutCost: true, note: 'ช่วยเหลือโดยไม่มีค่าใช้จ่าย' }] });
    const atFollowUp = await eventually(async () => {
      const s = await state(handle);
      return s.stage === 'followUp' ? s : undefined;
    });
    const anchor = new Date(atFollowUp.followUp!.anchorAt);
    expect(atFollowUp.followUp!.visits.map((v) => v.dueAt)).toEqual([1, 3, 12].map((m) => addMonths(anchor, m).toISOString()));

    await ts.env().sleep(Date.parse(atFollowUp.dueAt!) - Date.parse(atFollowUp.stageEnteredAt) - 6 * DAY);
    expect((await state(handle)).recentEvents.at(-1)).toMatchObject({ type: 'reminderSent', detail: { stage: 'followUp', to: 'mentor' } });
    await ts.env().sleep(7 * DAY);
    expect((await state(handle)).recentEvents.at(-1)).toMatchObject({ type: 'escalated', detail: { stage: 'followUp', from: 'mentor', to: 'district' } });

    const visited = await updateCase(handle, M.recordFollowUpUpdate, { args: [{ actor: actors.mentor, results: atFollowUp.problems.map((p) => ({ problemId: p.id, outcome: 'followingUp' as const })) }] });
    expect(visited).toMatchObject({ stage: 'followUp', overdueLevel: 0, dueAt: atFollowUp.followUp!.visits[1].dueAt });
  });

  it('a closed case stays reopenable for a year, then its workflow completes', async () => {
    const { taskQueue } = ts.worker();
    const handle = await openCase(ts.env(), taskQueue);
    await updateCase(handle, M.verifyTargetUpdate, { args: [{ actor: actors.team, outcome: 'notInArea' }] });
    const final = await handle.result();
    expect(final).toMatchObject({ status: 'closed', closure: { reason: 'notInArea' } });
  });
});
