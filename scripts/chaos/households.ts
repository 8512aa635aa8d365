import { randomInt } from 'node:crypto';
import { nationalId as nationalIdOf } from '../../test/fixtures/import-csv';

/** Personal data the chaos runs put into cases, so the scan knows exactly what must never leak. */
export interface PersonalData {
  nationalIds: string[];
  names: string[];
  phones: string[];
}

export interface TestHousehold {
  houseCode: string;
  provinceCode: string;
  districtCode: string;
  subdistrictCode: string;
  source: 'tpmap';
  headName: string;
  address: string;
  members: Array<{ name: string; nationalId: string; birthYear: number }>;
  failedIndicators: string[];
}

const GIVEN = ['สมชาย', 'สมหญิง', 'ประยูร', 'บุญมี', 'มาลี', 'วันเพ็ญ', 'สุดใจ', 'ทองดี'];
const FAMILY = ['ใจดี', 'รักษ์ไทย', 'มั่นคง', 'ศรีสุข', 'บุญเรือง', 'แก้วมณี'];

/**
 * `count` households in Sukhothai 6401/640101, unique within the run and, through a random run
 * number, against other runs sharing the database. Names are unique strings (a name shared with
 * the program's own reference data would make the scan meaningless).
 */
export function makeHouseholds(count: number): { households: TestHousehold[]; personal: PersonalData } {
  const run = String(randomInt(100, 1000));
  const personal: PersonalData = { nationalIds: [], names: [], phones: [] };
  const households = Array.from({ length: count }, (_, i) => {
    const serial = String(i).padStart(4, '0');
    const name = `${GIVEN[i % GIVEN.length]} ${FAMILY[i % FAMILY.length]}${run}${serial}`;
    const nationalId = nationalIdOf(`3${run}${serial}0000`.slice(0, 12));
    const phone = `08${run.slice(0, 1)}-${run.slice(1)}${serial.slice(0, 1)}-${serial.slice(1)}0`;
    personal.nationalIds.push(nationalId);
    personal.names.push(name);
    personal.phones.push(phone);
    return {
      houseCode: `6401${run}${serial}`,
      provinceCode: '64',
      districtCode: '6401',
      subdistrictCode: '640101',
      source: 'tpmap' as const,
      headName: name,
      address: `หมู่ 3 โทร ${phone}`,
      members: [{ name, nationalId, birthYear: 1960 + (i % 40) }],
      failedIndicators: ['I3'],
    };
  });
  return { households, personal };
}
