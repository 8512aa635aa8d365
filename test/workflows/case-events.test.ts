import * as TM from '../../workflows/assistance-task/messages';
import * as DM from '../../workflows/district-meeting/messages';
import * as M from '../../workflows/household-case/messages';
import { DEFAULT_POLICY } from '../../workflows/policy';
import { actors, assignAll, caseAtAssignment, DAY, openCase, state } from '../helpers/case-driver';
import { eventually } from '../helpers/servers';
import { useTimeSkipping, type FileWorker } from '../helpers/time-skipping';
import { updateCase } from '../helpers/case-update';

describe('pause, transfer, survey, policy, continue-as-new and the district meeting (time-skipping)', () => {
  const ts = useTimeSkipping();
  const run = <R>(fn: (taskQueue: string, mocks: FileWorker['mocks']) => Promise<R>) => fn(ts.worker().taskQueue, ts.worker().mocks);

  it('pause stops the timers of the case and its tasks; resume moves every due date by the paused time', () =>
    run(async (tq) => {
      const { handle, planned } = await caseAtAssignment(ts.env(), tq);
      const assigned = await assignAll(handle, planned);
      const taskHandle = ts.env().client.workflow.getHandle(assigned.tasks[0].taskId);
      const taskDue = (await taskHandle.query(TM.taskStateQuery)).dueAt;
      const paused = await updateCase(handle, M.pauseCaseUpdate, { args: [{ actor: actors.district, reason: 'disaster', note: 'น้ำท่วม' }] });
      expect(paused).toMatchObject({ status: 'paused', pause: { reason: 'disaster' } });
      await eventually(async () => ((await taskHandle.query(TM.taskStateQuery)).pausedSince ? true : undefined));

      await ts.env().sleep(200 * DAY);
      expect((await taskHandle.query(TM.taskStateQuery)).overdueLevel).toBe(0);
      const resumed = await updateCase(handle, M.resumeCaseUpdate, { args: [{ actor: actors.district }] });
      expect(resumed.status).toBe('active');
      expect(Date.parse(resumed.tasks[0].dueAt) - Date.parse(assigned.tasks[0].dueAt)).toBeGreaterThanOrEqual(200 * DAY);
      const resumedTask = await eventually(async () => {
        const t = await taskHandle.query(TM.taskStateQuery);
        return t.pausedSince === null ? t : undefined;
      });
      expect(Date.parse(resumedTask.dueAt) - Date.parse(taskDue)).toBeGreaterThanOrEqual(200 * DAY);
    }));

  it('transfer: open tasks are cancelled and the new district verifies the household again', () =>
    run(async (tq) => {
      const { handle, planned } = await caseAtAssignment(ts.env(), tq);
      const assigned = await assignAll(handle, planned);
      const to = { provinceCode: '65', districtCode: '6501', subdistrictCode: '650101' };
      const moved = await updateCase(handle, M.transferCaseUpdate, { args: [{ actor: actors.district, to, note: 'ย้ายไปพิษณุโลก' }] });
      expect(moved).toMatchObject({ stage: 'verification', household: to });
      expect(moved.tasks.every((t) => t.status === 'cancelled')).toBe(true);
      const cancelled = await ts.env().client.workflow.getHandle(assigned.tasks[0].taskId).result();
      expect(cancelled.status).toBe('cancelled');
    }));

  it('a survey pass closes the case as graduated; a failed survey keeps it and updates the indicators', () =>
    run(async (tq) => {
      const { handle } = await caseAtAssignment(ts.env(), tq);
      await handle.signal(M.surveyResultSignal, { year: 2570, passed: false, failedIndicators: ['I3'] });
      await eventually(async () => ((await state(handle)).household.failedIndicators.join() === 'I3' ? true : undefined));
      expect((await state(handle)).status).toBe('active');
      await handle.signal(M.surveyResultSignal, { year: 2571, passed: true, failedIndicators: [] });
      const closed = await eventually(async () => {
        const s = await state(handle);
        return s.status === 'closed' ? s : undefined;
      });
      expect(closed.closure).toMatchObject({ reason: 'graduated', by: 'survey' });
    }));

  it('household data changes arrive as a signal and are kept', () =>
    run(async (tq) => {
      const handle = await openCase(ts.env(), tq);
      await handle.signal(M.householdDataChangedSignal, { changes: { headName: 'สมหญิง ใจดี', address: '12 หมู่ 3' }, by: 'registry' });
      const s = await eventually(async () => ((await state(handle)).household.headName === 'สมหญิง ใจดี' ? state(handle) : undefined));
      expect(s.household.address).toBe('12 หมู่ 3');
    }));

  it('an explicit policy migration moves the case to the new durations; other cases keep theirs', () =>
    run(async (tq) => {
      const handle = await openCase(ts.env(), tq);
      const before = await state(handle);
      const policy = { ...DEFAULT_POLICY, version: 'sukhothai-2', provinceCode: '64', dueDays: { ...DEFAULT_POLICY.dueDays, verification: 15 } };
      const migrated = await updateCase(handle, M.migratePolicyUpdate, { args: [{ actor: actors.supervisor, policy }] });
      expect(migrated.policy.version).toBe('sukhothai-2');
      expect(Date.parse(migrated.dueAt!) - Date.parse(before.stageEnteredAt)).toBe(15 * DAY);
    }));

  it('continues as new when its history grows, keeping state, timers and handlers', () =>
    run(async (tq, mocks) => {
      const handle = await openCase(ts.env(), tq, { historyLimit: 40 });
      const firstRun = (await handle.describe()).runId;
      await updateCase(handle, M.verifyTargetUpdate, { args: [{ actor: actors.team, outcome: 'confirmed' }] });
      // Signals, not updates, grow the history here, and the test watches the projections rather
      // than querying: the time-skipping test server can leave an update or a query hanging when it
      // reaches the old run just as that run continues as new (the real server retries them).
      // The run checks its history length when it wakes, so signal until a new run takes over.
      const latest = ts.env().client.workflow.getHandle(handle.workflowId);
      const projected = (address: string) => mocks.projectedCases.some((s) => s.caseId === handle.workflowId && s.household.address === address);
      let sent = 0;
      while ((await latest.describe()).runId === firstRun && sent < 60) {
        sent++;
        await handle.signal(M.householdDataChangedSignal, { changes: { address: `บ้านเลขที่ ${sent}` }, by: 'registry' });
        await eventually(async () => projected(`บ้านเลขที่ ${sent}`));
      }
      expect((await latest.describe()).runId).not.toBe(firstRun);
      const carried = await state(latest);
      expect(carried.household.address).toBe(`บ้านเลขที่ ${sent}`);
      expect(carried.recentEvents.filter((e) => e.type === 'householdDataChanged')).toHaveLength(sent);
      expect(carried).toMatchObject({ stage: 'analysis', status: 'active' });
      await ts.env().sleep(31 * DAY);
      expect((await state(latest)).overdueLevel).toBe(1);
    }));

  it('the district meeting delivers its decisions to every case on the agenda in one batch', () =>
    run(async (tq, mocks) => {
      const a = await caseAtAssignment(ts.env(), tq);
      const b = await caseAtAssignment(ts.env(), tq);
      mocks.activities.loadMeetingAgenda.mockResolvedValueOnce(
        [a.planned, b.planned].map((s) => ({
          caseId: s.caseId,
          householdId: s.household.householdId,
          subdistrictCode: s.household.subdistrictCode,
          dueAt: s.dueAt,
          overdueLevel: 0,
          problems: s.problems.map((p) => ({ problemId: p.id, dimension: p.dimension, indicator: p.indicator, description: p.description, proposedAgencies: ['CDD'] })),
        })),
      );
      const meeting = await ts.env().client.workflow.start('districtMeetingWorkflow', { workflowId: `district-meeting-6401-${Date.now()}`, taskQueue: tq, args: [{ districtCode: '6401', provinceCode: '64' }] });
      const agenda = await eventually(async () => {
        const m = await meeting.query(DM.meetingStateQuery);
        return m.agenda.length ? m : undefined;
      });
      expect(agenda.agenda.map((item) => item.caseId)).toEqual([a.planned.caseId, b.planned.caseId]);
      const decided = await meeting.executeUpdate(DM.recordDecisionsUpdate, {
        args: [
          {
            actor: actors.district,
            decisions: [
              { caseId: a.planned.caseId, assignments: a.planned.problems.map((p) => ({ problemId: p.id, agencyCode: 'CDD' })) },
              { caseId: b.planned.caseId, escalate: { reason: 'เกินศักยภาพอำเภอ' } },
            ],
          },
        ],
      });
      expect(decided.results).toEqual([
        { caseId: a.planned.caseId, ok: true },
        { caseId: b.planned.caseId, ok: true },
      ]);
      expect((await state(a.handle)).stage).toBe('assistance');
      expect((await state(b.handle)).assignmentLevel).toBe('province');
      expect(await meeting.result()).toMatchObject({ status: 'decided' });
    }));
});

describe('malformed signals', () => {
  const ts = useTimeSkipping();

  it('a household-data signal without changes is dropped, and the case keeps working', async () => {
    const handle = await openCase(ts.env(), ts.worker().taskQueue);
    await handle.signal(M.householdDataChangedSignal, { changes: null, by: 'registry' } as never);
    await handle.signal(M.householdDataChangedSignal, { changes: { headName: 'ชื่อใหม่' }, by: 'registry' });
    const s = await eventually(async () => ((await state(handle)).household.headName === 'ชื่อใหม่' ? state(handle) : undefined));
    expect(s.recentEvents.filter((e) => e.type === 'householdDataChanged')).toHaveLength(1);
  });
});
