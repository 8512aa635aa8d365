import type { Actor, Role } from './roles';
import { refusal, type Refusal } from './rejections';

/**
 * Who may correct what (docs/PROGRAM.md, "Corrections"): one table, read by the update validators
 * of both workflows and, through ACTION_RULES, by `allowedActions`. The author of a record (for
 * an activity: any officer of the agency that logged it) corrects it alone within the policy's
 * `correctionDays`; after that only the district, the province or oversight correct it, and they
 * always give a reason.
 */
export type CorrectionAction = 'amendRelief' | 'voidRelief' | 'amendAnalysis' | 'amendProblems' | 'amendPlan' | 'amendMember' | 'amendActivity' | 'voidActivity';

export interface CorrectionRule {
  /** Roles that may correct their own records within the window. */
  authors: Role[];
  /** Roles that may correct any record at any time, with a reason. */
  overseers: Role[];
  /** A reason even from the author within the window (a void always says why). */
  reasonAlways?: boolean;
}

const FIELD: Role[] = ['mentor', 'operationsTeam'];
const OVERSEERS: Role[] = ['district', 'province', 'supervisor', 'admin'];

export const CORRECTION_RULES: Record<CorrectionAction, CorrectionRule> = {
  amendRelief: { authors: [...FIELD, 'agency'], overseers: OVERSEERS },
  voidRelief: { authors: [...FIELD, 'agency'], overseers: OVERSEERS, reasonAlways: true },
  amendAnalysis: { authors: FIELD, overseers: OVERSEERS },
  amendProblems: { authors: FIELD, overseers: OVERSEERS },
  amendPlan: { authors: FIELD, overseers: OVERSEERS },
  // Members have no author: the field team keeps them right, saying why (adding a missing ID
  // needs no reason: member-corrections.ts); changing an ID is the district's.
  amendMember: { authors: FIELD, overseers: OVERSEERS, reasonAlways: true },
  amendActivity: { authors: ['agency'], overseers: OVERSEERS },
  voidActivity: { authors: ['agency'], overseers: OVERSEERS, reasonAlways: true },
};

/** Who changes or removes a member's national ID (adding a missing one is open to whoever amends members). */
export const NATIONAL_ID_CORRECTORS: readonly Role[] = OVERSEERS;

export const correctionRoles = (action: CorrectionAction): Role[] => [...CORRECTION_RULES[action].authors, ...CORRECTION_RULES[action].overseers];

/** What a correction is about: who recorded it and when; null for records without an author (members). */
export interface CorrectionSubject {
  by: string;
  at: string;
}

export interface CorrectionRequest {
  action: CorrectionAction;
  actor: Actor;
  subject: CorrectionSubject | null;
  reason: string | undefined;
  now: string;
  windowDays: number;
  /** Whether the actor counts as the record's author (default: the same user). */
  isAuthor?: (actor: Actor, subject: CorrectionSubject) => boolean;
  /** The stage still allows the record to be changed: any author role may, without a reason. */
  stageAllows?: boolean;
}

const DAY_MS = 86_400_000;

/**
 * Whether `role` gives a reason for this correction when it may make it, as correctionRefusal
 * asks: an overseer always, an author for a void, and past the stage where the record is made
 * (`stageAllows === false`). What the UI reads to ask for a reason (CaseView.reasonRequired).
 */
export function reasonRequired(action: CorrectionAction, role: Role, stageAllows?: boolean): boolean {
  const rule = CORRECTION_RULES[action];
  return rule.overseers.includes(role) || !!rule.reasonAlways || stageAllows === false;
}

/** Why `actor` may not make this correction, or null when they may. */
export function correctionRefusal(r: CorrectionRequest): Refusal | null {
  const rule = CORRECTION_RULES[r.action];
  const hasReason = typeof r.reason === 'string' && r.reason.trim().length > 0;
  const needReason = (): Refusal | null => (hasReason ? null : refusal('input', 'REASON_REQUIRED', 'a reason is required for this correction', 'reason'));
  if (rule.overseers.includes(r.actor.role)) return needReason();
  if (!rule.authors.includes(r.actor.role)) return refusal('role', 'FORBIDDEN_ROLE', `a ${r.actor.role} may not ${r.action}`);
  if (r.stageAllows || r.subject === null) return rule.reasonAlways ? needReason() : null;
  const isAuthor = r.isAuthor ?? ((actor, subject) => actor.userId === subject.by);
  if (!isAuthor(r.actor, r.subject)) return refusal('role', 'NOT_AUTHOR', 'only its author corrects a record alone; ask the district');
  if (Date.parse(r.now) - Date.parse(r.subject.at) > r.windowDays * DAY_MS) {
    return refusal('role', 'CORRECTION_WINDOW_OVER', `the ${r.windowDays}-day correction window is over; the district corrects it now, with a reason`);
  }
  // Past the stage where the record is made, even the author says why: the rule the UI reads
  // (reasonRequired), so what it asks for and what is refused cannot drift apart.
  return reasonRequired(r.action, r.actor.role, r.stageAllows) ? needReason() : null;
}
