import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import { ApiError } from '../../errors';

/**
 * An upload is received whole into a temporary file before any of it is staged. Staging is one
 * transaction (all rows or none), and a transaction must not stay open while a phone on a slow
 * network sends 50 MB: from disk it lasts as long as the inserts do. Receiving is also where the
 * file's size, binary content and text encoding are judged, so a refusal needs no database at all.
 */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/**
 * The encodings an official's spreadsheet saves a CSV in: UTF-8 ("CSV UTF-8", with or without a
 * BOM), UTF-16 ("Unicode Text"), and Windows-874, the Thai Windows code page (a superset of
 * TIS-620) that Excel uses for a plain "CSV" on a Thai system. Node's own TextDecoder reads them all.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-874';

/** An upload is a CSV (text) or an Excel workbook (.xlsx), told apart by its name and type. */
export type UploadFormat = 'csv' | 'xlsx';

export interface ReceivedFile {
  path: string;
  format: UploadFormat;
  bytes: number;
  /** The file's fingerprint: a retried upload with the same Idempotency-Key must carry the same file. */
  sha256: string;
  /** The text encoding of a CSV; null for a workbook, which is binary and read by exceljs. */
  encoding: TextEncoding | null;
  remove(): Promise<void>;
}

const HEAD_BYTES = 8192;

export const fileRefusal = {
  tooLarge: () => new ApiError(413, `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: split it`, 'file', 'FILE_TOO_LARGE'),
  empty: () => new ApiError(422, 'the file is empty', 'file', 'FILE_EMPTY'),
  binary: () => new ApiError(422, 'the file is not a CSV (it holds binary data): upload the workbook as .xlsx, or save it as "CSV UTF-8"', 'file', 'FILE_NOT_CSV'),
  encoding: () => new ApiError(422, 'the file is not text in UTF-8, UTF-16 or Thai Windows (TIS-620) encoding: save it as "CSV UTF-8"', 'file', 'FILE_ENCODING'),
};

/**
 * Writes the uploaded file to a temporary file, refusing it as soon as it is too large. A CSV's
 * encoding is judged on the way; a workbook is binary, and only its size is.
 */
export async function receiveFile(file: MultipartFile, format: UploadFormat): Promise<ReceivedFile> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kaejon-upload-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  const target = path.join(dir, `upload.${format}`);
  const inspector = new FileInspector();
  file.file.once('limit', () => file.file.destroy(fileRefusal.tooLarge()));
  try {
    const hash = createHash('sha256');
    const fingerprint = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(file.file, inspector, fingerprint, createWriteStream(target));
    if (file.file.truncated) throw fileRefusal.tooLarge();
    if (inspector.bytes === 0) throw fileRefusal.empty();
    const encoding = format === 'csv' ? inspector.encoding() : null;
    return { path: target, format, bytes: inspector.bytes, encoding, sha256: hash.digest('hex'), remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** The received file as UTF-8 text, decoded from its own encoding; a byte that does not belong to it is a 422. */
export function readAsUtf8(received: ReceivedFile): Readable {
  const bytes = createReadStream(received.path);
  const text = decoder(received.encoding ?? 'utf-8');
  bytes.once('error', (error) => text.destroy(error));
  return bytes.pipe(text);
}

/**
 * Watches the bytes go by: their number, the first few kB (for a BOM, or the NUL bytes of a
 * binary file or of UTF-16 without a BOM) and whether they are all valid UTF-8.
 */
class FileInspector extends Transform {
  bytes = 0;
  private head = Buffer.alloc(0);
  private utf8 = new TextDecoder('utf-8', { fatal: true });
  private validUtf8 = true;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.head.length < HEAD_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
    if (this.validUtf8) {
      try {
        this.utf8.decode(chunk, { stream: true });
      } catch {
        this.validUtf8 = false;
      }
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.validUtf8) {
      try {
        this.utf8.decode(); // a sequence cut off at the end of the file
      } catch {
        this.validUtf8 = false;
      }
    }
    callback();
  }

  /** The file's encoding, or the reason it is refused. */
  encoding(): TextEncoding {
    const head = this.head;
    if (this.bytes === 0) throw fileRefusal.empty();
    if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
    if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
    if (head.includes(0)) {
      // Mostly-ASCII text in UTF-16 has a NUL in every other byte; a workbook's NULs are scattered.
      const pairs = Math.floor(head.length / 2);
      let evenNul = 0;
      let oddNul = 0;
      for (let i = 0; i < pairs * 2; i += 2) {
        if (head[i] === 0) evenNul++;
        if (head[i + 1] === 0) oddNul++;
      }
      if (pairs > 0 && oddNul >= pairs * 0.4 && evenNul === 0) return 'utf-16le';
      if (pairs > 0 && evenNul >= pairs * 0.4 && oddNul === 0) return 'utf-16be';
      throw fileRefusal.binary();
    }
    if (this.validUtf8) return 'utf-8';
    // A file that says it is UTF-8 (its BOM) and is not: no guessing what else it is.
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) throw fileRefusal.encoding();
    // Thai text in Windows-874 is never valid UTF-8 (a lone byte from 0xA1 up is no sequence).
    return 'windows-874';
  }
}

/** Bytes Windows-874 leaves undefined (WHATWG's index): a file holding one is in some other code page. */
const NOT_WINDOWS_874 = new Uint8Array(256);
for (const [from, to] of [[0x81, 0x84], [0x86, 0x90], [0x98, 0x9f], [0xdb, 0xde], [0xfc, 0xff]]) NOT_WINDOWS_874.fill(1, from, to + 1);

function decoder(encoding: TextEncoding): Transform {
  // The BOM is consumed here (TextDecoder's default), so csv-parse sees the header's first name as it is.
  const text = new TextDecoder(encoding, { fatal: true });
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        if (encoding === 'windows-874' && chunk.some((byte) => NOT_WINDOWS_874[byte] === 1)) throw fileRefusal.encoding();
        callback(null, Buffer.from(text.decode(chunk, { stream: true }), 'utf8'));
      } catch (error) {
        callback(error instanceof ApiError ? error : fileRefusal.encoding());
      }
    },
    flush(callback: TransformCallback) {
      try {
        callback(null, Buffer.from(text.decode(), 'utf8'));
      } catch {
        callback(fileRefusal.encoding());
      }
    },
  });
}
