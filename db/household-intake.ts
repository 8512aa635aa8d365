import type { EntityManager } from '@mikro-orm/postgresql';
import type { IntakeProblem } from '../domain/intake';
import type { Household } from '../workflows/household-case/types';

/**
 * The database's part of the intake checks (domain/intake.ts has the rest): the area codes exist
 * and nest, and the read model does not hold the household already (the claims decide for good).
 */
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
    if (!area) return { field: `${prefix}.subdistrictCode`, message: `no subdistrict ${h.subdistrictCode}`, code: 'UNKNOWN_CODE', kind: 'invalid' };
    if (area.district_code !== h.districtCode || area.province_code !== h.provinceCode) {
      return { field: `${prefix}.subdistrictCode`, message: `subdistrict ${h.subdistrictCode} belongs to district ${area.district_code}`, code: 'AREA_MISMATCH', kind: 'invalid' };
    }
    if (h.houseCode && houseCodeTaken.has(h.houseCode)) return { field: `${prefix}.houseCode`, message: 'this house code is already in the program', code: 'CASE_EXISTS', kind: 'duplicate' };
    const member = h.members.findIndex((m) => m.nationalId && idTaken.has(m.nationalId));
    if (member >= 0) return { field: `${prefix}.members[${member}].nationalId`, message: 'a member is already in the program in another household', code: 'CASE_EXISTS', kind: 'duplicate' };
    return null;
  });
}
