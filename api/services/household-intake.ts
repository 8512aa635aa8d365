import type { EntityManager } from '@mikro-orm/postgresql';
import isValidThaiId from 'thai-id-validator';
import type { Household } from '../../workflows/household-case/types';

/**
 * The checks every way into the program shares (a single added household, a CSV import): the
 * area codes exist and nest, national IDs carry a valid check digit, missed and vulnerable
 * households say why, and nobody already in the program is entered again (PROCESS.md, "Who
 * enters the program"). Each problem names the field it is about.
 */
export interface IntakeProblem {
  field: string;
  message: string;
  /** 'duplicate' answers 409; everything else is invalid input (422). */
  kind: 'invalid' | 'duplicate';
}

export function checkHouseholdShape(h: Household, prefix = 'household'): IntakeProblem | null {
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

/** Checks against the reference tables and the read model (one round trip each). */
export async function checkHouseholdAgainstDatabase(em: EntityManager, h: Household, prefix = 'household'): Promise<IntakeProblem | null> {
  const [area] = await em.execute<Array<{ district_code: string; province_code: string }>>('select district_code, province_code from subdistrict where code = ?', [h.subdistrictCode]);
  if (!area) return { field: `${prefix}.subdistrictCode`, message: `no subdistrict ${h.subdistrictCode}`, kind: 'invalid' };
  if (area.district_code !== h.districtCode || area.province_code !== h.provinceCode) {
    return { field: `${prefix}.subdistrictCode`, message: `subdistrict ${h.subdistrictCode} belongs to district ${area.district_code}`, kind: 'invalid' };
  }
  if (h.houseCode) {
    const [existing] = await em.execute('select id from household where house_code = ? limit 1', [h.houseCode]);
    if (existing) return { field: `${prefix}.houseCode`, message: 'this house code is already in the program', kind: 'duplicate' };
  }
  const ids = h.members.map((m) => m.nationalId).filter((id): id is string => Boolean(id));
  if (ids.length) {
    const [found] = await em.execute<Array<{ household_id: string }>>('select household_id from household_member where national_id in (?) limit 1', [ids]);
    if (found) return { field: `${prefix}.members`, message: 'a member is already in the program in another household', kind: 'duplicate' };
  }
  return null;
}
