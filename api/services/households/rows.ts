import { NOT_SUPERSEDED } from '../../../db/case-links';
import { Type, type Static } from '@sinclair/typebox';
import { maskNationalId, type Principal } from '../../../domain/scope';
import { AreaNames, areaNameColumns, areaNameJoins, areaNamesOf, type AreaNameRow } from '../../views/names';
import { iso, NullableString, Where } from '../lists';

/**
 * What the household search and the household page share: a household's summary row, its members,
 * and the caller's scope. Scope is the caller's area; an agency officer sees only households its
 * agency has a task for. Outside the scope a household does not exist (404), as in api/scope.ts.
 */
export const HouseholdSummary = Type.Object({
  householdId: Type.String(),
  houseCode: NullableString,
  headName: NullableString,
  provinceCode: Type.String(),
  districtCode: Type.String(),
  subdistrictCode: Type.String(),
  villageNo: NullableString,
  areaNames: AreaNames,
  memberCount: Type.Integer(),
  source: Type.String(),
  caseId: NullableString,
  stage: NullableString,
  status: NullableString,
  dueAt: NullableString,
  overdueLevel: Type.Union([Type.Integer(), Type.Null()]),
  escalated: Type.Union([Type.Boolean(), Type.Null()]),
});
export type HouseholdSummary = Static<typeof HouseholdSummary>;

export const MemberView = Type.Object({
  ord: Type.Integer(),
  name: Type.String(),
  nationalId: Type.Optional(Type.String({ description: 'Masked except for the roles that need it' })),
  birthYear: Type.Union([Type.Integer(), Type.Null()]),
  sex: NullableString,
  disabled: Type.Boolean(),
});

export interface SummaryRow extends AreaNameRow {
  id: string;
  house_code: string | null;
  head_name: string | null;
  province_code: string;
  district_code: string;
  subdistrict_code: string;
  village_no: string | null;
  member_count: number;
  source: string;
  case_id: string | null;
  stage: string | null;
  status: string | null;
  due_at: Date | null;
  overdue_level: number | null;
  escalated: boolean | null;
}

export const SUMMARY_SELECT = `h.id, h.house_code, h.head_name, h.province_code, h.district_code, h.subdistrict_code, h.village_no, h.member_count, h.source,
  hc.id as case_id, hc.stage, hc.status, hc.due_at, hc.overdue_level, hc.escalated, ${areaNameColumns('h')}`;
/** A household's current case: a case a newer one follows (db/case-links.ts) is history. */
export const SUMMARY_FROM = `household h left join household_case hc on hc.household_id = h.id and ${NOT_SUPERSEDED('hc')} ${areaNameJoins('h')}`;

/** The caller's households: the area, and for an agency officer its agency's tasks. */
export function householdScope(principal: Principal): Where {
  const where = new Where().area(principal, 'h');
  if (principal.role === 'agency') where.add('exists (select 1 from assistance_task t where t.household_id = h.id and t.agency_code = ?)', principal.agencyCode ?? '');
  return where;
}

export function summaryView(row: SummaryRow): HouseholdSummary {
  return {
    householdId: row.id,
    houseCode: row.house_code,
    headName: row.head_name,
    provinceCode: row.province_code,
    districtCode: row.district_code,
    subdistrictCode: row.subdistrict_code,
    villageNo: row.village_no,
    areaNames: areaNamesOf(row),
    memberCount: row.member_count,
    source: row.source,
    caseId: row.case_id,
    stage: row.stage,
    status: row.status,
    dueAt: iso(row.due_at),
    overdueLevel: row.overdue_level,
    escalated: row.escalated,
  };
}

export interface MemberRow {
  household_id: string;
  ord: number;
  name: string;
  national_id: string | null;
  birth_year: number | null;
  sex: string | null;
  disabled: boolean;
}

export function memberView(row: MemberRow, principal: Principal): Static<typeof MemberView> {
  const nationalId = maskNationalId(row.national_id, principal);
  return { ord: row.ord, name: row.name, ...(nationalId ? { nationalId } : {}), birthYear: row.birth_year, sex: row.sex, disabled: row.disabled };
}

