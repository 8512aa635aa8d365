import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { MockActivityEnvironment } from '@temporalio/testing';
import { parse } from 'csv-parse/sync';
import { createImportActivities } from '../../activities/imports';
import { buildApp, type App } from '../../api/app';
import type { ImportView, RejectedRow } from '../../api/services/imports/reads';
import { HouseholdCase } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { caseStateQuery } from '../../workflows/household-case/messages';
import { importWorkflowId, type ImportKind, type ImportOutcome } from '../../workflows/import/messages';
import { signedIn } from '../helpers/auth';
import { eventually, openTestOrm, startTestWorker, testClient, testConfig, testLogger } from '../helpers/servers';
import { targetList, TARGET_HEADER } from '../fixtures/import-csv';

/**
 * CSV imports end to end: upload → staged rows → import workflow on the real worker → a case per
 * accepted row in the read model, with every rejected row reported by row, reason and column.
 * KAEJON_IMPORT_TEST_ROWS=100000 makes the big import a load test (outside the suite).
 */
const ROWS = Number(process.env.KAEJON_IMPORT_TEST_ROWS ?? 10_000);
/** Room for the dev server's start rate on a loaded 2-core machine (about 40 starts a second at worst). */
const BIG_IMPORT_MS = Number(process.env.KAEJON_IMPORT_TEST_TIMEOUT_MS ?? 30_000 + ROWS * 25);

type Headers = { authorization: string };

function multipart(content: Buffer | string, filename = 'targets.csv', contentType = 'text/csv') {
  const boundary = `----kaejon-${randomUUID()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(content), tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const runTag = (): string => String(100 + Math.floor(Math.random() * 900));

describe('CSV imports (upload → import workflow → cases → read model)', () => {
  const config = testConfig();
  const temporal = testClient(config);
  let orm: Orm;
  let workerOrm: Orm;
  let app: App;
  let worker: { stop(): Promise<void> };
  let district: { headers: Headers; userId: string };

  beforeAll(async () => {
    orm = await openTestOrm(config);
    // The worker is its own process in production, with its own connection pool.
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

  const upload = (kind: 'targets' | 'survey', headers: Headers, body: ReturnType<typeof multipart>, key?: string) =>
    app.inject({ method: 'POST', url: `/imports/${kind}`, headers: { ...headers, ...body.headers, ...(key ? { 'idempotency-key': key } : {}) }, payload: body.payload });

  const progress = async (importId: string, headers: Headers = district.headers): Promise<ImportView> => {
    const response = await app.inject({ method: 'GET', url: `/imports/${importId}`, headers });
    expect(response.statusCode).toBe(200);
    return response.json<ImportView>();
  };

  const finished = (importId: string, timeoutMs = 30_000): Promise<ImportView> =>
    eventually(
      async () => {
        const view = await progress(importId);
        return view.status === 'completed' || view.status === 'failed' ? view : undefined;
      },
      timeoutMs,
      () => progress(importId),
    );

  const jobCount = async (userId: string): Promise<number> => {
    const [row] = await orm.em.fork().execute<Array<{ n: string }>>('select count(*) as n from import_job where created_by = ?', [userId]);
    return Number(row.n);
  };

  it('documents the upload and its columns in OpenAPI', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json<{ paths: Record<string, Record<string, { description?: string }>> }>().paths;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/imports/targets', '/imports/survey', '/imports', '/imports/{importId}', '/imports/{importId}/rejects']));
    for (const column of TARGET_HEADER) expect(paths['/imports/targets'].post.description).toContain(`\`${column}\``);
    expect(paths['/imports/survey'].post.description).toMatch(/Buddhist era/);
  });

  describe('refuses a bad file with 4xx naming the field, and writes nothing', () => {
    const refused = async (body: ReturnType<typeof multipart>, status: number, field: string, headers: Headers = district.headers) => {
      const before = await jobCount(district.userId);
      const response = await upload('targets', headers, body);
      expect({ status: response.statusCode, field: response.json().field }).toEqual({ status, field });
      expect(await jobCount(district.userId)).toBe(before);
      const [orphans] = await orm.em.fork().execute<Array<{ n: string }>>('select count(*) as n from import_row r where not exists (select 1 from import_job j where j.id = r.import_id)');
      expect(Number(orphans.n)).toBe(0);
      return response.json<{ message: string }>();
    };

    it('a missing required column', async () => {
      const header = TARGET_HEADER.filter((c) => c !== 'failed_indicators').join(',');
      const error = await refused(multipart(`${header}\n64123000001,64,6401,640101,1,,ก,ก,,,tpmap,\n`), 422, 'failed_indicators');
      expect(error.message).toMatch(/failed_indicators/);
    });

    it('an empty file, and one with a header but no rows', async () => {
      await refused(multipart(''), 422, 'file');
      await refused(multipart(`\uFEFF${TARGET_HEADER.join(',')}\n`), 422, 'file');
    });

    it('a workbook instead of a CSV', async () => {
      const xlsx = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64)]);
      await refused(multipart(xlsx, 'targets.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), 422, 'file');
      await refused(multipart(xlsx, 'targets.csv', 'text/csv'), 422, 'file');
    });

    it('broken quoting half-way through (the rows staged before it are removed)', async () => {
      const good = targetList(1500, runTag()).csv.toString('utf8');
      await refused(multipart(`${good}"64123000001,64,6401\n`), 422, 'file');
    });

    it('a file over 50 MB, whether its length is declared or streamed', async () => {
      const before = await jobCount(district.userId);
      const declared = await upload('targets', district.headers, multipart(Buffer.alloc(51 * 1024 * 1024, ' ')));
      expect({ status: declared.statusCode, field: declared.json().field }).toEqual({ status: 413, field: 'file' });

      // Streamed without a length: cut off at the limit. Blank rows (all values trim to nothing) keep the parse cheap.
      const boundary = `----kaejon-${randomUUID()}`;
      const blank = Buffer.from(`${','.repeat(TARGET_HEADER.length - 1)}${' '.repeat(60_000)}\n`);
      async function* body() {
        yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n${TARGET_HEADER.join(',')}\n`);
        for (let sent = 0; sent < 51 * 1024 * 1024; sent += blank.length) yield blank;
        yield Buffer.from(`\r\n--${boundary}--\r\n`);
      }
      const streamed = await app.inject({
        method: 'POST',
        url: '/imports/targets',
        headers: { ...district.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Readable.from(body()),
      });
      expect({ status: streamed.statusCode, field: streamed.json().field }).toEqual({ status: 413, field: 'file' });
      expect(await jobCount(district.userId)).toBe(before);
    });

    it('a request that is not multipart', async () => {
      const response = await app.inject({ method: 'POST', url: '/imports/targets', headers: district.headers, payload: { rows: [] } });
      expect({ status: response.statusCode, field: response.json().field }).toEqual({ status: 415, field: 'headers.content-type' });
    });

    it('a role that may not import', async () => {
      const mentor = await signedIn(orm, 'mentor');
      const response = await upload('targets', mentor.headers, multipart(`${TARGET_HEADER.join(',')}\n`));
      expect(response.statusCode).toBe(403);
    });
  });

  describe('the import workflow', () => {
    /** Rows staged the way an upload stages them, without the upload; the caller starts the work. */
    const stageDirectly = async (kind: ImportKind, rows: Array<Record<string, string>>): Promise<string> => {
      const importId = randomUUID().replace(/-/g, '');
      const em = orm.em.fork();
      await em.execute(`insert into import_job (id, kind, status, created_by, created_at, total_rows) values (?, ?, 'queued', ?, now(), ?)`, [importId, kind, district.userId, rows.length]);
      await em.execute(
        `insert into import_row (import_id, row_no, data, status) select ?, row_no + 1, data, 'pending' from jsonb_array_elements(?::jsonb) with ordinality as r(data, row_no)`,
        [importId, JSON.stringify(rows)],
      );
      return importId;
    };
    const household = (houseCode: string, subdistrict = '640103'): Record<string, string> => ({
      house_code: houseCode,
      province_code: '64',
      district_code: '6401',
      subdistrict_code: subdistrict,
      head_name: 'ทดสอบ ระบบ',
      member_names: 'ทดสอบ ระบบ',
      failed_indicators: 'I3',
    });
    const scope = { provinceCode: '64', districtCode: '6401', subdistrictCode: null };

    it('continues as new every few batches and still counts every row once', async () => {
      const tag = runTag();
      const importId = await stageDirectly('targets', [...Array.from({ length: 7 }, (_, i) => household(`64${tag}1000${i}0`)), household(`64${tag}100000`)]);
      const handle = await temporal.client.workflow.start('importTargetsWorkflow', {
        workflowId: importWorkflowId(importId),
        taskQueue: config.temporal.taskQueue,
        args: [{ importId, startedBy: district.userId, scope, batchSize: 2, batchesPerCall: 1, callsPerRun: 2 }],
      });
      const outcome = await handle.result() as ImportOutcome;
      expect(outcome).toMatchObject({ status: 'completed', totalRows: 8, processedRows: 8, acceptedRows: 7, rejectedRows: 1 });
      const first = await temporal.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
      expect(first.status.name).toBe('CONTINUED_AS_NEW');
      expect(await progress(importId)).toMatchObject({ status: 'completed', acceptedRows: 7, rejectedRows: 1, percent: 100 });
    });

    it('a retried batch accepts the cases its first attempt started, counts nothing twice, and still turns away others', async () => {
      const tag = runTag();
      const other = `64${tag}200009`;
      const opened = await app.inject({ method: 'POST', url: '/cases', headers: district.headers, payload: { household: { houseCode: other, provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', source: 'tpmap', members: [{ name: 'สมศรี' }], failedIndicators: ['I3'] } } });
      expect(opened.statusCode).toBe(201);
      const importId = await stageDirectly('targets', [household(`64${tag}200001`), household(`64${tag}200002`), household(`64${tag}200003`)]);
      const activities = createImportActivities({ orm: workerOrm, temporal: temporal.client });
      const input = { importId, kind: 'targets' as const, startedBy: district.userId, scope, batchSize: 10, maxBatches: 1 };
      const first = await new MockActivityEnvironment({ attempt: 1, taskQueue: config.temporal.taskQueue }).run(activities.processImportBatch, input);
      expect(first).toMatchObject({ settled: 3, acceptedRows: 3, pendingRows: 0 });
      const firstCaseIds = (await orm.em.fork().execute<Array<{ case_id: string }>>('select case_id from import_row where import_id = ? order by row_no', [importId])).map((r) => r.case_id);

      // The first attempt's writes are lost (the worker died after the starts); one more row names a case opened elsewhere.
      await orm.em.fork().execute(`update import_row set status = 'pending', case_id = null where import_id = ?`, [importId]);
      await orm.em.fork().execute(`insert into import_row (import_id, row_no, data, status) values (?, 5, ?::jsonb, 'pending')`, [importId, JSON.stringify(household(other))]);
      const retried = await new MockActivityEnvironment({ attempt: 2, taskQueue: config.temporal.taskQueue }).run(activities.processImportBatch, input);
      expect(retried).toMatchObject({ settled: 4, totalRows: 4, acceptedRows: 3, rejectedRows: 1, pendingRows: 0 });
      const rows = await orm.em.fork().execute<Array<{ row_no: number; status: string; case_id: string | null; reason: string | null }>>(
        'select row_no, status, case_id, reason from import_row where import_id = ? order by row_no',
        [importId],
      );
      expect(rows.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'rejected']);
      // The retry found the very cases its first attempt opened (opaque IDs derived from import and row).
      expect(rows.slice(0, 3).map((r) => r.case_id)).toEqual(firstCaseIds);
      expect(rows[0].case_id).toMatch(/^household-case-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(rows[3].reason).toMatch(/already in the program/);
      // The retry published the openings again (the first attempt's may have been lost with it).
      const published = await orm.em.fork().execute<Array<{ id: string }>>('select id from household_case where id in (?) order by id', [rows.slice(0, 3).map((r) => r.case_id)]);
      expect(published).toHaveLength(3);

      // Settled rows are never settled again: a third attempt finds nothing to do.
      const again = await new MockActivityEnvironment({ attempt: 3, taskQueue: config.temporal.taskQueue }).run(activities.processImportBatch, input);
      expect(again).toMatchObject({ settled: 0, acceptedRows: 3, rejectedRows: 1 });
    });
  });

  describe('annual survey results', () => {
    it('close a passing household as graduated and keep a failing one', async () => {
      const tag = runTag();
      const pass = `64${tag}000001`;
      const fail = `64${tag}000002`;
      const targets = [TARGET_HEADER.join(','), `${pass},64,6401,640101,1,,สมชาย ใจดี,สมชาย ใจดี,,I3,tpmap,`, `${fail},64,6401,640102,2,,มาลี แก้วใส,มาลี แก้วใส,,I3|L1,tpmap,`].join('\n');
      const opened = await upload('targets', district.headers, multipart(targets));
      expect(opened.statusCode).toBe(202);
      expect(await finished(opened.json().importId)).toMatchObject({ status: 'completed', acceptedRows: 2 });
      const caseOf = (householdId: string) =>
        orm.em.fork().execute<Array<{ status: string; closure_reason: string | null; state: { household: { failedIndicators: string[] }; recentEvents: Array<{ type: string }> } }>>(
          'select status, closure_reason, state from household_case where household_id = ?',
          [householdId],
        );
      await eventually(async () => (await caseOf(pass)).length > 0 && (await caseOf(fail)).length > 0);

      const survey = ['\uFEFFhouse_code,year,passed,failed_indicators', `${pass},2570,ผ่าน,`, `${fail},2570,false,I3`, `64${tag}000404,2570,true,`, `${fail},2026,1,`].join('\r\n');
      const response = await upload('survey', district.headers, multipart(survey, 'survey-2570.csv'));
      expect(response.statusCode).toBe(202);
      const { importId } = response.json<{ importId: string }>();
      expect(await finished(importId)).toMatchObject({ status: 'completed', totalRows: 4, acceptedRows: 2, rejectedRows: 2 });
      const rejects = await app.inject({ method: 'GET', url: `/imports/${importId}/rejects`, headers: district.headers });
      expect(rejects.json<{ items: RejectedRow[] }>().items.map(({ rowNo, field, reason }) => ({ rowNo, field, reason }))).toEqual([
        { rowNo: 4, field: 'house_code', reason: expect.stringMatching(/unknown household/) },
        { rowNo: 5, field: 'house_code', reason: 'duplicate in file: same household as row 3' },
      ]);

      const graduated = await eventually(async () => (await caseOf(pass)).find((c) => c.status === 'closed'));
      expect(graduated.closure_reason).toBe('graduated');
      const kept = await eventually(async () => (await caseOf(fail)).find((c) => c.state.recentEvents.some((e) => e.type === 'surveyResult')));
      expect(kept).toMatchObject({ status: 'active', closure_reason: null });
      expect(kept.state.household.failedIndicators).toEqual(['I3']);
    });

    it('reject a Gregorian year, naming the year column', async () => {
      const response = await upload('survey', district.headers, multipart('household_id,year,passed\nabc,2026,1\n', 'survey.csv'));
      const { importId } = response.json<{ importId: string }>();
      expect(await finished(importId)).toMatchObject({ rejectedRows: 1 });
      const rejects = await app.inject({ method: 'GET', url: `/imports/${importId}/rejects`, headers: district.headers });
      expect(rejects.json<{ items: RejectedRow[] }>().items[0]).toMatchObject({ rowNo: 2, field: 'year', reason: expect.stringMatching(/Gregorian.*2569/) });
    });

    it('refuse a file without a household column', async () => {
      const response = await upload('survey', district.headers, multipart('year,passed\n2570,1\n', 'survey.csv'));
      expect({ status: response.statusCode, field: response.json().field }).toEqual({ status: 422, field: 'house_code' });
    });
  });
  // Last: the cases it opens keep the worker busy for a while after the import itself is done.
  describe(`a ${ROWS.toLocaleString('en')}-row TPMAP target list`, () => {
    const tag = runTag();
    let list: ReturnType<typeof targetList>;
    let importId: string;
    let view: ImportView;
    const key = `targets-${randomUUID()}`;

    beforeAll(async () => {
      // One household already in the program: its row must be turned away.
      const existing = `64${tag}999999`;
      const opened = await app.inject({
        method: 'POST',
        url: '/cases',
        headers: district.headers,
        payload: { household: { houseCode: existing, provinceCode: '64', districtCode: '6401', subdistrictCode: '640101', source: 'tpmap', members: [{ name: 'สมศรี' }], failedIndicators: ['I3'] } },
      });
      expect(opened.statusCode).toBe(201);
      await eventually(async () => (await orm.em.fork().execute('select 1 from household where house_code = ?', [existing])).length > 0);
      list = targetList(ROWS, tag, [existing]);

      const started = Date.now();
      const response = await upload('targets', district.headers, multipart(list.csv), key);
      expect(response.statusCode).toBe(202);
      ({ importId } = response.json<{ importId: string }>());
      expect(response.json()).toMatchObject({ status: 'queued', totalRows: ROWS + 1 });
      view = await finished(importId, BIG_IMPORT_MS);
      const seconds = (Date.now() - started) / 1000;
      console.log(`imported ${ROWS + 1} rows in ${seconds.toFixed(1)} s: ${((ROWS + 1) / seconds).toFixed(0)} households/s (upload to completed)`);
    }, BIG_IMPORT_MS + 30_000);

    it('processes every row, and the counts add up', () => {
      expect(view).toMatchObject({ status: 'completed', totalRows: ROWS + 1, processedRows: ROWS + 1, percent: 100, error: null });
      expect(view.rejectedRows).toBe(list.rejects.size);
      expect(view.acceptedRows).toBe(list.accepted.length);
      expect(view.acceptedRows + view.rejectedRows).toBe(view.totalRows);
    });

    it('lists each rejected row with its reason and column', async () => {
      const seen: RejectedRow[] = [];
      for (let offset = 0; ; offset += 1000) {
        const response = await app.inject({ method: 'GET', url: `/imports/${importId}/rejects?limit=1000&offset=${offset}`, headers: district.headers });
        expect(response.statusCode).toBe(200);
        const page = response.json<{ total: number; items: RejectedRow[] }>();
        expect(page.total).toBe(list.rejects.size);
        seen.push(...page.items);
        if (page.items.length < 1000) break;
      }
      expect(seen.map((r) => r.rowNo)).toEqual([...list.rejects.keys()].sort((a, b) => a - b));
      for (const row of seen) {
        const expected = list.rejects.get(row.rowNo)!;
        expect({ rowNo: row.rowNo, field: row.field }).toEqual({ rowNo: row.rowNo, field: expected.field });
        expect(row.reason).toMatch(expected.reason);
      }
      // The uploaded values come back too, Thai text intact.
      expect(seen[0].values.head_name).toMatch(/[\u0E00-\u0E7F]/);
    });

    it('gives the rejects as a CSV report that parses', async () => {
      const response = await app.inject({ method: 'GET', url: `/imports/${importId}/rejects?format=csv`, headers: district.headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const records = parse(response.rawPayload, { bom: true, columns: true }) as Array<Record<string, string>>;
      expect(records).toHaveLength(list.rejects.size);
      expect(Object.keys(records[0])).toEqual(['row', 'field', 'reason', ...TARGET_HEADER]);
      for (const record of records) {
        const expected = list.rejects.get(Number(record.row))!;
        expect(record.field).toBe(expected.field);
        expect(record.reason).toMatch(expected.reason);
      }
      expect(records.find((r) => r.field === 'subdistrict_code')?.address).toMatch(/, ต\.ธานี "บ้านใหม่"$/);
    });

    it('opens a case per accepted row, and the cases reach the read model', async () => {
      const accepted = await orm.em
        .fork()
        .execute<Array<{ case_id: string }>>(`select case_id from import_row where import_id = ? and status = 'accepted' order by row_no`, [importId]);
      // Case IDs are opaque; the read model maps each house code to its case.
      const houseCodes = await orm.em
        .fork()
        .execute<Array<{ house_code: string }>>('select h.house_code from import_row r join household_case hc on hc.id = r.case_id join household h on h.id = hc.household_id where r.import_id = ? and r.status = ? order by r.row_no', [importId, 'accepted']);
      expect(houseCodes.map((r) => r.house_code)).toEqual(list.accepted);
      for (const { case_id } of accepted) expect(list.accepted.some((code) => case_id.includes(code))).toBe(false);
      // Each case is a running workflow opened by this import (a sample across the file).
      const sample = accepted.filter((_, i) => i % Math.ceil(accepted.length / 10) === 0);
      for (const { case_id } of sample) {
        const description = await temporal.client.workflow.getHandle(case_id).describe();
        expect({ status: description.status.name, importId: description.memo?.importId }).toEqual({ status: 'RUNNING', importId });
      }
      // The import wrote every opening to the read model itself, batch by batch: nothing to wait for.
      const [inReadModel] = await orm.em
        .fork()
        .execute<Array<{ n: string }>>(`select count(*) as n from household_case where id in (?) and stage = 'verification' and district_code = '6401'`, [accepted.map((r) => r.case_id)]);
      expect(Number(inReadModel.n)).toBe(accepted.length);
      // The workflow opened in the very state the import published, and spent no task on publishing it again.
      for (const { case_id } of sample.slice(0, 3)) {
        const handle = temporal.client.workflow.getHandle(case_id);
        // Right after a 10,000-case import the worker still works through the cases' first tasks,
        // and a query waits behind them: ask again until it is answered.
        const state = await eventually(() => handle.query(caseStateQuery).catch(() => undefined), 120_000);
        const row = await orm.em.fork().findOneOrFail(HouseholdCase, { id: case_id });
        expect({ version: row.version, openedAt: row.openedAt.toISOString(), dueAt: row.dueAt?.toISOString() }).toEqual({ version: state.version, openedAt: state.openedAt, dueAt: state.dueAt });
        const { events } = await handle.fetchHistory();
        expect((events ?? []).filter((event) => event.activityTaskScheduledEventAttributes || event.upsertWorkflowSearchAttributesEventAttributes)).toEqual([]);
      }
    }, BIG_IMPORT_MS + 10_000);

    it('answers a retry with the same Idempotency-Key and file with the first answer, another file with 422, and stages nothing again', async () => {
      const before = await jobCount(district.userId);
      const response = await upload('targets', district.headers, multipart(list.csv), key);
      expect(response.statusCode).toBe(202);
      // The first answer again, status included: the client follows the import at GET /imports/{id}.
      expect(response.json()).toEqual({ importId, status: 'queued', totalRows: ROWS + 1 });
      expect(await jobCount(district.userId)).toBe(before);
      const otherFile = await upload('targets', district.headers, multipart(`${list.csv}\n`), key);
      expect(otherFile.statusCode).toBe(422);
      expect(otherFile.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'headers.idempotency-key' });
      expect(await jobCount(district.userId)).toBe(before);
    });

    it('is seen by the creator, the province above and supervisors; not by another district or a subdistrict team', async () => {
      const province = await signedIn(orm, 'province');
      const supervisor = await signedIn(orm, 'supervisor');
      const otherDistrict = await signedIn(orm, 'district', { provinceCode: '64', districtCode: '6402' });
      const team = await signedIn(orm, 'operationsTeam');
      for (const who of [province, supervisor]) expect((await app.inject({ method: 'GET', url: `/imports/${importId}`, headers: who.headers })).statusCode).toBe(200);
      for (const who of [otherDistrict, team]) {
        expect((await app.inject({ method: 'GET', url: `/imports/${importId}`, headers: who.headers })).statusCode).toBe(404);
        expect((await app.inject({ method: 'GET', url: `/imports/${importId}/rejects?format=csv`, headers: who.headers })).statusCode).toBe(404);
      }
      const mine = await app.inject({ method: 'GET', url: '/imports?kind=targets', headers: district.headers });
      expect(mine.json<{ items: ImportView[] }>().items.map((i) => i.importId)).toContain(importId);
      const theirs = await app.inject({ method: 'GET', url: '/imports', headers: otherDistrict.headers });
      expect(theirs.json()).toEqual({ total: 0, items: [] });
    });
  });
});
