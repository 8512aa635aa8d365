import type { EntityManager } from '@mikro-orm/postgresql';
import isValidThaiId from 'thai-id-validator';
import type { Household } from '../../workflows/household-case/types';

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
  const [problem] = await checkHouseholdsAgainstDatabase(em, [h], prefix);
  return problem;
}

/**
 * The same for many households at once (an import batch), in three statements whatever their
 * number; answers a problem or null per household, in order. Households of the same batch are not
 * compared with each other: the import rejects repeats within a file before its batches run.
 */
export async function checkHouseholdsAgainstDatabase(em: EntityManager, households: Household[], prefix = 'household'): Promise<Array<IntakeProblem | null>> {
  if (households.length === 0) return [];
  const unique = (values: Array<string | undefined>): string[] => [...new Set(values.filter((v): v is string => Boolean(v)))];
  const houseCodes = unique(households.map((h) => h.houseCode));
  const nationalIds = unique(households.flatMap((h) => h.members.map((m) => m.nationalId)));
  const [areas, takenHouseCodes, takenIds] = await Promise.all([
    em.execute<Array<{ code: string; district_code: string; province_code: string }>>('select code, district_code, province_code from subdistrict where code in (?)', [unique(households.map((h) => h.subdistrictCode))]),
    houseCodes.length ? em.execute<Array<{ house_code: string }>>('select house_code from household where house_code in (?)', [houseCodes]) : [],
    nationalIds.length ? em.execute<Array<{ national_id: string }>>('select national_id from household_member where national_id in (?)', [nationalIds]) : [],
  ]);
  const areaOf = new Map(areas.map((a) => [a.code, a]));
  const houseCodeTaken = new Set(takenHouseCodes.map((r) => r.house_code));
  const idTaken = new Set(takenIds.map((r) => r.national_id));
  return households.map((h): IntakeProblem | null => {
    const area = areaOf.get(h.subdistrictCode);
    if (!area) return { field: `${prefix}.subdistrictCode`, message: `no subdistrict ${h.subdistrictCode}`, kind: 'invalid' };
    if (area.district_code !== h.districtCode || area.province_code !== h.provinceCode) {
      return { field: `${prefix}.subdistrictCode`, message: `subdistrict ${h.subdistrictCode} belongs to district ${area.district_code}`, kind: 'invalid' };
    }
    if (h.houseCode && houseCodeTaken.has(h.houseCode)) return { field: `${prefix}.houseCode`, message: 'this house code is already in the program', kind: 'duplicate' };
    const member = h.members.findIndex((m) => m.nationalId && idTaken.has(m.nationalId));
    if (member >= 0) return { field: `${prefix}.members[${member}].nationalId`, message: 'a member is already in the program in another household', kind: 'duplicate' };
    return null;
  });
}
