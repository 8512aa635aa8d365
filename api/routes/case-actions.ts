import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static, TSchema } from '@sinclair/typebox';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import * as M from '../../workflows/household-case/messages';
import { ACTION_RULES, type CaseAction } from '../../workflows/household-case/rules';
import type { CaseState } from '../../workflows/household-case/types';
import type { Actor } from '../../workflows/roles';
import { actorOf } from '../auth/principal';
import { ApiError } from '../errors';
import { audit, IdempotencyHeaders, updateIdFor } from '../request-context';
import * as S from '../schemas/actions';
import { withErrors } from '../schemas/common';
import { caseInScope, checkReferences, type ReferenceCheck } from '../scope';
import { caseView, CaseView } from '../views/case-view';
import { CaseParams } from './cases';

/**
 * Every caseworker action on a case is a POST that waits for the workflow update and answers the
 * new state, or 409 (wrong stage), 403 (wrong role) or 422 (bad values) with the workflow's reason.
 */
interface ActionRoute {
  path: string;
  action: CaseAction;
  summary: string;
  body: TSchema;
  update: UpdateDefinition<CaseState, [never]>;
  /** What the body names that must exist (codes, areas, other cases), checked before the workflow sees it. */
  referenceChecks?: (body: Record<string, unknown>) => ReferenceCheck[];
}

const route = <I>(path: string, action: CaseAction, summary: string, body: TSchema, update: UpdateDefinition<CaseState, [I]>, referenceChecks?: ActionRoute['referenceChecks']): ActionRoute => ({
  path,
  action,
  summary,
  body,
  update: update as unknown as ActionRoute['update'],
  referenceChecks,
});

/** The bodies as the schemas typed them: the checks read what ajv has already let through. */
type Body<T extends TSchema> = Static<T>;
const checks =
  <T extends TSchema>(_schema: T, list: (body: Body<T>) => ReferenceCheck[]) =>
  (body: Record<string, unknown>): ReferenceCheck[] =>
    list(body as Body<T>);

const verifyChecks = checks(S.VerifyBody, (b) => [
  ...(b.outcome === 'moved' && b.movedTo ? [{ kind: 'area' as const, area: b.movedTo, field: 'body.movedTo' }] : []),
  ...(b.outcome === 'duplicate' && b.duplicateOf ? [{ kind: 'case' as const, caseId: b.duplicateOf, field: 'body.duplicateOf' }] : []),
]);
const analysisChecks = checks(S.AnalysisBody, (b) => b.problems.map((p, i) => ({ kind: 'indicator' as const, code: p.indicator, dimension: p.dimension, field: `body.problems[${i}].indicator` })));
const assignChecks = checks(S.AssignBody, (b) =>
  b.assignments.flatMap((a, i) => [
    { kind: 'agency' as const, code: a.agencyCode, field: `body.assignments[${i}].agencyCode` },
    ...(a.menuItem ? [{ kind: 'menuItem' as const, code: a.menuItem, field: `body.assignments[${i}].menuItem` }] : []),
  ]),
);
const transferChecks = checks(S.TransferBody, (b) => [{ kind: 'area' as const, area: b.to, field: 'body.to' }]);

export const CASE_ACTIONS: ActionRoute[] = [
  route('verify', 'verifyTarget', 'Record the target verification (ตรวจสอบ)', S.VerifyBody, M.verifyTargetUpdate, verifyChecks),
  route('analysis', 'recordAnalysis', 'Record the 4ท analysis, the problems and the household type', S.AnalysisBody, M.recordAnalysisUpdate, analysisChecks),
  route('plan', 'recordPlan', 'Record the household plan', S.PlanBody, M.recordPlanUpdate),
  route('relief', 'giveRelief', 'Record urgent relief given', S.ReliefBody, M.giveReliefUpdate),
  route('assign', 'assignProblems', 'Assign problems to agencies (starts their tasks)', S.AssignBody, M.assignProblemsUpdate, assignChecks),
  route('escalate', 'escalateCase', 'Escalate the case to the province', S.ReasonBody, M.escalateCaseUpdate),
  route('return-to-district', 'returnToDistrict', 'Send the case back to the district with instructions', S.InstructionsBody, M.returnToDistrictUpdate),
  route('follow-up', 'recordFollowUp', 'Record a follow-up visit', S.FollowUpBody, M.recordFollowUpUpdate),
  route('pause', 'pauseCase', 'Pause the case (timers stop)', S.PauseBody, M.pauseCaseUpdate),
  route('resume', 'resumeCase', 'Resume a paused case', S.EmptyBody, M.resumeCaseUpdate),
  route('transfer', 'transferCase', 'Transfer the case to where the household lives now', S.TransferBody, M.transferCaseUpdate, transferChecks),
  route('close', 'closeCase', 'Close the case', S.CloseBody, M.closeCaseUpdate),
  route('reopen', 'reopenCase', 'Reopen a closed case', S.ReasonBody, M.reopenCaseUpdate),
];

export const caseActionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const action of CASE_ACTIONS) {
    app.post(
      `/cases/:caseId/${action.path}`,
      {
        config: { roles: ACTION_RULES[action.action].roles },
        schema: {
          tags: ['case actions'],
          summary: action.summary,
          params: CaseParams,
          headers: IdempotencyHeaders,
          body: action.body,
          response: withErrors({ 200: CaseView }, 401, 403, 404, 409, 422),
        },
      },
      async (request) => {
        const { caseId } = request.params;
        await caseInScope(app, request.principal, caseId);
        const body = (request.body ?? {}) as Record<string, unknown>;
        await checkReferences(app, action.referenceChecks?.(body) ?? []);
        const input = { ...body, actor: actorOf(request.principal) satisfies Actor } as never;
        const state = await app.temporal.workflow
          .getHandle(caseId)
          .executeUpdate(action.update, { args: [input], updateId: updateIdFor(request, `case.${action.path}`) })
          .catch((error: unknown) => {
            // The case is in scope, so it exists: a workflow that is gone has ended (a closed
            // case whose reopen window is over), which is a state conflict, not a missing record.
            if (error instanceof WorkflowNotFoundError) throw new ApiError(409, 'the case has ended: it was closed and its reopen window is over', undefined, 'CASE_ENDED');
            throw error;
          });
        await audit(app, request, `case.${action.path}`, 'case', caseId, body);
        return caseView(state, request.principal);
      },
    );
  }
};
