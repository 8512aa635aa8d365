import { ROLES, type Role } from '../../workflows/roles';
import { CASE_ACTIONS } from '../../api/routes/case-actions';
import { ACTION_RULES } from '../../workflows/household-case/rules';
import { houseCodeIn, useApi } from '../helpers/api-harness';
import { SCOPES, signedIn } from '../helpers/auth';

/**
 * Every route × every role × in and out of the caller's area. The layer under test is access:
 * a role not allowed answers 403, a record outside the area answers 404 (never 403, which would
 * tell that it exists), anything else is the route's own business (200, 409, 422…).
 */
const OTHER_DISTRICT: Record<Role, Parameters<typeof signedIn>[2]> = {
  mentor: { provinceCode: '64', districtCode: '6402', subdistrictCode: '640201' },
  operationsTeam: { provinceCode: '64', districtCode: '6402', subdistrictCode: '640201' },
  district: { provinceCode: '64', districtCode: '6402' },
  province: { provinceCode: '65' },
  agency: { provinceCode: '65', agencyCode: 'CDD' },
  supervisor: { provinceCode: '65' },
  admin: {},
};

const BODIES: Record<string, unknown> = {
  verify: { outcome: 'confirmed' },
  analysis: { attitude: 'a', skills: 's', resources: 'r', wayOut: 'w', householdType: 'canDevelop', problems: [{ dimension: 'income', indicator: 'I3', description: 'd' }] },
  plan: { goal: 'survive', items: [{ dimension: 'income', action: 'x', supportBy: 'CDD' }] },
  relief: { kind: 'food', description: 'ข้าวสาร', baht: 100, items: 1 },
  assign: { assignments: [{ problemId: 'p1', agencyCode: 'CDD' }] },
  escalate: { reason: 'เกินศักยภาพ' },
  'return-to-district': { instructions: 'ประสาน อบต.' },
  'follow-up': { results: [{ problemId: 'p1', outcome: 'solved' }] },
  pause: { reason: 'disaster' },
  resume: {},
  transfer: { to: { provinceCode: '64', districtCode: '6401', subdistrictCode: '640102' } },
  close: { reason: 'notInArea' },
  reopen: { reason: 'กลับมาอยู่' },
  'amend-relief': { reliefNo: 1, baht: 50, reason: 'พิมพ์ผิด' },
  'void-relief': { reliefNo: 1, reason: 'บันทึกซ้ำ' },
  'amend-analysis': { skills: 'ทอผ้า', reason: 'พิมพ์ผิด' },
  'amend-problems': { add: [{ dimension: 'income', indicator: 'I3', description: 'd' }], reason: 'พบเพิ่ม' },
  'amend-plan': { goal: 'sustainable', reason: 'เป้าใหม่' },
  'amend-member': { memberIndex: 0, name: 'ทดสอบ สอง', reason: 'พิมพ์ผิด' },
};

describe('role × scope access matrix', () => {
  const api = useApi();
  const sessions: Record<string, { headers: { authorization: string } }> = {};

  beforeAll(async () => {
    for (const role of ROLES) {
      sessions[`${role}:in`] = await signedIn(api.orm(), role, SCOPES[role]);
      sessions[`${role}:out`] = await signedIn(api.orm(), role, OTHER_DISTRICT[role]);
    }
  });

  async function openCase(): Promise<string> {
    const response = await api.app().inject({
      method: 'POST',
      url: '/cases',
      headers: sessions['district:in'].headers,
      payload: { household: { houseCode: houseCodeIn('6401'), provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', source: 'tpmap', members: [{ name: 'ทดสอบ' }], failedIndicators: ['I3'] } },
    });
    expect(response.statusCode).toBe(201);
    const { caseId } = response.json<{ caseId: string }>();
    // Wait for the projection: scope is read from the read model.
    for (let i = 0; i < 100; i++) {
      const [row] = await api.orm().em.fork().execute('select 1 from household_case where id = ?', [caseId]);
      if (row) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return caseId;
  }

  it('every route refuses anonymous callers with 401', async () => {
    const caseId = 'household-case-64010000001';
    const routes = [
      ['GET', `/cases/${caseId}`],
      ['POST', '/cases'],
      ['GET', '/auth/me'],
      ['GET', '/users'],
      ...CASE_ACTIONS.map((a) => ['POST', `/cases/${caseId}/${a.path}`]),
      ['GET', `/tasks/${caseId}-task-1`],
      ['POST', `/tasks/${caseId}-task-1/complete`],
    ];
    for (const [method, url] of routes) {
      const response = await api.app().inject({ method: method as 'GET' | 'POST', url, ...(method === 'POST' ? { payload: {} } : {}) });
      expect([url, response.statusCode]).toEqual([url, 401]);
    }
  });

  it.each(CASE_ACTIONS.map((a) => [a.path, a]))('POST /cases/:id/%s', async (_path, action) => {
    const caseId = await openCase();
    const allowed = ACTION_RULES[action.action].roles;
    // Out of scope first (it must not change the case), then in scope.
    for (const where of ['out', 'in'] as const) {
      for (const role of ROLES) {
        const response = await api.app().inject({ method: 'POST', url: `/cases/${caseId}/${action.path}`, headers: sessions[`${role}:${where}`].headers, payload: BODIES[action.path] as Record<string, unknown> });
        // Admins are national: for them 'out' is inside their scope too.
        const outside = where === 'out' && role !== 'admin';
        const expected = !allowed.includes(role) ? 403 : outside || role === 'agency' ? 404 : 'allowed';
        const outcome = [401, 403, 404].includes(response.statusCode) ? response.statusCode : 'allowed';
        expect({ role, where, outcome }).toEqual({ role, where, outcome: expected });
      }
    }
  });

  it('GET /cases/:id: any role in the area reads it; outside the area, or an agency without a task, gets 404', async () => {
    const caseId = await openCase();
    for (const role of ROLES) {
      for (const where of ['in', 'out'] as const) {
        const response = await api.app().inject({ method: 'GET', url: `/cases/${caseId}`, headers: sessions[`${role}:${where}`].headers });
        const expected = (where === 'out' && role !== 'admin') || role === 'agency' ? 404 : 200;
        expect({ role, where, status: response.statusCode }).toEqual({ role, where, status: expected });
      }
    }
  });

  it('POST /cases: field teams and committees add households in their own area only', async () => {
    for (const role of ROLES) {
      for (const where of ['in', 'out'] as const) {
        const response = await api.app().inject({
          method: 'POST',
          url: '/cases',
          headers: sessions[`${role}:${where}`].headers,
          payload: { household: { houseCode: houseCodeIn('6401'), provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', source: 'missed', entryReason: 'ตกหล่น', members: [{ name: 'สมศรี' }] } },
        });
        const allowed = ['operationsTeam', 'mentor', 'district', 'province', 'supervisor', 'admin'].includes(role);
        const expected = !allowed ? 403 : where === 'out' && role !== 'admin' ? 403 : 201;
        expect({ role, where, status: response.statusCode }).toEqual({ role, where, status: expected });
      }
    }
  });

  it('users routes are for admins (and supervisors may list)', async () => {
    for (const role of ROLES) {
      const list = await api.app().inject({ method: 'GET', url: '/users', headers: sessions[`${role}:in`].headers });
      expect({ role, status: list.statusCode }).toEqual({ role, status: ['admin', 'supervisor'].includes(role) ? 200 : 403 });
      const create = await api.app().inject({ method: 'POST', url: '/users', headers: sessions[`${role}:in`].headers, payload: { username: `u-${role.toLowerCase()}-${Date.now()}`, displayName: 'x', password: 'a-long-enough-passphrase', role: 'supervisor' } });
      expect({ role, status: create.statusCode }).toEqual({ role, status: role === 'admin' ? 201 : 403 });
    }
  });
});
