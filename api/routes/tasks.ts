import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static, type TObject } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import * as TM from '../../workflows/assistance-task/messages';
import type { AssistanceTaskState } from '../../workflows/assistance-task/types';
import type { RejectionCode } from '../../workflows/rejections';
import type { Actor } from '../../workflows/roles';
import { actorOf } from '../../domain/scope';
import { ApiError } from '../errors';
import { audit, IdempotencyHeaders, updateIdFor } from '../request-context';
import * as S from '../../domain/contract/case-actions';
import { withErrors } from '../schemas/common';
import { taskInScope } from '../scope';

const TaskParams = Type.Object({ taskId: Type.String({ pattern: '^household-case-[A-Za-z0-9-]+-task-[0-9]+$', maxLength: 100 }) });
const TASK_ROLES = ['agency', 'district', 'province', 'supervisor', 'admin'] as const;

export const TaskView = Type.Object(
  {
    taskId: Type.String(),
    caseId: Type.String(),
    householdId: Type.String(),
    provinceCode: Type.String(),
    districtCode: Type.String(),
    subdistrictCode: Type.String(),
    problem: Type.Object({ id: Type.String(), dimension: Type.String(), indicator: Type.String(), description: Type.String() }),
    agencyCode: Type.String(),
    menuItem: Type.Optional(Type.String()),
    level: Type.String(),
    status: Type.String(),
    assignedAt: Type.String(),
    dueAt: Type.String(),
    overdueLevel: Type.Integer(),
    pausedSince: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer(),
    totals: Type.Object({ baht: Type.Number(), items: Type.Integer(), activities: Type.Integer() }),
    log: Type.Array(
      Type.Object({ seq: Type.Integer(), date: Type.String(), kind: Type.String(), description: Type.String(), baht: Type.Number(), items: Type.Integer(), by: Type.String(), recordedAt: Type.String() }),
    ),
    outcome: Type.Union([Type.Object({ at: Type.String(), by: Type.String(), note: Type.Optional(Type.String()), withoutCost: Type.Optional(Type.Boolean()) }), Type.Null()]),
  },
  { $id: 'TaskView' },
);

type TypeBoxApp = Parameters<FastifyPluginAsyncTypebox>[0];

/** An agency's action on its task: the update's input is the body's schema type and the actor (one contract). */
interface TaskActionSpec<B extends TObject> {
  path: string;
  summary: string;
  body: B;
  update: UpdateDefinition<AssistanceTaskState, [Static<B> & { actor: Actor }]>;
}

function registerTaskAction<B extends TObject>(app: TypeBoxApp, spec: TaskActionSpec<B>): void {
  // A type guard compiled from the schema ajv validated with: the body's static type without a cast.
  const bodyOfType = TypeCompiler.Compile(spec.body);
  app.post(
    `/tasks/:taskId/${spec.path}`,
    {
      config: { roles: TASK_ROLES },
      schema: { tags: ['tasks'], summary: spec.summary, params: TaskParams, headers: IdempotencyHeaders, body: spec.body, response: withErrors({ 200: TaskView }, 401, 403, 404, 409, 422) },
    },
    async (request) => {
      const { taskId } = request.params;
      await taskInScope(app, request.principal, taskId);
      const body: unknown = request.body;
      if (!bodyOfType.Check(body)) throw new ApiError(400, 'the body does not match its schema', 'body', 'VALIDATION');
      const input = { ...body, actor: actorOf(request.principal) };
      const handle = app.temporal.workflow.getHandle(taskId);
      const state = await handle.executeUpdate(spec.update, { args: [input], updateId: updateIdFor(request, `task.${spec.path}`) }).catch(async (error: unknown) => {
        // The task is in scope, so it exists: a workflow that is gone has ended (done, returned
        // or cancelled), which is a state conflict like any other wrong-state action, never a 404.
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        const ended = await handle.query(TM.taskStateQuery).catch(() => null);
        throw new ApiError(409, `the task is already ${ended?.status ?? 'ended'}`, undefined, 'TASK_ENDED' satisfies RejectionCode);
      });
      await audit(app, request, `task.${spec.path}`, 'task', taskId, { ...body });
      return state;
    },
  );
}

export const taskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/tasks/:taskId',
    { config: { roles: TASK_ROLES }, schema: { tags: ['tasks'], summary: 'An assistance task with its latest logbook entries', params: TaskParams, response: withErrors({ 200: TaskView }, 401, 404) } },
    async (request) => {
      await taskInScope(app, request.principal, request.params.taskId);
      return app.temporal.workflow.getHandle(request.params.taskId).query(TM.taskStateQuery);
    },
  );

  registerTaskAction(app, { path: 'activities', summary: 'Log an assistance activity (a logbook entry)', body: S.LogActivityBody, update: TM.logActivityUpdate });
  registerTaskAction(app, {
    path: 'complete',
    summary: 'Complete the task: it needs a logged activity, or withoutCost: true with a note (422 TASK_NO_ACTIVITY)',
    body: S.CompleteTaskBody,
    update: TM.completeTaskUpdate,
  });
  registerTaskAction(app, { path: 'return', summary: "Return the task as beyond the agency's capacity", body: S.ReasonBody, update: TM.returnTaskUpdate });
};
