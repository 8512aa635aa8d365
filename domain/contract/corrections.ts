import { Type, type TSchema } from '@sinclair/typebox';
import { DIMENSIONS, PLAN_GOALS } from '../vocabulary';
import { Baht, GregorianDate, ItemCount, literals } from './common';
import { HouseholdMemberInput } from './household';
import { Indicator, PlanBody } from './case-actions';

/**
 * The request bodies of corrections (docs/API.md, "Corrections"): amend or void a logbook
 * activity or a relief entry, amend the 4ท analysis, the problems, the plan and a member. Each
 * workflow update's input is derived from these (one contract). Every amended field is optional:
 * what is absent stays as it was. `reason` is optional in the shape; the workflow's rules say
 * when it is required (after the stage or the author's window, always for a void).
 */
const text = (max = 2000) => Type.String({ minLength: 1, maxLength: max });
const closed = <T extends Record<string, TSchema>>(props: T) => Type.Object(props, { additionalProperties: false });
const Reason = Type.Optional(text(1000));

/** A relief entry of the case, by its number (1 = the first relief given). */
const ReliefNo = Type.Integer({ minimum: 1, maximum: 10_000 });
/** A logbook activity of the task, by its number in the task's log. */
const ActivitySeq = Type.Integer({ minimum: 1, maximum: 1_000_000 });

export const AmendReliefBody = closed({
  reliefNo: ReliefNo,
  kind: Type.Optional(text(100)),
  description: Type.Optional(text(500)),
  baht: Type.Optional(Baht),
  items: Type.Optional(ItemCount),
  reason: Reason,
});

export const VoidReliefBody = closed({ reliefNo: ReliefNo, reason: text(1000) });

export const AmendAnalysisBody = closed({
  attitude: Type.Optional(text()),
  skills: Type.Optional(text()),
  resources: Type.Optional(text()),
  wayOut: Type.Optional(text()),
  /** Declining help is a closure, not a correction. */
  householdType: Type.Optional(literals(['canDevelop', 'welfare'] as const)),
  reason: Reason,
});

const ProblemFields = { dimension: literals(DIMENSIONS), indicator: Indicator, description: text(500) };

export const AmendProblemsBody = closed({
  /** New problems: each waits for district assignment. */
  add: Type.Optional(Type.Array(closed(ProblemFields), { maxItems: 40 })),
  /** Changed problems: the indicator and dimension only while the problem is unassigned. */
  change: Type.Optional(
    Type.Array(
      closed({
        problemId: Type.String({ minLength: 1, maxLength: 20 }),
        dimension: Type.Optional(ProblemFields.dimension),
        indicator: Type.Optional(Indicator),
        description: Type.Optional(ProblemFields.description),
      }),
      { maxItems: 40 },
    ),
  ),
  /** Problems recorded by mistake: only unassigned ones. */
  remove: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 40 })),
  reason: Reason,
});

export const AmendPlanBody = closed({
  goal: Type.Optional(literals(PLAN_GOALS)),
  /** The plan's action items, all of them: they replace the recorded ones. */
  items: Type.Optional(PlanBody.properties.items),
  reason: Reason,
});

export const AmendMemberBody = closed({
  /** The member's position in the household (0 = the first). */
  memberIndex: Type.Integer({ minimum: 0, maximum: 49 }),
  name: Type.Optional(text(200)),
  /** As at intake: refused as BIRTH_YEAR_IMPLAUSIBLE outside a human lifespan (workflows/plausibility.ts). */
  birthYear: HouseholdMemberInput.properties.birthYear,
  sex: Type.Optional(literals(['male', 'female'] as const)),
  /** A 13-digit ID with a valid check digit, or null to remove it (changing or removing: district only). */
  nationalId: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{13}$' }), Type.Null()])),
  reason: Reason,
});

export const AmendActivityBody = closed({
  seq: ActivitySeq,
  date: Type.Optional(GregorianDate),
  kind: Type.Optional(text(100)),
  description: Type.Optional(text(1000)),
  baht: Type.Optional(Baht),
  items: Type.Optional(ItemCount),
  reason: Reason,
});

export const VoidActivityBody = closed({
  seq: ActivitySeq,
  reason: text(1000),
  /**
   * A completed task must keep one activity or say why it was done without cost: voiding its
   * last activity needs this note when the completion recorded none.
   */
  noCostNote: Type.Optional(text(1000)),
});
