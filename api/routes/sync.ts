import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ResolveConflictBody, SyncActionBody } from '../../domain/contract/sync';
import { ApiError } from '../errors';
import { idempotencyKey, IdempotencyHeaders } from '../request-context';
import { withErrors } from '../schemas/common';
import { ConflictView, conflictViews, listConflicts, resolveConflict } from '../services/conflicts';
import { syncAction } from '../services/sync';
import { caseView, CaseView } from '../views/case-view';
import { TaskView } from '../views/task-view';

/** The offline outbox's way in, and the conflict queue it may fill (docs/API.md, "Sync"). */
const SyncResult = Type.Object({
  outcome: Type.Union([Type.Literal('applied'), Type.Literal('merged'), Type.Literal('conflict')]),
  caseId: Type.String(),
  taskId: Type.Optional(Type.String()),
  case: Type.Optional(CaseView),
  task: Type.Optional(TaskView),
  conflict: Type.Optional(ConflictView),
});
const RequiredKeyHeaders = Type.Object({ 'idempotency-key': IdempotencyHeaders.properties['idempotency-key'] });
const ConflictParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const syncRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/sync/actions',
    {
      schema: {
        tags: ['sync'],
        summary: 'Apply one field action recorded offline, or queue it as a conflict',
        headers: RequiredKeyHeaders,
        body: SyncActionBody,
        response: withErrors({ 200: SyncResult }, 401, 403, 404, 409, 422),
      },
    },
    async (request) => {
      const key = idempotencyKey(request);
      if (!key) throw new ApiError(400, 'an offline action must carry its Idempotency-Key', 'headers.idempotency-key', 'VALIDATION');
      const result = await syncAction(app, { em: request.em, principal: request.principal, idempotencyKey: key, ip: request.ip }, request.body);
      if (result.outcome === 'conflict') {
        const [conflict] = await conflictViews(request.em, [result.conflict]);
        return { outcome: result.outcome, caseId: result.caseId, conflict };
      }
      if ('task' in result) return { outcome: result.outcome, caseId: result.caseId, taskId: result.taskId, task: result.task };
      return { outcome: result.outcome, caseId: result.caseId, case: caseView(result.state, request.principal) };
    },
  );

  app.get(
    '/conflicts',
    {
      schema: {
        tags: ['sync'],
        summary: 'Open conflicts in my area, and those I sent (ข้อมูลขัดแย้ง)',
        response: withErrors({ 200: Type.Object({ items: Type.Array(ConflictView) }) }, 401),
      },
    },
    async (request) => ({ items: await listConflicts(request.em, request.principal) }),
  );

  app.post(
    '/conflicts/:id/resolve',
    {
      schema: {
        tags: ['sync'],
        summary: 'Decide a conflict: mine, theirs or an edited value, applied as an ordinary update',
        params: ConflictParams,
        headers: IdempotencyHeaders,
        body: ResolveConflictBody,
        response: withErrors({ 200: Type.Object({ conflict: ConflictView, case: Type.Optional(CaseView), task: Type.Optional(TaskView) }) }, 401, 403, 404, 409, 422),
      },
    },
    async (request) => {
      const { conflict, state, task } = await resolveConflict(app, { em: request.em, principal: request.principal, ip: request.ip, idempotencyKey: idempotencyKey(request) }, request.params.id, request.body);
      return { conflict, ...(state ? { case: caseView(state, request.principal) } : {}), ...(task ? { task } : {}) };
    },
  );
};
