import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import * as M from '../../workflows/household-case/messages';
import type { CaseState, Household } from '../../workflows/household-case/types';
import { DEFAULT_POLICY } from '../../workflows/policy';
import type { Actor } from '../../workflows/roles';
import { newCaseId } from '../../domain/ids';
import { updateCase } from './case-update';

/** Actors for workflow tests, one per role. */
export const actors = {
  mentor: { userId: 'mentor-1', role: 'mentor' },
  team: { userId: 'team-1', role: 'operationsTeam' },
  district: { userId: 'district-1', role: 'district' },
  province: { userId: 'province-1', role: 'province' },
  agency: { userId: 'agency-1', role: 'agency', agencyCode: 'CDD' },
  otherAgency: { userId: 'agency-2', role: 'agency', agencyCode: 'LAO' },
  supervisor: { userId: 'sup-1', role: 'supervisor' },
} satisfies Record<string, Actor>;

export const DAY = 24 * 60 * 60 * 1000;

export function testHousehold(overrides: Partial<Household> = {}): Household {
  const id = `t${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  return {
    householdId: id,
    provinceCode: '64',
    districtCode: '6401',
    subdistrictCode: '640101',
    headName: 'สมชาย ใจดี',
    members: [{ name: 'สมชาย ใจดี', birthYear: 1975 }],
    source: 'tpmap',
    failedIndicators: ['I3', 'L1'],
    ...overrides,
  };
}

export async function openCase(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  options: { household?: Household; historyLimit?: number } = {},
): Promise<WorkflowHandle> {
  const household = options.household ?? testHousehold();
  return env.client.workflow.start('householdCaseWorkflow', {
    workflowId: newCaseId(),
    taskQueue,
    args: [{ household, policy: { ...DEFAULT_POLICY, provinceCode: household.provinceCode }, openedBy: 'test', ...(options.historyLimit ? { historyLimit: options.historyLimit } : {}) }],
  });
}

export const state = (handle: WorkflowHandle): Promise<CaseState> => handle.query(M.caseStateQuery);

/** Verified, analysed with two problems (income, living) and planned: waiting for assignment. */
export async function caseAtAssignment(env: TestWorkflowEnvironment, taskQueue: string, householdType: 'canDevelop' | 'welfare' = 'canDevelop') {
  const handle = await openCase(env, taskQueue);
  await updateCase(handle, M.verifyTargetUpdate, { args: [{ actor: actors.team, outcome: 'confirmed' }] });
  await updateCase(handle, M.recordAnalysisUpdate, {
    args: [
      {
        actor: actors.mentor,
        attitude: 'อยากพัฒนาตนเอง',
        skills: 'ทำนา เย็บผ้า',
        resources: 'ที่ดิน 3 ไร่',
        wayOut: 'ปลูกผักขาย',
        householdType,
        problems: [
          { dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำกว่าเกณฑ์' },
          { dimension: 'living', indicator: 'L1', description: 'บ้านทรุดโทรม' },
        ],
      },
    ],
  });
  const planned = await updateCase(handle, M.recordPlanUpdate, {
    args: [{ actor: actors.mentor, goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ปลูกผักสวนครัว', supportBy: 'DOAE' }, { dimension: 'living', problemIndex: 1, action: 'ซ่อมบ้าน', supportBy: 'LAO' }] }],
  });
  return { handle, planned };
}

export async function assignAll(handle: WorkflowHandle, s: CaseState, actor: Actor = actors.district): Promise<CaseState> {
  const open = s.problems.filter((p) => p.status === 'open');
  return updateCase(handle, M.assignProblemsUpdate, {
    args: [{ actor, assignments: open.map((p) => ({ problemId: p.id, agencyCode: p.dimension === 'income' ? 'CDD' : 'LAO' })) }],
  });
}

/** The failure type an update was rejected with (the API maps it to 409, 403 or 422). */
export async function rejection(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    const cause = (error as { cause?: { type?: string } }).cause;
    return cause?.type ?? (error as Error).message;
  }
}

/** The failure type, and the stable code and field of its details, an update was rejected with. */
export async function rejectionDetail(promise: Promise<unknown>): Promise<{ type?: string; code?: string; field?: string } | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    const cause = (error as { cause?: { type?: string; details?: Array<{ code?: string; field?: string }> } }).cause;
    return { type: cause?.type, ...cause?.details?.[0] };
  }
}
