import { ApplicationFailure } from '@temporalio/common';
import type { Actor, Role } from '../roles';
import type { CaseState, Stage } from './types';

/**
 * Who may take which action at which stage. Update validators call `checkAllowed` before the
 * handler runs, so a rejected action leaves no trace in the case's history. The API checks role
 * and area scope first; this is the workflow's own guard, and the source of the reasons it returns.
 */
export type CaseAction =
  | 'verifyTarget'
  | 'recordAnalysis'
  | 'recordPlan'
  | 'giveRelief'
  | 'assignProblems'
  | 'escalateCase'
  | 'returnToDistrict'
  | 'recordFollowUp'
  | 'pauseCase'
  | 'resumeCase'
  | 'transferCase'
  | 'closeCase'
  | 'reopenCase'
  | 'migratePolicy';

const OPEN: Stage[] = ['verification', 'analysis', 'districtAssignment', 'assistance', 'followUp'];
const FIELD: Role[] = ['mentor', 'operationsTeam'];
const OVERSIGHT: Role[] = ['supervisor', 'admin'];

export const ACTION_RULES: Record<CaseAction, { roles: Role[]; stages: Stage[]; whilePaused?: boolean }> = {
  verifyTarget: { roles: [...FIELD, 'district', ...OVERSIGHT], stages: ['verification'] },
  recordAnalysis: { roles: [...FIELD, ...OVERSIGHT], stages: ['analysis'] },
  recordPlan: { roles: [...FIELD, ...OVERSIGHT], stages: ['analysis'] },
  giveRelief: { roles: [...FIELD, 'district', 'agency', ...OVERSIGHT], stages: ['analysis', 'districtAssignment', 'assistance', 'followUp'] },
  assignProblems: { roles: ['district', 'province', ...OVERSIGHT], stages: ['districtAssignment'] },
  escalateCase: { roles: ['district', ...OVERSIGHT], stages: OPEN },
  returnToDistrict: { roles: ['province', ...OVERSIGHT], stages: OPEN },
  recordFollowUp: { roles: [...FIELD, ...OVERSIGHT], stages: ['followUp'] },
  pauseCase: { roles: [...FIELD, 'district', 'province', ...OVERSIGHT], stages: OPEN },
  resumeCase: { roles: [...FIELD, 'district', 'province', ...OVERSIGHT], stages: OPEN, whilePaused: true },
  transferCase: { roles: ['district', 'province', ...OVERSIGHT], stages: OPEN, whilePaused: true },
  closeCase: { roles: ['district', 'province', ...OVERSIGHT], stages: OPEN, whilePaused: true },
  reopenCase: { roles: ['district', 'province', ...OVERSIGHT], stages: ['closed'] },
  migratePolicy: { roles: OVERSIGHT, stages: [...OPEN, 'closed'], whilePaused: true },
};

/** Rejections the API maps to HTTP: wrong stage → 409, wrong role → 403, bad values → 422. */
export const REJECTION = { stage: 'InvalidStage', role: 'Forbidden', input: 'InvalidInput' } as const;

export function reject(kind: keyof typeof REJECTION, message: string): never {
  throw ApplicationFailure.create({ type: REJECTION[kind], message, nonRetryable: true });
}

export function checkAllowed(state: CaseState, action: CaseAction, actor: Actor): void {
  const rule = ACTION_RULES[action];
  if (!rule.roles.includes(actor.role)) reject('role', `a ${actor.role} may not ${action}`);
  if (!rule.stages.includes(state.stage)) reject('stage', `${action} is not possible while the case is in ${state.stage}`);
  if (state.status === 'paused' && !rule.whilePaused) reject('stage', `the case is paused (${state.pause?.reason}); resume it first`);
}

export function requireText(value: string | undefined, field: string): void {
  if (!value || !value.trim()) reject('input', `${field} is required`);
}

/** The actions `role` may take on the case as it stands: what the web UI offers, by the same rules. */
export function allowedActions(state: Pick<CaseState, 'stage' | 'status'>, role: Role): CaseAction[] {
  return (Object.keys(ACTION_RULES) as CaseAction[]).filter((action) => {
    const rule = ACTION_RULES[action];
    const paused = state.status === 'paused';
    // Resuming needs a pause (validateResume says so too); everything else follows the table.
    if (action === 'resumeCase' && !paused) return false;
    return rule.roles.includes(role) && rule.stages.includes(state.stage) && (!paused || rule.whilePaused === true);
  });
}
