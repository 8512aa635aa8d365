import { Type, type Static } from '@sinclair/typebox';
import { allowedActions } from '../../workflows/household-case/rules';
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
    stage: Str,
    status: Str,
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
    verification: Type.Union([Json, Type.Null()]),
    analysis: Type.Union([Json, Type.Null()]),
    plan: Type.Union([Json, Type.Null()]),
    problems: Type.Array(ProblemView),
    reliefs: Type.Array(Json),
    tasks: Type.Array(TaskRefView),
    followUp: Type.Union([Json, Type.Null()]),
    pause: Type.Union([Json, Type.Null()]),
    closure: Type.Union([Json, Type.Null()]),
    recentEvents: Type.Array(CaseEventView),
    allowedActions: Type.Array(Str, { description: 'The actions the caller may take now (role and stage); the workflow re-checks each' }),
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
    analysis: state.analysis as unknown as Record<string, unknown> | null,
    plan: state.plan as unknown as Record<string, unknown> | null,
    problems: state.problems,
    reliefs: state.reliefs as unknown as Array<Record<string, unknown>>,
    tasks: state.tasks,
    followUp: state.followUp as unknown as Record<string, unknown> | null,
    pause: state.pause,
    closure: state.closure,
    recentEvents: state.recentEvents,
    allowedActions: allowedActions(state, principal.role),
  };
}
