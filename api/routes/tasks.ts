import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static, type TObject } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import * as TM from '../../workflows/assistance-task/messages';
import type { AssistanceTaskState } from '../../workflows/assistance-task/types';
import { amountRefusal, pastDayRefusal } from '../../workflows/plausibility';
import type { Refusal, RejectionCode } from '../../workflows/rejections';
import type { Actor } from '../../workflows/roles';
import { actorOf, type Principal } from '../../domain/scope';
import type { FastifyInstance } from 'fastify';
import { ApiError, refusalError } from '../errors';
import { audit, IdempotencyHeaders, updateIdFor } from '../request-context';
import * as S from '../../domain/contract/case-actions';
import * as K from '../../domain/contract/corrections';
import { withErrors } from '../schemas/common';
import { checkedBody, isRecord } from '../validation';
import { taskInScope, taskStateInScope } from '../scope';
import { TaskView } from '../views/task-view';

const TaskParams = Type.Object({ taskId: Type.String({ pattern: '^household-case-[A-Za-z0-9-]+-task-[0-9]+$', maxLength: 100 }) });
export const TASK_ROLES = ['agency', 'district', 'province', 'supervisor', 'admin'] as const;


type TypeBoxApp = Parameters<FastifyPluginAsyncTypebox>[0];

/** An agency's action on its task: the update's input is the body's schema type and the actor (one contract). */
interface TaskActionSpec<B extends TObject> {
  path: string;
  summary: string;
  body: B;
  update: UpdateDefinition<AssistanceTaskState, [Static<B> & { actor: Actor }]>;
  /** Values that fit the schema but cannot be true, refused before the workflow sees them (as its validator would). */
  plausibility?: (body: Static<B>, caseOpenedAt: string | null, now: Date) => Refusal | null;
}

/** The ordinary task update without HTTP: what the route runs, and the offline sync and conflict queue apply. */
export type TaskApply = (app: FastifyInstance, principal: Principal, task: { taskId: string; caseOpenedAt: string | null }, body: unknown, updateId: string, field?: string) => Promise<AssistanceTaskState>;

function taskApplier<B extends TObject>(spec: TaskActionSpec<B>): TaskApply {
  const bodyOfType = TypeCompiler.Compile(spec.body);
  return async (app, principal, task, raw, updateId, field = 'body') => {
    const body = checkedBody(bodyOfType, raw, field);
    const implausible = spec.plausibility?.(body, task.caseOpenedAt, new Date());
    if (implausible) throw refusalError(implausible);
    const input = { ...body, actor: actorOf(principal) };
    const handle = app.temporal.workflow.getHandle(task.taskId);
    return handle.executeUpdate(spec.update, { args: [input], updateId }).catch(async (error: unknown) => {
      // The task is in scope, so it exists: a workflow that is gone has ended (done, returned
      // or cancelled), which is a state conflict like any other wrong-state action, never a 404.
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      const ended = await handle.query(TM.taskStateQuery).catch(() => null);
      throw new ApiError(409, `the task is already ${ended?.status ?? 'ended'}`, undefined, 'TASK_ENDED' satisfies RejectionCode);
    });
  };
}

function registerTaskAction<B extends TObject>(app: TypeBoxApp, spec: TaskActionSpec<B>, apply: TaskApply): void {
  app.post(
    `/tasks/:taskId/${spec.path}`,
    {
      config: { roles: TASK_ROLES },
      schema: { tags: ['tasks'], summary: spec.summary, params: TaskParams, headers: IdempotencyHeaders, body: spec.body, response: withErrors({ 200: TaskView }, 401, 403, 404, 409, 422) },
    },
    async (request) => {
      const { taskId } = request.params;
      const task = await taskInScope(request.em, request.principal, taskId);
      const body: unknown = request.body;
      const state = await apply(app, request.principal, { taskId, caseOpenedAt: task.caseOpenedAt }, body, updateIdFor(request, `task.${spec.path}`));
      await audit(request, `task.${spec.path}`, 'task', taskId, isRecord(body) ? { ...body } : {});
      return state;
    },
  );
}

const taskAction = <B extends TObject>(spec: TaskActionSpec<B>) => {
  const apply = taskApplier(spec);
  return { path: spec.path, apply, register: (app: TypeBoxApp) => registerTaskAction(app, spec, apply) };
};

/** Logging an activity: the one task action a phone may record offline (api/services/sync-task.ts). */
export const LOG_ACTIVITY = taskAction({
  path: 'activities',
  summary: 'Log an assistance activity (a logbook entry); its date is no later than today in Bangkok and not before the case opened',
  body: S.LogActivityBody,
  update: TM.logActivityUpdate,
  plausibility: (b, caseOpenedAt, now) => pastDayRefusal(b.date, 'date', now, caseOpenedAt) ?? amountRefusal(b.baht, 'baht', 'baht'),
});

const TASK_ACTIONS = [
  LOG_ACTIVITY,
  taskAction({
    path: 'complete',
    summary: 'Complete the task: it needs a logged activity, or withoutCost: true with a note (422 TASK_NO_ACTIVITY)',
    body: S.CompleteTaskBody,
    update: TM.completeTaskUpdate,
  }),
  taskAction({ path: 'return', summary: "Return the task as beyond the agency's capacity", body: S.ReasonBody, update: TM.returnTaskUpdate }),
  // Corrections (docs/API.md, "Corrections"): also after the task ended, for a year.
  taskAction({
    path: 'amend-activity',
    summary: 'Correct a logbook activity (the agency within the correction window; then the district, with a reason)',
    body: K.AmendActivityBody,
    update: TM.amendActivityUpdate,
    plausibility: (b, caseOpenedAt, now) => (b.date === undefined ? null : pastDayRefusal(b.date, 'date', now, caseOpenedAt)) ?? (b.baht === undefined ? null : amountRefusal(b.baht, 'baht', 'baht')),
  }),
  taskAction({ path: 'void-activity', summary: 'Void a logbook activity, with a reason: it stays visible, struck through, and leaves every total', body: K.VoidActivityBody, update: TM.voidActivityUpdate }),
];

export const taskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/tasks/:taskId',
    { config: { roles: TASK_ROLES }, schema: { tags: ['tasks'], summary: 'An assistance task with its latest logbook entries, as its workflow last projected it (every answered action included)', params: TaskParams, response: withErrors({ 200: TaskView }, 401, 404) } },
    async (request) => {
      // From PostgreSQL (the row the scope check reads), so a task stays readable while the workers
      // are down or busy; a row projected before the state was kept asks the workflow.
      const { state } = await taskStateInScope(request.em, request.principal, request.params.taskId);
      return state ?? app.temporal.workflow.getHandle(request.params.taskId).query(TM.taskStateQuery);
    },
  );

  for (const action of TASK_ACTIONS) action.register(app);
};
