import type { EntityManager } from '@mikro-orm/postgresql';
import { excerpt, type RejectionCode } from '../workflows/rejections';
import { ApiError, notFound } from './errors';
import type { ReferenceCheck } from './schemas/references';
import { areaInScope, type Area, type Principal } from '../domain/scope';
import type { CaseState } from '../workflows/household-case/types';
import type { AssistanceTaskState } from '../workflows/assistance-task/types';

/**
 * Loads the area of a case or task from the read model and checks it against the caller's scope.
 * Outside the scope, or not there at all, the answer is the same 404: a 403 would tell a
 * caller that a household exists in another district.
 */

export async function caseInScope(em: EntityManager, principal: Principal, caseId: string): Promise<Area> {
  return (await scopedCase(em, principal, caseId, false)).area;
}

/**
 * The same check, and the case's state as last projected (db/read-model/case-snapshot.ts) from
 * the same row: a read of a case (GET /cases/:id, an offline action) reads its row once.
 */
export async function caseStateInScope(em: EntityManager, principal: Principal, caseId: string): Promise<{ area: Area; state: CaseState | null }> {
  return scopedCase(em, principal, caseId, true);
}

async function scopedCase(em: EntityManager, principal: Principal, caseId: string, withState: boolean): Promise<{ area: Area; state: CaseState | null }> {
  // The state (the whole snapshot, jsonb) only when asked for: an action's own check needs the area alone.
  const [row] = await em.execute<Array<{ province_code: string; district_code: string; subdistrict_code: string; state?: CaseState | null }>>(
    `select province_code, district_code, subdistrict_code${withState ? ', state' : ''} from household_case where id = ?`,
    [caseId],
  );
  if (!row) throw notFound();
  const area = { provinceCode: row.province_code, districtCode: row.district_code, subdistrictCode: row.subdistrict_code };
  // Agency officers see a case only through a task of their agency.
  if (principal.role === 'agency') {
    const [task] = await em.execute('select 1 from assistance_task where case_id = ? and agency_code = ? limit 1', [caseId, principal.agencyCode]);
    if (!task) throw notFound();
  }
  if (!areaInScope(principal, area)) throw notFound();
  return { area, state: row.state ?? null };
}

/**
 * Also answers when the task's case opened (no activity on it can be dated earlier), and the task
 * row's status, pause and version (an offline activity decides on them without a second read).
 */
export interface TaskInScope extends Area {
  caseId: string;
  agencyCode: string;
  caseOpenedAt: string | null;
  status: string;
  pausedSince: string | null;
  version: number;
}

export async function taskInScope(em: EntityManager, principal: Principal, taskId: string): Promise<TaskInScope> {
  return (await scopedTask(em, principal, taskId, false)).task;
}

/** The same check, and the task's state as last projected from the same row (GET /tasks/:id reads it once). */
export async function taskStateInScope(em: EntityManager, principal: Principal, taskId: string): Promise<{ task: TaskInScope; state: AssistanceTaskState | null }> {
  return scopedTask(em, principal, taskId, true);
}

async function scopedTask(em: EntityManager, principal: Principal, taskId: string, withState: boolean): Promise<{ task: TaskInScope; state: AssistanceTaskState | null }> {
  const [row] = await em.execute<
    Array<{
      case_id: string;
      agency_code: string;
      province_code: string;
      district_code: string;
      subdistrict_code: string;
      case_opened_at: Date | null;
      status: string;
      paused_since: Date | null;
      version: number;
      state?: AssistanceTaskState | null;
    }>
  >(
    `select t.case_id, t.agency_code, t.province_code, t.district_code, t.subdistrict_code, hc.opened_at as case_opened_at, t.status, t.paused_since, t.version${withState ? ', t.state' : ''}
       from assistance_task t left join household_case hc on hc.id = t.case_id where t.id = ?`,
    [taskId],
  );
  if (!row) throw notFound();
  const area = { provinceCode: row.province_code, districtCode: row.district_code, subdistrictCode: row.subdistrict_code };
  if (principal.role === 'agency' && principal.agencyCode !== row.agency_code) throw notFound();
  if (!areaInScope(principal, area)) throw notFound();
  const iso = (at: Date | null) => (at ? new Date(at).toISOString() : null);
  const task = { ...area, caseId: row.case_id, agencyCode: row.agency_code, caseOpenedAt: iso(row.case_opened_at), status: row.status, pausedSince: iso(row.paused_since), version: row.version };
  return { task, state: row.state ?? null };
}

export type { ReferenceCheck };

const unknown = (what: string, code: string, field: string): ApiError => new ApiError(422, `no ${what} ${excerpt(code)}`, field, 'UNKNOWN_CODE' satisfies RejectionCode);
const mismatch = (message: string, field: string): ApiError => new ApiError(422, message, field, 'AREA_MISMATCH' satisfies RejectionCode);

export async function checkReferences(em: EntityManager, checks: ReferenceCheck[]): Promise<void> {
  if (checks.length === 0) return;
  const codes = (kind: 'agency' | 'menuItem' | 'indicator' | 'case'): string[] => [
    ...new Set(checks.flatMap((c) => (c.kind === 'area' || c.kind !== kind ? [] : c.kind === 'case' ? [c.caseId] : [c.code]))),
  ];
  const areas = checks.flatMap((c) => (c.kind === 'area' ? [c.area] : []));
  const areaCodes = (level: 'provinceCode' | 'districtCode' | 'subdistrictCode'): string[] => [...new Set(areas.flatMap((a) => (a[level] ? [a[level]] : [])))];
  /** Rows by key, for the keys given; `sql` takes the key array once per `?`. */
  const lookup = async <R extends { key: string }>(sql: string, keys: string[]): Promise<Map<string, R>> => {
    if (keys.length === 0) return new Map();
    const rows = await em.execute<R[]>(sql, Array.from(sql.matchAll(/\?/g), () => keys));
    return new Map(rows.map((r) => [r.key, r]));
  };

  const agencies = await lookup('select code as key from agency where code in (?)', codes('agency'));
  const menu = await lookup('select code as key from menu_item where code in (?)', codes('menuItem'));
  const cases = await lookup('select id as key from household_case where id in (?)', codes('case'));
  const indicators = await lookup<{ key: string; dimension: string | null }>(
    `select code as key, dimension from tpmap_indicator where code in (?)
     union all select 'jpt-' || no as key, null as dimension from jpt_indicator where ('jpt-' || no) in (?)`,
    codes('indicator'),
  );
  const provinces = await lookup('select code as key from province where code in (?)', areaCodes('provinceCode'));
  const districts = await lookup<{ key: string; province_code: string }>('select code as key, province_code from district where code in (?)', areaCodes('districtCode'));
  const subdistricts = await lookup<{ key: string; district_code: string; province_code: string }>(
    'select code as key, district_code, province_code from subdistrict where code in (?)',
    areaCodes('subdistrictCode'),
  );

  for (const check of checks) {
    switch (check.kind) {
      case 'agency':
        if (!agencies.has(check.code)) throw unknown('agency with code', check.code, check.field);
        break;
      case 'menuItem':
        if (!menu.has(check.code)) throw unknown('poverty-solving menu item', check.code, check.field);
        break;
      case 'case':
        if (!cases.has(check.caseId)) throw new ApiError(422, `no case ${excerpt(check.caseId)}`, check.field, 'UNKNOWN_CASE' satisfies RejectionCode);
        break;
      case 'indicator': {
        const indicator = indicators.get(check.code);
        if (!indicator) throw unknown('TPMAP or จปฐ. indicator', check.code, check.field);
        if (indicator.dimension && indicator.dimension !== check.dimension) {
          throw new ApiError(422, `indicator ${check.code} belongs to the ${indicator.dimension} dimension, not ${excerpt(check.dimension)}`, check.field, 'DIMENSION_MISMATCH' satisfies RejectionCode);
        }
        break;
      }
      case 'area': {
        const { provinceCode, districtCode, subdistrictCode } = check.area;
        if (provinceCode && !provinces.has(provinceCode)) throw unknown('province', provinceCode, `${check.field}.provinceCode`);
        if (districtCode) {
          const district = districts.get(districtCode);
          if (!district) throw unknown('district', districtCode, `${check.field}.districtCode`);
          if (provinceCode && district.province_code !== provinceCode) throw mismatch(`district ${districtCode} is not in province ${provinceCode}`, `${check.field}.districtCode`);
        }
        if (subdistrictCode) {
          const subdistrict = subdistricts.get(subdistrictCode);
          if (!subdistrict) throw unknown('subdistrict', subdistrictCode, `${check.field}.subdistrictCode`);
          if (districtCode && subdistrict.district_code !== districtCode) throw mismatch(`subdistrict ${subdistrictCode} is not in district ${districtCode}`, `${check.field}.subdistrictCode`);
          if (provinceCode && subdistrict.province_code !== provinceCode) throw mismatch(`subdistrict ${subdistrictCode} is not in province ${provinceCode}`, `${check.field}.subdistrictCode`);
        }
        break;
      }
    }
  }
}
