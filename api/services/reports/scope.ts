import { areaCondition, type Principal } from '../../../domain/scope';
import { ApiError } from '../../errors';
import { findDistrict, findProvince, findSubdistrict, loadAdminAreas, type District, type Subdistrict } from '../../../db/reference/admin-areas';
import { and, sql, type Sql } from './sql';

/** The area filters a report accepts, all optional. */
export interface AreaFilter {
  provinceCode?: string;
  districtCode?: string;
  subdistrictCode?: string;
}

/**
 * What one report request may read: the caller's own area (areaCondition) narrowed by the area it
 * asked for. A filter outside the caller's area answers 404, as a record outside it does
 * (api/scope.ts); a filter that contradicts itself (district 6409 in province 65) answers 400.
 */
export class ReportScope {
  constructor(
    readonly principal: Principal,
    readonly filter: AreaFilter,
  ) {}

  /**
   * Rows of a table with province_code, district_code and subdistrict_code columns. Besides the
   * caller's own area, the narrowest code in force is spelled out at every level (a district
   * filter also says its province): area codes nest (DOPA: 64 ⊃ 6409 ⊃ 640901), and the report
   * indexes lead with the province.
   */
  rows(alias: string): Sql {
    const own = areaCondition(this.principal, alias);
    const code = this.narrowest();
    return and(
      sql(own.sql, ...own.params),
      code.length >= 2 ? sql(`${alias}.province_code = ?`, code.slice(0, 2)) : null,
      code.length >= 4 ? sql(`${alias}.district_code = ?`, code.slice(0, 4)) : null,
      code.length >= 6 ? sql(`${alias}.subdistrict_code = ?`, code) : null,
    );
  }

  /**
   * Rows of a table with province_code and district_code but no subdistrict (logbook_entry,
   * escalation): a subdistrict is reached through the row's case.
   */
  rowsOfCase(alias: string): Sql {
    const own = areaCondition({ ...this.principal, subdistrictCode: null }, alias);
    const code = this.narrowest();
    return and(
      sql(own.sql, ...own.params),
      code.length >= 2 ? sql(`${alias}.province_code = ?`, code.slice(0, 2)) : null,
      code.length >= 4 ? sql(`${alias}.district_code = ?`, code.slice(0, 4)) : null,
      code.length >= 6
        ? sql(`${alias}.case_id in (select id from household_case where province_code = ? and district_code = ? and subdistrict_code = ?)`, code.slice(0, 2), code.slice(0, 4), code)
        : null,
    );
  }

  /** The reference districts the scope covers (for reports that list every district, with or without rows). */
  districts(): District[] {
    const code = this.narrowest();
    return loadAdminAreas().districts.filter((d) => overlaps(d.code, code));
  }

  /** The reference subdistricts the scope covers. */
  subdistricts(): Subdistrict[] {
    const code = this.narrowest();
    return loadAdminAreas().subdistricts.filter((s) => s.code.startsWith(code));
  }

  /** The most specific area code in force ('' for the whole country). */
  narrowest(): string {
    return this.filter.subdistrictCode ?? this.principal.subdistrictCode ?? this.filter.districtCode ?? this.principal.districtCode ?? this.filter.provinceCode ?? this.principal.provinceCode ?? '';
  }

  /** A short ASCII tag for file names: the narrowest area code, or 'all'. */
  tag(): string {
    return this.narrowest() || 'all';
  }
}

const FIELDS = ['provinceCode', 'districtCode', 'subdistrictCode'] as const;
const LENGTH = { provinceCode: 2, districtCode: 4, subdistrictCode: 6 } as const;
const FIND = { provinceCode: findProvince, districtCode: findDistrict, subdistrictCode: findSubdistrict } as const;
const LABEL = { provinceCode: 'province', districtCode: 'district', subdistrictCode: 'subdistrict' } as const;

/** Whether two area codes can hold the same rows: one is the other's prefix (6401 and 640101 yes, 6401 and 6409 no). */
function overlaps(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** Validates the requested area against reference data, itself and the caller's area. */
export function reportScope(principal: Principal, filter: AreaFilter): ReportScope {
  const requested = FIELDS.filter((f) => filter[f] !== undefined);
  for (const field of requested) {
    const code = filter[field]!;
    if (code.length !== LENGTH[field] || !FIND[field](code)) throw new ApiError(404, `No ${LABEL[field]} ${code}`, `querystring.${field}`, 'NOT_FOUND');
  }
  for (const [i, outer] of requested.entries()) {
    for (const inner of requested.slice(i + 1)) {
      if (!filter[inner]!.startsWith(filter[outer]!)) {
        throw new ApiError(400, `${LABEL[inner]} ${filter[inner]} is not in ${LABEL[outer]} ${filter[outer]}`, `querystring.${inner}`, 'VALIDATION');
      }
    }
  }
  const own = [principal.provinceCode, principal.districtCode, principal.subdistrictCode].filter((c): c is string => !!c);
  for (const field of requested) {
    if (own.some((code) => !overlaps(code, filter[field]!))) {
      throw new ApiError(404, `${LABEL[field]} ${filter[field]} is outside your area`, `querystring.${field}`, 'NOT_FOUND');
    }
  }
  return new ReportScope(principal, filter);
}
