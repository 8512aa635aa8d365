import { stringify } from 'csv-stringify/sync';
import { signedIn } from '../helpers/auth';
import { useApi } from '../helpers/api-harness';
import { importAndWait, listedHousehold, targetCsv } from '../helpers/target-lists';

/**
 * Two program years through the API, in subdistrict 950101 (Yala), this file's own: year 1's list
 * opens four cases, one household graduates by the survey, then year 2's list names two of the
 * open ones again, the graduate, and a newcomer. The reconciliation sorts them into the four groups,
 * counts the flagged problems beside last year's, and no case is opened twice.
 */
describe('annual re-targeting', () => {
  const api = useApi();
  let team: { headers: { authorization: string } };

  beforeAll(async () => {
    team = await signedIn(api.orm(), 'operationsTeam', { provinceCode: '95', districtCode: '9501', subdistrictCode: '950101' });
  });

  const area = { provinceCode: '95', districtCode: '9501', subdistrictCode: '950101' };
  const importList = (url: string, csv: string) => importAndWait(api.app(), team.headers, url, csv);
  const household = (name: string) => listedHousehold('9501', name);

  it('sorts a new year list into new, still flagged, no longer flagged and returning, and opens no case twice', async () => {
    const [stays, staysToo, leaves, graduates, newcomer] = [household('นายคงอยู่ หนึ่ง'), household('นางคงอยู่ สอง'), household('นายพ้นเกณฑ์ สาม'), household('นางจบแล้ว สี่'), household('นายมาใหม่ ห้า')];

    const year1 = await importList('/imports/targets?fiscalYear=2569', targetCsv(area, [stays, staysToo, leaves, graduates].map((h) => ({ ...h, indicators: 'I3|L1' }))));
    const first = (await api.app().inject({ method: 'GET', url: `/imports/${year1}/reconciliation`, headers: team.headers })).json();
    expect(first).toMatchObject({ fiscalYear: 2569, totals: { new: 4, stillFlagged: 0, returning: 0 } });

    // The survey: one household passes and graduates.
    await importList('/imports/survey', stringify([['house_code', 'year', 'passed', 'failed_indicators'], [graduates.code, '2569', 'ผ่าน', '']]));

    const year2 = await importList(
      '/imports/targets?fiscalYear=2570',
      targetCsv(area, [
        { ...stays, indicators: 'I3' },
        { ...staysToo, indicators: 'I3|H1' },
        { ...graduates, indicators: 'E2' },
        { ...newcomer, indicators: 'A1' },
      ]),
    );
    const report = async (group: string) => (await api.app().inject({ method: 'GET', url: `/imports/${year2}/reconciliation?group=${group}`, headers: team.headers })).json<{ fiscalYear: number; totals: Record<string, number>; cases: Array<{ headName: string; canReopen: boolean; status: string }>; byDimension: Array<{ dimension: string; thisYear: number; lastYear: number }>; byArea: Array<Record<string, unknown>> }>();
    const still = await report('stillFlagged');
    expect(still.fiscalYear).toBe(2570);
    // Cases opened by other files in the province do not reach this subdistrict's uploader's list.
    expect(still.totals).toEqual({ new: 1, stillFlagged: 2, noLongerFlagged: 1, returning: 1 });
    expect(still.cases.map((c) => c.headName).sort()).toEqual([stays.name, staysToo.name].sort());
    expect((await report('new')).cases.map((c) => c.headName)).toEqual([newcomer.name]);
    expect((await report('noLongerFlagged')).cases).toEqual([expect.objectContaining({ headName: leaves.name, status: 'active' })]);
    expect((await report('returning')).cases).toEqual([expect.objectContaining({ headName: graduates.name, status: 'closed', canReopen: true })]);
    expect(still.byArea).toEqual([expect.objectContaining({ subdistrictCode: '950101', new: 1, stillFlagged: 2, noLongerFlagged: 1, returning: 1 })]);
    // Last year: I3 and L1 on four households (income 4, living 4); this year I3, I3, H1, E2, A1.
    const dimension = (code: string) => still.byDimension.find((d) => d.dimension === code);
    expect(dimension('income')).toEqual({ dimension: 'income', thisYear: 2, lastYear: 4 });
    expect(dimension('living')).toEqual({ dimension: 'living', thisYear: 0, lastYear: 4 });

    const csv = await api.app().inject({ method: 'GET', url: `/imports/${year2}/reconciliation?group=stillFlagged&format=csv`, headers: team.headers });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain(stays.name);

    const [counts] = await api.orm().em.fork().execute<Array<{ households: number; cases: number }>>(
      `select count(distinct h.id)::int as households, count(c.id)::int as cases from household h join household_case c on c.household_id = h.id where h.house_code in (?, ?, ?, ?, ?)`,
      [stays.code, staysToo.code, leaves.code, graduates.code, newcomer.code],
    );
    expect(counts).toEqual({ households: 5, cases: 5 });
    // The still-flagged are tagged with both years.
    const [tags] = await api.orm().em.fork().execute<Array<{ years: number[] }>>(
      `select array_agg(distinct t.fiscal_year order by t.fiscal_year) as years from target_listing t join household_case c on c.id = t.case_id join household h on h.id = c.household_id where h.house_code = ? and t.grp <> 'noLongerFlagged'`,
      [stays.code],
    );
    expect(tags.years).toEqual([2569, 2570]);
  });

  it('answers 409 for a list that has not completed or is not a target list', async () => {
    const survey = await importList('/imports/survey', stringify([['house_code', 'year', 'passed', 'failed_indicators'], ['95019999999', '2569', 'ผ่าน', '']]));
    const answer = await api.app().inject({ method: 'GET', url: `/imports/${survey}/reconciliation`, headers: team.headers });
    expect(answer.statusCode).toBe(409);
    expect(answer.json()).toMatchObject({ code: 'IMPORT_NOT_RECONCILABLE', field: 'params.importId' });
  });
});
