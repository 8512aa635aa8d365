import * as M from '../../workflows/household-case/messages';
import { actors, openCase, rejection, state, testHousehold } from '../helpers/case-driver';
import { useTimeSkipping } from '../helpers/time-skipping';
import { updateCase } from '../helpers/case-update';

describe('target verification and the 4ท analysis (time-skipping)', () => {
  const ts = useTimeSkipping();
  const run = <R>(fn: (taskQueue: string) => Promise<R>) => fn(ts.worker().taskQueue);

  it('confirmed: the case moves to the analysis stage with a 30-day due date', () =>
    run(async (tq) => {
      const handle = await openCase(ts.env(), tq);
      const s = await updateCase(handle, M.verifyTargetUpdate, { args: [{ actor: actors.team, outcome: 'confirmed' }] });
      expect(s).toMatchObject({ stage: 'analysis', verification: { outcome: 'confirmed', by: 'team-1' } });
      expect(Date.parse(s.dueAt!) - Date.parse(s.stageEnteredAt)).toBe(30 * 86_400_000);
    }));

  it.each([
    ['notInArea', 'notInArea'],
    ['allDeceased', 'allDeceased'],
  ] as const)('%s closes the case', (outcome, reason) =>
    run(async (tq) => {
      const handle = await openCase(ts.env(), tq);
      const s = await updateCase(handle, M.verifyTargetUpdate, { args: [{ actor: actors.team, outcome }] });
      expect(s).toMatchObject({ stage: 'closed', status: 'closed', closure: { reason } });
    }));

  it('moved: the case is transferred to the new district, which verifies it again', () =>
    run(async (tq) => {
      const handle = await openCase(ts.env(), tq);
      const to = { provinceCode: '64', districtCode: '6405', subdistrictCode: '640501' };
      const s = await updateCase(handle, M.verifyTargetUpdate, { args: [{ actor: actors.team, outcome: 'moved', movedTo: to }] });
      expect(s).toMatchObject({ stage: 'verification', status: 'active', household: to });
      expect(s.recentEvents.map((e) => e.type)).toContain('transferred');
    }));

  it('duplicate: the case closes as merged into the other case', () =>
    run(async (tq) => {
      const handle = await openCase(ts.env(), tq);
      const s = await updateCase(handle, M.verifyTargetUpdate, { args: [{ actor: actors.team, outcome: 'duplicate', duplicateOf: 'household-case-other' }] });
      expect(s.closure).toMatchObject({ reason: 'merged', mergedInto: 'household-case-other' });
    }));

  it('rejects an action at the wrong stage or by the wrong role, with a reason, and changes nothing', () =>
    run(async (tq) => {
      const handle = await openCase(ts.env(), tq);
      const before = await state(handle);
      expect(await rejection(updateCase(handle, M.recordPlanUpdate, { args: [{ actor: actors.mentor, goal: 'survive', items: [] }] }))).toBe('InvalidStage');
      expect(await rejection(updateCase(handle, M.verifyTargetUpdate, { args: [{ actor: actors.agency, outcome: 'confirmed' }] }))).toBe('Forbidden');
      expect(await rejection(updateCase(handle, M.verifyTargetUpdate, { args: [{ actor: actors.team, outcome: 'moved' }] }))).toBe('InvalidInput');
      expect((await state(handle)).version).toBe(before.version);
    }));

  it('declines help: the case closes and can be reopened, back to the analysis', () =>
    run(async (tq) => {
      const handle = await openCase(ts.env(), tq);
      await updateCase(handle, M.verifyTargetUpdate, { args: [{ actor: actors.team, outcome: 'confirmed' }] });
      const declined = await updateCase(handle, M.recordAnalysisUpdate, {
        args: [{ actor: actors.mentor, attitude: 'ไม่ต้องการ', skills: '-', resources: '-', wayOut: '-', householdType: 'declines', problems: [] }],
      });
      expect(declined).toMatchObject({ stage: 'closed', closure: { reason: 'declinedHelp' } });
      const reopened = await updateCase(handle, M.reopenCaseUpdate, { args: [{ actor: actors.district, reason: 'ครอบครัวขอรับความช่วยเหลือ' }] });
      expect(reopened).toMatchObject({ stage: 'analysis', status: 'active', closure: null, analysis: null });
    }));

  it('urgent relief during the analysis is recorded before the plan', () =>
    run(async (tq) => {
      const handle = await openCase(ts.env(), tq);
      await updateCase(handle, M.verifyTargetUpdate, { args: [{ actor: actors.team, outcome: 'confirmed' }] });
      const s = await updateCase(handle, M.giveReliefUpdate, { args: [{ actor: actors.mentor, kind: 'survivalBag', description: 'ถุงยังชีพ', baht: 500, items: 1 }] });
      expect(s.reliefs).toEqual([expect.objectContaining({ kind: 'survivalBag', baht: 500, items: 1 })]);
      expect(s.stage).toBe('analysis');
    }));

  it('the welfare track: an elderly household failing income is exempt from the pass rate and followed yearly', () =>
    run(async (tq) => {
      const handle = await openCase(ts.env(), tq, { household: testHousehold({ members: [{ name: 'ยาย', birthYear: 1940 }], failedIndicators: ['I3'] }) });
      await updateCase(handle, M.verifyTargetUpdate, { args: [{ actor: actors.team, outcome: 'confirmed' }] });
      const s = await updateCase(handle, M.recordAnalysisUpdate, {
        args: [{ actor: actors.mentor, attitude: '-', skills: '-', resources: '-', wayOut: '-', householdType: 'welfare', problems: [{ dimension: 'income', indicator: 'I3', description: 'ไม่มีรายได้' }] }],
      });
      expect(s).toMatchObject({ track: 'welfare', exemption: 'longTermWelfare', householdType: 'welfare' });
    }));
});
