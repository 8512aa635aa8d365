import { runFuzz } from '../../scripts/chaos/fuzz/run';
import { knownRecords } from '../../scripts/chaos/fuzz/known-records';
import { useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';

/**
 * Bad input on every route (the small run; `npm run chaos` sends many more): malformed,
 * oversized, wrong types, SQL and HTML injection, huge CSV files, invalid national IDs and dates
 * of the wrong era. No 5xx, every input error names its field, and errors are always JSON.
 */
describe('fuzzing every route', () => {
  const api = useApi();

  it('answers hostile input without a 5xx, naming the field of every input error', async () => {
    const sessions: Record<string, { authorization: string }> = {};
    for (const role of ['admin', 'district', 'mentor', 'agency'] as const) sessions[role] = (await signedIn(api.orm(), role)).headers;
    const known = await knownRecords(api.app(), api.orm(), sessions);
    const figures = await runFuzz({ app: api.app(), sessions, known, runs: Number(process.env.KAEJON_FUZZ_RUNS ?? 400), seed: Number(process.env.KAEJON_FUZZ_SEED ?? 7) });
    expect(figures.inputs).toBeGreaterThan(300);
    expect(figures.serverErrors).toEqual([]);
    expect(figures.unnamedField).toEqual([]);
    expect(figures.notJson).toEqual([]);
    expect(figures.oversizedErrors).toEqual([]);
    expect(figures.uploads).toBeGreaterThan(0);
  }, 240_000);
});
