import isValidThaiId from 'thai-id-validator';
import type { Household } from '../workflows/household-case/types';
import type { ErrorCode } from './error-codes';

/**
 * The checks every way into the program shares (a single added household, a CSV import): the
 * area codes exist and nest, national IDs carry a valid check digit, missed and vulnerable
 * households say why, and nobody already in the program is entered again (docs/PROGRAM.md, "Who
 * enters the program"). Each problem names the field it is about.
 */
export interface IntakeProblem {
  field: string;
  message: string;
  /** The stable code the API answers with (domain/error-codes.ts). */
  code: ErrorCode;
  /** 'duplicate' answers 409; everything else is invalid input (422). */
  kind: 'invalid' | 'duplicate';
}

export function checkHouseholdShape(h: Household, prefix = 'household'): IntakeProblem | null {
  if (!h.districtCode.startsWith(h.provinceCode)) return { field: `${prefix}.districtCode`, message: `district ${h.districtCode} is not in province ${h.provinceCode}`, code: 'AREA_MISMATCH', kind: 'invalid' };
  if (!h.subdistrictCode.startsWith(h.districtCode)) return { field: `${prefix}.subdistrictCode`, message: `subdistrict ${h.subdistrictCode} is not in district ${h.districtCode}`, code: 'AREA_MISMATCH', kind: 'invalid' };
  if (h.houseCode && !h.houseCode.startsWith(h.provinceCode)) return { field: `${prefix}.houseCode`, message: `house code ${h.houseCode} is not registered in province ${h.provinceCode}`, code: 'AREA_MISMATCH', kind: 'invalid' };
  for (const [i, member] of h.members.entries()) {
    if (member.nationalId && !isValidThaiId(member.nationalId)) return { field: `${prefix}.members[${i}].nationalId`, message: 'national ID check digit is wrong', code: 'INVALID_NATIONAL_ID', kind: 'invalid' };
  }
  const ids = h.members.map((m) => m.nationalId).filter(Boolean);
  if (new Set(ids).size !== ids.length) return { field: `${prefix}.members`, message: 'the same national ID appears twice', code: 'DUPLICATE_ENTRY', kind: 'invalid' };
  if ((h.source === 'missed' || h.source === 'vulnerable') && !h.entryReason?.trim()) {
    return { field: `${prefix}.entryReason`, message: `a ${h.source} household needs the reason it is added`, code: 'REQUIRED', kind: 'invalid' };
  }
  return null;
}
