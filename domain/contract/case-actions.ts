import { Type, type TSchema } from '@sinclair/typebox';
import { DIMENSIONS, FOLLOW_UP_OUTCOMES, HAND_CLOSURE_REASONS, HOUSEHOLD_TYPES, PAUSE_REASONS, PLAN_GOALS, VERIFICATION_OUTCOMES } from '../vocabulary';
import { Baht, DistrictCode, GregorianDate, ItemCount, literals, ProvinceCode, SubdistrictCode } from './common';

/**
 * The request bodies of the caseworker and agency actions: the one contract. The API validates
 * them, and each workflow update's input type is derived from them (workflows/<name>/messages.ts), so
 * a field renamed here fails the typecheck wherever the workflows read it. The workflow re-checks
 * the meaning; these check the shape.
 */
const text = (max = 2000) => Type.String({ minLength: 1, maxLength: max });
const closed = <T extends Record<string, TSchema>>(props: T) => Type.Object(props, { additionalProperties: false });
/**
 * When the official recorded it on the phone (device time): a follow-up visit or an activity
 * recorded offline arrives later, and keeps this as its own time beside the server's time of
 * receipt. The offline sync sets it from the outbox's `recordedAt`; a time ahead of the server's
 * clock counts as now.
 */
const RecordedOnDevice = Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: 'Device time when it was recorded (offline sync)' }));

export const Dimension = literals(DIMENSIONS);
export const AreaInput = closed({ provinceCode: ProvinceCode, districtCode: DistrictCode, subdistrictCode: SubdistrictCode });
/** A TPMAP indicator (H1..A2) or a จปฐ. indicator ("jpt-1".."jpt-38"). */
export const Indicator = Type.String({ pattern: '^([HLEIA][1-4]|jpt-([1-9]|[12][0-9]|3[0-8]))$' });

export const VerifyBody = closed({
  outcome: literals(VERIFICATION_OUTCOMES),
  note: Type.Optional(text()),
  movedTo: Type.Optional(AreaInput),
  duplicateOf: Type.Optional(Type.String({ pattern: '^household-case-[A-Za-z0-9-]+$', maxLength: 80 })),
});

export const AnalysisBody = closed({
  attitude: text(),
  skills: text(),
  resources: text(),
  wayOut: text(),
  householdType: literals(HOUSEHOLD_TYPES),
  problems: Type.Array(closed({ dimension: Dimension, indicator: Indicator, description: text(500) }), { maxItems: 40 }),
});

export const PlanBody = closed({
  goal: literals(PLAN_GOALS),
  items: Type.Array(
    closed({
      dimension: Dimension,
      problemIndex: Type.Optional(Type.Integer({ minimum: 0, maximum: 39 })),
      problemId: Type.Optional(Type.String({ maxLength: 20 })),
      action: text(500),
      supportBy: text(100),
      targetDate: Type.Optional(GregorianDate),
    }),
    { minItems: 1, maxItems: 60 },
  ),
});

export const ReliefBody = closed({
  kind: text(100),
  description: text(500),
  baht: Baht,
  items: ItemCount,
});

export const AssignBody = closed({
  assignments: Type.Array(
    closed({
      problemId: Type.String({ minLength: 1, maxLength: 20 }),
      agencyCode: Type.String({ minLength: 1, maxLength: 40 }),
      menuItem: Type.Optional(Type.String({ maxLength: 60 })),
      dueDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 730 })),
    }),
    { minItems: 1, maxItems: 40 },
  ),
});

export const ReasonBody = closed({ reason: text() });
export const InstructionsBody = closed({ instructions: text() });
export const NoteBody = closed({ note: Type.Optional(text()) });
/**
 * Completing a task counts its household as helped, so it needs an activity in the logbook, or
 * the agency's word that the work was done without cost (`withoutCost: true`) with a note saying
 * what was done (the workflow refuses otherwise: TASK_NO_ACTIVITY).
 */
export const CompleteTaskBody = closed({ note: Type.Optional(text()), withoutCost: Type.Optional(Type.Boolean()) });
export const EmptyBody = closed({});

export const FollowUpBody = closed({
  results: Type.Array(closed({ problemId: Type.String({ minLength: 1, maxLength: 20 }), outcome: literals(FOLLOW_UP_OUTCOMES) }), { minItems: 1, maxItems: 40 }),
  note: Type.Optional(text()),
  recordedOnDevice: RecordedOnDevice,
});

export const PauseBody = closed({ reason: literals(PAUSE_REASONS), note: Type.Optional(text()) });
export const TransferBody = closed({ to: AreaInput, note: Type.Optional(text()) });
export const CloseBody = closed({ reason: literals(HAND_CLOSURE_REASONS), note: Type.Optional(text()) });

/** `date`: the day it happened, no later than today in Bangkok and not before the case opened. */
export const LogActivityBody = closed({
  date: GregorianDate,
  kind: text(100),
  description: text(1000),
  baht: Baht,
  items: ItemCount,
  recordedOnDevice: RecordedOnDevice,
});
