import type { Actor, Role } from '../roles';
import { raise, refusal, type Refusal } from '../rejections';
import { CORRECTION_RULES, correctionRoles, reasonRequired, type CorrectionAction } from '../correction-rules';
import type { CaseState, Stage } from './types';
import type { CASE_ACTIONS } from '../../domain/vocabulary';
import type { CasePolicy } from '../policy';

export { REJECTION, REJECTION_CODES, reject, requireText, type RejectionCode } from '../rejections';

/**
 * Who may take which action on the case as it stands: one table, read both by the update
 * validators (`checkAllowed`, before the handler runs, so a rejected action leaves no trace in
 * the case's history) and by `allowedActions` (what the UI offers). Whatever decides "may this
 * role do this now" lives here, so the two cannot disagree. The API checks role and area scope
 * first; input-dependent checks (a graduation needs every problem solved) stay in the validators.
 */
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** What the table reads of a case (the pause and the policy: its emergency settings). */
export type RuleState = Pick<CaseState, 'stage' | 'status' | 'assignmentLevel'> & { analysis: unknown; plan?: unknown; pause?: { reason: string } | null; policy?: Pick<CasePolicy, 'emergency'> };

export interface ActionRule {
  roles: Role[];
  stages: Stage[];
  /** May run while the case is paused (default: no). */
  whilePaused?: boolean;
  /** Further conditions on the case and the role, checked after role, stage and pause. */
  when?: (state: RuleState, role: Role) => Refusal | null;
}

const OPEN: Stage[] = ['verification', 'analysis', 'districtAssignment', 'assistance', 'followUp'];
const AFTER_VERIFICATION: Stage[] = ['analysis', 'districtAssignment', 'assistance', 'followUp'];
const FIELD: Role[] = ['mentor', 'operationsTeam'];
const OVERSIGHT: Role[] = ['supervisor', 'admin'];

export const ACTION_RULES: Record<CaseAction, ActionRule> = {
  verifyTarget: { roles: [...FIELD, 'district', ...OVERSIGHT], stages: ['verification'] },
  recordAnalysis: { roles: [...FIELD, ...OVERSIGHT], stages: ['analysis'] },
  recordPlan: {
    roles: [...FIELD, ...OVERSIGHT],
    stages: ['analysis'],
    when: (s) => (s.analysis ? null : refusal('stage', 'ANALYSIS_MISSING', 'record the 4ท analysis before the plan')),
  },
  giveRelief: { roles: [...FIELD, 'district', 'agency', ...OVERSIGHT], stages: ['analysis', 'districtAssignment', 'assistance', 'followUp'] },
  assignProblems: {
    roles: ['district', 'province', ...OVERSIGHT],
    stages: ['districtAssignment'],
    // The level that holds the case assigns it; oversight may assign at either level.
    when: (s, role) => ((role === 'district' || role === 'province') && role !== s.assignmentLevel ? refusal('role', 'WRONG_LEVEL', `the case is with the ${s.assignmentLevel}; a ${role} may not assign it`) : null),
  },
  escalateCase: {
    roles: ['district', ...OVERSIGHT],
    stages: OPEN,
    when: (s) => (s.assignmentLevel === 'province' ? refusal('stage', 'ALREADY_ESCALATED', 'the case is already with the province') : null),
  },
  returnToDistrict: {
    roles: ['province', ...OVERSIGHT],
    stages: OPEN,
    when: (s) => (s.assignmentLevel !== 'province' ? refusal('stage', 'NOT_ESCALATED', 'the case is not with the province') : null),
  },
  recordFollowUp: { roles: [...FIELD, ...OVERSIGHT], stages: ['followUp'] },
  pauseCase: { roles: [...FIELD, 'district', 'province', ...OVERSIGHT], stages: OPEN },
  resumeCase: {
    roles: [...FIELD, 'district', 'province', ...OVERSIGHT],
    stages: OPEN,
    whilePaused: true,
    when: (s) => (s.status !== 'paused' ? refusal('stage', 'NOT_PAUSED', 'the case is not paused') : null),
  },
  transferCase: { roles: ['district', 'province', ...OVERSIGHT], stages: OPEN, whilePaused: true },
  closeCase: { roles: ['district', 'province', ...OVERSIGHT], stages: OPEN, whilePaused: true },
  reopenCase: { roles: ['district', 'province', ...OVERSIGHT], stages: ['closed'] },
  migratePolicy: { roles: ['province', ...OVERSIGHT], stages: [...OPEN, 'closed'], whilePaused: true },
  // Corrections: who corrects which record, and when they need a reason, is CORRECTION_RULES
  // (per record, in the validators); here only the roles and the stages where the record exists.
  amendRelief: { roles: correctionRoles('amendRelief'), stages: AFTER_VERIFICATION, whilePaused: true },
  voidRelief: { roles: correctionRoles('voidRelief'), stages: AFTER_VERIFICATION, whilePaused: true },
  amendAnalysis: { roles: correctionRoles('amendAnalysis'), stages: AFTER_VERIFICATION, whilePaused: true, when: (s) => (s.analysis ? null : refusal('stage', 'ANALYSIS_MISSING', 'there is no 4ท analysis to amend yet')) },
  amendProblems: { roles: correctionRoles('amendProblems'), stages: AFTER_VERIFICATION, whilePaused: true, when: (s) => (s.analysis ? null : refusal('stage', 'ANALYSIS_MISSING', 'there are no problems to amend yet')) },
  amendPlan: { roles: correctionRoles('amendPlan'), stages: AFTER_VERIFICATION, whilePaused: true, when: (s) => (s.plan ? null : refusal('stage', 'WRONG_STAGE', 'there is no plan to amend yet')) },
  amendMember: { roles: correctionRoles('amendMember'), stages: OPEN, whilePaused: true },
};

/** A case paused for one of these reasons is in an emergency (docs/PROGRAM.md, "Emergencies"). */
export const EMERGENCY_PAUSE_REASONS: ReadonlySet<string> = new Set(['disaster', 'lockdown']);

/** Who records urgent relief in an emergency, by the policy's `reliefApprover`: the mentor level as ever, or the district only. */
const EMERGENCY_RELIEF_ROLES: Record<NonNullable<CasePolicy['emergency']>['reliefApprover'], Role[]> = {
  mentor: ACTION_RULES.giveRelief.roles,
  district: ['district', ...OVERSIGHT],
};

/**
 * What the case's emergency settings allow while it is paused for an emergency, which the ordinary
 * pause would refuse: urgent relief at any open stage (before verification too), by the roles the
 * policy names; and, with `assignWithoutMeeting`, assignment by the level that holds the case.
 * undefined: the settings say nothing about this action here (no emergency, no settings, another
 * action), and the ordinary rules decide.
 */
function emergencyRuling(state: RuleState, action: CaseAction, role: Role): Refusal | null | undefined {
  const settings = state.status === 'paused' && state.pause && EMERGENCY_PAUSE_REASONS.has(state.pause.reason) ? state.policy?.emergency : undefined;
  if (!settings) return undefined;
  if (action === 'giveRelief' && OPEN.includes(state.stage)) {
    return EMERGENCY_RELIEF_ROLES[settings.reliefApprover].includes(role) ? null : refusal('role', 'EMERGENCY_APPROVER_ONLY', `in an emergency, urgent relief is recorded by the ${settings.reliefApprover} (the province's policy)`);
  }
  if (action === 'assignProblems' && settings.assignWithoutMeeting && state.stage === 'districtAssignment') return ACTION_RULES.assignProblems.when?.(state, role) ?? null;
  return undefined;
}

/** Why `role` may not take `action` on the case now, or null when it may. */
export function refusalOf(state: RuleState, action: CaseAction, role: Role): Refusal | null {
  const rule = ACTION_RULES[action];
  if (!rule.roles.includes(role)) return refusal('role', 'FORBIDDEN_ROLE', `a ${role} may not ${action}`);
  const emergency = emergencyRuling(state, action, role);
  if (emergency !== undefined) return emergency;
  if (!rule.stages.includes(state.stage)) return refusal('stage', 'WRONG_STAGE', `${action} is not possible while the case is in ${state.stage}`);
  if (state.status === 'paused' && !rule.whilePaused) return refusal('stage', 'CASE_PAUSED', 'the case is paused; resume it first');
  return rule.when?.(state, role) ?? null;
}

export function checkAllowed(state: RuleState, action: CaseAction, actor: Actor): void {
  const refused = refusalOf(state, action, actor.role);
  if (refused) raise(refused);
}

/** The actions `role` may take on the case as it stands: what the web UI offers, by the same table. */
export function allowedActions(state: RuleState, role: Role): CaseAction[] {
  return (Object.keys(ACTION_RULES) as CaseAction[]).filter((action) => refusalOf(state, action, role) === null);
}

/** Whether the record may still change freely: before any task exists, the plan is still a draft. */
export const stageAllows = (state: Pick<CaseState, 'stage' | 'tasks'>): boolean => state.stage === 'analysis' || (state.stage === 'districtAssignment' && state.tasks.length === 0);

/** The corrections of the stage's own records (analysis, problems, plan): free while the plan is a draft. */
const STAGE_RECORDS: ReadonlySet<CorrectionAction> = new Set(['amendAnalysis', 'amendProblems', 'amendPlan']);
const isCorrection = (action: CaseAction): action is Extract<CorrectionAction, CaseAction> => Object.hasOwn(CORRECTION_RULES, action);

/**
 * Of the actions `role` may take now, the corrections that need a reason from them, by the
 * validators' own rules (for an author's relief or activity: none, within the window). The UI asks
 * for a reason exactly there; amendMember needs none when it only adds a missing national ID.
 */
export function reasonRequiredFor(state: RuleState & Pick<CaseState, 'tasks'>, role: Role): CaseAction[] {
  return allowedActions(state, role).filter((action) => isCorrection(action) && reasonRequired(action, role, STAGE_RECORDS.has(action) ? stageAllows(state) : undefined));
}
