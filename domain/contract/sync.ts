import { Type, type Static } from '@sinclair/typebox';
import { literals } from './common';

/**
 * The offline outbox's contract (docs/API.md, "Sync"): one field action recorded on a device,
 * sent later with the version it was based on. A case action names its case (`caseId`, the case
 * version); an agency's logbook activity names its task (`taskId`, the task version), since a task
 * is its own record with its own owner. `fields` is the body of the ordinary action
 * (domain/contract/case-actions.ts), checked against that action's own schema.
 */
export const SYNC_ACTIONS = ['verify', 'analysis', 'plan', 'relief', 'follow-up'] as const;
export type SyncAction = (typeof SYNC_ACTIONS)[number];
/** Actions on an assistance task (POST /tasks/:taskId/activities). */
export const TASK_SYNC_ACTIONS = ['activity'] as const;
export type TaskSyncAction = (typeof TASK_SYNC_ACTIONS)[number];
export const ALL_SYNC_ACTIONS = [...SYNC_ACTIONS, ...TASK_SYNC_ACTIONS] as const;
export type AnySyncAction = (typeof ALL_SYNC_ACTIONS)[number];

/** Why an action was not applied and waits for a person. */
export const CONFLICT_REASONS = ['FIELD_CHANGED', 'STAGE_MOVED', 'CASE_TRANSFERRED', 'CASE_ENDED', 'TASK_ENDED'] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

export const CONFLICT_CHOICES = ['mine', 'theirs', 'edited'] as const;

const recorded = {
  fields: Type.Object({}, { additionalProperties: true, description: "The ordinary action's body" }),
  recordedAt: Type.String({ format: 'date-time', description: 'Device time when the official recorded it (a follow-up visit and an activity keep it; the server adds its time of receipt)' }),
};

export const CaseSyncBody = Type.Object(
  {
    caseId: Type.String({ minLength: 1, maxLength: 120 }),
    action: literals(SYNC_ACTIONS),
    baseVersion: Type.Integer({ minimum: 0, description: 'The case version the device showed when the action was recorded' }),
    ...recorded,
  },
  { additionalProperties: false },
);

export const TaskSyncBody = Type.Object(
  {
    taskId: Type.String({ minLength: 1, maxLength: 100 }),
    action: literals(TASK_SYNC_ACTIONS),
    baseVersion: Type.Integer({ minimum: 0, description: 'The task version the device showed when the activity was recorded' }),
    ...recorded,
  },
  { additionalProperties: false },
);

export const SyncActionBody = Type.Union([CaseSyncBody, TaskSyncBody]);
export type SyncActionInput = Static<typeof SyncActionBody>;
export type CaseSyncInput = Static<typeof CaseSyncBody>;
export type TaskSyncInput = Static<typeof TaskSyncBody>;

export const ResolveConflictBody = Type.Object(
  {
    choice: literals(CONFLICT_CHOICES),
    value: Type.Optional(Type.Object({}, { additionalProperties: true, description: "With choice 'edited': the body to apply" })),
  },
  { additionalProperties: false },
);

/** A conflict as the queue shows it: both values, who and when, and the household by name. */
const Json = Type.Unknown();
const NullableStr = Type.Union([Type.String(), Type.Null()]);

export const ConflictView = Type.Object(
  {
    id: Type.String(),
    caseId: Type.String(),
    taskId: Type.Union([Type.String(), Type.Null()], { description: "The agency's task, for a logbook activity" }),
    headName: NullableStr,
    action: literals(ALL_SYNC_ACTIONS),
    reason: literals(CONFLICT_REASONS),
    field: NullableStr,
    mine: Type.Record(Type.String(), Json, { description: 'What the device sent (the action body)' }),
    theirs: Json,
    theirsBy: NullableStr,
    theirsByName: NullableStr,
    theirsAt: NullableStr,
    baseVersion: Type.Integer(),
    caseVersion: Type.Integer(),
    submittedBy: Type.String(),
    submittedByName: NullableStr,
    recordedAt: Type.String({ description: 'Device time' }),
    receivedAt: Type.String({ description: 'Server time of receipt' }),
    status: literals(['open', 'resolved'] as const),
  },
  { $id: 'ConflictView' },
);
export type ConflictView = Static<typeof ConflictView>;
