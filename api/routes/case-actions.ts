import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static, TObject } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import * as M from '../../workflows/household-case/messages';
import { ACTION_RULES, type CaseAction } from '../../workflows/household-case/rules';
import type { CaseState } from '../../workflows/household-case/types';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../workflows/roles';
import type { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, type Principal } from '../../domain/scope';
import { ApiError, refusalError } from '../errors';
import { amountRefusal, birthYearRefusal } from '../../workflows/plausibility';
import type { Refusal, RejectionCode } from '../../workflows/rejections';
import { claimNationalId } from '../../db/household-claims';
import { audit, IdempotencyHeaders, updateIdFor } from '../request-context';
import * as S from '../../domain/contract/case-actions';
import * as K from '../../domain/contract/corrections';
import { withErrors } from '../schemas/common';
import { checkedBody, isRecord } from '../validation';
import { caseInScope, checkReferences, type ReferenceCheck } from '../scope';
import { caseView, CaseView } from '../views/case-view';
import { caseStateAfter } from '../services/case-state';
import { CaseParams } from './cases';

/**
 * Every caseworker action on a case is a POST that waits for the workflow update and answers the
 * new state (rendered from the read model the update wrote before it answered), or 409 (wrong stage), 403 (wrong role) or 422 (bad values) with the workflow's reason.
 * The update's input type is the body's schema type and the actor (workflows' messages.ts derives
 * it from the same schema), so the compiler holds the route and the workflow to one contract.
 */
type TypeBoxApp = Parameters<FastifyPluginAsyncTypebox>[0];

interface ActionRoute {
  path: string;
  action: CaseAction;
  register: (app: TypeBoxApp) => void;
  /** The ordinary update path without HTTP: what the offline sync and the conflict queue apply. */
  apply: (app: FastifyInstance, em: EntityManager, principal: Principal, caseId: string, body: unknown, updateId: string, field?: string) => Promise<CaseState>;
}

interface ActionSpec<B extends TObject> {
  path: string;
  action: CaseAction;
  summary: string;
  body: B;
  update: UpdateDefinition<M.CaseAnswer, [Static<B> & { actor: Actor }]>;
  /** What the body names that must exist (codes, areas, other cases), checked before the workflow sees it. */
  referenceChecks?: (body: Static<B>) => ReferenceCheck[];
  /** Values that fit the schema but cannot be true, refused as the workflow's validator would. */
  plausibility?: (body: Static<B>) => Refusal | null;
  /** What must hold in PostgreSQL before the workflow sees the body (a national ID no other case holds). */
  claims?: (em: EntityManager, caseId: string, body: Static<B>) => Promise<void>;
}

const route = <B extends TObject>(spec: ActionSpec<B>): ActionRoute => {
  const apply = applier(spec);
  return { path: spec.path, action: spec.action, apply, register: (app) => registerAction(app, spec, apply) };
};

/**
 * Checks the body against the action's schema, then what it names, then runs the update. A type
 * guard compiled from the same schema ajv validated with gives the body its static type without
 * a cast; for a body that did not come through ajv (an offline action's `fields`), it is the check.
 */
function applier<B extends TObject>(spec: ActionSpec<B>): ActionRoute['apply'] {
  const bodyOfType = TypeCompiler.Compile(spec.body);
  return async (app, em, principal, caseId, raw, updateId, field = 'body') => {
    const body = checkedBody(bodyOfType, raw, field);
    const implausible = spec.plausibility?.(body);
    if (implausible) throw refusalError(implausible);
    await checkReferences(em, spec.referenceChecks?.(body) ?? []);
    await spec.claims?.(em, caseId, body);
    const input = { ...body, actor: actorOf(principal) };
    const answer = await app.temporal.workflow
      .getHandle(caseId)
      .executeUpdate(spec.update, { args: [input], updateId })
      .catch((error: unknown) => {
        // The case is in scope, so it exists: a workflow that is gone has ended (a closed
        // case whose reopen window is over), which is a state conflict, not a missing record.
        if (error instanceof WorkflowNotFoundError) throw new ApiError(409, 'the case has ended: it was closed and its reopen window is over', undefined, 'CASE_ENDED');
        throw error;
      });
    return caseStateAfter(app.temporal, em, answer);
  };
}

function registerAction<B extends TObject>(app: TypeBoxApp, spec: ActionSpec<B>, apply: ActionRoute['apply']): void {
  app.post(
    `/cases/:caseId/${spec.path}`,
    {
      config: { roles: ACTION_RULES[spec.action].roles },
      schema: {
        tags: ['case actions'],
        summary: spec.summary,
        params: CaseParams,
        headers: IdempotencyHeaders,
        body: spec.body,
        response: withErrors({ 200: CaseView }, 401, 403, 404, 409, 422),
      },
    },
    async (request) => {
      const { caseId } = request.params;
      await caseInScope(request.em, request.principal, caseId);
      const body: unknown = request.body;
      const state = await apply(app, request.em, request.principal, caseId, body, updateIdFor(request, `case.${spec.path}`));
      await audit(request, `case.${spec.path}`, 'case', caseId, isRecord(body) ? { ...body } : {});
      return caseView(state, request.principal);
    },
  );
}

const verifyChecks = (b: Static<typeof S.VerifyBody>): ReferenceCheck[] => [
  ...(b.outcome === 'moved' && b.movedTo ? [{ kind: 'area' as const, area: b.movedTo, field: 'body.movedTo' }] : []),
  ...(b.outcome === 'duplicate' && b.duplicateOf ? [{ kind: 'case' as const, caseId: b.duplicateOf, field: 'body.duplicateOf' }] : []),
];
const analysisChecks = (b: Static<typeof S.AnalysisBody>): ReferenceCheck[] => b.problems.map((p, i) => ({ kind: 'indicator' as const, code: p.indicator, dimension: p.dimension, field: `body.problems[${i}].indicator` }));
const assignChecks = (b: Static<typeof S.AssignBody>): ReferenceCheck[] =>
  b.assignments.flatMap((a, i) => [
    { kind: 'agency' as const, code: a.agencyCode, field: `body.assignments[${i}].agencyCode` },
    ...(a.menuItem ? [{ kind: 'menuItem' as const, code: a.menuItem, field: `body.assignments[${i}].menuItem` }] : []),
  ]);
const problemChecks = (b: Static<typeof K.AmendProblemsBody>): ReferenceCheck[] => [
  ...(b.add ?? []).map((p, i) => ({ kind: 'indicator' as const, code: p.indicator, dimension: p.dimension, field: `body.add[${i}].indicator` })),
];
/** An ID added to a member is deduplicated like one entered at intake (docs/PROGRAM.md, "Who enters the program"). */
const claimMemberId = async (em: EntityManager, caseId: string, b: Static<typeof K.AmendMemberBody>): Promise<void> => {
  if (typeof b.nationalId !== 'string') return;
  const holder = await claimNationalId(em, caseId, b.nationalId);
  if (holder !== caseId) throw new ApiError(422, "this national ID is a member of another household's case", 'body.nationalId', 'DUPLICATE_ENTRY' satisfies RejectionCode);
};
const transferChecks = (b: Static<typeof S.TransferBody>): ReferenceCheck[] => [{ kind: 'area' as const, area: b.to, field: 'body.to' }];

export const CASE_ACTIONS: ActionRoute[] = [
  route({ path: 'verify', action: 'verifyTarget', summary: 'Record the target verification (ตรวจสอบ)', body: S.VerifyBody, update: M.verifyTargetUpdate, referenceChecks: verifyChecks }),
  route({ path: 'analysis', action: 'recordAnalysis', summary: 'Record the 4ท analysis, the problems and the household type', body: S.AnalysisBody, update: M.recordAnalysisUpdate, referenceChecks: analysisChecks }),
  route({ path: 'plan', action: 'recordPlan', summary: 'Record the household plan', body: S.PlanBody, update: M.recordPlanUpdate }),
  route({ path: 'relief', action: 'giveRelief', summary: 'Record urgent relief given', body: S.ReliefBody, update: M.giveReliefUpdate, plausibility: (b) => amountRefusal(b.baht, 'baht', 'baht') }),
  route({ path: 'assign', action: 'assignProblems', summary: 'Assign problems to agencies (starts their tasks)', body: S.AssignBody, update: M.assignProblemsUpdate, referenceChecks: assignChecks }),
  route({ path: 'escalate', action: 'escalateCase', summary: 'Escalate the case to the province', body: S.ReasonBody, update: M.escalateCaseUpdate }),
  route({ path: 'return-to-district', action: 'returnToDistrict', summary: 'Send the case back to the district with instructions', body: S.InstructionsBody, update: M.returnToDistrictUpdate }),
  route({ path: 'follow-up', action: 'recordFollowUp', summary: 'Record a follow-up visit', body: S.FollowUpBody, update: M.recordFollowUpUpdate }),
  route({ path: 'pause', action: 'pauseCase', summary: 'Pause the case (timers stop)', body: S.PauseBody, update: M.pauseCaseUpdate }),
  route({ path: 'resume', action: 'resumeCase', summary: 'Resume a paused case', body: S.EmptyBody, update: M.resumeCaseUpdate }),
  route({ path: 'transfer', action: 'transferCase', summary: 'Transfer the case to where the household lives now', body: S.TransferBody, update: M.transferCaseUpdate, referenceChecks: transferChecks }),
  route({ path: 'close', action: 'closeCase', summary: 'Close the case', body: S.CloseBody, update: M.closeCaseUpdate }),
  route({ path: 'reopen', action: 'reopenCase', summary: 'Reopen a closed case', body: S.ReasonBody, update: M.reopenCaseUpdate }),
  // Corrections (docs/API.md, "Corrections"): each is a timeline event with who, when, why, before and after.
  route({ path: 'amend-relief', action: 'amendRelief', summary: 'Correct a relief entry (its author within the correction window; then the district, with a reason)', body: K.AmendReliefBody, update: M.amendReliefUpdate, plausibility: (b) => (b.baht === undefined ? null : amountRefusal(b.baht, 'baht', 'baht')) }),
  route({ path: 'void-relief', action: 'voidRelief', summary: 'Void a relief entry, with a reason: it stays visible, struck through, and leaves every total', body: K.VoidReliefBody, update: M.voidReliefUpdate }),
  route({ path: 'amend-analysis', action: 'amendAnalysis', summary: 'Correct the 4ท analysis (after district assignment, with a reason)', body: K.AmendAnalysisBody, update: M.amendAnalysisUpdate }),
  route({ path: 'amend-problems', action: 'amendProblems', summary: 'Add, correct or remove problems; a new problem goes back to district assignment', body: K.AmendProblemsBody, update: M.amendProblemsUpdate, referenceChecks: problemChecks }),
  route({ path: 'amend-plan', action: 'amendPlan', summary: "Correct the household plan's goal or action items", body: K.AmendPlanBody, update: M.amendPlanUpdate }),
  route({ path: 'amend-member', action: 'amendMember', summary: "Correct a member's name, birth year or sex, or add a national ID (changing or removing one: district)", body: K.AmendMemberBody, update: M.amendMemberUpdate, plausibility: (b) => birthYearRefusal(b.birthYear, 'birthYear', Date.now()), claims: claimMemberId }),
];

export const caseActionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const action of CASE_ACTIONS) action.register(app);
};
