import type { Orm } from '../../db/orm';
import { runPage, TOTAL_COUNT_CAP, Where } from '../../api/services/lists';
import { openTestOrm, testConfig } from '../helpers/servers';

/** Paging over real PostgreSQL: a series of numbers stands in for a country's worth of cases. */
let orm: Orm;

beforeAll(async () => {
  orm = await openTestOrm(testConfig());
});

afterAll(async () => {
  await orm?.close(true);
});

const numbers = (upTo: number, offset = 0) =>
  runPage(orm.em.fork(), { select: 'n', from: `generate_series(1, ${upTo}) as g(n)`, where: new Where().add('n % 2 = ?', 0), orderBy: 'n', limit: 3, offset }, (row: { n: number }) => row.n);

it('counts the total exactly up to the cap', async () => {
  expect(await numbers(100, 6)).toEqual({ items: [14, 16, 18], total: 50, totalExact: true, limit: 3, offset: 6 });
  expect(await numbers(TOTAL_COUNT_CAP * 2)).toMatchObject({ total: TOTAL_COUNT_CAP, totalExact: true });
});

it('stops counting past the cap and says the total is a lower bound', async () => {
  expect(await numbers(1_000_000)).toEqual({ items: [2, 4, 6], total: TOTAL_COUNT_CAP, totalExact: false, limit: 3, offset: 0 });
});
