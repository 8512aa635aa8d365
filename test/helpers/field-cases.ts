import type { CaseView } from '../../api/views/case-view';
import { bangkokDay } from '../../workflows/plausibility';
import { freshNationalId, houseCodeIn, postOk, type useApi } from './api-harness';
import type { signedIn } from './auth';
import { eventually } from './servers';

/**
 * Preconditions for the offline tests, prepared through the API (fast, no browser): a household
 * opened in the test file's own area, brought to the stage the test needs by the roles that act there.
 */
type Api = ReturnType<typeof useApi>;
/** Who calls the API: only the session's headers are needed. */
type Session = Pick<Awaited<ReturnType<typeof signedIn>>, 'headers'>;
export interface Area {
  provinceCode: string;
  districtCode: string;
  subdistrictCode: string;
}

/** A 4ท analysis that fits any opened case: one income problem, a household that can develop. */
export const BASKET_WEAVER_ANALYSIS = {
  attitude: 'อยากมีรายได้',
  skills: 'จักสาน',
  resources: 'ไม้ไผ่',
  wayOut: 'ขายเครื่องจักสาน',
  householdType: 'canDevelop',
  problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำ' }],
};

export interface FieldCase {
  caseId: string;
  householdId: string;
}

/**
 * A TPMAP household (failing I3, the head its only member) opened by the subdistrict team, waiting
 * for verification; `household` adds to it or replaces its defaults (a village, the members, the
 * indicators). Answers once the case is in the read model.
 */
export async function openCase(api: Api, team: Session, area: Area, headName: string, household: object = {}): Promise<FieldCase> {
  const { caseId } = await postOk<{ caseId: string }>(api, team, '/cases', {
    household: { houseCode: houseCodeIn(area.districtCode), ...area, source: 'tpmap', headName, members: [{ name: headName, nationalId: freshNationalId() }], failedIndicators: ['I3'], ...household },
  });
  const row = await eventually(async () => (await api.orm().em.fork().execute<Array<{ household_id: string }>>('select household_id from household_case where id = ?', [caseId]))[0]);
  return { caseId, householdId: row.household_id };
}

/** Verified, analysed with one income problem, and planned: the case waits for the district. */
export async function planned(api: Api, mentor: Session, caseId: string): Promise<CaseView> {
  await postOk(api, mentor, `/cases/${caseId}/verify`, { outcome: 'confirmed' });
  await postOk(api, mentor, `/cases/${caseId}/analysis`, BASKET_WEAVER_ANALYSIS);
  return postOk<CaseView>(api, mentor, `/cases/${caseId}/plan`, { goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ฝึกจักสาน', supportBy: 'CDD' }] });
}

/** Planned, then assigned by the district to `agencyCode`: answers the open task, once its row is in the read model. */
export async function assigned(api: Api, who: { mentor: Session; district: Session }, caseId: string, agencyCode: string): Promise<string> {
  const view = await planned(api, who.mentor, caseId);
  const after = await postOk<CaseView>(api, who.district, `/cases/${caseId}/assign`, { assignments: [{ problemId: view.problems[0].id, agencyCode }] });
  const taskId = after.tasks[0].taskId;
  await eventually(async () => (await api.orm().em.fork().execute('select 1 from assistance_task where id = ?', [taskId]))[0]);
  return taskId;
}

/** The agency logs an activity and completes its task: the case moves on to follow-up. */
export async function completed(api: Api, agency: Session, taskId: string): Promise<void> {
  await postOk(api, agency, `/tasks/${taskId}/activities`, { date: bangkokDay(Date.now()), kind: 'อบรม', description: 'อบรมจักสาน', baht: 1500, items: 1 });
  await postOk(api, agency, `/tasks/${taskId}/complete`, { note: 'เสร็จ' });
}

/** Waits until the case's read model shows the stage (the task's end reaches the case by signal). */
export async function atStage(api: Api, caseId: string, stage: string): Promise<void> {
  await eventually(async () => (await api.orm().em.fork().execute<Array<{ stage: string }>>('select stage from household_case where id = ?', [caseId]))[0]?.stage === stage);
}
