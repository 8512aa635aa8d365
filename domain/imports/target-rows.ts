import { TypeCompiler } from '@sinclair/typebox/compiler';
import { TPMAP_INDICATOR_CODES } from '../../db/reference/indicators';
import type { EntrySource, Household, HouseholdMember } from '../../workflows/household-case/types';
import type { ImportScope } from '../../workflows/import/messages';
import { HouseholdInput } from '../contract/household';
import { checkHouseholdShape, type IntakeProblem } from '../intake';

/**
 * One staged row of a TPMAP target list turned into the Household a case starts with, checked
 * the way POST /cases checks a single household (the same TypeBox schema and the same intake
 * checks), with every problem naming the CSV column it is about.
 */
export interface RowProblem {
  /** The CSV column, or null when the problem is the row as a whole. */
  field: string | null;
  reason: string;
}

export type TargetRowResult = { household: Household; problem?: undefined } | { household?: undefined; problem: RowProblem };

const householdSchema = TypeCompiler.Compile(HouseholdInput);
const INDICATORS: ReadonlySet<string> = new Set(TPMAP_INDICATOR_CODES);
const SOURCES: ReadonlySet<string> = new Set<EntrySource>(['tpmap', 'missed', 'vulnerable', 'thaiqm']);

const COLUMN_OF_FIELD: Record<string, string> = {
  houseCode: 'house_code',
  provinceCode: 'province_code',
  districtCode: 'district_code',
  subdistrictCode: 'subdistrict_code',
  villageNo: 'village_no',
  address: 'address',
  headName: 'head_name',
  source: 'source',
  entryReason: 'entry_reason',
  failedIndicators: 'failed_indicators',
};

/**
 * The CSV column of a household field path ("row.members[2].nationalId", "/members/2/name").
 * The member list as a whole is about national IDs in the intake checks (the same ID twice, a
 * member already in the program); only a member's name maps to member_names.
 */
export function columnOf(path: string): string {
  const parts = path.split(/[./[\]]+/).filter((p) => p && p !== 'row');
  if (parts[0] === 'members') return parts.at(-1) === 'name' ? 'member_names' : 'member_national_ids';
  return COLUMN_OF_FIELD[parts[0] ?? ''] ?? parts[0] ?? 'row';
}

export function intakeRowProblem(problem: IntakeProblem): RowProblem {
  return { field: columnOf(problem.field), reason: problem.message };
}

const list = (value: string | undefined): string[] => (value ?? '').split('|').map((v) => v.trim());
const present = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

/** The household of a row without a house code gets a key derived from the import and the row: a retried batch finds the same case. */
export function householdIdForRow(importId: string, rowNo: number, houseCode: string | undefined): string {
  return houseCode ?? `nh-${importId.slice(0, 12)}-${rowNo}`;
}

export function targetRowToHousehold(data: Record<string, string>, importId: string, rowNo: number): TargetRowResult {
  const names = list(data.member_names).filter(Boolean);
  const headName = present(data.head_name);
  if (names.length === 0 && headName) names.push(headName);
  const ids = list(data.member_national_ids);
  if (ids.length > names.length && ids.slice(names.length).some(Boolean)) {
    return { problem: { field: 'member_national_ids', reason: `${ids.filter(Boolean).length} national IDs for ${names.length} members: give them in the order of member_names` } };
  }
  if (names.length === 0) return { problem: { field: 'member_names', reason: 'a household has at least one member: give member_names or head_name' } };
  const members: HouseholdMember[] = names.map((name, i) => (ids[i] ? { name, nationalId: ids[i] } : { name }));

  const indicators = list(data.failed_indicators).filter(Boolean).map((code) => code.toUpperCase());
  const unknown = indicators.find((code) => !INDICATORS.has(code));
  if (unknown) return { problem: { field: 'failed_indicators', reason: `${unknown} is not a TPMAP indicator (H1..H4, L1..L4, E1..E4, I1..I3, A1, A2)` } };
  const source = (present(data.source) ?? 'tpmap').toLowerCase();
  if (!SOURCES.has(source)) return { problem: { field: 'source', reason: `source must be tpmap, missed, vulnerable or thaiqm, not ${source}` } };
  if (source === 'tpmap' && indicators.length === 0) return { problem: { field: 'failed_indicators', reason: 'a TPMAP target fails at least one indicator' } };

  const input = {
    ...(present(data.house_code) ? { houseCode: present(data.house_code) } : {}),
    provinceCode: present(data.province_code) ?? '',
    districtCode: present(data.district_code) ?? '',
    subdistrictCode: present(data.subdistrict_code) ?? '',
    ...(present(data.village_no) ? { villageNo: present(data.village_no) } : {}),
    ...(present(data.address) ? { address: present(data.address) } : {}),
    ...(headName ? { headName } : {}),
    members,
    source,
    ...(present(data.entry_reason) ? { entryReason: present(data.entry_reason) } : {}),
    failedIndicators: [...new Set(indicators)],
  };
  const error = householdSchema.Errors(input).First();
  if (error) {
    const column = error.path === '/members' ? 'member_names' : columnOf(error.path);
    const expected = typeof error.schema.description === 'string' ? error.schema.description : error.message;
    return { problem: { field: column, reason: `${column}: expected ${expected}, got "${String(error.value ?? '')}"` } };
  }
  const household: Household = { ...(input as Omit<Household, 'householdId'>), householdId: householdIdForRow(importId, rowNo, input.houseCode) };
  const shape = checkHouseholdShape(household, 'row');
  return shape ? { problem: intakeRowProblem(shape) } : { household };
}

/** Rows outside the uploader's area are rejected one by one, naming the level that differs. */
export function outsideScope(scope: ImportScope, h: Household): RowProblem | null {
  if (scope.provinceCode && scope.provinceCode !== h.provinceCode) return { field: 'province_code', reason: `outside your area: you import for province ${scope.provinceCode} only` };
  if (scope.districtCode && scope.districtCode !== h.districtCode) return { field: 'district_code', reason: `outside your area: you import for district ${scope.districtCode} only` };
  if (scope.subdistrictCode && scope.subdistrictCode !== h.subdistrictCode) return { field: 'subdistrict_code', reason: `outside your area: you import for subdistrict ${scope.subdistrictCode} only` };
  return null;
}
