import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { literals } from '../../domain/contract/common';
import { CASE_ACTIONS, CASE_STATUSES, CLOSURE_REASONS, DIMENSIONS, FOLLOW_UP_OUTCOMES, HOUSEHOLD_TYPES, PAUSE_REASONS, PLAN_GOALS, STAGES, VERIFICATION_OUTCOMES } from '../../domain/vocabulary';
import { allowedActions, reasonRequiredFor } from '../../workflows/household-case/rules';
import { NATIONAL_ID_CORRECTORS } from '../../workflows/correction-rules';
import type { CaseState } from '../../workflows/household-case/types';
import { maskNationalId, type Principal } from '../../domain/scope';

const Str = Type.String();
const NullableStr = Type.Union([Type.String(), Type.Null()]);
const Json = Type.Record(Type.String(), Type.Unknown());

export const CaseEventView = Type.Object({ seq: Type.Integer(), at: Str, type: Str, actor: Str, detail: Type.Optional(Json) });

const ProblemView = Type.Object({
  id: Str,
  dimension: Str,
  indicator: Str,
  description: Str,
  status: Str,
  lastOutcome: NullableStr,
  taskId: NullableStr,
});

const TaskRefView = Type.Object({
  taskId: Str,
  problemId: Str,
  agencyCode: Str,
  menuItem: Type.Optional(Str),
  level: Str,
  status: Str,
  assignedAt: Str,
  dueAt: Str,
  endedAt: NullableStr,
});

const MemberView = Type.Object({
  name: Str,
  nationalId: Type.Optional(Type.String({ description: 'Masked except for the roles that need it' })),
  birthYear: Type.Optional(Type.Integer()),
  sex: Type.Optional(Str),
  disabled: Type.Optional(Type.Boolean()),
});

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const VerificationView = Type.Object({ outcome: literals(VERIFICATION_OUTCOMES), at: Str, by: Str, note: Type.Optional(Str) });
const AnalysisView = Type.Object({ attitude: Str, skills: Str, resources: Str, wayOut: Str, householdType: literals(HOUSEHOLD_TYPES), recordedAt: Str, by: Str });
const PlanView = Type.Object({
  goal: literals(PLAN_GOALS),
  items: Type.Array(Type.Object({ id: Str, dimension: literals(DIMENSIONS), problemId: Type.Optional(Str), action: Str, supportBy: Str, targetDate: Type.Optional(Str) })),
  recordedAt: Str,
  by: Str,
});
const VoidedView = Type.Object({ at: Str, by: Str, reason: Str }, { description: 'Voided by a correction: shown struck through, left out of every total' });
const ReliefView = Type.Object({ at: Str, kind: Str, description: Str, baht: Type.Number(), items: Type.Integer(), by: Str, voided: Type.Optional(VoidedView) });
const FollowUpView = Type.Object({
  anchorAt: Str,
  visits: Type.Array(Type.Object({ no: Type.Integer(), dueAt: Str, doneAt: NullableStr, receivedAt: Type.Optional(Str), results: Type.Array(Type.Object({ problemId: Str, outcome: literals(FOLLOW_UP_OUTCOMES) })) })),
});
const PauseView = Type.Object({ reason: literals(PAUSE_REASONS), note: Type.Optional(Str), since: Str, by: Str });
const ClosureView = Type.Object({ reason: literals(CLOSURE_REASONS), at: Str, by: Str, note: Type.Optional(Str), mergedInto: Type.Optional(Str) });

export const CaseView = Type.Object(
  {
    caseId: Str,
    householdId: Str,
    houseCode: Type.Optional(Str),
    headName: Type.Optional(Str),
    address: Type.Optional(Str),
    villageNo: Type.Optional(Str),
    provinceCode: Str,
    districtCode: Str,
    subdistrictCode: Str,
    source: Str,
    members: Type.Array(MemberView),
    failedIndicators: Type.Array(Str),
    stage: literals(STAGES),
    status: literals(CASE_STATUSES),
    version: Type.Integer(),
    openedAt: Str,
    stageEnteredAt: Str,
    lastProgressAt: Str,
    dueAt: NullableStr,
    overdueLevel: Type.Integer(),
    escalated: Type.Boolean(),
    assignmentLevel: Str,
    policyVersion: Str,
    householdType: NullableStr,
    track: Str,
    exemption: NullableStr,
    verification: Nullable(VerificationView),
    analysis: Nullable(AnalysisView),
    plan: Nullable(PlanView),
    problems: Type.Array(ProblemView),
    reliefs: Type.Array(ReliefView),
    tasks: Type.Array(TaskRefView),
    followUp: Nullable(FollowUpView),
    pause: Nullable(PauseView),
    closure: Nullable(ClosureView),
    recentEvents: Type.Array(CaseEventView),
    allowedActions: Type.Array(literals(CASE_ACTIONS), { description: 'The actions the caller may take now (role and stage); the workflow re-checks each' }),
    previousCaseId: Type.Optional(Type.String({ description: 'GET /cases/:id: the earlier case of the household that this one follows (back on a target list after its reopen window)' })),
    nextCaseId: Type.Optional(Type.String({ description: 'GET /cases/:id: the newer case that follows this one' })),
    reasonRequired: Type.Array(literals(CASE_ACTIONS), { description: 'The corrections among allowedActions for which the caller gives a reason (amendMember: unless it only adds a missing national ID)' }),
    mayChangeNationalId: Type.Boolean({ description: "Whether the caller may change or remove a member's national ID (anyone who may amend a member adds a missing one)" }),
  },
  { $id: 'CaseView' },
);
export type CaseView = Static<typeof CaseView>;

/** What a caller sees of a case: national IDs masked unless the caller's role needs them. */
export function caseView(state: CaseState, principal: Principal): CaseView {
  const h = state.household;
  return {
    caseId: state.caseId,
    householdId: h.householdId,
    houseCode: h.houseCode,
    headName: h.headName,
    address: h.address,
    villageNo: h.villageNo,
    provinceCode: h.provinceCode,
    districtCode: h.districtCode,
    subdistrictCode: h.subdistrictCode,
    source: h.source,
    members: h.members.map((m) => ({ ...m, nationalId: maskNationalId(m.nationalId, principal) })),
    failedIndicators: h.failedIndicators,
    stage: state.stage,
    status: state.status,
    version: state.version,
    openedAt: state.openedAt,
    stageEnteredAt: state.stageEnteredAt,
    lastProgressAt: state.lastProgressAt,
    dueAt: state.dueAt,
    overdueLevel: state.overdueLevel,
    escalated: state.escalated,
    assignmentLevel: state.assignmentLevel,
    policyVersion: state.policy.version,
    householdType: state.householdType,
    track: state.track,
    exemption: state.exemption,
    verification: state.verification,
    analysis: state.analysis,
    plan: state.plan,
    problems: state.problems,
    reliefs: state.reliefs,
    tasks: state.tasks,
    followUp: state.followUp,
    pause: state.pause,
    closure: state.closure,
    recentEvents: state.recentEvents,
    allowedActions: allowedActions(state, principal.role),
    reasonRequired: reasonRequiredFor(state, principal.role),
    mayChangeNationalId: NATIONAL_ID_CORRECTORS.includes(principal.role),
  };
}
