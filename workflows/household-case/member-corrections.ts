import isValidThaiId from 'thai-id-validator';
import { correctionRefusal, NATIONAL_ID_CORRECTORS } from '../correction-rules';
import { correctionDaysOf } from '../policy';
import { birthYearRefusal } from '../plausibility';
import { raise, refusal, reject, requireText } from '../rejections';
import type * as M from './messages';
import { checkAllowed } from './rules';
import { recordEvent } from './state';
import type { Effect } from './transitions';
import type { CaseState, HouseholdMember } from './types';

/**
 * Amending a member: name, birth year and sex by the field team (with a reason) or the district;
 * a national ID may be added later by anyone who may amend (people without one still need help,
 * so adding it is completing the record, not correcting it); changing or removing an ID is the
 * district's (or above). The timeline never holds the ID itself, only that it was added, changed
 * or removed: the read model masks IDs, and the timeline must not leak them.
 */
type IdChange = 'added' | 'changed' | 'removed' | null;

function idChange(member: HouseholdMember, nationalId: string | null | undefined): IdChange {
  if (nationalId === undefined || nationalId === (member.nationalId ?? null)) return null;
  if (!member.nationalId) return 'added';
  return nationalId === null ? 'removed' : 'changed';
}

function memberChanges(member: HouseholdMember, input: M.AmendMemberInput) {
  const before: Partial<HouseholdMember> = {};
  const after: Partial<HouseholdMember> = {};
  for (const key of ['name', 'birthYear', 'sex'] as const) {
    if (input[key] === undefined || input[key] === member[key]) continue;
    Object.assign(before, { [key]: member[key] ?? null });
    Object.assign(after, { [key]: input[key] });
  }
  return { before, after };
}

export function validateAmendMember(state: CaseState, input: M.AmendMemberInput, now: string): void {
  checkAllowed(state, 'amendMember', input.actor);
  const member = Number.isInteger(input.memberIndex) ? state.household.members[input.memberIndex] : undefined;
  if (!member) reject('input', 'UNKNOWN_ENTRY', `memberIndex: the household has no member ${input.memberIndex}`, 'memberIndex');
  if (input.name !== undefined) requireText(input.name, 'name');
  const implausibleYear = birthYearRefusal(input.birthYear, 'birthYear', now);
  if (implausibleYear) raise(implausibleYear);
  if (input.sex !== undefined && input.sex !== 'male' && input.sex !== 'female') reject('input', 'INVALID_VALUE', 'sex must be male or female', 'sex');
  if (input.nationalId !== undefined && input.nationalId !== null && typeof input.nationalId !== 'string') reject('input', 'INVALID_VALUE', 'nationalId must be text or null', 'nationalId');
  if (typeof input.nationalId === 'string' && !isValidThaiId(input.nationalId)) reject('input', 'INVALID_VALUE', 'nationalId: 13 digits with a correct check digit', 'nationalId');
  if (input.nationalId !== undefined && input.nationalId !== null && state.household.members.some((m, i) => i !== input.memberIndex && m.nationalId === input.nationalId)) {
    reject('input', 'DUPLICATE_ENTRY', 'nationalId: another member of the household has this ID', 'nationalId');
  }
  const change = idChange(member, input.nationalId);
  if ((change === 'changed' || change === 'removed') && !NATIONAL_ID_CORRECTORS.includes(input.actor.role)) {
    raise(refusal('role', 'FORBIDDEN_ROLE', `only the district changes or removes a national ID (a ${input.actor.role} may add a missing one)`, 'nationalId'));
  }
  const { after } = memberChanges(member, input);
  if (Object.keys(after).length === 0 && change === null) reject('input', 'NOTHING_TO_CHANGE', 'the correction changes nothing', 'body');
  // Only adding a missing ID needs no reason; everything else is a correction, and says why
  // (amendMember's rule has reasonAlways).
  const reason = Object.keys(after).length === 0 && change === 'added' ? (input.reason ?? 'added') : input.reason;
  if (input.reason !== undefined) requireText(input.reason, 'reason');
  const refused = correctionRefusal({ action: 'amendMember', actor: input.actor, subject: null, reason, now, windowDays: correctionDaysOf(state.policy) });
  if (refused) raise(refused);
}

export function applyAmendMember(state: CaseState, input: M.AmendMemberInput, now: string): Effect[] {
  const member = state.household.members[input.memberIndex];
  const { before, after } = memberChanges(member, input);
  const change = idChange(member, input.nationalId);
  Object.assign(member, after);
  if (change === 'removed') delete member.nationalId;
  else if (change) member.nationalId = input.nationalId!;
  state.lastProgressAt = now;
  recordEvent(state, 'corrected', input.actor.userId, now, {
    item: 'member',
    ref: String(input.memberIndex),
    change: 'amend',
    ...(input.reason ? { reason: input.reason } : {}),
    before: { ...before, ...(change && change !== 'added' ? { nationalId: 'recorded' } : {}) },
    after: { ...after, ...(change ? { nationalId: change } : {}) },
  });
  return [];
}
