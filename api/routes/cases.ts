import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { caseStateQuery, caseWorkflowId, initialSearchAttributes } from '../../workflows/household-case/messages';
import type { householdCaseWorkflow } from '../../workflows/household-case/workflow';
import type { Household } from '../../workflows/household-case/types';
import { activePolicy } from '../../db/policies';
import { withErrors } from '../schemas/common';
import { HouseholdInput } from '../schemas/household';
import { caseView, CaseView } from '../views/case-view';

const CaseParams = Type.Object({ caseId: Type.String({ pattern: '^household-case-[A-Za-z0-9-]+$', maxLength: 80 }) });

export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Open a case for a household (starts its workflow)',
        body: Type.Object({ household: HouseholdInput }, { additionalProperties: false }),
        response: withErrors({ 201: Type.Object({ caseId: Type.String() }) }, 409),
      },
    },
    async (request, reply) => {
      const input = request.body.household;
      const household: Household = { ...input, householdId: input.houseCode ?? `nh-${randomUUID()}` };
      const caseId = caseWorkflowId(household.householdId);
      await app.temporal.workflow.start<typeof householdCaseWorkflow>('householdCaseWorkflow', {
        workflowId: caseId,
        taskQueue: app.config.temporal.taskQueue,
        args: [{ household, policy: await activePolicy(app.orm.em.fork(), household.provinceCode), openedBy: 'api' }],
        typedSearchAttributes: initialSearchAttributes(household),
      });
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
        response: withErrors({ 200: CaseView }, 404),
      },
    },
    async (request) => {
      const state = await app.temporal.workflow.getHandle(request.params.caseId).query(caseStateQuery);
      return caseView(state);
    },
  );
};
