import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { projectCaseSnapshots } from '../../db/read-model/projection';
import type { Principal } from '../../domain/scope';
import { casesByArea, casesByStage } from '../../api/services/reports/case-counts';
import { fiscalYear } from '../../domain/fiscal-year';
import { outcomeSummary } from '../../api/services/reports/outcomes';
import { refreshNationalRollups } from '../../api/services/reports/rollups';
import { reportScope } from '../../api/services/reports/scope';
import type { Orm } from '../../db/orm';
import type { CaseState } from '../../workflows/household-case/types';
import { caseState, daysAfter, household, problem, T0 } from '../helpers/fixtures';
import { openTestOrm, testConfig } from '../helpers/servers';

/**
 * The national rollups give the same figures as counting every case. Both are read in one
 * REPEATABLE READ transaction, right after refreshing the rollups in it, so the other test files
 * writing cases meanwhile cannot put the two apart.
 */
let orm: Orm;

beforeAll(async () => {
  orm = await openTestOrm(testConfig());
  // Cases of two intake years, in two districts, at several stages, with problems in every outcome state.
  const states: CaseState[] = [];
  const shapes: Array<[string, string, string, Partial<CaseState>]> = [
    ['6601', '660101', T0, {}],
    ['6601', '660102', daysAfter(T0, -30), { stage: 'analysis', status: 'paused' }],
    ['6602', '660201', daysAfter(T0, 40), { stage: 'followUp', overdueLevel: 1, escalated: true, assignmentLevel: 'province' }],
    ['6602', '660201', daysAfter(T0, 90), { stage: 'closed', status: 'closed', closure: { reason: 'graduated', at: T0, by: 'survey', note: '' } as CaseState['closure'] }],
  ];
  for (const [districtCode, subdistrictCode, openedAt, overrides] of shapes) {
    // Province 66: no other test file counts it.
    const state = caseState({ household: household({ provinceCode: '66', districtCode, subdistrictCode }), openedAt, ...overrides });
    problem(state, { status: 'solved' });
    problem(state, { status: 'open', lastOutcome: 'notYetSolvable' });
    problem(state, { status: 'waiting' });
    problem(state, { status: 'assigned' });
    states.push(state);
  }
  await projectCaseSnapshots(orm, states);
});

afterAll(async () => {
  await orm?.close(true);
});

const supervisor: Principal = { userId: 'rollup-test', username: 'rollup-test', role: 'supervisor', provinceCode: null, districtCode: null, subdistrictCode: null, agencyCode: null };

async function bothWays<T extends { asOf: string | null }>(report: (em: EntityManager) => Promise<T>): Promise<{ rolled: T; live: T }> {
  return orm.em.fork().transactional(
    async (tx) => {
      expect(await refreshNationalRollups(tx, true)).toBe(true);
      process.env.KAEJON_ROLLUP_MIN_CASES = '0';
      const rolled = await report(tx);
      process.env.KAEJON_ROLLUP_MIN_CASES = String(Number.MAX_SAFE_INTEGER);
      const live = await report(tx);
      delete process.env.KAEJON_ROLLUP_MIN_CASES;
      return { rolled, live };
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ },
  );
}

const national = reportScope(supervisor, {});

it.each([null, 2570, 2569])('cases by stage and by district (fiscal year %p): the rollup equals the live count', async (year) => {
  const fy = year === null ? null : fiscalYear(year);
  const checks = [
    () => bothWays((em) => casesByStage(em, national, fy)),
    () => bothWays((em) => casesByArea(em, national, fy, 'district')),
    () => bothWays((em) => casesByArea(em, national, fy, 'subdistrict')),
  ];
  for (const check of checks) {
    const { rolled, live } = await check();
    expect(rolled.asOf).not.toBeNull();
    expect(live.asOf).toBeNull();
    expect({ ...rolled, asOf: null }).toEqual(live);
  }
});

it.each([null, 2570])('outcomes by district and subdistrict (fiscal year %p): the rollup equals the live count', async (year) => {
  const fy = year === null ? null : fiscalYear(year);
  for (const groupBy of ['district', 'subdistrict'] as const) {
    const { rolled, live } = await bothWays((em) => outcomeSummary(em, national, fy, groupBy));
    expect(rolled.asOf).not.toBeNull();
    expect({ ...rolled, asOf: null }).toEqual(live);
    expect(live.total.problems).toBeGreaterThan(0);
  }
});

it('narrowed reports are always counted live', async () => {
  process.env.KAEJON_ROLLUP_MIN_CASES = '0';
  try {
    const report = await casesByArea(orm.em.fork(), reportScope(supervisor, { provinceCode: '64' }), null, 'district');
    expect(report.asOf).toBeNull();
  } finally {
    delete process.env.KAEJON_ROLLUP_MIN_CASES;
  }
});

it('a refresh that is not due does nothing', async () => {
  await refreshNationalRollups(orm.em.fork(), true);
  process.env.KAEJON_ROLLUP_MIN_CASES = '0';
  try {
    expect(await refreshNationalRollups(orm.em.fork())).toBe(false);
  } finally {
    delete process.env.KAEJON_ROLLUP_MIN_CASES;
  }
});
