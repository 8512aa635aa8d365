/**
 * Records workflow histories for the replay test: `npx tsx test/workflows/histories/record.ts [folder]`
 * (a folder per release of the workflow code, e.g. the name of the patch that followed it).
 * Run it when a workflow change is released, and commit the JSON files: the replay test then
 * proves the next change still replays what is running in production (use patched() if not).
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { Activities } from '../../../activities';
import { deliverDecisions } from '../../../activities/district-meetings';
import { ensureTestServer } from '../../../infra/toolchain';
import * as TM from '../../../workflows/assistance-task/messages';
import * as M from '../../../workflows/household-case/messages';
import { DEFAULT_POLICY } from '../../../workflows/policy';
import { newCaseId } from '../../../domain/ids';
import { updateCase } from '../../helpers/case-update';

const OUT = path.join(__dirname, process.argv[2] ?? '');
/** A day after the recording starts (the case opens then and the clock skips ahead), so activity dates stay plausible whenever it runs. */
const actor = (role: 'mentor' | 'operationsTeam' | 'district' | 'agency', agencyCode?: string) => ({ userId: `rec-${role}`, role, ...(agencyCode ? { agencyCode } : {}) });

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: ensureTestServer() } } });
  const activities: Partial<Activities> = {
    projectCase: async () => undefined,
    projectTask: async () => undefined,
    ensureDistrictMeetingSchedule: async () => undefined,
    loadMeetingAgenda: async () => [],
    recordMeeting: async () => undefined,
    deliverMeetingDecisions: (meetingId, decisions, who) => deliverDecisions(env.client, meetingId, decisions, who),
  };
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../../workflows') });
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'record', workflowBundle: { code }, activities });
  await worker.runUntil(async () => {
    const household = { householdId: 'rec0000001', provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', members: [{ name: 'บันทึก', birthYear: 1970 }], source: 'tpmap' as const, failedIndicators: ['I3'] };
    const handle = await env.client.workflow.start('householdCaseWorkflow', {
      workflowId: newCaseId(),
      taskQueue: 'record',
      args: [{ household, policy: { ...DEFAULT_POLICY, provinceCode: '64' }, openedBy: 'recorder', projectsLocally: true }],
    });
    await env.sleep('24 days');
    await updateCase(handle, M.verifyTargetUpdate, { args: [{ actor: actor('operationsTeam'), outcome: 'confirmed' }] });
    await updateCase(handle, M.giveReliefUpdate, { args: [{ actor: actor('mentor'), kind: 'survivalBag', description: 'ถุงยังชีพ', baht: 500, items: 1 }] });
    await updateCase(handle, M.amendReliefUpdate, { args: [{ actor: actor('mentor'), reliefNo: 1, baht: 450 }] });
    await updateCase(handle, M.amendMemberUpdate, { args: [{ actor: actor('operationsTeam'), memberIndex: 0, birthYear: 1971, reason: 'ตามบัตร' }] });
    await updateCase(handle, M.recordAnalysisUpdate, {
      args: [{ actor: actor('mentor'), attitude: 'มีกำลังใจ', skills: 'ทำนา', resources: 'ที่ดิน', wayOut: 'ปลูกผัก', householdType: 'canDevelop', problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำ' }] }],
    });
    const planned = await updateCase(handle, M.recordPlanUpdate, { args: [{ actor: actor('mentor'), goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ปลูกผัก', supportBy: 'DOAE' }] }] });
    await updateCase(handle, M.amendAnalysisUpdate, { args: [{ actor: actor('mentor'), skills: 'ทำนา ทอผ้า' }] });
    const assigned = await updateCase(handle, M.assignProblemsUpdate, { args: [{ actor: actor('district'), assignments: [{ problemId: planned.problems[0].id, agencyCode: 'CDD' }] }] });
    const task = env.client.workflow.getHandle(assigned.tasks[0].taskId);
    // Activity dates lie between the case's opening and now (the task refuses others), whenever this runs.
    const dayAfterOpening = (days: number): string => new Date(Date.parse(assigned.openedAt) + days * 86_400_000).toISOString().slice(0, 10);
    await task.executeUpdate(TM.logActivityUpdate, { args: [{ actor: actor('agency', 'CDD'), date: dayAfterOpening(1), kind: 'training', description: 'ฝึกอาชีพ', baht: 1200, items: 1 }] });
    await task.executeUpdate(TM.logActivityUpdate, { args: [{ actor: actor('agency', 'CDD'), date: dayAfterOpening(2), kind: 'tools', description: 'อุปกรณ์', baht: 300, items: 1 }] });
    await task.executeUpdate(TM.amendActivityUpdate, { args: [{ actor: actor('agency', 'CDD'), seq: 1, baht: 1100 }] });
    await updateCase(handle, M.amendPlanUpdate, { args: [{ actor: actor('mentor'), goal: 'sustainable', reason: 'ครอบครัวตั้งเป้าใหม่' }] });
    await updateCase(handle, M.amendProblemsUpdate, { args: [{ actor: actor('district'), change: [{ problemId: planned.problems[0].id, description: 'รายได้ไม่พอใช้' }], reason: 'ถ้อยคำ' }] });
    await env.sleep('85 days');
    await task.executeUpdate(TM.completeTaskUpdate, { args: [{ actor: actor('agency', 'CDD') }] });
    // An ended task stays correctable: the district voids one activity after the agency's window.
    await task.executeUpdate(TM.voidActivityUpdate, { args: [{ actor: actor('district'), seq: 2, reason: 'บันทึกซ้ำ' }] });
    await updateCase(handle, M.voidReliefUpdate, { args: [{ actor: actor('district'), reliefNo: 1, reason: 'บันทึกซ้ำ' }] });
    await env.sleep('40 days');
    await updateCase(handle, M.recordFollowUpUpdate, { args: [{ actor: actor('mentor'), results: [{ problemId: planned.problems[0].id, outcome: 'solved' }] }] });
    await handle.signal(M.surveyResultSignal, { year: 2570, passed: true, failedIndicators: [] });
    await env.sleep('400 days');
    await handle.result();
    await task.result();
    // Named by workflow ID: child IDs derive from it, so the replay must use the same one.
    for (const h of [handle, task]) {
      const history = await h.fetchHistory();
      fs.writeFileSync(path.join(OUT, `${h.workflowId}.json`), historyToJSON(history));
      console.log(`recorded ${h.workflowId}.json (${history.events?.length} events)`);
    }
  });
  await env.teardown();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
