import { call } from './api-client';
import { signIn, type BenchStack } from './stack';
import { latency, type Latency } from './stats';

export interface QueryTiming {
  query: string;
  level: 'district' | 'province' | 'country';
  latency: Latency;
}

const LISTS = ['/supervisor/overdue', '/supervisor/escalated', '/supervisor/stuck'];
const REPORTS = ['/reports/cases-by-district', '/reports/outcomes'];

/**
 * The supervisor's lists and the reports by district, over HTTP, as a supervisor narrowing to one
 * district, to one province, or looking at the whole country. Each sample picks another area that
 * has cases, so the timings are not one cached plan over one hot range.
 */
export async function measureSupervisorQueries(stack: BenchStack, options: { samples: number }): Promise<QueryTiming[]> {
  const supervisor = await signIn(stack.orm, 'supervisor', {});
  const em = stack.orm.em.fork();
  const districts = (await em.execute<Array<{ d: string }>>('select distinct district_code as d from household_case order by 1')).map((r) => r.d);
  const provinces = [...new Set(districts.map((d) => d.slice(0, 2)))];
  const filters: Record<QueryTiming['level'], (i: number) => Record<string, string>> = {
    district: (i) => ({ districtCode: districts[(i * 37) % districts.length] }),
    province: (i) => ({ provinceCode: provinces[(i * 7) % provinces.length] }),
    country: () => ({}),
  };
  const timings: QueryTiming[] = [];
  for (const path of [...LISTS, ...REPORTS]) {
    for (const level of ['district', 'province', 'country'] as const) {
      const samples: number[] = [];
      // Two unmeasured calls first: the first plan and the first pages into the cache.
      for (let i = -2; i < options.samples; i++) {
        const params = new URLSearchParams(filters[level](i + 2));
        if (REPORTS.includes(path) && level === 'district') params.set('groupBy', 'subdistrict');
        const t0 = performance.now();
        await call(stack, 'GET', `${path}?${params}`, supervisor);
        if (i >= 0) samples.push(performance.now() - t0);
      }
      timings.push({ query: path, level, latency: latency(samples) });
    }
  }
  return timings;
}
