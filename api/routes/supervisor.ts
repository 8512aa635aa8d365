import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { escalateCaseUpdate } from '../../workflows/household-case/messages';
import type { Role } from '../../workflows/roles';
import { actorOf } from '../../domain/scope';
import { audit, IdempotencyHeaders, updateIdFor } from '../request-context';
import { ReasonBody } from '../../domain/contract/case-actions';
import { withErrors } from '../schemas/common';
import { caseInScope, checkReferences, taskInScope } from '../scope';
import { IncidentPage, IncidentQuery, incidentInScope, listIncidents, retryIncident, RetryResult, workflowProblems } from '../services/incidents';
import { caseStateAfter } from '../services/case-state';
import { CaseListPage, listCases, EscalatedQuery, OverdueQuery, reassignTask, StuckPage, StuckQuery } from '../services/supervisor';
import { caseView, CaseView } from '../views/case-view';
import { CaseParams } from './cases';

const LIST_ROLES: readonly Role[] = ['supervisor', 'admin', 'province', 'district'];
const ACTION_ROLES: readonly Role[] = ['supervisor', 'admin'];

const TaskParams = Type.Object({ taskId: Type.String({ pattern: '^household-case-[A-Za-z0-9-]+-task-[0-9]+$', maxLength: 100 }) });
const IncidentParams = Type.Object({ incidentId: Type.String({ pattern: '^[A-Za-z0-9:._-]{1,255}$' }) });
const ReassignBody = Type.Object(
  {
    agencyCode: Type.String({ minLength: 1, maxLength: 40, description: 'The agency that takes the task over' }),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

/** Overdue, escalated and stuck cases for the levels that watch others, and the supervisor's actions. */
export const supervisorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/supervisor/overdue',
    {
      config: { roles: LIST_ROLES },
      schema: { tags: ['supervisor'], summary: 'Active cases past their due date or flagged overdue', querystring: OverdueQuery, response: withErrors({ 200: CaseListPage }, 401, 403) },
    },
    async (request) => listCases(request.em, request.principal, 'overdue', request.query),
  );

  app.get(
    '/supervisor/escalated',
    {
      config: { roles: LIST_ROLES },
      schema: { tags: ['supervisor'], summary: 'Open cases escalated to the level above', querystring: EscalatedQuery, response: withErrors({ 200: CaseListPage }, 401, 403) },
    },
    async (request) => listCases(request.em, request.principal, 'escalated', request.query),
  );

  app.get(
    '/supervisor/stuck',
    {
      config: { roles: LIST_ROLES },
      schema: {
        tags: ['supervisor'],
        summary: 'Active cases without progress for N days, with open engine incidents and workflows the engine reports as failing',
        querystring: StuckQuery,
        response: withErrors({ 200: StuckPage }, 401, 403),
      },
    },
    async (request) => {
      const [cases, incidents, problems] = await Promise.all([
        listCases(request.em, request.principal, 'stuck', request.query),
        listIncidents(request.em, request.principal, { status: 'open', limit: 50 }),
        workflowProblems(request.em, app.temporal, request.principal),
      ]);
      return { ...cases, incidents, workflowProblems: problems };
    },
  );

  app.get(
    '/supervisor/incidents',
    {
      config: { roles: LIST_ROLES },
      schema: { tags: ['supervisor'], summary: 'Engine incidents: activities failing again and again', querystring: IncidentQuery, response: withErrors({ 200: IncidentPage }, 401, 403) },
    },
    async (request) => listIncidents(request.em, request.principal, request.query),
  );

  app.post(
    '/supervisor/cases/:caseId/escalate',
    {
      config: { roles: ACTION_ROLES },
      schema: {
        tags: ['supervisor'],
        summary: 'Escalate a case to the province by hand',
        params: CaseParams,
        headers: IdempotencyHeaders,
        body: ReasonBody,
        response: withErrors({ 200: CaseView }, 401, 403, 404, 409, 422),
      },
    },
    async (request) => {
      const { caseId } = request.params;
      await caseInScope(request.em, request.principal, caseId);
      const answer = await app.temporal.workflow
        .getHandle(caseId)
        .executeUpdate(escalateCaseUpdate, { args: [{ actor: actorOf(request.principal), reason: request.body.reason }], updateId: updateIdFor(request, 'supervisor.escalate') });
      await audit(request, 'supervisor.escalate', 'case', caseId, { reason: request.body.reason });
      return caseView(await caseStateAfter(app.temporal, request.em, answer), request.principal);
    },
  );

  app.post(
    '/supervisor/tasks/:taskId/reassign',
    {
      config: { roles: ACTION_ROLES },
      schema: {
        tags: ['supervisor'],
        summary: "Move a task to another agency: it is returned, and its problem assigned to the new agency; answers the case's new state",
        params: TaskParams,
        headers: IdempotencyHeaders,
        body: ReassignBody,
        response: withErrors({ 200: CaseView }, 401, 403, 404, 409, 422),
      },
    },
    async (request) => {
      const { taskId } = request.params;
      const { agencyCode, reason } = request.body;
      const task = await taskInScope(request.em, request.principal, taskId);
      await checkReferences(request.em, [{ kind: 'agency', code: agencyCode, field: 'body.agencyCode' }]);
      const answer = await reassignTask(app.temporal, {
        caseId: task.caseId,
        taskId,
        agencyCode,
        reason,
        actor: actorOf(request.principal),
        updateIds: { returnTask: updateIdFor(request, 'supervisor.reassign.return'), assign: updateIdFor(request, 'supervisor.reassign.assign') },
      });
      await audit(request, 'supervisor.reassign', 'task', taskId, { from: task.agencyCode, to: agencyCode, reason });
      return caseView(await caseStateAfter(app.temporal, request.em, answer), request.principal);
    },
  );

  app.post(
    '/supervisor/incidents/:incidentId/retry',
    {
      config: { roles: ACTION_ROLES },
      schema: {
        tags: ['supervisor'],
        summary: 'Retry a failing activity now (Temporal ResetActivity) instead of waiting for its next backoff',
        params: IncidentParams,
        headers: IdempotencyHeaders,
        response: withErrors({ 200: RetryResult }, 401, 403, 404, 409),
      },
    },
    async (request) => {
      const em = request.em;
      const incident = await incidentInScope(em, request.principal, request.params.incidentId);
      const result = await retryIncident(em, app.temporal, app.config.temporal.namespace, incident, `kaejon-api:${request.principal.userId}`);
      await audit(request, 'supervisor.incident.retry', 'incident', incident.id, { action: result.action, workflowId: incident.workflow_id });
      return result;
    },
  );
};
