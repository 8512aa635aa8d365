import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { WorkflowIdReusePolicy } from '@temporalio/client';
import { activePolicy } from '../../db/policies';
import { caseStateQuery, caseWorkflowId, initialSearchAttributes } from '../../workflows/household-case/messages';
import type { householdCaseWorkflow } from '../../workflows/household-case/workflow';
import type { Household } from '../../workflows/household-case/types';
import { areaInScope } from '../auth/principal';
import { ApiError } from '../errors';
import { audit, IdempotencyHeaders } from '../request-context';
import { withErrors } from '../schemas/common';
import { HouseholdInput } from '../schemas/household';
import { caseInScope } from '../scope';
import { checkHouseholdAgainstDatabase, checkHouseholdShape } from '../services/household-intake';
import { caseView, CaseView } from '../views/case-view';

export const CaseParams = Type.Object({ caseId: Type.String({ pattern: '^household-case-[A-Za-z0-9-]+$', maxLength: 80 }) });
const ADDERS = ['operationsTeam', 'mentor', 'district', 'province', 'supervisor', 'admin'] as const;

export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/cases',
    {
      config: { roles: ADDERS },
      schema: {
        tags: ['cases'],
        summary: 'Add a household to the program (a missed or vulnerable one needs its reason); starts its case',
        headers: IdempotencyHeaders,
        body: Type.Object({ household: HouseholdInput }, { additionalProperties: false }),
        response: withErrors({ 201: Type.Object({ caseId: Type.String() }) }, 401, 403, 409, 422),
      },
    },
    async (request, reply) => {
      const input = request.body.household;
      const household: Household = { ...input, householdId: input.houseCode ?? `nh-${randomUUID()}` };
      if (!areaInScope(request.principal, household)) throw new ApiError(403, 'the household lies outside your area', 'body.household.subdistrictCode');
      const em = app.orm.em.fork();
      const problem = checkHouseholdShape(household, 'body.household') ?? (await checkHouseholdAgainstDatabase(em, household, 'body.household'));
      if (problem) throw new ApiError(problem.kind === 'duplicate' ? 409 : 422, problem.message, problem.field);
      const caseId = caseWorkflowId(household.householdId);
      await app.temporal.workflow.start<typeof householdCaseWorkflow>('householdCaseWorkflow', {
        workflowId: caseId,
        taskQueue: app.config.temporal.taskQueue,
        args: [{ household, policy: await activePolicy(em, household.provinceCode), openedBy: request.principal.userId }],
        typedSearchAttributes: initialSearchAttributes(household),
        // A household closed long ago is reopened through its case, never entered a second time.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      await audit(app, request, 'case.open', 'case', caseId, { source: household.source, entryReason: household.entryReason ?? null, area: household.subdistrictCode });
      return reply.status(201).send({ caseId });
    },
  );

  app.get(
    '/cases/:caseId',
    {
      schema: {
        tags: ['cases'],
        summary: "A case's current state, read from its workflow",
        params: CaseParams,
        response: withErrors({ 200: CaseView }, 401, 404),
      },
    },
    async (request) => {
      await caseInScope(app, request.principal, request.params.caseId);
      const state = await app.temporal.workflow.getHandle(request.params.caseId).query(caseStateQuery);
      return caseView(state, request.principal);
    },
  );
};
