/**
 * Reference seeding against the real (throwaway) PostgreSQL: complete, idempotent and fast enough
 * to run on every start. Other test files may seed concurrently; the seed's advisory lock and
 * upserts make that safe, and every assertion here holds whichever run came first.
 */
import type { Orm } from '../../db/orm';
import { activePolicy } from '../../db/policies';
import { seedReferenceData } from '../../db/reference/seed';
import { DEFAULT_POLICY } from '../../workflows/policy';
import { openTestOrm, testConfig } from '../helpers/servers';

let orm: Orm;

beforeAll(async () => {
  orm = await openTestOrm(testConfig());
});

afterAll(async () => {
  await orm?.close(true);
});

async function tableCounts(): Promise<Record<string, number>> {
  const tables = ['dimension', 'tpmap_indicator', 'jpt_indicator', 'ministry', 'agency', 'menu_item', 'province', 'district', 'subdistrict'];
  const [row] = await orm.em.fork().execute<Array<Record<string, string>>>(
    `select ${tables.map((t) => `(select count(*) from ${t}) as ${t}`).join(', ')},
            (select count(*) from case_policy where province_code is null) as national_policies`,
  );
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

describe('seedReferenceData', () => {
  it('fills every reference table, and seeding again changes no count', async () => {
    const reported = await seedReferenceData(orm);
    const first = await tableCounts();
    await seedReferenceData(orm);

    expect(first).toEqual({
      dimension: 5,
      tpmap_indicator: 17,
      jpt_indicator: 38,
      ministry: 26,
      agency: reported.agencies,
      menu_item: reported.menuItems,
      province: 77,
      district: 928,
      subdistrict: 7475,
      national_policies: 1,
    });
    expect(reported.agencies).toBe(26 + 15);
    expect(reported.menuItems).toBe(20);
    expect(await tableCounts()).toEqual(first);
  });

  it('stores the lookups the API reads: arrays, proposals and names', async () => {
    await seedReferenceData(orm);
    const em = orm.em.fork();
    const [i3] = await em.execute('select dimension, jpt_numbers, proposed_agency_codes from tpmap_indicator where code = ?', ['I3']);
    expect(i3).toEqual({ dimension: 'income', jpt_numbers: [29], proposed_agency_codes: expect.arrayContaining([expect.any(String)]) });
    const [menu] = await em.execute('select provider_agency_codes, phase from menu_item where code = ?', ['LIV-SURVIVAL-BAG']);
    expect(menu).toEqual({ provider_agency_codes: ['LAO', 'MSDHS-P', 'DISTRICT-OFFICE'], phase: 'urgent' });
    const [lat] = await em.execute('select district_code, province_code, postcode from subdistrict where code = ?', ['103001']);
    expect(lat).toEqual({ district_code: '1030', province_code: '10', postcode: expect.stringMatching(/^\d{5}$/) });
    const [jpt35] = await em.execute('select lead_ministries from jpt_indicator where no = 35');
    expect(jpt35).toEqual({ lead_ministries: [] });
  });
});

describe('activePolicy', () => {
  // '99' is no real province: nothing else in the suite reads its policy.
  const province = '99';

  afterEach(async () => {
    await orm.em.fork().execute('delete from case_policy where province_code = ?', [province]);
  });

  it("falls back to the national default, and prefers a province's own version in force", async () => {
    await seedReferenceData(orm);
    const em = orm.em.fork();
    expect(await activePolicy(em, province)).toEqual({ ...DEFAULT_POLICY, provinceCode: province });

    const own = { ...DEFAULT_POLICY, version: `p99-${Date.now()}`, provinceCode: province, reminderDaysBefore: 3 };
    await em.execute("insert into case_policy (version, province_code, body, effective_from, created_at) values (?, ?, ?::jsonb, current_date - 1, now())", [own.version, province, JSON.stringify(own)]);
    // A version from a future day is not in force yet.
    await em.execute("insert into case_policy (version, province_code, body, effective_from, created_at) values (?, ?, ?::jsonb, current_date + 30, now())", [`${own.version}-next`, province, JSON.stringify({ ...own, version: `${own.version}-next` })]);
    expect(await activePolicy(em, province)).toEqual(own);
    expect((await activePolicy(em, '64')).version).toBe(DEFAULT_POLICY.version);
  });
});
