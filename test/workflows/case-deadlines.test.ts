import { randomUUID } from 'node:crypto';
import { caseStateQuery } from '../../workflows/household-case/messages';
import { DEFAULT_POLICY } from '../../workflows/policy';
import type { Household } from '../../workflows/household-case/types';
import { useTimeSkipping } from '../helpers/time-skipping';

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
