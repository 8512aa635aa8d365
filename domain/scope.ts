import type { Actor, Role } from '../workflows/roles';

/** The signed-in user as every route sees it: role, and the area (and agency) it may act in. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  provinceCode: string | null;
  districtCode: string | null;
  subdistrictCode: string | null;
  agencyCode: string | null;
}

export interface Area {
  provinceCode: string;
  districtCode: string;
  subdistrictCode: string;
}

/** The actor a workflow update carries. */
export function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, role: principal.role, ...(principal.agencyCode ? { agencyCode: principal.agencyCode } : {}) };
}

/** Whether an area lies inside a scope: a principal's, or an import's (null levels are unrestricted). */
export function areaInScope(principal: Pick<Principal, 'provinceCode' | 'districtCode' | 'subdistrictCode'>, area: Area): boolean {
  return (
    (!principal.provinceCode || principal.provinceCode === area.provinceCode) &&
    (!principal.districtCode || principal.districtCode === area.districtCode) &&
    (!principal.subdistrictCode || principal.subdistrictCode === area.subdistrictCode)
  );
}

/**
 * A SQL condition limiting rows to the principal's area, for tables with province_code,
 * district_code and subdistrict_code columns (optionally behind an alias).
 */
export function areaCondition(principal: Principal, alias?: string): { sql: string; params: string[] } {
  const col = (name: string): string => (alias ? `${alias}.${name}` : name);
  const parts: string[] = [];
  const params: string[] = [];
  if (principal.provinceCode) {
    parts.push(`${col('province_code')} = ?`);
    params.push(principal.provinceCode);
  }
  if (principal.districtCode) {
    parts.push(`${col('district_code')} = ?`);
    params.push(principal.districtCode);
  }
  if (principal.subdistrictCode) {
    parts.push(`${col('subdistrict_code')} = ?`);
    params.push(principal.subdistrictCode);
  }
  return { sql: parts.length ? parts.join(' and ') : 'true', params };
}

/** Roles that may read full national IDs; every other response and log shows them masked. */
export const ROLES_SEEING_NATIONAL_IDS: ReadonlySet<Role> = new Set(['mentor', 'operationsTeam', 'district']);

/** Enough to recognise an ID, never enough to look it up: 1-xxxx-xxxxx-45-0. */
export function maskedNationalId(id: string): string {
  return `${id.slice(0, 1)}-xxxx-xxxxx-${id.slice(10, 12)}-${id.slice(12)}`;
}

export function maskNationalId(id: string | undefined | null, principal: Principal): string | undefined {
  if (!id) return undefined;
  return ROLES_SEEING_NATIONAL_IDS.has(principal.role) ? id : maskedNationalId(id);
}
