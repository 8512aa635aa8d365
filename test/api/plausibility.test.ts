import fc from 'fast-check';
import type { CaseView } from '../../api/views/case-view';
import { bangkokDay } from '../../workflows/plausibility';
import { freshNationalId, houseCodeIn, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { eventually } from '../helpers/servers';

/**
 * Issue 15, plausibility at the edge: implausible values answer 422 with a stable code and the
 * field, and nothing is stored (no case row, no logbook entry). Properties run through the real
 * API, workflow and PostgreSQL, so their runs are few.
 */
describe('plausibility at the API', () => {
  const api = useApi();
  type Session = Awaited<ReturnType<typeof signedIn>>;
  const as: Record<string, Session> = {};
  const DAY = 86_400_000;

  beforeAll(async () => {
    for (const role of ['operationsTeam', 'mentor', 'district'] as const) as[role] = await signedIn(api.orm(), role);
    as.cdd = await signedIn(api.orm(), 'agency', { provinceCode: '64', agencyCode: 'CDD' });
  });

  const post = (who: string, url: string, payload: object) => api.app().inject({ method: 'POST', url, headers: as[who].headers, payload });
  const answer = async (who: string, url: string, payload: object) => {
    const response = await post(who, url, payload);
    const body = response.json<{ field?: string; code?: string }>();
    return { status: response.statusCode, field: body.field, code: body.code };
  };
  const household = (overrides: object = {}) => ({ houseCode: houseCodeIn('6401'), provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', source: 'tpmap', members: [{ name: 'สมศรี', nationalId: freshNationalId() }], failedIndicators: ['I3'], ...overrides });
  const stored = async (houseCode: string) => (await api.orm().em.fork().execute('select 1 from household where house_code = ?', [houseCode])).length > 0;

  it('a household without members, a TPMAP target without a failed indicator, a member born outside a lifespan: 422 with the code, and nothing stored', async () => {
    const thisYear = Number(bangkokDay(Date.now()).slice(0, 4));
    const cases: Array<[object, string, string]> = [
      [{ members: [] }, 'body.household.members', 'NO_MEMBERS'],
      [{ members: undefined }, 'body.household.members', 'NO_MEMBERS'],
      [{ failedIndicators: [] }, 'body.household.failedIndicators', 'NO_FAILED_INDICATOR'],
      [{ members: [{ name: 'ก', birthYear: 2090 }] }, 'body.household.members[0].birthYear', 'BIRTH_YEAR_IMPLAUSIBLE'],
      [{ members: [{ name: 'ก' }, { name: 'ข', birthYear: thisYear + 1 }] }, 'body.household.members[1].birthYear', 'BIRTH_YEAR_IMPLAUSIBLE'],
      [{ members: [{ name: 'ก', birthYear: thisYear - 121 }] }, 'body.household.members[0].birthYear', 'BIRTH_YEAR_IMPLAUSIBLE'],
      [{ members: [{ name: 'ก', birthYear: 1800 }] }, 'body.household.members[0].birthYear', 'BIRTH_YEAR_IMPLAUSIBLE'],
    ];
    for (const [overrides, field, code] of cases) {
      const h = household(overrides);
      expect({ overrides, ...(await answer('operationsTeam', '/cases', { household: h })) }).toEqual({ overrides, status: 422, field, code });
      expect(await stored(h.houseCode)).toBe(false);
    }
    // A missed household needs no failed indicator, and a member of 120 is still plausible.
    expect((await post('operationsTeam', '/cases', { household: household({ source: 'missed', entryReason: 'ตกหล่นจากการสำรวจ', failedIndicators: [], members: [{ name: 'ทวด', birthYear: thisYear - 120 }] }) })).statusCode).toBe(201);
  });

  it('birth years (fast-check): accepted exactly within this year − 120 .. this year', async () => {
    const thisYear = Number(bangkokDay(Date.now()).slice(0, 4));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1850, max: 2150 }), async (birthYear) => {
        const h = household({ members: [{ name: 'ก', birthYear }] });
        const { status, code } = await answer('operationsTeam', '/cases', { household: h });
        const plausible = birthYear >= thisYear - 120 && birthYear <= thisYear;
        expect({ birthYear, status, code }).toEqual(plausible ? { birthYear, status: 201, code: undefined } : { birthYear, status: 422, code: 'BIRTH_YEAR_IMPLAUSIBLE' });
        expect(await stored(h.houseCode)).toBe(plausible);
      }),
      { numRuns: 12 },
    );
  });

  async function taskAndCase(): Promise<{ caseId: string; taskId: string }> {
    const opened = await post('operationsTeam', '/cases', { household: household() });
    expect(opened.statusCode).toBe(201);
    const { caseId } = opened.json<{ caseId: string }>();
    await eventually(async () => (await api.orm().em.fork().execute('select 1 from household_case where id = ?', [caseId]))[0]);
    expect((await post('operationsTeam', `/cases/${caseId}/verify`, { outcome: 'confirmed' })).statusCode).toBe(200);
    const analysis = { attitude: 'อยากมีรายได้', skills: 'จักสาน', resources: 'ไม้ไผ่', wayOut: 'ขาย', householdType: 'canDevelop', problems: [{ dimension: 'income', indicator: 'I3', description: 'รายได้ต่ำ' }] };
    expect((await post('mentor', `/cases/${caseId}/analysis`, analysis)).statusCode).toBe(200);
    const planned = await post('mentor', `/cases/${caseId}/plan`, { goal: 'sufficient', items: [{ dimension: 'income', problemIndex: 0, action: 'ฝึก', supportBy: 'CDD' }] });
    const problemId = planned.json<CaseView>().problems[0].id;
    const assigned = await post('district', `/cases/${caseId}/assign`, { assignments: [{ problemId, agencyCode: 'CDD' }] });
    const taskId = assigned.json<CaseView>().tasks[0].taskId;
    await eventually(async () => (await api.orm().em.fork().execute('select 1 from assistance_task where id = ?', [taskId]))[0]);
    return { caseId, taskId };
  }

  it('activity dates: after today in Bangkok or before the case opened are refused; amounts in whole satang, never negative (fast-check)', async () => {
    const { caseId, taskId } = await taskAndCase();
    const url = `/tasks/${taskId}/activities`;
    const entry = { kind: 'training', description: 'อบรม', baht: 100, items: 1 };
    const today = bangkokDay(Date.now());
    const tomorrow = bangkokDay(Date.now() + DAY);
    const yesterday = bangkokDay(Date.now() - DAY);
    expect(await answer('cdd', url, { ...entry, date: tomorrow })).toEqual({ status: 422, field: 'body.date', code: 'DATE_IN_FUTURE' });
    expect(await answer('cdd', url, { ...entry, date: '2099-01-01' })).toEqual({ status: 422, field: 'body.date', code: 'DATE_IN_FUTURE' });
    expect(await answer('cdd', url, { ...entry, date: '1900-01-01' })).toEqual({ status: 422, field: 'body.date', code: 'DATE_BEFORE_CASE' });
    expect(await answer('cdd', url, { ...entry, date: yesterday })).toEqual({ status: 422, field: 'body.date', code: 'DATE_BEFORE_CASE' });
    expect(await answer('cdd', url, { ...entry, date: today, baht: -1 })).toEqual({ status: 422, field: 'body.baht', code: 'AMOUNT_INVALID' });
    expect(await answer('cdd', url, { ...entry, date: today, baht: 10.005 })).toEqual({ status: 422, field: 'body.baht', code: 'AMOUNT_INVALID' });
    expect(await answer('cdd', url, { ...entry, date: today, items: -2 })).toEqual({ status: 422, field: 'body.items', code: 'AMOUNT_INVALID' });
    // Relief: the same amount rule.
    expect(await answer('mentor', `/cases/${caseId}/relief`, { kind: 'survivalBag', description: 'ถุงยังชีพ', baht: 0.001, items: 1 })).toEqual({ status: 422, field: 'body.baht', code: 'AMOUNT_INVALID' });
    expect(await answer('mentor', `/cases/${caseId}/relief`, { kind: 'survivalBag', description: 'ถุงยังชีพ', baht: -5, items: 1 })).toEqual({ status: 422, field: 'body.baht', code: 'AMOUNT_INVALID' });

    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -3, max: 2 }), fc.oneof(fc.integer({ min: -500, max: 1_000_000 }).map((n) => n / 100), fc.double({ min: -1, max: 1000, noNaN: true })), async (offset, baht) => {
        const date = bangkokDay(Date.now() + offset * DAY);
        const { status, code } = await answer('cdd', url, { ...entry, date, baht });
        const wholeSatang = baht >= 0 && Math.round(baht * 100) / 100 === baht;
        // The schema refuses a negative amount before the dates are looked at.
        const expected = baht < 0 ? 'AMOUNT_INVALID' : date > today ? 'DATE_IN_FUTURE' : date < today ? 'DATE_BEFORE_CASE' : wholeSatang ? undefined : 'AMOUNT_INVALID';
        expect({ date, baht, status, code }).toEqual({ date, baht, status: expected ? 422 : 200, code: expected });
        if (!expected) accepted++;
      }),
      { numRuns: 15 },
    );
    // Only what was accepted reached the logbook.
    const logged = await eventually(async () => {
      const rows = await api.orm().em.fork().execute<Array<{ n: string }>>('select count(*) as n from logbook_entry where task_id = ?', [taskId]);
      return Number(rows[0].n) === accepted ? rows : undefined;
    });
    expect(Number(logged[0].n)).toBe(accepted);
  });
});
