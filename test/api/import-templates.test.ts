import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { buildApp, type App } from '../../api/app';
import type { AcceptedHousehold } from '../../api/services/imports/accepted';
import type { ImportView, RejectedRow } from '../../api/services/imports/reads';
import { COLUMNS, templateHeader } from '../../domain/imports/columns';
import type { Orm } from '../../db/orm';
import { signedIn } from '../helpers/auth';
import { eventually, openTestOrm, startTestWorker, testClient, testConfig, testLogger } from '../helpers/servers';
import { targetList, TARGET_HEADER } from '../fixtures/import-csv';

/**
 * What an official does with the imports page: download a template (CSV or .xlsx, Thai or English
 * headers), fill it in, upload it (an .xlsx as it is), and open the households it took, with the
 * refused rows explained in Thai. Real worker, real dev server, real PostgreSQL.
 */
type Headers = { authorization: string };
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function multipart(content: Buffer | string, filename: string, contentType: string) {
  const boundary = `----kaejon-${randomUUID()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(content), tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const runTag = (): string => String(100 + Math.floor(Math.random() * 900));

/** The fixture's rows under a header in the other language. */
function withHeader(csv: Buffer, header: string[]): string[][] {
  const [, ...rows] = parse(csv, { bom: true }) as string[][];
  return [header, ...rows];
}

async function workbookOf(rows: Array<Array<string | number | boolean>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('ข้อมูล');
  for (const row of rows) sheet.addRow(row);
  book.addWorksheet('อื่น ๆ').addRow(['ignored']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('import templates, Thai headers and Excel uploads', () => {
  const config = testConfig();
  const temporal = testClient(config);
  let orm: Orm;
  let workerOrm: Orm;
  let app: App;
  let worker: { stop(): Promise<void> };
  let district: { headers: Headers; userId: string };

  beforeAll(async () => {
    orm = await openTestOrm(config);
    workerOrm = await openTestOrm(config);
    worker = await startTestWorker(config, workerOrm);
    app = await buildApp({ config, orm, temporal: temporal.client, logger: testLogger });
    district = await signedIn(orm, 'district');
  });

  afterAll(async () => {
    await app.close();
    await worker.stop();
    await temporal.connection.close();
    await workerOrm.close();
    await orm.close();
  });

  const upload = (kind: 'targets' | 'survey', body: ReturnType<typeof multipart>) =>
    app.inject({ method: 'POST', url: `/imports/${kind}`, headers: { ...district.headers, ...body.headers }, payload: body.payload });
  const get = (url: string) => app.inject({ method: 'GET', url, headers: district.headers });
  const finished = (importId: string): Promise<ImportView> =>
    eventually(async () => {
      const view = (await get(`/imports/${importId}`)).json<ImportView>();
      return view.status === 'completed' || view.status === 'failed' ? view : undefined;
    }, 60_000);

  describe('templates', () => {
    it.each(['targets', 'survey'] as const)('%s: a CSV in each language, headers only, with a BOM', async (kind) => {
      for (const lang of ['th', 'en'] as const) {
        const response = await get(`/imports/templates/${kind}?format=csv&lang=${lang}`);
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toMatch(/^text\/csv/);
        expect(response.headers['content-disposition']).toContain(`kaejon-${kind}-template-${lang}.csv`);
        expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
        expect(parse(response.rawPayload, { bom: true })).toEqual([templateHeader(kind, lang)]);
      }
      expect(templateHeader(kind, 'th').every((h) => /[\u0E00-\u0E7F]/.test(h))).toBe(true);
    });

    it.each(['targets', 'survey'] as const)('%s: a workbook whose first sheet is the header and second the column guide', async (kind) => {
      for (const lang of ['th', 'en'] as const) {
        const response = await get(`/imports/templates/${kind}?format=xlsx&lang=${lang}`);
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe(XLSX_TYPE);
        const book = new ExcelJS.Workbook();
        await book.xlsx.read(Readable.from([response.rawPayload]));
        const [data, guide] = book.worksheets;
        expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(templateHeader(kind, lang));
        expect(data.rowCount).toBe(1);
        expect(guide.rowCount).toBe(COLUMNS[kind].length + 1);
        expect(guide.getCell('B2').value).toBe(COLUMNS[kind][0].name);
      }
    });

    it('refuses an unknown format or kind naming the field, and a role that does not import', async () => {
      const format = await get('/imports/templates/targets?format=xls');
      expect({ status: format.statusCode, field: format.json().field }).toEqual({ status: 400, field: 'querystring.format' });
      expect((await get('/imports/templates/people')).statusCode).toBe(400);
      const mentor = await signedIn(orm, 'mentor');
      expect((await app.inject({ method: 'GET', url: '/imports/templates/targets', headers: mentor.headers })).statusCode).toBe(403);
    });
  });

  it('takes a target list under the Thai template header, and lists the households it took by name', async () => {
    const list = targetList(200, runTag());
    const rows = withHeader(list.csv, templateHeader('targets', 'th'));
    const response = await upload('targets', multipart(`\uFEFF${rows.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(',')).join('\r\n')}`, 'รายชื่อ.csv', 'text/csv'));
    expect(response.statusCode).toBe(202);
    const { importId } = response.json<{ importId: string }>();
    expect(await finished(importId)).toMatchObject({ status: 'completed', acceptedRows: list.accepted.length, rejectedRows: list.rejects.size });

    const accepted = (await get(`/imports/${importId}/accepted?limit=1000`)).json<{ total: number; items: AcceptedHousehold[] }>();
    expect(accepted.total).toBe(list.accepted.length);
    expect(accepted.items.map((h) => h.houseCode)).toEqual(list.accepted);
    expect(accepted.items[0]).toMatchObject({ rowNo: 2, householdId: list.accepted[0], headName: 'สมชาย ใจดี', villageNo: '1' });
    expect(accepted.items[0].areaNames.subdistrict?.th).toEqual(expect.any(String));

    // Every refused row says why in Thai as well.
    const rejects = (await get(`/imports/${importId}/rejects?limit=1000`)).json<{ items: RejectedRow[] }>();
    expect(rejects.items).toHaveLength(list.rejects.size);
    for (const row of rejects.items) expect({ rowNo: row.rowNo, reasonTh: row.reasonTh }).toEqual({ rowNo: row.rowNo, reasonTh: expect.stringMatching(/[\u0E00-\u0E7F]/) });
  });

  it('takes an .xlsx workbook (numbers, blank rows, Thai headers) as it takes the same CSV', async () => {
    const tag = runTag();
    const header = templateHeader('targets', 'th');
    const book = await workbookOf([
      header,
      // A house code and a national ID typed into number cells, as Excel does by default.
      [Number(`64${tag}300001`), 64, 6401, 640101, 3, 'บ้านเลขที่ 1', 'บุญมี ศรีสุโข', 'บุญมี ศรีสุโข', Number('1101700230708'), 'I3|L1', 'tpmap', ''],
      [],
      [`64${tag}300002`, '64', '6401', '640102', '4', '', 'มาลี แก้วใส', '', '', 'X9', '', '', 'a cell past the header, ignored'],
    ]);
    const response = await upload('targets', multipart(book, 'targets.xlsx', XLSX_TYPE));
    expect(response.statusCode).toBe(202);
    const { importId } = response.json<{ importId: string }>();
    expect(await finished(importId)).toMatchObject({ status: 'completed', totalRows: 2, acceptedRows: 1, rejectedRows: 1 });
    const accepted = (await get(`/imports/${importId}/accepted`)).json<{ items: AcceptedHousehold[] }>();
    expect(accepted.items).toEqual([expect.objectContaining({ rowNo: 2, houseCode: `64${tag}300001`, headName: 'บุญมี ศรีสุโข', villageNo: '3' })]);
    const member = await orm.em.fork().execute<Array<{ national_id: string }>>('select national_id from household_member where household_id = ?', [`64${tag}300001`]);
    expect(member.map((m) => m.national_id)).toEqual(['1101700230708']);
    // The blank row keeps the spreadsheet's numbering: the refused row is row 4.
    const rejects = (await get(`/imports/${importId}/rejects`)).json<{ items: RejectedRow[] }>();
    expect(rejects.items).toEqual([expect.objectContaining({ rowNo: 4, field: 'failed_indicators', reasonTh: expect.stringContaining('X9 ไม่ใช่ตัวชี้วัด') })]);
  });

  it('takes survey results from a workbook with English headers', async () => {
    const book = await workbookOf([templateHeader('survey', 'en'), [`64${runTag()}999990`, '', 2570, true, '']]);
    const response = await upload('survey', multipart(book, 'survey.xlsx', 'application/octet-stream'));
    expect(response.statusCode).toBe(202);
    const { importId } = response.json<{ importId: string }>();
    expect(await finished(importId)).toMatchObject({ status: 'completed', totalRows: 1, rejectedRows: 1 });
    const rejects = (await get(`/imports/${importId}/rejects`)).json<{ items: RejectedRow[] }>();
    expect(rejects.items[0]).toMatchObject({ field: 'house_code', reasonTh: expect.stringContaining('ไม่พบครัวเรือน') });
  });

  describe('refuses a workbook it cannot use with 4xx naming the file or column, and writes nothing', () => {
    const jobs = async (): Promise<number> => Number((await orm.em.fork().execute<Array<{ n: string }>>('select count(*) as n from import_job where created_by = ?', [district.userId]))[0].n);
    const refused = async (body: ReturnType<typeof multipart>, status: number, field: string, code: string) => {
      const before = await jobs();
      const response = await upload('targets', body);
      expect({ status: response.statusCode, field: response.json().field, code: response.json().code }).toEqual({ status, field, code });
      expect(await jobs()).toBe(before);
    };

    it('a damaged workbook', async () => {
      const good = await workbookOf([TARGET_HEADER]);
      await refused(multipart(good.subarray(0, good.length / 2), 'targets.xlsx', XLSX_TYPE), 422, 'file', 'XLSX_UNREADABLE');
      await refused(multipart(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64)]), 'targets.xlsx', XLSX_TYPE), 422, 'file', 'XLSX_UNREADABLE');
      await refused(multipart('house_code,year\n1,2\n', 'targets.xlsx', XLSX_TYPE), 422, 'file', 'XLSX_UNREADABLE');
    });

    it('a workbook that declares it unpacks to more than the server reads at once (a zip bomb)', async () => {
      const book = await workbookOf([TARGET_HEADER, ['สมชาย ใจดี']]);
      // Patch the central directory: sharedStrings.xml now says it inflates to 300 MB.
      const name = Buffer.from('xl/sharedStrings.xml');
      for (let at = book.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = book.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
        if (book.subarray(at + 46, at + 46 + name.length).equals(name)) book.writeUInt32LE(300 * 1024 * 1024, at + 24);
      }
      await refused(multipart(book, 'targets.xlsx', XLSX_TYPE), 413, 'file', 'FILE_TOO_LARGE');
    });

    it('a workbook without a required column, or with only a header', async () => {
      await refused(multipart(await workbookOf([TARGET_HEADER.filter((c) => c !== 'head_name'), ['x']]), 'targets.xlsx', XLSX_TYPE), 422, 'head_name', 'MISSING_COLUMN');
      await refused(multipart(await workbookOf([TARGET_HEADER]), 'targets.xlsx', XLSX_TYPE), 422, 'file', 'FILE_EMPTY');
    });

    it('the same column in Thai and in English', async () => {
      await refused(multipart(await workbookOf([[...TARGET_HEADER, 'ชื่อหัวหน้าครัวเรือน'], ['x']]), 'targets.xlsx', XLSX_TYPE), 422, 'head_name', 'BAD_HEADER');
    });
  });
});
