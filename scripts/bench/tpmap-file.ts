import { stringify } from 'csv-stringify/sync';
import { TARGET_COLUMNS } from '../../domain/imports/columns';
import { subdistrictsOfDistrict } from '../../db/reference/admin-areas';
import { nationalId } from '../../test/fixtures/import-csv';


const HEADS = ['สมชาย ใจดี', 'สมหญิง มีสุข', 'บุญมี ศรีสุโข', 'ประเสริฐ ทองคำ', 'มาลี แก้วใส'];
const OTHERS = ['ด.ช. มานะ', 'ด.ญ. ปิติ', 'นางบัวผัน'];
const INDICATORS = ['I3', 'I3|L1', 'H1|E2', 'A1', 'L4|I1'];

/**
 * A TPMAP target list of `rows` valid households in `districtCode`, spread over its subdistricts.
 * `tag` (3 digits) keeps one file's house codes and national IDs apart from every other file's on
 * the same server; up to 1,000,000 rows per tag. Every row is accepted, so every row opens a case.
 */
export function tpmapFile(rows: number, tag: string, districtCode = '6401'): { csv: Buffer; houseCodes: string[] } {
  const provinceCode = districtCode.slice(0, 2);
  const subdistricts = subdistrictsOfDistrict(districtCode).map((s) => s.code);
  const houseCodes: string[] = [];
  const records: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const serial = `${tag}${String(i).padStart(6, '0')}`;
    const houseCode = `${provinceCode}${serial}`;
    const size = 1 + (i % 3);
    const names = [HEADS[i % HEADS.length], ...OTHERS.slice(0, size - 1)];
    const ids = names.map((_, m) => nationalId(`1${serial}${String(m).padStart(2, '0')}`));
    houseCodes.push(houseCode);
    records.push([
      houseCode,
      provinceCode,
      districtCode,
      subdistricts[i % subdistricts.length],
      String((i % 12) + 1),
      `${(i % 200) + 1} หมู่ ${(i % 12) + 1}`,
      names[0],
      names.join('|'),
      ids.join('|'),
      INDICATORS[i % INDICATORS.length],
      'tpmap',
      '',
    ]);
  }
  const header = TARGET_COLUMNS.map((c) => c.name);
  return { csv: Buffer.from(`\uFEFF${stringify([header, ...records])}`, 'utf8'), houseCodes };
}
