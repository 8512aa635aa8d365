import { Type, type Static } from '@sinclair/typebox';
import type { CaseState } from '../../workflows/household-case/types';

export const CaseEventView = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  type: Type.String(),
  actor: Type.String(),
  detail: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

export const CaseView = Type.Object(
  {
    caseId: Type.String(),
    householdId: Type.String(),
    provinceCode: Type.String(),
    districtCode: Type.String(),
    subdistrictCode: Type.String(),
    stage: Type.String(),
    status: Type.String(),
    version: Type.Integer(),
    openedAt: Type.String({ format: 'date-time' }),
    dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    overdueLevel: Type.Integer(),
    escalated: Type.Boolean(),
    policyVersion: Type.String(),
    recentEvents: Type.Array(CaseEventView),
  },
  { $id: 'CaseView' },
);
export type CaseView = Static<typeof CaseView>;

/** What a caller sees of a case: no member names or national IDs here. */
export function caseView(state: CaseState): CaseView {
  const h = state.household;
  return {
    caseId: state.caseId,
    householdId: h.householdId,
    provinceCode: h.provinceCode,
    districtCode: h.districtCode,
    subdistrictCode: h.subdistrictCode,
    stage: state.stage,
    status: state.status,
    version: state.version,
    openedAt: state.openedAt,
    dueAt: state.dueAt,
    overdueLevel: state.overdueLevel,
    escalated: state.escalated,
    policyVersion: state.policy.version,
    recentEvents: state.recentEvents,
  };
}
