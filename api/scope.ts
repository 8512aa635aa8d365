import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors';
import { areaInScope, type Area, type Principal } from './auth/principal';

/**
 * Loads the area of a case or task from the read model and checks it against the caller's scope.
 * Outside the scope, or not there at all, the answer is the same 404: a 403 would tell a
 * caller that a household exists in another district.
 */
const notFound = (): ApiError => new ApiError(404, 'Not found', undefined, 'NOT_FOUND');

export async function caseInScope(app: FastifyInstance, principal: Principal, caseId: string): Promise<Area> {
  const [row] = await app.orm.em
    .fork()
    .execute<Array<{ province_code: string; district_code: string; subdistrict_code: string; household_id: string }>>(
      'select province_code, district_code, subdistrict_code, household_id from household_case where id = ?',
      [caseId],
    );
  if (!row) throw notFound();
  const area = { provinceCode: row.province_code, districtCode: row.district_code, subdistrictCode: row.subdistrict_code };
  // Agency officers see a case only through a task of their agency.
  if (principal.role === 'agency') {
    const [task] = await app.orm.em.fork().execute('select 1 from assistance_task where case_id = ? and agency_code = ? limit 1', [caseId, principal.agencyCode]);
    if (!task) throw notFound();
  }
  if (!areaInScope(principal, area)) throw notFound();
  return area;
}

export async function taskInScope(app: FastifyInstance, principal: Principal, taskId: string): Promise<Area & { caseId: string; agencyCode: string }> {
  const [row] = await app.orm.em
    .fork()
    .execute<Array<{ case_id: string; agency_code: string; province_code: string; district_code: string; subdistrict_code: string }>>(
      'select case_id, agency_code, province_code, district_code, subdistrict_code from assistance_task where id = ?',
      [taskId],
    );
  if (!row) throw notFound();
  const area = { provinceCode: row.province_code, districtCode: row.district_code, subdistrictCode: row.subdistrict_code };
  if (principal.role === 'agency' && principal.agencyCode !== row.agency_code) throw notFound();
  if (!areaInScope(principal, area)) throw notFound();
  return { ...area, caseId: row.case_id, agencyCode: row.agency_code };
}

/** Codes of the reference tables a request names (agency, subdistrict): 422 naming the field when unknown. */
export async function checkReferences(app: FastifyInstance, checks: Array<{ table: 'agency' | 'subdistrict'; code: string; field: string }>): Promise<void> {
  for (const check of checks) {
    const [row] = await app.orm.em.fork().execute(`select 1 from ${check.table} where code = ?`, [check.code]);
    if (!row) throw new ApiError(422, `no ${check.table} with code ${check.code}`, check.field, 'UNKNOWN_CODE');
  }
}
