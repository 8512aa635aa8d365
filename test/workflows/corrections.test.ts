import * as TM from '../../workflows/assistance-task/messages';
import * as M from '../../workflows/household-case/messages';
import type { CaseEvent } from '../../workflows/household-case/types';
import { actors, assignAll, caseAtAssignment, state } from '../helpers/case-driver';
import { bangkokDay } from '../../workflows/plausibility';
import { eventually } from '../helpers/servers';
import { useTimeSkipping } from '../helpers/time-skipping';
import { updateCase } from '../helpers/case-update';

/** The code and field an update was refused with (what the API answers), or 'accepted'. */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    const cause = (error as { cause?: { type?: string; details?: Array<{ code?: string; field?: string }> } }).cause;
    const detail = cause?.details?.[0];
    return `${cause?.type}:${detail?.code}${detail?.field ? `@${detail.field}` : ''}`;
  }
}

const corrections = (events: CaseEvent[]) => events.filter((e) => e.type === 'corrected');

describe('corrections: who may correct what, and when (time-skipping)', () => {
  const ts = useTimeSkipping();
  const env = () => ts.env();
  const tq = () => ts.worker().taskQueue;
  const task = (taskId: string) => env().client.workflow.getHandle(taskId);
  // An activity happens on a day between the case's opening and today (workflows/plausibility.ts):
  // the test server's clock has skipped ahead, so the day is the case's own opening day.
  const logOf = async (handle: Parameters<typeof state>[0]) => ({ date: bangkokDay((await state(handle)).openedAt), kind: 'training', description: 'ฝึกอาชีพ', baht: 1500, items: 1 });

  it('relief: the author amends within the window, not after; the district amends and voids with a reason; the timeline keeps before and after', async () => {
    const { handle } = await caseAtAssignment(env(), tq());
    await updateCase(handle, M.giveReliefUpdate, { args: [{ actor: actors.mentor, kind: 'survivalBag', description: 'ถุงยังชีพ', baht: 500, items: 1 }] });

    expect(await outcome(updateCase(handle, M.amendReliefUpdate, { args: [{ actor: actors.team, reliefNo: 1, baht: 400, reason: 'พิมพ์ผิด' }] }))).toBe('Forbidden:NOT_AUTHOR');
    expect(await outcome(updateCase(handle, M.amendReliefUpdate, { args: [{ actor: actors.mentor, reliefNo: 1, baht: 500 }] }))).toBe('InvalidInput:NOTHING_TO_CHANGE@body');
    const amended = await updateCase(handle, M.amendReliefUpdate, { args: [{ actor: actors.mentor, reliefNo: 1, baht: 450 }] });
    expect(amended.reliefs[0]).toMatchObject({ baht: 450, by: 'mentor-1' });
    expect(corrections(amended.recentEvents).at(-1)).toMatchObject({ actor: 'mentor-1', detail: { item: 'relief', ref: '1', change: 'amend', before: { baht: 500 }, after: { baht: 450 } } });

    await env().sleep('8 days');
    expect(await outcome(updateCase(handle, M.amendReliefUpdate, { args: [{ actor: actors.mentor, reliefNo: 1, baht: 400, reason: 'พิมพ์ผิด' }] }))).toBe('Forbidden:CORRECTION_WINDOW_OVER');
    expect(await outcome(updateCase(handle, M.voidReliefUpdate, { args: [{ actor: actors.district, reliefNo: 1, reason: ' ' }] }))).toBe('InvalidInput:REQUIRED@reason');
    const voided = await updateCase(handle, M.voidReliefUpdate, { args: [{ actor: actors.district, reliefNo: 1, reason: 'บันทึกซ้ำ' }] });
    expect(voided.reliefs[0]).toMatchObject({ baht: 450, voided: { by: 'district-1', reason: 'บันทึกซ้ำ' } });
    expect(corrections(voided.recentEvents).at(-1)).toMatchObject({ actor: 'district-1', detail: { change: 'void', reason: 'บันทึกซ้ำ', before: { baht: 450 } } });
    expect(await outcome(updateCase(handle, M.amendReliefUpdate, { args: [{ actor: actors.district, reliefNo: 1, baht: 1, reason: 'x' }] }))).toBe('InvalidStage:ALREADY_VOIDED@reliefNo');
  });

  it('analysis and plan: free while the plan is a draft; after assignment the author needs a reason; a new problem goes back to district assignment', async () => {
    const { handle, planned } = await caseAtAssignment(env(), tq());
    // Before any task: the field team corrects without a reason, even another member of it.
    const draft = await updateCase(handle, M.amendAnalysisUpdate, { args: [{ actor: actors.team, skills: 'ทำนา เย็บผ้า จักสาน' }] });
    expect(draft.analysis).toMatchObject({ skills: 'ทำนา เย็บผ้า จักสาน', by: 'mentor-1' });
    const assigned = await assignAll(handle, planned);
    expect(assigned.stage).toBe('assistance');

    expect(await outcome(updateCase(handle, M.amendPlanUpdate, { args: [{ actor: actors.mentor, goal: 'sustainable' }] }))).toBe('InvalidInput:REASON_REQUIRED@reason');
    expect(await outcome(updateCase(handle, M.amendPlanUpdate, { args: [{ actor: actors.team, goal: 'sustainable', reason: 'ครอบครัวตั้งเป้าใหม่' }] }))).toBe('Forbidden:NOT_AUTHOR');
    const plan = await updateCase(handle, M.amendPlanUpdate, { args: [{ actor: actors.mentor, goal: 'sustainable', reason: 'ครอบครัวตั้งเป้าใหม่' }] });
    expect(plan.plan!.goal).toBe('sustainable');
    expect(corrections(plan.recentEvents).at(-1)!.detail).toMatchObject({ item: 'plan', before: { goal: 'sufficient' }, after: { goal: 'sustainable' }, reason: 'ครอบครัวตั้งเป้าใหม่' });

    // An assigned problem keeps its indicator (the agency's brief); only its wording changes.
    const [income] = assigned.problems;
    expect(await outcome(updateCase(handle, M.amendProblemsUpdate, { args: [{ actor: actors.district, change: [{ problemId: income.id, indicator: 'I1' }], reason: 'x' }] }))).toBe(
      'InvalidInput:PROBLEM_NOT_OPEN@change[0].problemId',
    );
    const added = await updateCase(handle, M.amendProblemsUpdate, {
      args: [{ actor: actors.mentor, add: [{ dimension: 'education', indicator: 'E1', description: 'เด็กไม่ได้เรียน' }], change: [{ problemId: income.id, description: 'รายได้ไม่พอใช้' }], reason: 'พบปัญหาเพิ่มในการเยี่ยม' }],
    });
    expect(added.stage).toBe('districtAssignment');
    expect(added.problems.map((p) => [p.indicator, p.status])).toEqual([
      ['I3', 'assigned'],
      ['L1', 'assigned'],
      ['E1', 'open'],
    ]);
    expect(added.problems[0].description).toBe('รายได้ไม่พอใช้');
    expect(corrections(added.recentEvents).at(-1)!.detail).toMatchObject({ item: 'problems', before: { problems: [{ description: 'รายได้ต่ำกว่าเกณฑ์' }] }, after: { added: [{ indicator: 'E1' }] } });

    await env().sleep('8 days');
    expect(await outcome(updateCase(handle, M.amendAnalysisUpdate, { args: [{ actor: actors.mentor, wayOut: 'ขายของออนไลน์', reason: 'x' }] }))).toBe('Forbidden:CORRECTION_WINDOW_OVER');
    const byDistrict = await updateCase(handle, M.amendAnalysisUpdate, { args: [{ actor: actors.district, householdType: 'welfare', reason: 'สมาชิกเป็นผู้สูงอายุทั้งหมด' }] });
    expect(byDistrict).toMatchObject({ householdType: 'welfare', track: 'welfare' });
  });

  it('members: the team corrects a name with a reason and adds a missing ID; only the district changes or removes an ID, and the timeline never holds it', async () => {
    const { handle } = await caseAtAssignment(env(), tq());
    expect(await outcome(updateCase(handle, M.amendMemberUpdate, { args: [{ actor: actors.team, memberIndex: 0, name: 'สมชาย ใจงาม' }] }))).toBe('InvalidInput:REASON_REQUIRED@reason');
    await updateCase(handle, M.amendMemberUpdate, { args: [{ actor: actors.team, memberIndex: 0, name: 'สมชาย ใจงาม', birthYear: 1974, reason: 'ตามบัตร' }] });
    const withId = await updateCase(handle, M.amendMemberUpdate, { args: [{ actor: actors.team, memberIndex: 0, nationalId: '1101700203450' }] });
    expect(withId.household.members[0]).toMatchObject({ name: 'สมชาย ใจงาม', birthYear: 1974, nationalId: '1101700203450' });
    expect(await outcome(updateCase(handle, M.amendMemberUpdate, { args: [{ actor: actors.mentor, memberIndex: 0, nationalId: null, reason: 'ผิดคน' }] }))).toBe('Forbidden:FORBIDDEN_ROLE@nationalId');
    expect(await outcome(updateCase(handle, M.amendMemberUpdate, { args: [{ actor: actors.district, memberIndex: 0, nationalId: '1101700203452', reason: 'x' }] }))).toBe('InvalidInput:INVALID_VALUE@nationalId');
    const removed = await updateCase(handle, M.amendMemberUpdate, { args: [{ actor: actors.district, memberIndex: 0, nationalId: null, reason: 'เลขของคนอื่น' }] });
    expect(removed.household.members[0].nationalId).toBeUndefined();
    const events = corrections(removed.recentEvents);
    expect(events.map((e) => e.detail!.after)).toEqual([{ name: 'สมชาย ใจงาม', birthYear: 1974 }, { nationalId: 'added' }, { nationalId: 'removed' }]);
    expect(JSON.stringify(events)).not.toContain('1101700203450');
  });

  it('activities: the agency corrects its own within the window, another agency never, the district after it with a reason; totals follow and the case timeline keeps each', async () => {
    const { handle, planned } = await caseAtAssignment(env(), tq());
    const [incomeTask] = (await assignAll(handle, planned)).tasks;
    const t = task(incomeTask.taskId);
    const log = await logOf(handle);
    await t.executeUpdate(TM.logActivityUpdate, { args: [{ actor: actors.agency, ...log }] });
    await t.executeUpdate(TM.logActivityUpdate, { args: [{ actor: actors.agency, ...log, baht: 300.1, kind: 'tools' }] });

    expect(await outcome(t.executeUpdate(TM.amendActivityUpdate, { args: [{ actor: actors.otherAgency, seq: 1, baht: 1 }] }))).toBe('Forbidden:WRONG_AGENCY');
    const amended = await t.executeUpdate(TM.amendActivityUpdate, { args: [{ actor: { ...actors.agency, userId: 'agency-9' }, seq: 1, baht: 1200.5 }] });
    expect(amended.totals).toEqual({ baht: 1500.6, items: 2, activities: 2 });
    expect(amended.corrections).toEqual([expect.objectContaining({ seq: 1, change: 'amend', by: 'agency-9', before: { baht: 1500 }, after: { baht: 1200.5 } })]);

    await env().sleep('8 days');
    expect(await outcome(t.executeUpdate(TM.voidActivityUpdate, { args: [{ actor: actors.agency, seq: 2, reason: 'ซ้ำ' }] }))).toBe('Forbidden:CORRECTION_WINDOW_OVER');
    expect(await outcome(t.executeUpdate(TM.amendActivityUpdate, { args: [{ actor: actors.district, seq: 2, items: 2 }] }))).toBe('InvalidInput:REASON_REQUIRED@reason');
    const voided = await t.executeUpdate(TM.voidActivityUpdate, { args: [{ actor: actors.district, seq: 2, reason: 'ซ้ำกับรายการแรก' }] });
    expect(voided.totals).toEqual({ baht: 1200.5, items: 1, activities: 1 });
    expect(voided.log[1]).toMatchObject({ seq: 2, baht: 300.1, voided: { by: 'district-1', reason: 'ซ้ำกับรายการแรก' } });

    const timeline = await eventually(async () => {
      const found = corrections((await state(handle)).recentEvents);
      return found.length === 2 ? found : undefined;
    });
    expect(timeline.map((e) => [e.actor, e.detail!.change, e.detail!.taskId])).toEqual([
      ['agency-9', 'amend', incomeTask.taskId],
      ['district-1', 'void', incomeTask.taskId],
    ]);
  });

  it('a completed task keeps one activity or a no-cost note: voiding its only activity needs the note; it stays correctable after it ends', async () => {
    const { handle, planned } = await caseAtAssignment(env(), tq());
    const [incomeTask] = (await assignAll(handle, planned)).tasks;
    const t = task(incomeTask.taskId);
    await t.executeUpdate(TM.logActivityUpdate, { args: [{ actor: actors.agency, ...(await logOf(handle)) }] });
    await t.executeUpdate(TM.completeTaskUpdate, { args: [{ actor: actors.agency }] });
    await eventually(async () => ((await state(handle)).tasks[0].status === 'done' ? true : undefined));

    expect(await outcome(t.executeUpdate(TM.voidActivityUpdate, { args: [{ actor: actors.agency, seq: 1, reason: 'ไม่ได้ทำจริง' }] }))).toBe('InvalidInput:LAST_ACTIVITY@noCostNote');
    const voided = await t.executeUpdate(TM.voidActivityUpdate, { args: [{ actor: actors.agency, seq: 1, reason: 'ไม่ได้ทำจริง', noCostNote: 'ประสานให้ครอบครัวเข้ากลุ่มอาชีพโดยไม่มีค่าใช้จ่าย' }] });
    expect(voided).toMatchObject({ status: 'done', totals: { baht: 0, items: 0, activities: 0 }, outcome: { note: 'ประสานให้ครอบครัวเข้ากลุ่มอาชีพโดยไม่มีค่าใช้จ่าย' } });
    const desc = await t.describe();
    expect(desc.status.name).toBe('RUNNING');
  });

  it('a task the province assigned is corrected by the province, not the district', async () => {
    const { handle } = await caseAtAssignment(env(), tq());
    const escalated = await updateCase(handle, M.escalateCaseUpdate, { args: [{ actor: actors.district, reason: 'เกินศักยภาพ' }] });
    const [provinceTask] = (await assignAll(handle, escalated, actors.province)).tasks;
    const t = task(provinceTask.taskId);
    await t.executeUpdate(TM.logActivityUpdate, { args: [{ actor: actors.agency, ...(await logOf(handle)) }] });
    expect(await outcome(t.executeUpdate(TM.amendActivityUpdate, { args: [{ actor: actors.district, seq: 1, baht: 1000, reason: 'ตามใบเสร็จ' }] }))).toBe('Forbidden:WRONG_LEVEL');
    const byProvince = await t.executeUpdate(TM.amendActivityUpdate, { args: [{ actor: actors.province, seq: 1, baht: 1000, reason: 'ตามใบเสร็จ' }] });
    expect(byProvince.totals.baht).toBe(1000);
  });
});
