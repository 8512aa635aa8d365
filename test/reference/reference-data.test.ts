/**
 * Reference data checks: pure, no servers. Counts and code formats catch a bad package update or
 * an edited JSON before it is seeded; the cross-references catch a menu or proposal naming an
 * agency that does not exist.
 */
import {
  type AdminAreas,
  districtOfSubdistrict,
  districtsOfProvince,
  findProvince,
  loadAdminAreas,
  provinceOfDistrict,
  provinceOfSubdistrict,
  subdistrictsOfDistrict,
} from '../../db/reference/admin-areas';
import { agencies, findAgency } from '../../db/reference/agencies';
import {
  DIMENSION_CODES,
  TPMAP_INDICATOR_CODES,
  dimensions,
  jptIndicators,
  ministries,
  tpmapIndicators,
} from '../../db/reference/indicators';
import { TPMAP_TO_JPT, povertyMenu, proposeLeadAgency } from '../../db/reference/poverty-menu';

const unique = (values: string[]): boolean => new Set(values).size === values.length;

describe('indicators', () => {
  it('has the 5 dimensions in program order', () => {
    expect(dimensions().map((d) => d.code)).toEqual([...DIMENSION_CODES]);
    for (const d of dimensions()) expect(d.th && d.en).toBeTruthy();
  });

  it('has the 17 TPMAP indicators H1..A2, each in a known dimension', () => {
    const tpmap = tpmapIndicators();
    expect(tpmap.map((i) => i.code)).toEqual([...TPMAP_INDICATOR_CODES]);
    const dimByLetter: Record<string, string> = { H: 'health', L: 'living', E: 'education', I: 'income', A: 'access' };
    for (const i of tpmap) expect(i.dimension).toBe(dimByLetter[i.code[0]]);
  });

  it('has the 38 jpt indicators numbered 1..38 with known owners', () => {
    const jpt = jptIndicators();
    expect(jpt.map((i) => i.no)).toEqual(Array.from({ length: 38 }, (_, k) => k + 1));
    const codes = new Set(ministries().map((m) => m.code));
    for (const i of jpt) {
      for (const m of [...i.leadMinistries, ...i.supportMinistries]) expect(codes).toContain(m);
      expect(DIMENSION_CODES).toContain(i.dimension);
    }
    expect(jpt.filter((i) => i.leadMinistries.length === 0).map((i) => i.no)).toEqual([35]);
    expect(jpt.find((i) => i.no === 1)?.dimension).toBe('health');
    expect(jpt.find((i) => i.no === 38)?.dimension).toBe('access');
  });

  it('has 26 ministries with unique codes', () => {
    expect(ministries()).toHaveLength(26);
    expect(unique(ministries().map((m) => m.code))).toBe(true);
  });
});

describe('admin areas', () => {
  let areas: AdminAreas;
  let firstLoadMs = 0;

  beforeAll(() => {
    const t0 = performance.now();
    areas = loadAdminAreas();
    firstLoadMs = performance.now() - t0;
  });

  it('loads fast and caches', () => {
    expect(firstLoadMs).toBeLessThan(300);
    expect(loadAdminAreas().subdistricts).toBe(areas.subdistricts);
  });

  it('has 77 provinces, ~928 districts, ~7,4xx subdistricts', () => {
    expect(areas.provinces).toHaveLength(77);
    expect(areas.districts.length).toBeGreaterThanOrEqual(920);
    expect(areas.districts.length).toBeLessThanOrEqual(935);
    expect(areas.subdistricts.length).toBeGreaterThanOrEqual(7400);
    expect(areas.subdistricts.length).toBeLessThanOrEqual(7500);
  });

  // Collect offenders and compare with [] once: thousands of expect() calls make the run slow
  // and a failure then names the bad rows.
  it('uses DOPA code formats, unique and sorted', () => {
    for (const [list, re] of [
      [areas.provinces, /^[1-9]\d$/],
      [areas.districts, /^[1-9]\d{3}$/],
      [areas.subdistricts, /^[1-9]\d{5}$/],
    ] as const) {
      const codes = list.map((a) => a.code);
      expect(codes.filter((c) => !re.test(c))).toEqual([]);
      expect(unique(codes)).toBe(true);
      expect([...codes].sort()).toEqual(codes);
      expect(list.filter((a) => a.nameTh === '')).toEqual([]);
    }
    expect(areas.subdistricts.filter((s) => s.postcode !== null && !/^\d{5}$/.test(s.postcode))).toEqual([]);
  });

  it('links every district to a province and every subdistrict to a district', () => {
    expect(areas.districts.filter((d) => !d.code.startsWith(d.provinceCode) || provinceOfDistrict(d.code) === undefined)).toEqual([]);
    expect(
      areas.subdistricts.filter(
        (s) => !s.code.startsWith(s.districtCode) || districtOfSubdistrict(s.code)?.provinceCode !== s.provinceCode,
      ),
    ).toEqual([]);
  });

  it('knows well-known places', () => {
    expect(findProvince('10')?.nameTh).toBe('กรุงเทพมหานคร');
    expect(findProvince('64')?.nameTh).toBe('สุโขทัย');
    expect(districtsOfProvince('64')).toHaveLength(9); // Sukhothai, docs/PROGRAM.md "Figures for scale"
    expect(districtsOfProvince('13')).toHaveLength(7); // Pathum Thani, docs/PROGRAM.md "Figures for scale"
    expect(provinceOfSubdistrict('103001')?.code).toBe('10');
    expect(subdistrictsOfDistrict('1030').map((s) => s.nameTh)).toContain('ลาดยาว');
    expect(provinceOfDistrict('9999')).toBeUndefined();
  });
});

describe('agencies', () => {
  const all = agencies();

  it('has one national agency per ministry plus the local providers, codes unique ASCII', () => {
    const codes = all.map((a) => a.code);
    expect(unique(codes)).toBe(true);
    for (const c of codes) expect(c).toMatch(/^[A-Z][A-Z0-9-]*$/);
    for (const m of ministries()) expect(findAgency(m.code)?.level).toBe('national');
    for (const c of ['CDD', 'LAO', 'DOAE', 'NFE', 'DSD', 'MSDHS-P', 'DISTRICT-OFFICE', 'SCHOOL', 'PEO', 'SHPH', 'HOSPITAL', 'PHO', 'DOPA']) {
      expect(findAgency(c)?.level).not.toBe('national');
    }
  });

  it('names an existing ministry for every agency', () => {
    const codes = new Set(ministries().map((m) => m.code));
    for (const a of all) {
      expect(codes).toContain(a.ministry);
      expect(a.nameTh && a.nameEn).toBeTruthy();
    }
  });
});

describe('poverty menu and lead proposals', () => {
  it('has unique items in every dimension, all providers existing agencies', () => {
    const menu = povertyMenu();
    expect(unique(menu.map((m) => m.code))).toBe(true);
    expect(new Set(menu.map((m) => m.dimension))).toEqual(new Set(DIMENSION_CODES));
    for (const item of menu) {
      expect(item.providerAgencyCodes.length).toBeGreaterThan(0);
      for (const code of item.providerAgencyCodes) expect(findAgency(code)).toBeDefined();
      expect(['urgent', 'medium', 'long']).toContain(item.phase);
    }
  });

  it('maps every TPMAP indicator to jpt indicators of the same dimension', () => {
    const jpt = new Map(jptIndicators().map((i) => [i.no, i]));
    for (const t of tpmapIndicators()) {
      const nos = TPMAP_TO_JPT[t.code];
      expect(nos.length).toBeGreaterThan(0);
      for (const no of nos) expect(jpt.get(no)?.dimension).toBe(t.dimension);
    }
  });

  it('proposes existing lead agencies for all 17 TPMAP indicators', () => {
    for (const code of TPMAP_INDICATOR_CODES) {
      const proposal = proposeLeadAgency(code);
      expect(proposal.length).toBeGreaterThan(0);
      for (const a of proposal) expect(findAgency(a)).toBeDefined();
    }
  });

  it('prefers the local office over the ministry', () => {
    expect(proposeLeadAgency('H1')).toEqual(['SHPH']);
    expect(proposeLeadAgency('E4')).toEqual(['NFE']);
    expect(proposeLeadAgency('H4')).toEqual(['SHPH', 'MOTS']);
    expect(proposeLeadAgency('A2')).toEqual(['MSDHS-P', 'SHPH']);
    expect(proposeLeadAgency('I3')).toContain('CDD');
    expect(() => proposeLeadAgency('X9')).toThrow(RangeError);
  });
});
