import { caseLinksOf } from '../../db/case-links';
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { claimHousehold, releaseClaims } from '../../db/household-claims';
import { activePolicy } from '../../db/policies';
import { projectCaseSnapshot } from '../../db/read-model/projection';
import { newCaseId } from '../../domain/ids';
import { openingState, startSearchAttributes } from '../../workflows/household-case/opening';
import type { householdCaseWorkflow } from '../../workflows/household-case/workflow';
import type { Household, HouseholdCaseInput } from '../../workflows/household-case/types';
import { areaInScope } from '../../domain/scope';
import { ApiError, notFound } from '../errors';
import { audit, idempotencyKey, IdempotencyHeaders } from '../request-context';
import { withErrors } from '../schemas/common';
import { HouseholdInput } from '../../domain/contract/household';
import { caseStateInScope } from '../scope';
import { checkHouseholdAgainstDatabase } from '../../db/household-intake';
import { checkHouseholdShape } from '../../domain/intake';
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
      if (!areaInScope(request.principal, household)) throw new ApiError(403, 'the household lies outside your area', 'body.household.subdistrictCode', 'OUTSIDE_AREA');
      const em = request.em;
      // Opaque, and the same for a retry with the same Idempotency-Key: one whose first try started
      // the case but died before it answered finds its own case (its household now in the read model).
      const key = idempotencyKey(request);
      const caseId = newCaseId(key ? `case.open\n${request.principal.userId}\n${key}` : undefined);
      if (key && (await em.execute('select 1 from household_case where id = ?', [caseId])).length > 0) return reply.status(201).send({ caseId });
      const problem = checkHouseholdShape(household, 'body.household') ?? (await checkHouseholdAgainstDatabase(em, household, 'body.household'));
      if (problem) throw new ApiError(problem.kind === 'duplicate' ? 409 : 422, problem.message, problem.field, problem.code);
      const conflict = await em.transactional((tx) => claimHousehold(tx, { caseId, household }));
      if (conflict) throw new ApiError(409, 'this household is already in the program', `body.household.${conflict.field}`, 'CASE_EXISTS', conflict.existingCaseId);
      const openedAt = new Date().toISOString();
      const caseInput: HouseholdCaseInput = { household, policy: await activePolicy(em, household.provinceCode), openedBy: request.principal.userId, openedAt, projectsLocally: true };
      const opening = openingState(caseId, caseInput, openedAt);
      try {
        await app.temporal.workflow.start<typeof householdCaseWorkflow>('householdCaseWorkflow', {
          workflowId: caseId,
          taskQueue: app.config.temporal.taskQueue,
          args: [caseInput],
          typedSearchAttributes: startSearchAttributes(opening),
          // A household closed long ago is reopened through its case, never entered a second time.
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
          await releaseClaims(em, [caseId]);
          throw error;
        }
        // Only this request's own retry reaches its case ID: the case it asked for is there.
        return reply.status(201).send({ caseId });
      }
      // Read-your-writes: the case is in the read model before the answer, on every replica. The
      // workflow projects the same opening too; the version guard makes the second write a no-op.
      await projectCaseSnapshot(app.orm, opening);
      await audit(request, 'case.open', 'case', caseId, { source: household.source, entryReason: household.entryReason ?? null, area: household.subdistrictCode });
      return reply.status(201).send({ caseId });
    },
  );

  app.get(
    '/cases/:caseId',
    {
      schema: {
        tags: ['cases'],
        summary: "A case's current state, as its workflow last projected it (every answered action included)",
        params: CaseParams,
        response: withErrors({ 200: CaseView }, 401, 404),
      },
    },
    async (request) => {
      const { state } = await caseStateInScope(request.em, request.principal, request.params.caseId);
      if (!state) throw notFound();
      const { previousCaseId, nextCaseId } = await caseLinksOf(request.em, state.caseId);
      return { ...caseView(state, request.principal), ...(previousCaseId ? { previousCaseId } : {}), ...(nextCaseId ? { nextCaseId } : {}) };
    },
  );
};
