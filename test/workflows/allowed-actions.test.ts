import { ApplicationFailure } from '@temporalio/common';
import { ACTION_RULES, allowedActions, type CaseAction, type RuleState } from '../../workflows/household-case/rules';
import { openCaseState } from '../../workflows/household-case/state';
import * as K from '../../workflows/household-case/corrections';
import * as T from '../../workflows/household-case/transitions';
import { STAGES, type CaseState } from '../../workflows/household-case/types';
import { DEFAULT_POLICY } from '../../workflows/policy';
import { REJECTION, REJECTION_CODES } from '../../workflows/rejections';
import { ROLES, type Actor, type Role } from '../../workflows/roles';

const analysis = { attitude: 'a', skills: 's', resources: 'r', wayOut: 'w', householdType: 'canDevelop' as const, recordedAt: '2026-01-01T00:00:00.000Z', by: 'u1' };
/** When the validators run: within the default correction window of what u1 recorded. */
const NOW = '2026-01-03T00:00:00.000Z';
const rule = (stage: RuleState['stage'], status: RuleState['status'], more: Partial<RuleState> = {}): RuleState => ({ stage, status, assignmentLevel: 'district', analysis, ...more });

/** What the UI offers comes from the workflow's own rules: role, stage, pause and level together. */
/** The actions that move a case; corrections are offered beside them (their own test below). */
const isCorrection = (action: CaseAction): boolean => action.startsWith('amend') || action.startsWith('void');
const work = (r: RuleState, role: Role): CaseAction[] => allowedActions(r, role).filter((action) => !isCorrection(action));

describe('allowedActions', () => {
  it('offers each role only its own actions at the stage', () => {
    expect(work(rule('verification', 'active'), 'operationsTeam')).toEqual(['verifyTarget', 'pauseCase']);
    expect(work(rule('analysis', 'active'), 'mentor')).toEqual(['recordAnalysis', 'recordPlan', 'giveRelief', 'pauseCase']);
    expect(work(rule('analysis', 'active', { analysis: null }), 'mentor')).toEqual(['recordAnalysis', 'giveRelief', 'pauseCase']);
    expect(work(rule('districtAssignment', 'active'), 'district')).toEqual(expect.arrayContaining(['assignProblems', 'escalateCase', 'transferCase', 'closeCase']));
    expect(work(rule('districtAssignment', 'active'), 'mentor')).not.toContain('assignProblems');
    expect(work(rule('assistance', 'active'), 'agency')).toEqual(['giveRelief']);
    expect(work(rule('closed', 'closed'), 'district')).toEqual(['reopenCase']);
  });

  it('offers resume only while paused, and nothing that a pause forbids', () => {
    expect(work(rule('followUp', 'active'), 'mentor')).not.toContain('resumeCase');
    expect(work(rule('followUp', 'paused'), 'mentor')).toEqual(['resumeCase']);
    expect(work(rule('followUp', 'paused'), 'district')).toEqual(['resumeCase', 'transferCase', 'closeCase']);
  });

  it('after the district escalates, offers the district neither assignment nor another escalation', () => {
    const escalated = rule('districtAssignment', 'active', { assignmentLevel: 'province' });
    expect(work(escalated, 'district')).not.toEqual(expect.arrayContaining(['assignProblems']));
    expect(work(escalated, 'district')).not.toContain('escalateCase');
    expect(work(escalated, 'province')).toEqual(expect.arrayContaining(['assignProblems', 'returnToDistrict']));
  });
});

describe("allowedActions in an emergency, by the policy's emergency settings", () => {
  const inEmergency = (stage: RuleState['stage'], reliefApprover: 'mentor' | 'district', more: Partial<RuleState> = {}): RuleState =>
    rule(stage, 'paused', { pause: { reason: 'disaster' }, policy: { emergency: { assignWithoutMeeting: true, reliefApprover } }, ...more });

  it('offers urgent relief at any open stage to the roles the policy names, and assignment to the level holding the case', () => {
    expect(work(inEmergency('verification', 'mentor'), 'mentor')).toEqual(['giveRelief', 'resumeCase']);
    expect(work(inEmergency('verification', 'district'), 'mentor')).toEqual(['resumeCase']);
    expect(work(inEmergency('districtAssignment', 'district'), 'district')).toEqual(['giveRelief', 'assignProblems', 'resumeCase', 'transferCase', 'closeCase']);
    expect(work(inEmergency('districtAssignment', 'district', { assignmentLevel: 'province' }), 'district')).not.toContain('assignProblems');
  });

  it('leaves a pause for another reason, or a policy without emergency settings, as it was', () => {
    expect(work(inEmergency('analysis', 'mentor', { pause: { reason: 'householdAway' } }), 'mentor')).toEqual(['resumeCase']);
    expect(work(rule('analysis', 'paused', { pause: { reason: 'disaster' }, policy: {} }), 'mentor')).toEqual(['resumeCase']);
    expect(work(inEmergency('districtAssignment', 'district', { policy: { emergency: { assignWithoutMeeting: false, reliefApprover: 'district' } } }), 'district')).not.toContain('assignProblems');
  });
});

describe('allowedActions offers corrections of what exists, by the correction table', () => {
  const corrections = (r: RuleState, role: Role): CaseAction[] => allowedActions(r, role).filter(isCorrection);
  it('offers the field team its corrections once there is something to correct, also while paused', () => {
    expect(corrections(rule('verification', 'active'), 'mentor')).toEqual(['amendMember']);
    expect(corrections(rule('analysis', 'active', { analysis: null }), 'mentor')).toEqual(['amendRelief', 'voidRelief', 'amendMember']);
    expect(corrections(rule('followUp', 'paused', { plan: {} }), 'mentor')).toEqual(['amendRelief', 'voidRelief', 'amendAnalysis', 'amendProblems', 'amendPlan', 'amendMember']);
  });
  it('offers an agency only relief corrections on the case (its activities are on its task), and nothing on a closed case', () => {
    expect(corrections(rule('assistance', 'active', { plan: {} }), 'agency')).toEqual(['amendRelief', 'voidRelief']);
    expect(corrections(rule('closed', 'closed', { plan: {} }), 'district')).toEqual([]);
  });
});

/** A well-formed input per action for a case in `state`, so only role and stage can refuse it. */
function inputFor(action: CaseAction, actor: Actor): unknown {
  const inputs: Record<CaseAction, Record<string, unknown>> = {
    verifyTarget: { outcome: 'confirmed' },
    recordAnalysis: { attitude: 'a', skills: 's', resources: 'r', wayOut: 'w', householdType: 'canDevelop', problems: [{ dimension: 'income', indicator: 'I3', description: 'd' }] },
    recordPlan: { goal: 'survive', items: [{ dimension: 'income', problemId: 'p1', action: 'x', supportBy: 'CDD', targetDate: '2026-03-31' }] },
    giveRelief: { kind: 'food', description: 'rice', baht: 0, items: 1 },
    assignProblems: { assignments: [{ problemId: 'p1', agencyCode: 'CDD' }] },
    escalateCase: { reason: 'beyond district capacity' },
    returnToDistrict: { instructions: 'assign to LAO' },
    recordFollowUp: { results: [{ problemId: 'p1', outcome: 'solved' }] },
    pauseCase: { reason: 'other' },
    resumeCase: {},
    transferCase: { to: { provinceCode: '64', districtCode: '6405', subdistrictCode: '640501' } },
    closeCase: { reason: 'notInArea' },
    reopenCase: { reason: 'moved back' },
    migratePolicy: { policy: { ...DEFAULT_POLICY, version: 'default-2' } },
    amendRelief: { reliefNo: 1, baht: 100, reason: 'typo' },
    voidRelief: { reliefNo: 1, reason: 'entered twice' },
    amendAnalysis: { skills: 'ทอผ้า', reason: 'typo' },
    amendProblems: { change: [{ problemId: 'p1', description: 'รายได้ไม่พอ' }], reason: 'typo' },
    amendPlan: { goal: 'sustainable', reason: 'typo' },
    amendMember: { memberIndex: 0, name: 'ข', reason: 'typo' },
  };
  return { ...inputs[action], actor };
}

const VALIDATORS: Record<CaseAction, (s: CaseState, i: never, now: string) => void> = {
  verifyTarget: T.validateVerify,
  recordAnalysis: T.validateAnalysis,
  recordPlan: T.validatePlan,
  giveRelief: T.validateRelief,
  assignProblems: T.validateAssign,
  escalateCase: T.validateEscalate,
  returnToDistrict: T.validateReturnToDistrict,
  recordFollowUp: T.validateFollowUp,
  pauseCase: T.validatePause,
  resumeCase: T.validateResume,
  transferCase: T.validateTransfer,
  closeCase: T.validateClose,
  reopenCase: T.validateReopen,
  migratePolicy: T.validateMigratePolicy,
  amendRelief: K.validateAmendRelief,
  voidRelief: K.validateVoidRelief,
  amendAnalysis: K.validateAmendAnalysis,
  amendProblems: K.validateAmendProblems,
  amendPlan: K.validateAmendPlan,
  amendMember: K.validateAmendMember,
};

function caseIn(r: RuleState): CaseState {
  const state = openCaseState('household-case-t1', { householdId: 't1', provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', members: [{ name: 'ก' }], source: 'tpmap', failedIndicators: ['I3'] }, DEFAULT_POLICY, '2026-01-01T00:00:00.000Z');
  return {
    ...state,
    ...r,
    policy: state.policy,
    analysis: r.analysis ? analysis : null,
    pause: r.status === 'paused' ? { reason: 'other', since: '2026-01-02T00:00:00.000Z', by: 'district-1' } : null,
    problems: [{ id: 'p1', dimension: 'income', indicator: 'I3', description: 'd', status: 'open', lastOutcome: null, taskId: null }],
    reliefs: [{ at: '2026-01-01T00:00:00.000Z', kind: 'food', description: 'rice', baht: 50, items: 1, by: 'u1' }],
    plan: null,
  };
}

/** The validator's answer on role and stage: 'refused' when it rejects as 403 or 409, else 'accepted'. */
function verdict(action: CaseAction, state: CaseState, role: Role): 'accepted' | 'refused' {
  try {
    VALIDATORS[action](state, inputFor(action, { userId: 'u1', role, ...(role === 'agency' ? { agencyCode: 'CDD' } : {}) }) as never, NOW);
    return 'accepted';
  } catch (error) {
    if (!(error instanceof ApplicationFailure)) throw error;
    expect(REJECTION_CODES).toContain((error.details?.[0] as { code: string }).code);
    return error.type === REJECTION.stage || error.type === REJECTION.role ? 'refused' : 'accepted';
  }
}

describe('allowedActions and the validators read one table', () => {
  // Every combination, not a sample: 6 stages × 3 statuses × 2 levels × analysis or not × 7 roles × 20 actions.
  const combinations = STAGES.flatMap((stage) =>
    (['active', 'paused', 'closed'] as const).flatMap((status) =>
      (['district', 'province'] as const).flatMap((assignmentLevel) => [true, false].map((analysed) => rule(stage, status, { assignmentLevel, analysis: analysed ? analysis : null }))),
    ),
  );

  it('an action is offered exactly when its validator accepts the role and the stage', () => {
    let compared = 0;
    for (const r of combinations) {
      const state = caseIn(r);
      for (const role of ROLES) {
        const offered = new Set(allowedActions(r, role));
        for (const action of Object.keys(ACTION_RULES) as CaseAction[]) {
          expect({ ...r, analysis: !!r.analysis, role, action, verdict: verdict(action, state, role) }).toEqual({ ...r, analysis: !!r.analysis, role, action, verdict: offered.has(action) ? 'accepted' : 'refused' });
          compared++;
        }
      }
    }
    expect(compared).toBe(6 * 3 * 2 * 2 * ROLES.length * 20);
  });
});
