import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { CsvError, parse } from 'csv-parse';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { upsertRows } from '../../../db/bulk';
import { ImportRow } from '../../../db/entities';
import { IMPORT_WORKFLOW_TYPES, importWorkflowId, type ImportKind, type ImportWorkflowInput } from '../../../workflows/import/messages';
import type { importTargetsWorkflow } from '../../../workflows/import/workflow';
import { ApiError, excerpt } from '../../errors';
import { audit, idempotencyKey } from '../../request-context';
import { checkHeader } from './columns';
import { importIdFor, type ImportStatus } from '../../../db/import-jobs';
import { fileRefusal, MAX_FILE_BYTES, readAsUtf8, receiveFile, type ReceivedFile } from './received-file';

/**
 * An upload becomes an import in four steps: the file is received into a temporary file (size,
 * binary content and encoding judged on the way), streamed through csv-parse into import_row in
 * set-based batches (never held whole in memory) in one transaction with its job row, the job is
 * queued, and the import workflow is started to work through the rows. A bad upload (not
 * multipart, no file, not CSV, the wrong encoding, a missing column, empty, too large, broken
 * quoting or a row of the wrong width) answers 4xx naming the field, with a stable code, and
 * leaves nothing behind: the transaction is rolled back.
 *
 * A little over 300 lines: the four steps and the refusals each can give are one sequence, kept
 * together so every refusal is seen beside the step that makes it.
 */
export { MAX_FILE_BYTES };
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
  if (!request.isMultipart()) throw notMultipart();
  // A declared length past the limit is refused before a byte is read; a streamed one is cut at the limit.
  if (Number(request.headers['content-length'] ?? 0) > MAX_FILE_BYTES + MULTIPART_OVERHEAD) throw fileRefusal.tooLarge();
  const upload = await nextFile(request);
  const { file } = upload;
  const { principal } = request;
  const importId = importIdFor(principal.userId, kind, idempotencyKey(request));
  const em = request.em;
  const input: ImportWorkflowInput = {
    importId,
    startedBy: principal.userId,
    scope: { provinceCode: principal.provinceCode, districtCode: principal.districtCode, subdistrictCode: principal.subdistrictCode },
  };

  const [existing] = await em.execute<Array<{ status: ImportStatus; total_rows: number; file_sha256: string | null }>>('select status, total_rows, file_sha256 from import_job where id = ?', [importId]);
  if (existing) return answerRetry(app, kind, input, existing, upload);

  checkFileType(file);
  const filename = file.filename ? file.filename.slice(0, 255) : null;
  const received = await receive(upload);
  let totalRows: number;
  try {
    totalRows = await stageFile(em, received, { importId, kind, filename, createdBy: principal.userId, provinceCode: principal.provinceCode, sha256: received.sha256 });
  } finally {
    await received.remove();
  }
  try {
    await startImportWorkflow(app, kind, input);
  } catch (error) {
    await discardImport(em, importId);
    throw error;
  }
  await audit(request, `import.${kind}`, 'import', importId, { filename, totalRows });
  return { importId, status: 'queued', totalRows };
}

/**
 * A retry of an upload that got through (same caller, same Idempotency-Key): the same file answers
 * the first answer again and stages nothing; another file under the same key is refused.
 */
async function answerRetry(
  app: FastifyInstance,
  kind: ImportKind,
  input: ImportWorkflowInput,
  existing: { status: ImportStatus; total_rows: number; file_sha256: string | null },
  upload: Upload,
): Promise<ImportAccepted> {
  const received = await receive(upload);
  await received.remove();
  if (existing.file_sha256 && existing.file_sha256 !== received.sha256) {
    throw new ApiError(422, 'this Idempotency-Key was already used for another file; send a new key', 'headers.idempotency-key', 'IDEMPOTENCY_KEY_REUSED');
  }
  if (existing.status === 'staging') throw new ApiError(409, 'the upload with this Idempotency-Key is still being staged; ask again shortly', 'headers.idempotency-key', 'IMPORT_STAGING');
  // The first attempt may have died between staging and starting its workflow.
  if (existing.status === 'queued') await startImportWorkflow(app, kind, input);
  return { importId: input.importId, status: 'queued', totalRows: existing.total_rows };
}

interface Upload {
  file: MultipartFile;
  /** The parts after the file, read once the file has been. */
  rest: AsyncIterator<Multipart>;
}

/** The body's first file; form fields before it are ignored. */
async function nextFile(request: FastifyRequest): Promise<Upload> {
  try {
    const rest = request.parts()[Symbol.asyncIterator]();
    for (let part = await rest.next(); !part.done; part = await rest.next()) {
      if (part.value.type === 'file') return { file: part.value, rest };
    }
    throw new ApiError(422, 'the upload holds no file: send the CSV in a part named "file"', 'file', 'FILE_MISSING');
  } catch (error) {
    throw multipartError(error);
  }
}

/** Receives the file, then reads the body to its end: a second file is refused, not ignored. */
async function receive({ file, rest }: Upload): Promise<ReceivedFile> {
  let received: ReceivedFile | undefined;
  try {
    received = await receiveFile(file);
    for (let part = await rest.next(); !part.done; part = await rest.next()) {
      if (part.value.type === 'file') {
        part.value.file.resume();
        throw tooManyParts();
      }
    }
    return received;
  } catch (error) {
    await received?.remove();
    throw multipartError(error);
  }
}

function checkFileType(file: MultipartFile): void {
  const extension = path.extname(file.filename ?? '').toLowerCase();
  const mimetype = (file.mimetype ?? '').split(';')[0].trim().toLowerCase();
  if ((extension && extension !== '.csv' && extension !== '.txt') || (mimetype && !CSV_TYPES.has(mimetype))) {
    file.file.resume();
    throw new ApiError(422, `the file is not a CSV (${excerpt(file.filename || 'no name', 60)}, ${excerpt(mimetype || 'no type', 60)}): save it as "CSV UTF-8"`, 'file', 'FILE_NOT_CSV');
  }
}

interface NewJob {
  importId: string;
  kind: ImportKind;
  filename: string | null;
  createdBy: string;
  provinceCode: string | null;
  sha256: string;
}

/**
 * Stages the received file in one transaction: the job row and every row of the file, or, for a
 * file refused half-way through (broken quoting at row 150,000), nothing at all; a process that
 * dies mid-way leaves nothing either. Answers the number of rows staged.
 */
async function stageFile(em: EntityManager, received: ReceivedFile, job: NewJob): Promise<number> {
  try {
    return await em.transactional((tx) => stageRows(tx, received, job));
  } catch (error) {
    throw uploadError(error);
  }
}

async function stageRows(em: EntityManager, received: ReceivedFile, job: NewJob): Promise<number> {
  let columns: Array<string | null> | null = null;
  let blankFirstRow = false;
  let rowNo = 1; // the header is row 1, as a spreadsheet numbers it
  let staged = 0;
  let batch: Array<{ importId: string; rowNo: number; data: Record<string, string>; status: string }> = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await upsertRows(em, ImportRow, batch, { key: ['importId', 'rowNo'] });
    batch = [];
  };
  let refusal: unknown;
  try {
    await pipeline(
      readAsUtf8(received),
      // Every record counts as a row, blank ones too, so row numbers match the spreadsheet's.
      parse({ trim: true, relax_column_count: true, max_record_size: 64 * 1024 }),
      async (records: AsyncIterable<string[]>) => {
        try {
          for await (const record of records) {
            const blank = record.every((value) => value === '');
            if (!columns) {
              if (blank) {
                blankFirstRow = true;
                continue;
              }
              if (blankFirstRow) throw new ApiError(422, 'the first row is blank: the header must be the first row', 'file', 'CSV_NO_HEADER');
              columns = checkHeader(job.kind, record);
              await createJob(em, job);
              continue;
            }
            rowNo++;
            if (blank) continue;
            if (++staged > MAX_ROWS) throw new ApiError(413, `the file has more than ${MAX_ROWS.toLocaleString('en')} rows: split it`, 'file', 'FILE_TOO_MANY_ROWS');
            checkWidth(rowNo, columns, record);
            batch.push({ importId: job.importId, rowNo, data: rowData(columns, record), status: 'pending' });
            if (batch.length >= STAGE_BATCH) await flush();
          }
        } catch (error) {
          // pipeline() reports a consumer's error as the AbortError of the streams it tears down:
          // keep the error itself to answer with.
          refusal = error;
          throw error;
        }
      },
    );
  } catch (error) {
    // Whichever stage refused the file (the decoder, csv-parse or a row check) says why; the
    // other stages only report being torn down.
    throw [refusal, error].find((e) => e instanceof ApiError || e instanceof CsvError) ?? refusal ?? error;
  }
  if (!columns) throw fileRefusal.empty();
  await flush();
  if (staged === 0) throw new ApiError(422, 'the file has a header but no rows', 'file', 'FILE_EMPTY');
  await em.execute(`update import_job set status = 'queued', total_rows = ? where id = ?`, [staged, job.importId]);
  return staged;
}

/**
 * A row with a stray or missing comma would shift every value after it into the wrong column:
 * the file is refused, naming the row. Empty values past the header's last column (a
 * spreadsheet's trailing commas) shift nothing and are allowed.
 */
function checkWidth(rowNo: number, columns: Array<string | null>, record: string[]): void {
  const width = record.length > columns.length && record.slice(columns.length).every((value) => value === '') ? columns.length : record.length;
  if (width !== columns.length) {
    throw new ApiError(422, `row ${rowNo} has ${record.length} values; the header has ${columns.length} columns (a stray or missing comma?)`, 'file', 'CSV_MALFORMED');
  }
}

function rowData(columns: Array<string | null>, record: string[]): Record<string, string> {
  const data: Record<string, string> = {};
  columns.forEach((column, i) => {
    if (column) data[column] = record[i] ?? '';
  });
  return data;
}

async function createJob(em: EntityManager, job: NewJob): Promise<void> {
  const inserted = await em.execute<Array<{ id: string }>>(
    `insert into import_job (id, kind, status, filename, province_code, created_by, created_at, file_sha256)
     values (?, ?, 'staging', ?, ?, ?, now(), ?)
     on conflict (id) do nothing returning id`,
    [job.importId, job.kind, job.filename, job.provinceCode, job.createdBy, job.sha256],
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

/** Multipart and CSV errors as answers naming the file; anything else (the database) is the server's. */
function uploadError(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  if (error instanceof CsvError) return csvError(error);
  const { code } = error as { code?: string };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return fileRefusal.tooLarge();
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return tooManyParts();
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return notMultipart();
  return error;
}

/**
 * Anything that goes wrong while the multipart body is read is the body's fault: busboy's own
 * errors carry no code ("Boundary not found", "Unexpected end of form", "Malformed part header"),
 * and a client that hangs up mid-way aborts the request stream. A disk error is the server's.
 */
function multipartError(error: unknown): unknown {
  const mapped = uploadError(error);
  if (mapped instanceof ApiError || (error as { syscall?: string }).syscall) return mapped;
  return new ApiError(400, 'the upload is not well-formed multipart/form-data (no boundary, a broken part, or cut off): send the CSV in a part named "file"', 'file', 'MULTIPART_MALFORMED');
}

const CSV_PROBLEMS: Record<string, string> = {
  INVALID_OPENING_QUOTE: 'a quote inside a value that does not start with one',
  CSV_INVALID_CLOSING_QUOTE: 'text after the closing quote of a value',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text after the closing quote of a value',
  CSV_QUOTE_NOT_CLOSED: 'a quote that is never closed',
  CSV_MAX_RECORD_SIZE: 'a row longer than 64 kB',
};

/** csv-parse's own message quotes the value it choked on, whatever its size: the answer names the line and the problem only. */
function csvError(error: CsvError): ApiError {
  const { lines } = error as { lines?: number };
  const problem = CSV_PROBLEMS[error.code] ?? 'broken quoting or structure';
  return new ApiError(422, `the file is not valid CSV: ${problem}${typeof lines === 'number' ? ` (line ${lines})` : ''}`, 'file', 'CSV_MALFORMED');
}

const tooManyParts = (): ApiError => new ApiError(413, 'send one CSV file and nothing else', 'file', 'MULTIPART_TOO_MANY_PARTS');
const notMultipart = (): ApiError => new ApiError(415, 'send the CSV as multipart/form-data, in a part named "file"', 'headers.content-type', 'UNSUPPORTED_MEDIA_TYPE');
