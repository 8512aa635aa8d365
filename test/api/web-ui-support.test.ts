import type { CaseView } from '../../api/views/case-view';
import { freshNationalId, houseCodeIn, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { eventually } from '../helpers/servers';

/** The routes the web UI stands on: the page itself, its assets, reference data, the trend, allowed actions. */
describe('web UI support', () => {
  const api = useApi();
  const get = (url: string, headers: Record<string, string> = {}) => api.app().inject({ method: 'GET', url, headers });

  it('serves the app at / without a session, its hashed assets for a year, and 404 for an unknown asset', async () => {
    const page = await get('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('<html lang="th"');
    const script = /src="(\/assets\/main-[A-Z0-9]+\.js)"/.exec(page.body)?.[1];
    const style = /href="(\/assets\/main-[A-Z0-9]+\.css)"/.exec(page.body)?.[1];
    expect(script && style).toBeTruthy();
    const js = await get(script!);
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await get(style!)).headers['content-type']).toMatch(/text\/css/);
    // Compressed for phones on slow networks.
    const gzipped = await get(script!, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.rawPayload.length).toBeLessThan(js.rawPayload.length / 2);
    expect((await get('/assets/main-NOPE.js')).statusCode).toBe(404);
  });

  it('gives reference data to a signed-in user only, with the proposed lead agencies', async () => {
    expect((await get('/reference')).statusCode).toBe(401);
    const { headers } = await signedIn(api.orm(), 'mentor');
    const reference = (await get('/reference', headers)).json<{ indicators: Array<{ code: string; proposedAgencyCodes: string[] }>; agencies: Array<{ code: string }>; districts: Array<{ code: string }> }>();
    expect(reference.indicators.find((i) => i.code === 'I3')?.proposedAgencyCodes[0]).toBe('CDD');
    expect(reference.agencies.map((a) => a.code)).toContain('LAO');
    expect(reference.districts.map((d) => d.code)).toContain('6401');
    const subdistricts = (await get('/reference/subdistricts?districtCode=6401', headers)).json<Array<{ code: string }>>();
    expect(subdistricts.map((s) => s.code)).toContain('640101');
    const bad = await get('/reference/subdistricts?districtCode=64', headers);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: expect.stringContaining('districtCode') });
  });

  it('answers each case with the actions the caller may take, and counts it in the monthly trend', async () => {
    const team = await signedIn(api.orm(), 'operationsTeam');
    const district = await signedIn(api.orm(), 'district');
    const opened = await api.app().inject({
      method: 'POST',
      url: '/cases',
      headers: team.headers,
      payload: { household: { houseCode: houseCodeIn('6401'), provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', source: 'tpmap', members: [{ name: 'ทดลอง', nationalId: freshNationalId() }], failedIndicators: ['I3'] } },
    });
    expect(opened.statusCode).toBe(201);
    const { caseId } = opened.json<{ caseId: string }>();
    // The area check reads the read model, which the projection fills a moment after the start.
    await eventually(async () => ((await get(`/cases/${caseId}`, team.headers)).statusCode === 200 ? true : undefined));
    expect((await get(`/cases/${caseId}`, team.headers)).json<CaseView>().allowedActions).toEqual(['verifyTarget', 'pauseCase', 'amendMember']);
    expect((await get(`/cases/${caseId}`, district.headers)).json<CaseView>().allowedActions).toEqual(expect.arrayContaining(['verifyTarget', 'escalateCase', 'closeCase']));

    const month = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Bangkok' }).slice(0, 7);
    const trend = await eventually(async () => {
      const report = (await get('/reports/monthly-trend?districtCode=6401', district.headers)).json<{ months: Array<{ month: string; opened: number }>; total: { opened: number } }>();
      return report.months.find((m) => m.month === month)!.opened > 0 ? report : undefined;
    });
    expect(trend.months).toHaveLength(12);
    expect(trend.total.opened).toBeGreaterThan(0);
    const csv = await get('/reports/monthly-trend?districtCode=6401&format=csv', district.headers);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('month,month_th,opened,closed,graduated');
    expect((await get('/reports/monthly-trend?fiscalYear=2026', district.headers)).statusCode).toBe(400);
  });
});
