import fc from 'fast-check';
import type { TSchema } from '@sinclair/typebox';
import { ApplicationFailure } from '@temporalio/common';
import * as S from '../../domain/contract/case-actions';
import * as KS from '../../domain/contract/corrections';
import * as K from '../../workflows/household-case/corrections';
import type { AssistanceTaskInput } from '../../workflows/assistance-task/types';
import * as M from '../../workflows/household-case/messages';
import { ACTION_RULES, type CaseAction } from '../../workflows/household-case/rules';
import { nextVisit, openCaseState } from '../../workflows/household-case/state';
import * as T from '../../workflows/household-case/transitions';
import type { CaseState, Household } from '../../workflows/household-case/types';
import { DEFAULT_POLICY } from '../../workflows/policy';
import { isCalendarDate, REJECTION, REJECTION_CODES } from '../../workflows/rejections';
import { ROLES, type Actor } from '../../workflows/roles';
import { arbitraryOf } from './schema-arbitrary';

/**
 * A model of caseworkers acting on one case at random, for property tests: each step is an
 * action by some role with a body the API would accept (generated from the route's TypeBox
 * schema), or a task of the case ending. References to the case's own problems and nesting
 * area codes are patched in from the state as it stands, so runs get past the first refusals.
 */
export const CASE_UPDATES: Record<CaseAction, { schema: TSchema | null; update: unknown; validate: (s: CaseState, i: never, now: string) => void; apply: (s: CaseState, i: never, now: string) => T.Effect[] }> = {
  verifyTarget: { schema: S.VerifyBody, update: M.verifyTargetUpdate, validate: T.validateVerify, apply: T.applyVerify },
  recordAnalysis: { schema: S.AnalysisBody, update: M.recordAnalysisUpdate, validate: T.validateAnalysis, apply: T.applyAnalysis },
  recordPlan: { schema: S.PlanBody, update: M.recordPlanUpdate, validate: T.validatePlan, apply: T.applyPlan },
  giveRelief: { schema: S.ReliefBody, update: M.giveReliefUpdate, validate: T.validateRelief, apply: T.applyRelief },
  assignProblems: { schema: S.AssignBody, update: M.assignProblemsUpdate, validate: T.validateAssign, apply: T.applyAssign },
  escalateCase: { schema: S.ReasonBody, update: M.escalateCaseUpdate, validate: T.validateEscalate, apply: T.applyEscalate },
  returnToDistrict: { schema: S.InstructionsBody, update: M.returnToDistrictUpdate, validate: T.validateReturnToDistrict, apply: T.applyReturnToDistrict },
  recordFollowUp: { schema: S.FollowUpBody, update: M.recordFollowUpUpdate, validate: T.validateFollowUp, apply: T.applyFollowUp },
  pauseCase: { schema: S.PauseBody, update: M.pauseCaseUpdate, validate: T.validatePause, apply: T.applyPause },
  resumeCase: { schema: S.EmptyBody, update: M.resumeCaseUpdate, validate: T.validateResume, apply: T.applyResume },
  transferCase: { schema: S.TransferBody, update: M.transferCaseUpdate, validate: T.validateTransfer, apply: T.applyTransfer },
  closeCase: { schema: S.CloseBody, update: M.closeCaseUpdate, validate: T.validateClose, apply: T.applyClose },
  reopenCase: { schema: S.ReasonBody, update: M.reopenCaseUpdate, validate: T.validateReopen, apply: T.applyReopen },
  // No API route: supervisors migrate through a script with a policy from the policy table.
  migratePolicy: { schema: null, update: M.migratePolicyUpdate, validate: T.validateMigratePolicy, apply: T.applyMigratePolicy },
  amendRelief: { schema: KS.AmendReliefBody, update: M.amendReliefUpdate, validate: K.validateAmendRelief, apply: K.applyAmendRelief },
  voidRelief: { schema: KS.VoidReliefBody, update: M.voidReliefUpdate, validate: K.validateVoidRelief, apply: K.applyVoidRelief },
  amendAnalysis: { schema: KS.AmendAnalysisBody, update: M.amendAnalysisUpdate, validate: K.validateAmendAnalysis, apply: K.applyAmendAnalysis },
  amendProblems: { schema: KS.AmendProblemsBody, update: M.amendProblemsUpdate, validate: K.validateAmendProblems, apply: K.applyAmendProblems },
  amendPlan: { schema: KS.AmendPlanBody, update: M.amendPlanUpdate, validate: K.validateAmendPlan, apply: K.applyAmendPlan },
  amendMember: { schema: KS.AmendMemberBody, update: M.amendMemberUpdate, validate: K.validateAmendMember, apply: K.applyAmendMember },
};

const ACTIONS = Object.keys(CASE_UPDATES) as CaseAction[];

const policyArbitrary = fc.record({
  version: fc.constantFrom('default-1', 'default-2', 'province-64-3'),
  dueDays: fc.record({ verification: fc.integer({ min: 1, max: 90 }), analysis: fc.integer({ min: 1, max: 90 }), districtAssignment: fc.integer({ min: 1, max: 90 }), assistance: fc.integer({ min: 1, max: 365 }) }),
  followUpMonths: fc.array(fc.integer({ min: 1, max: 24 }), { minLength: 1, maxLength: 3 }),
});

export type Step =
  | { kind: 'update'; action: CaseAction; actor: Actor; body: Record<string, unknown>; picks: number[]; days: number }
  | { kind: 'taskEnded'; pick: number; status: 'done' | 'returned' | 'cancelled'; days: number };

/**
 * How often each action is tried: the steps that move a case forward more often than those that
 * end or restart it, so that runs reach assistance and follow-up and not only closure.
 */
const WEIGHTS: Record<CaseAction, number> = {
  verifyTarget: 12,
  recordAnalysis: 12,
  recordPlan: 12,
  giveRelief: 2,
  assignProblems: 15,
  escalateCase: 2,
  returnToDistrict: 2,
  recordFollowUp: 12,
  pauseCase: 2,
  resumeCase: 4,
  transferCase: 1,
  closeCase: 1,
  reopenCase: 3,
  migratePolicy: 1,
  amendRelief: 2,
  voidRelief: 1,
  amendAnalysis: 2,
  amendProblems: 3,
  amendPlan: 2,
  amendMember: 2,
};

const makeBody = (action: CaseAction): fc.Arbitrary<Record<string, unknown>> => {
  const schema = CASE_UPDATES[action].schema;
  if (!schema) return policyArbitrary.map((p) => ({ policy: { ...DEFAULT_POLICY, ...p } }));
  const body = arbitraryOf(schema) as fc.Arbitrary<Record<string, unknown>>;
  // Most verifications confirm: the other outcomes end or restart the case.
  if (action === 'verifyTarget') return fc.oneof({ weight: 3, arbitrary: body.map((b) => ({ ...b, outcome: 'confirmed' })) }, { weight: 2, arbitrary: body });
  // Most households can develop (declining help closes the case).
  if (action === 'recordAnalysis') return fc.oneof({ weight: 3, arbitrary: body.map((b) => ({ ...b, householdType: 'canDevelop' })) }, { weight: 2, arbitrary: body });
  return body;
};

// Built once: compiling the schemas' patterns for every step would dominate the run.
const BODIES = Object.fromEntries(ACTIONS.map((action) => [action, makeBody(action)])) as Record<CaseAction, fc.Arbitrary<Record<string, unknown>>>;
const ROLE_OF = Object.fromEntries(
  ACTIONS.map((action) => [action, fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ACTION_RULES[action].roles) }, { weight: 1, arbitrary: fc.constantFrom(...ROLES) })]),
) as Record<CaseAction, fc.Arbitrary<(typeof ROLES)[number]>>;

const updateStep: fc.Arbitrary<Step> = fc.oneof(...ACTIONS.map((action) => ({ weight: WEIGHTS[action], arbitrary: fc.constant(action) }))).chain((action) => {
  // Mostly a role the table allows (to get somewhere), sometimes any role (to be refused).
  const role = ROLE_OF[action];
  const body = BODIES[action];
  return fc.record({
    kind: fc.constant('update' as const),
    action: fc.constant(action),
    actor: role.map((r): Actor => ({ userId: `${r}-1`, role: r, ...(r === 'agency' ? { agencyCode: 'CDD' } : {}) })),
    body: body as fc.Arbitrary<Record<string, unknown>>,
    picks: fc.array(fc.nat({ max: 1000 }), { minLength: 6, maxLength: 6 }),
    days: fc.integer({ min: 0, max: 120 }),
  });
});

const taskEndedStep: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant('taskEnded' as const),
  pick: fc.nat({ max: 1000 }),
  // Mostly done: a returned or cancelled task sends its problem back to assignment.
  status: fc.oneof({ weight: 4, arbitrary: fc.constant('done' as const) }, { weight: 1, arbitrary: fc.constantFrom('returned' as const, 'cancelled' as const) }),
  days: fc.integer({ min: 0, max: 120 }),
});

export const stepsArbitrary = (maxLength: number) => fc.array(fc.oneof({ weight: 4, arbitrary: updateStep }, { weight: 1, arbitrary: taskEndedStep }), { minLength: Math.ceil(maxLength / 2), maxLength });

/**
 * Puts the case's own problem IDs and nesting area codes into a generated body, by the step's
 * picks: lists of assignments or results name distinct problems (assignments the open ones), and
 * now and then the generated, unknown values are left in to be refused.
 */
export function patchBody(state: CaseState, body: Record<string, unknown>, picks: number[]): Record<string, unknown> {
  let n = 0;
  const pick = (): number => picks[n++ % picks.length];
  const keepGenerated = (): boolean => pick() % 8 === 0;
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) {
      const candidates = key === 'assignments' ? state.problems.filter((p) => p.status === 'open') : state.problems;
      if ((key === 'assignments' || key === 'results') && candidates.length > 0 && !keepGenerated()) {
        const base = pick();
        return value.slice(0, candidates.length).map((v, i) => ({ ...(walk(v) as object), problemId: candidates[(base + i) % candidates.length].id }));
      }
      return value.map((v) => walk(v));
    }
    if (!value || typeof value !== 'object') {
      if (key === 'problemId' && state.problems.length > 0 && !keepGenerated()) return state.problems[pick() % state.problems.length].id;
      if (key === 'problemIndex' && typeof value === 'number' && !keepGenerated()) return pick() % Math.max(1, state.problems.length);
      return value;
    }
    const object = value as Record<string, unknown>;
    if ((key === 'to' || key === 'movedTo') && typeof object.provinceCode === 'string' && !keepGenerated()) {
      const province = object.provinceCode;
      const district = `${province}${String(object.districtCode).slice(2, 4)}`;
      return { provinceCode: province, districtCode: district, subdistrictCode: `${district}${String(object.subdistrictCode).slice(4, 6)}` };
    }
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, walk(v, k)]));
  };
  return walk(body) as Record<string, unknown>;
}

export function testCase(now: string): CaseState {
  const household: Household = { householdId: 't1', provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', members: [{ name: 'ก', birthYear: 1950 }], source: 'tpmap', failedIndicators: ['I3', 'L1'] };
  return openCaseState('household-case-t1', household, DEFAULT_POLICY, now);
}

/** A rejection is an ApplicationFailure with a known code; a 422 always names its field; messages stay short. */
export function expectWellFormedRejection(error: unknown): void {
  if (!(error instanceof ApplicationFailure)) throw new Error(`a validator threw something other than a rejection: ${String(error)}`);
  const detail = error.details?.[0] as { code?: string; field?: string } | undefined;
  if (!detail?.code || !(REJECTION_CODES as readonly string[]).includes(detail.code)) throw new Error(`rejection without a known code: ${error.message}`);
  if (error.type === REJECTION.input && typeof detail.field !== 'string') throw new Error(`a 422 without its field: ${error.message}`);
  if (error.message.length > 300) throw new Error(`an unbounded message (${error.message.length} characters)`);
}

/** What must hold of a case after any accepted action or event. */
export function expectConsistent(state: CaseState): void {
  const fail = (why: string): never => {
    throw new Error(`inconsistent case (${why}): ${JSON.stringify({ stage: state.stage, status: state.status, problems: state.problems, tasks: state.tasks }).slice(0, 1500)}`);
  };
  if (JSON.stringify(JSON.parse(JSON.stringify(state))) !== JSON.stringify(state)) fail('not plain JSON');
  if ((state.stage === 'closed') !== (state.status === 'closed')) fail('stage and status disagree on closure');
  if ((state.status === 'paused') !== (state.pause !== null)) fail('status and pause disagree');
  const { provinceCode, districtCode, subdistrictCode } = state.household;
  if (!districtCode.startsWith(provinceCode) || !subdistrictCode.startsWith(districtCode)) fail('area codes do not nest');
  for (const date of [state.dueAt, state.stageEnteredAt, state.lastProgressAt, ...state.tasks.map((t) => t.dueAt)]) if (date !== null && Number.isNaN(Date.parse(date))) fail(`bad instant ${date}`);
  for (const item of state.plan?.items ?? []) if (item.targetDate !== undefined && !isCalendarDate(item.targetDate)) fail(`plan date ${item.targetDate}`);
  // Before the plan is (re)recorded, a new analysis may have replaced the problems the old plan named.
  const planned = ['districtAssignment', 'assistance', 'followUp'].includes(state.stage);
  for (const item of state.plan?.items ?? []) if (planned && item.problemId !== undefined && !state.problems.some((p) => p.id === item.problemId)) fail('plan item names no problem');
  // Tasks and problems agree once the problems are the plan's (a case reopened after "declines
  // help" is analysed again, and its new problems replace the old ones then).
  if (state.status !== 'closed' && planned) {
    for (const task of state.tasks.filter((t) => t.status === 'open')) {
      const problem = state.problems.find((p) => p.id === task.problemId);
      if (!problem || problem.status !== 'assigned' || problem.taskId !== task.taskId) fail(`open task ${task.taskId} without its assigned problem`);
    }
    for (const problem of state.problems.filter((p) => p.status === 'assigned')) {
      if (!state.tasks.some((t) => t.taskId === problem.taskId && t.status === 'open')) fail(`assigned problem ${problem.id} without an open task`);
    }
  }
  if (state.stage === 'followUp' && !nextVisit(state)) fail('follow-up without a next visit');
}

/** The tasks a transition started, as the case's child workflows would receive them. */
export const startedTasks = (effects: T.Effect[]): AssistanceTaskInput[] => effects.flatMap((e) => (e.type === 'startTask' ? [e.task] : []));
