import isValidThaiId from 'thai-id-validator';
import type { Household } from '../workflows/household-case/types';
import { birthYearRefusal } from '../workflows/plausibility';
import type { RejectionCode } from '../workflows/rejections';

/**
 * The checks every way into the program shares (a single added household, a CSV import): the
 * area codes exist and nest, national IDs carry a valid check digit, missed and vulnerable
 * households say why, and nobody already in the program is entered again (docs/PROGRAM.md, "Who
 * enters the program"). Each problem names the field it is about.
 */
export interface IntakeProblem {
  field: string;
  message: string;
  /** 'duplicate' answers 409; everything else is invalid input (422). */
  kind: 'invalid' | 'duplicate';
  /** The stable code of an implausible value (the API answers it; without one, INVALID_VALUE). */
  code?: RejectionCode;
}

/** `now` bounds birth years (this year in Bangkok, back a human lifespan). */
export function checkHouseholdShape(h: Household, prefix = 'household', now: string | number | Date = Date.now()): IntakeProblem | null {
  if (h.members.length === 0) return { field: `${prefix}.members`, message: 'a household has at least one member', kind: 'invalid', code: 'NO_MEMBERS' };
  if (h.source === 'tpmap' && h.failedIndicators.length === 0) {
    return { field: `${prefix}.failedIndicators`, message: 'a TPMAP target fails at least one indicator', kind: 'invalid', code: 'NO_FAILED_INDICATOR' };
  }
  for (const [i, member] of h.members.entries()) {
    const implausible = birthYearRefusal(member.birthYear, `${prefix}.members[${i}].birthYear`, now);
    if (implausible) return { field: implausible.field ?? `${prefix}.members[${i}].birthYear`, message: implausible.message, kind: 'invalid', code: implausible.code };
  }
  if (!h.districtCode.startsWith(h.provinceCode)) return { field: `${prefix}.districtCode`, message: `district ${h.districtCode} is not in province ${h.provinceCode}`, kind: 'invalid' };
  if (!h.subdistrictCode.startsWith(h.districtCode)) return { field: `${prefix}.subdistrictCode`, message: `subdistrict ${h.subdistrictCode} is not in district ${h.districtCode}`, kind: 'invalid' };
  if (h.houseCode && !h.houseCode.startsWith(h.provinceCode)) return { field: `${prefix}.houseCode`, message: `house code ${h.houseCode} is not registered in province ${h.provinceCode}`, kind: 'invalid' };
  for (const [i, member] of h.members.entries()) {
    if (member.nationalId && !isValidThaiId(member.nationalId)) return { field: `${prefix}.members[${i}].nationalId`, message: 'national ID check digit is wrong', kind: 'invalid' };
  }
  const ids = h.members.map((m) => m.nationalId).filter(Boolean);
  if (new Set(ids).size !== ids.length) return { field: `${prefix}.members`, message: 'the same national ID appears twice', kind: 'invalid' };
  if ((h.source === 'missed' || h.source === 'vulnerable') && !h.entryReason?.trim()) {
    return { field: `${prefix}.entryReason`, message: `a ${h.source} household needs the reason it is added`, kind: 'invalid' };
  }
  return null;
}
