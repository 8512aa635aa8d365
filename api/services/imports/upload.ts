import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { parse } from 'csv-parse';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { upsertRows } from '../../../db/bulk';
import { ImportRow } from '../../../db/entities';
import { IMPORT_WORKFLOW_TYPES, importWorkflowId, type ImportKind, type ImportWorkflowInput } from '../../../workflows/import/messages';
import type { importTargetsWorkflow } from '../../../workflows/import/workflow';
import { ApiError } from '../../errors';
import { audit, idempotencyKey } from '../../request-context';
import { checkHeader } from './columns';
import { importIdFor, type ImportStatus } from './jobs';

/**
 * An upload becomes an import in three steps: the CSV is streamed through csv-parse into
 * import_row in set-based batches (never held whole in memory), the job is queued, and the
 * import workflow is started to work through the rows. A bad file (not CSV, a missing column,
 * empty, too large, broken quoting) answers 4xx naming the field and leaves nothing behind: the
 * job row is written only once the header is good, and a failure after that deletes it and its rows.
 */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_ROWS = 200_000;
/** One INSERT per this many rows. */
const STAGE_BATCH = 1000;

/** Room for the part headers and boundaries around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

export const MULTIPART_LIMITS = { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 50 };

export interface ImportAccepted {
  importId: string;
  status: ImportStatus;
  totalRows: number;
}

const CSV_TYPES = new Set(['text/csv', 'text/plain', 'application/csv', 'text/x-csv', 'application/x-csv', 'text/comma-separated-values', 'application/vnd.ms-excel', 'application/octet-stream']);

export async function acceptUpload(app: FastifyInstance, request: FastifyRequest, kind: ImportKind): Promise<ImportAccepted> {
  if (!request.isMultipart()) throw new ApiError(415, 'send the CSV as multipart/form-data, in a part named "file"', 'file', 'NOT_MULTIPART');
  // A declared length past the limit is refused before a byte is read; a streamed one is cut at the limit.
  if (Number(request.headers['content-length'] ?? 0) > MAX_FILE_BYTES + MULTIPART_OVERHEAD) throw tooLarge();
  const file = await nextFile(request);
  const { principal } = request;
  const importId = importIdFor(principal.userId, kind, idempotencyKey(request));
  const em = app.orm.em.fork();
  const input: ImportWorkflowInput = {
    importId,
    startedBy: principal.userId,
    scope: { provinceCode: principal.provinceCode, districtCode: principal.districtCode, subdistrictCode: principal.subdistrictCode },
  };

  const [existing] = await em.execute<Array<{ status: ImportStatus; total_rows: number }>>('select status, total_rows from import_job where id = ?', [importId]);
  if (existing) {
    // A retry of an upload that got through: the file is not read again.
    file.file.resume();
    await finished(file.file).catch(() => undefined);
    if (existing.status === 'staging') throw new ApiError(409, 'the upload with this Idempotency-Key is still being staged; ask again shortly', 'headers.idempotency-key', 'IMPORT_STAGING');
    if (existing.status === 'queued') await startImportWorkflow(app, kind, input);
    return { importId, status: existing.status, totalRows: existing.total_rows };
  }

  checkFileType(file);
  const filename = file.filename ? file.filename.slice(0, 255) : null;
  const totalRows = await stageFile(em, file, { importId, kind, filename, createdBy: principal.userId, provinceCode: principal.provinceCode });
  try {
    await startImportWorkflow(app, kind, input);
  } catch (error) {
    await discardImport(em, importId);
    throw error;
  }
  await audit(app, request, `import.${kind}`, 'import', importId, { filename, totalRows });
  return { importId, status: 'queued', totalRows };
}

async function nextFile(request: FastifyRequest): Promise<MultipartFile> {
  try {
    const file = await request.file();
    if (!file) throw new ApiError(422, 'the upload holds no file: send the CSV in a part named "file"', 'file', 'NO_FILE');
    return file;
  } catch (error) {
    throw uploadError(error);
  }
}

function checkFileType(file: MultipartFile): void {
  const extension = path.extname(file.filename ?? '').toLowerCase();
  const mimetype = (file.mimetype ?? '').split(';')[0].trim().toLowerCase();
  if ((extension && extension !== '.csv' && extension !== '.txt') || (mimetype && !CSV_TYPES.has(mimetype))) {
    file.file.resume();
    throw new ApiError(422, `the file is not a CSV (${file.filename || 'no name'}, ${mimetype || 'no type'}): save it as "CSV UTF-8"`, 'file', 'NOT_CSV');
  }
}

interface NewJob {
  importId: string;
  kind: ImportKind;
  filename: string | null;
  createdBy: string;
  provinceCode: string | null;
}

/** Streams the file into import_row; answers the number of rows staged. */
async function stageFile(em: EntityManager, file: MultipartFile, job: NewJob): Promise<number> {
  let columns: Array<string | null> | null = null;
  let jobCreated = false;
  let rowNo = 1; // the header is row 1, as a spreadsheet numbers it
  let staged = 0;
  let batch: Array<{ importId: string; rowNo: number; data: Record<string, string>; status: string; reason: string | null }> = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await upsertRows(em, ImportRow, batch, { key: ['importId', 'rowNo'] });
    batch = [];
  };
  file.file.once('limit', () => file.file.destroy(tooLarge()));
  let refusal: ApiError | undefined;
  try {
    await pipeline(
      file.file,
      refuseBinary(),
      // Every record counts as a row, blank ones too, so row numbers match the spreadsheet's.
      parse({ bom: true, trim: true, relax_column_count: true, max_record_size: 64 * 1024 }),
      async (records: AsyncIterable<string[]>) => {
        try {
          for await (const record of records) {
            if (record.some((value) => value.includes('\uFFFD'))) throw new ApiError(422, 'the file is not UTF-8 text: save it as "CSV UTF-8"', 'file', 'NOT_UTF8');
            if (!columns) {
              columns = checkHeader(job.kind, record);
              await createJob(em, job);
              jobCreated = true;
              continue;
            }
            rowNo++;
            if (record.every((value) => value === '')) continue;
            if (++staged > MAX_ROWS) throw new ApiError(413, `the file has more than ${MAX_ROWS.toLocaleString('en')} rows: split it`, 'file', 'TOO_MANY_ROWS');
            batch.push(stagedRow(job.importId, rowNo, columns, record));
            if (batch.length >= STAGE_BATCH) await flush();
          }
        } catch (error) {
          // pipeline() reports a consumer's error as the AbortError of the streams it tears down
          // (a 500): keep the refusal itself to answer with.
          if (error instanceof ApiError) refusal = error;
          throw error;
        }
      },
    );
    if (file.file.truncated) throw tooLarge();
    if (!columns) throw new ApiError(422, 'the file is empty', 'file', 'EMPTY_FILE');
    await flush();
    if (staged === 0) throw new ApiError(422, 'the file has a header but no rows', 'file', 'EMPTY_FILE');
    await em.execute(`update import_job set status = 'queued', total_rows = ? where id = ?`, [staged, job.importId]);
    return staged;
  } catch (error) {
    if (jobCreated) await discardImport(em, job.importId);
    throw uploadError(refusal ?? error);
  }
}

function stagedRow(importId: string, rowNo: number, columns: Array<string | null>, record: string[]) {
  const data: Record<string, string> = {};
  columns.forEach((column, i) => {
    if (column) data[column] = record[i] ?? '';
  });
  // A row with a stray or missing comma would shift every value: it is rejected as a whole.
  const mismatch = record.length !== columns.length;
  return {
    importId,
    rowNo,
    data,
    status: mismatch ? 'rejected' : 'pending',
    reason: mismatch ? `the row has ${record.length} values; the header has ${columns.length} columns` : null,
  };
}

async function createJob(em: EntityManager, job: NewJob): Promise<void> {
  const inserted = await em.execute<Array<{ id: string }>>(
    `insert into import_job (id, kind, status, filename, province_code, created_by, created_at)
     values (?, ?, 'staging', ?, ?, ?, now())
     on conflict (id) do nothing returning id`,
    [job.importId, job.kind, job.filename, job.provinceCode, job.createdBy],
  );
  // Two uploads with the same key at once: the second leaves the first alone.
  if (inserted.length === 0) throw new ApiError(409, 'an upload with this Idempotency-Key is already being staged', 'headers.idempotency-key', 'IMPORT_STAGING');
}

async function discardImport(em: EntityManager, importId: string): Promise<void> {
  await em.execute('delete from import_row where import_id = ?', [importId]);
  await em.execute('delete from import_job where id = ?', [importId]);
}

async function startImportWorkflow(app: FastifyInstance, kind: ImportKind, input: ImportWorkflowInput): Promise<void> {
  try {
    await app.temporal.workflow.start<typeof importTargetsWorkflow>(IMPORT_WORKFLOW_TYPES[kind], {
      workflowId: importWorkflowId(input.importId),
      taskQueue: app.config.temporal.taskQueue,
      args: [input],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

const tooLarge = (): ApiError => new ApiError(413, `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: split it`, 'file', 'FILE_TOO_LARGE');

/** A workbook or any binary file holds NUL bytes early on; a CSV never does. */
function refuseBinary(): Transform {
  let checked = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      if (checked < 8192) {
        const head = chunk.subarray(0, 8192 - checked);
        checked += head.length;
        if (head.includes(0)) {
          callback(new ApiError(422, 'the file is not a CSV (it holds binary data, perhaps an Excel workbook): save it as "CSV UTF-8"', 'file', 'NOT_CSV'));
          return;
        }
      }
      callback(null, chunk);
    },
  });
}

/** Multipart and CSV errors as answers naming the file. */
function uploadError(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  const { code, message, lines } = error as { code?: string; message?: string; lines?: number };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new ApiError(413, 'send one CSV file and nothing else', 'file', 'TOO_MANY_PARTS');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new ApiError(415, 'send the CSV as multipart/form-data, in a part named "file"', 'file', 'NOT_MULTIPART');
  if (code?.startsWith('CSV_')) return new ApiError(422, `the file is not valid CSV${lines ? ` (line ${lines})` : ''}: ${message}`, 'file', 'BAD_CSV');
  // A cut-off or malformed multipart body (busboy's own errors carry no code).
  if (code === 'FST_MP_PREMATURE_CLOSE' || code === 'FST_PROTO_VIOLATION' || (!code && /Unexpected end of (form|multipart)|Malformed part header|Part terminated early/.test(message ?? ''))) {
    return new ApiError(400, 'the upload was cut off or is not well-formed multipart data', 'file', 'BAD_MULTIPART');
  }
  return error;
}
