import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { buildApp, type App } from '../../api/app';
import { MAX_ROWS } from '../../api/services/imports/upload';
import type { Orm } from '../../db/orm';
import { encode, framed, malformedUpload, multipartFile, UPLOAD_HEADERS, windows874, type UploadRequest } from '../../scripts/chaos/fuzz/uploads';
import { signedIn } from '../helpers/auth';
import { openTestOrm, testClient, testConfig, testLogger } from '../helpers/servers';

/**
 * Every malformed upload, on both import routes, answers 4xx naming `file` (or
 * `headers.content-type`) with a stable code, and stages nothing: no import_job, no import_row.
 * No worker polls this file's task queue: accepted files stay queued, which is all these tests read.
 */
const KINDS = ['targets', 'survey'] as const;
type Kind = (typeof KINDS)[number];

const csv = (kind: Kind, rows: string[][], eol = '\r\n'): string => [UPLOAD_HEADERS[kind].join(','), ...rows.map((r) => r.join(','))].join(eol) + eol;
const goodRow = (kind: Kind, i = 0): string[] =>
  kind === 'targets' ? [`6412300${String(i).padStart(4, '0')}`, '64', '6401', '640101', 'สมชาย ใจดี', '', 'I3'] : [`6412300${String(i).padStart(4, '0')}`, '2570', 'true', ''];
/** An extra column (ignored on import) that puts Thai text in every row, whatever the kind. */
const withThaiNote = (text: string): string => text.replace('\r\n', ',หมายเหตุ\r\n').replace(/(?<!หมายเหตุ)\r\n/g, ',ก\r\n');
const withRow = (kind: Kind, change: (row: string[]) => string[]): string => csv(kind, [goodRow(kind, 1), change(goodRow(kind, 2)), goodRow(kind, 3)]);

interface Refusal {
  name: string;
  request: (kind: Kind) => UploadRequest;
  status: number;
  field: string;
  code: string;
  /** Only on these routes (the row limit is the same code for both, and slow to reach). */
  kinds?: Kind[];
}

const file = (text: string | Buffer, filename?: string): UploadRequest => multipartFile(Buffer.from(text), { filename });

const REFUSALS: Refusal[] = [
  // Malformed CSV
  ...[
    ['a stray quote inside a field', (r: string[]) => [r[0].slice(0, 4) + '"' + r[0].slice(4), ...r.slice(1)]],
    ['a quote that is never closed', (r: string[]) => [`"${r[0]}`, ...r.slice(1)]],
    ['text after a closing quote', (r: string[]) => [`"${r[0]}"x`, ...r.slice(1)]],
    ['a row with one value too many', (r: string[]) => [...r, 'extra']],
    ['a row with one value too few', (r: string[]) => r.slice(0, -1)],
    ['a row of a single value', (r: string[]) => r.slice(0, 1)],
  ].map(([name, change]) => ({ name: name as string, request: (kind: Kind) => file(withRow(kind, change as (r: string[]) => string[])), status: 422, field: 'file', code: 'CSV_MALFORMED' })),
  {
    name: 'broken quoting after 2,500 good rows (batches already inserted are rolled back)',
    request: (kind) => file(csv(kind, [...Array.from({ length: 2500 }, (_, i) => goodRow(kind, i)), [`"${goodRow(kind, 9999)[0]}`]])),
    status: 422,
    field: 'file',
    code: 'CSV_MALFORMED',
  },
  { name: 'a row longer than 64 kB', request: (kind) => file(withRow(kind, (r) => [r[0], 'ก'.repeat(70_000), ...r.slice(2)])), status: 422, field: 'file', code: 'CSV_MALFORMED' },
  // Not text, or not a CSV
  { name: 'binary junk with NUL bytes', request: () => file(Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0x14, 0, 0xff, 0xfe, 0, 1, 2])), status: 422, field: 'file', code: 'FILE_NOT_CSV' },
  { name: 'a file named .xlsx but sent as text/csv', request: (kind) => file(csv(kind, [goodRow(kind)]), 'targets.xlsx'), status: 422, field: 'file', code: 'FILE_NOT_CSV' },
  { name: 'an old Excel workbook (.xls)', request: () => file(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'targets.xls'), status: 422, field: 'file', code: 'FILE_NOT_CSV' },
  // The wrong encoding
  { name: 'bytes that are neither UTF-8 nor Windows-874', request: (kind) => file(Buffer.concat([Buffer.from(csv(kind, [])), Buffer.from([0xff, 0xfc, 0x81, 0x0a])])), status: 422, field: 'file', code: 'FILE_ENCODING' },
  { name: 'a UTF-8 BOM on a file that is not UTF-8', request: (kind) => file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), windows874(withThaiNote(csv(kind, [goodRow(kind)])))])), status: 422, field: 'file', code: 'FILE_ENCODING' },
  { name: 'UTF-16 with a BOM whose last character is cut in half', request: (kind) => file(Buffer.concat([encode(csv(kind, [goodRow(kind)]), 'utf-16le-bom'), Buffer.from([0x41])])), status: 422, field: 'file', code: 'FILE_ENCODING' },
  // Empty
  { name: 'an empty file', request: () => file(''), status: 422, field: 'file', code: 'FILE_EMPTY' },
  { name: 'blank lines only', request: () => file('\r\n\r\n , ,\n'), status: 422, field: 'file', code: 'FILE_EMPTY' },
  { name: 'a BOM and nothing else', request: () => file('\uFEFF'), status: 422, field: 'file', code: 'FILE_EMPTY' },
  { name: 'a header only', request: (kind) => file(csv(kind, [])), status: 422, field: 'file', code: 'FILE_EMPTY' },
  { name: 'a header and blank rows', request: (kind) => file(csv(kind, [[''], [',,,']])), status: 422, field: 'file', code: 'FILE_EMPTY' },
  { name: 'a blank first row above the header', request: (kind) => file(`\r\n${csv(kind, [goodRow(kind)])}`), status: 422, field: 'file', code: 'CSV_NO_HEADER' },
  // Too large
  { name: 'a declared length past 50 MB', request: () => ({ ...file(''), payload: Buffer.alloc(51 * 1024 * 1024, ' '), headers: multipartFile(Buffer.alloc(0)).headers }), status: 413, field: 'file', code: 'FILE_TOO_LARGE' },
  { name: `more than ${MAX_ROWS.toLocaleString('en')} rows`, request: (kind) => file(csv(kind, Array.from({ length: MAX_ROWS + 1 }, () => goodRow(kind)), '\n')), status: 413, field: 'file', code: 'FILE_TOO_MANY_ROWS', kinds: ['targets'] },
  // Broken multipart framing
  ...(['no boundary', 'other boundary', 'cut off', 'no closing boundary', 'bare LF'] as const).map((framing) => ({
    name: `multipart with ${framing}`,
    request: (kind: Kind) => framed(Buffer.from(csv(kind, [goodRow(kind)])), framing),
    status: 400,
    field: 'file',
    code: 'MULTIPART_MALFORMED',
  })),
  // An empty body is an empty form: it holds no file.
  { name: 'multipart with an empty body', request: (kind) => framed(Buffer.from(csv(kind, [goodRow(kind)])), 'empty body'), status: 422, field: 'file', code: 'FILE_MISSING' },
  { name: 'multipart with no file part', request: (kind) => framed(Buffer.from(csv(kind, [goodRow(kind)])), 'no file part'), status: 422, field: 'file', code: 'FILE_MISSING' },
  { name: 'multipart with two files', request: (kind) => framed(Buffer.from(csv(kind, [goodRow(kind)])), 'two files'), status: 413, field: 'file', code: 'MULTIPART_TOO_MANY_PARTS' },
  // Not multipart at all
  ...['text/csv', 'text/plain', 'application/json', 'application/x-www-form-urlencoded', 'application/octet-stream'].map((type) => ({
    name: `a body sent as ${type}`,
    request: (kind: Kind) => ({ payload: Buffer.from(type === 'application/json' ? '{"rows":[]}' : csv(kind, [goodRow(kind)])), headers: { 'content-type': type } }),
    status: 415,
    field: 'headers.content-type',
    code: 'UNSUPPORTED_MEDIA_TYPE',
  })),
];

describe('malformed uploads', () => {
  const config = testConfig();
  const temporal = testClient(config);
  let orm: Orm;
  let app: App;
  let uploader: { headers: { authorization: string }; userId: string };

  beforeAll(async () => {
    orm = await openTestOrm(config);
    app = await buildApp({ config, orm, temporal: temporal.client, logger: testLogger });
    uploader = await signedIn(orm, 'district');
  });

  afterAll(async () => {
    await app.close();
    await temporal.connection.close();
    await orm.close();
  });

  /** What the uploader has staged: jobs, their rows, and rows whose job is gone. */
  const staged = async () => {
    const [row] = await orm.em.fork().execute<Array<{ jobs: string; rows: string; orphans: string }>>(
      `select (select count(*) from import_job where created_by = ?) as jobs,
              (select count(*) from import_row r join import_job j on j.id = r.import_id where j.created_by = ?) as rows,
              (select count(*) from import_row r where not exists (select 1 from import_job j where j.id = r.import_id)) as orphans`,
      [uploader.userId, uploader.userId],
    );
    return { jobs: Number(row.jobs), rows: Number(row.rows), orphans: Number(row.orphans) };
  };

  const upload = (kind: Kind, request: UploadRequest, extra: Partial<InjectOptions> = {}) =>
    app.inject({ method: 'POST', url: `/imports/${kind}`, headers: { ...uploader.headers, ...request.headers }, payload: request.payload, ...extra });

  describe.each(KINDS)('/imports/%s refuses, naming the field, and stages nothing', (kind) => {
    it.each(REFUSALS.filter((r) => !r.kinds || r.kinds.includes(kind)).map((r) => [r.name, r] as const))('%s', async (_name, refusal) => {
      const before = await staged();
      const response = await upload(kind, refusal.request(kind));
      expect({ status: response.statusCode, field: response.json().field, code: response.json().code }).toEqual({ status: refusal.status, field: refusal.field, code: refusal.code });
      expect(response.body.length).toBeLessThan(1024);
      expect(await staged()).toEqual({ ...before, orphans: 0 });
    });
  });

  describe.each(KINDS)('/imports/%s reads the encodings a spreadsheet saves in', (kind) => {
    const name = kind === 'targets' ? 'สมชาย ใจดี' : 'true';
    const column = kind === 'targets' ? 'head_name' : 'passed';
    it.each(['utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16le', 'utf-16be-bom', 'windows-874'])('%s', async (encoding) => {
      const text = csv(kind, [goodRow(kind, 1), goodRow(kind, 2)]);
      const response = await upload(kind, multipartFile(encode(text, encoding)));
      expect(response.statusCode).toBe(202);
      const { importId, totalRows } = response.json<{ importId: string; totalRows: number }>();
      expect(totalRows).toBe(2);
      const rows = await orm.em.fork().execute<Array<{ data: Record<string, string> }>>('select data from import_row where import_id = ? order by row_no', [importId]);
      expect(rows.map((r) => r.data[column])).toEqual([name, name]);
      expect(Object.keys(rows[0].data)).toContain('house_code');
    });

    it('a quoted boundary, trailing empty values and a quoted value holding commas, quotes and a line break', async () => {
      const free = kind === 'targets' ? 5 : 3; // member_names, failed_indicators: free text
      const text = csv(kind, [[...goodRow(kind, 1), '', ''], goodRow(kind, 2).map((v, i) => (i === free ? '"ก, ""ข""\r\nค"' : v))]);
      const response = await upload(kind, framed(Buffer.from(text), 'quoted boundary'));
      expect(response.statusCode).toBe(202);
      expect(response.json().totalRows).toBe(2);
    });
  });

  it('any generated upload, on either route, is accepted whole or refused with 4xx naming its field, staging nothing', async () => {
    const sample = fc.tuple(fc.constantFrom(...KINDS), fc.constantFrom(...KINDS)).chain(([route, headerOf]) => malformedUpload(UPLOAD_HEADERS[headerOf]).map((request) => ({ route, request })));
    await fc.assert(
      fc.asyncProperty(sample, async ({ route, request }) => {
        const before = await staged();
        const response = await upload(route, request);
        const answer = response.json<{ field?: string; code?: string; totalRows?: number; importId?: string }>();
        expect(response.statusCode).toBeLessThan(500);
        const after = await staged();
        if (response.statusCode === 202) {
          expect(after).toEqual({ jobs: before.jobs + 1, rows: before.rows + answer.totalRows!, orphans: 0 });
        } else {
          expect(response.statusCode).toBeGreaterThanOrEqual(400);
          expect(typeof answer.field).toBe('string');
          expect(typeof answer.code).toBe('string');
          expect(after).toEqual({ ...before, orphans: 0 });
        }
      }),
      { numRuns: Number(process.env.KAEJON_UPLOAD_FUZZ_RUNS ?? 150), seed: process.env.KAEJON_FUZZ_SEED ? Number(process.env.KAEJON_FUZZ_SEED) : undefined },
    );
  });
});
