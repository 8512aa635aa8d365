import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { TSchema } from '@sinclair/typebox';
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
import { caseInScope, checkReferences } from '../scope';
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
  /** Checks of codes against the reference tables, before the workflow sees them. */
  referenceChecks?: (body: Record<string, unknown>) => Array<{ table: 'agency' | 'subdistrict'; code: string; field: string }>;
}

const route = <I>(path: string, action: CaseAction, summary: string, body: TSchema, update: UpdateDefinition<CaseState, [I]>, referenceChecks?: ActionRoute['referenceChecks']): ActionRoute => ({
  path,
  action,
  summary,
  body,
  update: update as unknown as ActionRoute['update'],
  referenceChecks,
});

const area = (field: string) => (body: Record<string, unknown>) => {
  const to = body[field === 'body.to' ? 'to' : 'movedTo'] as { subdistrictCode?: string } | undefined;
  return to?.subdistrictCode ? [{ table: 'subdistrict' as const, code: to.subdistrictCode, field: `${field}.subdistrictCode` }] : [];
};

export const CASE_ACTIONS: ActionRoute[] = [
  route('verify', 'verifyTarget', 'Record the target verification (ตรวจสอบ)', S.VerifyBody, M.verifyTargetUpdate, area('body.movedTo')),
  route('analysis', 'recordAnalysis', 'Record the 4ท analysis, the problems and the household type', S.AnalysisBody, M.recordAnalysisUpdate),
  route('plan', 'recordPlan', 'Record the household plan', S.PlanBody, M.recordPlanUpdate),
  route('relief', 'giveRelief', 'Record urgent relief given', S.ReliefBody, M.giveReliefUpdate),
  route('assign', 'assignProblems', 'Assign problems to agencies (starts their tasks)', S.AssignBody, M.assignProblemsUpdate, (body) =>
    (body.assignments as Array<{ agencyCode: string }>).map((a, i) => ({ table: 'agency' as const, code: a.agencyCode, field: `body.assignments[${i}].agencyCode` })),
  ),
  route('escalate', 'escalateCase', 'Escalate the case to the province', S.ReasonBody, M.escalateCaseUpdate),
  route('return-to-district', 'returnToDistrict', 'Send the case back to the district with instructions', S.InstructionsBody, M.returnToDistrictUpdate),
  route('follow-up', 'recordFollowUp', 'Record a follow-up visit', S.FollowUpBody, M.recordFollowUpUpdate),
  route('pause', 'pauseCase', 'Pause the case (timers stop)', S.PauseBody, M.pauseCaseUpdate),
  route('resume', 'resumeCase', 'Resume a paused case', S.EmptyBody, M.resumeCaseUpdate),
  route('transfer', 'transferCase', 'Transfer the case to where the household lives now', S.TransferBody, M.transferCaseUpdate, area('body.to')),
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
