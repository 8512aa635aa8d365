import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { App } from '../../api/app';
import { TARGET_HEADER } from '../fixtures/import-csv';
import { freshNationalId, houseCodeIn } from './api-harness';
import { eventually } from './servers';

/**
 * Target lists and surveys through the upload API, for the program-year tests: upload a CSV and
 * wait for its import to complete, and build lists of households in one subdistrict.
 */
type Headers = { authorization: string };

export interface ListedHousehold {
  code: string;
  name: string;
  id: string;
}

export const listedHousehold = (districtCode: string, name: string): ListedHousehold => ({ code: houseCodeIn(districtCode), name, id: freshNationalId() });

/** A TPMAP list of households of one subdistrict (village 4), each with its failed indicators. */
export function targetCsv(area: { provinceCode: string; districtCode: string; subdistrictCode: string }, rows: Array<ListedHousehold & { indicators: string }>): string {
  return stringify([TARGET_HEADER, ...rows.map((r) => [r.code, area.provinceCode, area.districtCode, area.subdistrictCode, '4', '9 หมู่ 4', r.name, r.name, r.id, r.indicators, 'tpmap', ''])]);
}

/** A survey file: each house passes (graduates) or not, in `year`. */
export const surveyCsv = (year: number, rows: Array<{ code: string; passed: boolean }>): string =>
  stringify([['house_code', 'year', 'passed', 'failed_indicators'], ...rows.map((r) => [r.code, String(year), r.passed ? 'ผ่าน' : 'ไม่ผ่าน', r.passed ? '' : 'I3'])]);

/** Uploads a CSV to an import route and answers the import's ID once it completed. */
export async function importAndWait(app: App, headers: Headers, url: string, csv: string): Promise<string> {
  const boundary = `----kaejon-${randomUUID()}`;
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="list.csv"\r\nContent-Type: text/csv\r\n\r\n`), Buffer.from(csv), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const answer = await app.inject({ method: 'POST', url, payload, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` } });
  if (answer.statusCode !== 202) throw new Error(`upload answered ${answer.statusCode}: ${answer.body}`);
  const { importId } = answer.json<{ importId: string }>();
  const status = await eventually(async () => {
    const job = (await app.inject({ method: 'GET', url: `/imports/${importId}`, headers })).json<{ status: string }>();
    return job.status === 'completed' || job.status === 'failed' ? job.status : null;
  }, 60_000);
  if (status === 'failed') throw new Error(`import ${importId} failed`);
  return importId;
}
