import { Type, type Static } from '@sinclair/typebox';

/** An assistance task as the API answers it (GET /tasks/:taskId and every task action): the UI reads this type. */
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
      Type.Object({
        seq: Type.Integer(),
        date: Type.String(),
        kind: Type.String(),
        description: Type.String(),
        baht: Type.Number(),
        items: Type.Integer(),
        by: Type.String(),
        recordedAt: Type.String({ description: 'When the server received it' }),
        recordedOnDevice: Type.Optional(Type.String({ description: 'When the agency recorded it on the phone (an activity recorded offline)' })),
        voided: Type.Optional(Type.Object({ at: Type.String(), by: Type.String(), reason: Type.String() }, { description: 'Voided by a correction: shown struck through, left out of the totals' })),
      }),
    ),
    corrections: Type.Optional(
      Type.Array(
        Type.Object({
          seq: Type.Integer(),
          change: Type.Union([Type.Literal('amend'), Type.Literal('void')]),
          at: Type.String(),
          by: Type.String(),
          reason: Type.Optional(Type.String()),
          before: Type.Record(Type.String(), Type.Unknown()),
          after: Type.Record(Type.String(), Type.Unknown()),
        }),
        { description: 'Corrections of the logbook, oldest first: who, when, why, before and after' },
      ),
    ),
    outcome: Type.Union([Type.Object({ at: Type.String(), by: Type.String(), note: Type.Optional(Type.String()), withoutCost: Type.Optional(Type.Boolean()) }), Type.Null()]),
  },
  { $id: 'TaskView' },
);
export type TaskView = Static<typeof TaskView>;
