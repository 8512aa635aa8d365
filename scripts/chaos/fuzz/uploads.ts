import fc from 'fast-check';

/**
 * Broken uploads for the import routes, shared by the chaos fuzzer and the upload tests: CSV
 * files whose quoting, width, encoding or bytes are wrong, wrapped in multipart bodies whose
 * framing may be wrong too (no boundary, another boundary, cut off, bare LF, two files, no file).
 */
export interface UploadRequest {
  payload: Buffer;
  headers: Record<string, string>;
}

export const UPLOAD_HEADERS = {
  targets: ['house_code', 'province_code', 'district_code', 'subdistrict_code', 'head_name', 'member_names', 'failed_indicators'],
  survey: ['house_code', 'year', 'passed', 'failed_indicators'],
} as const;

const THAI = ['สมชาย ใจดี', 'บ้าน "สุข"', 'หมู่ 3, ตำบล', 'ด.ญ. ปิติ'];

/** One cell as written in the file: well-formed (quoted when it must be) or with its quoting broken. */
const cell = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.oneof(fc.stringMatching(/^[0-9]{1,13}$/), fc.constantFrom('', 'I3', 'true', '2570'), fc.constantFrom(...THAI)).map(quoteIfNeeded) },
    { weight: 1, arbitrary: fc.constantFrom('64"123', 'ab"c"', '"unclosed', '"closed"after', '" spaced', '""', '"a""b"x', '"') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }).map(quoteIfNeeded) },
  );

const quoteIfNeeded = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** A CSV file for `header`, often malformed: ragged rows, broken quoting, another encoding, stray bytes. */
export function malformedCsv(header: readonly string[]): fc.Arbitrary<Buffer> {
  const row = fc.integer({ min: Math.max(0, header.length - 2), max: header.length + 2 }).chain((width) => fc.array(cell(), { minLength: width, maxLength: width }));
  const text = fc
    .tuple(fc.constantFrom(header.join(','), '', ' ', header.slice(1).join(',')), fc.array(row, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
    .map(([head, rows, eol, trailingEol]) => [head, ...rows.map((r) => r.join(','))].join(eol) + (trailingEol ? eol : ''));
  const encoded = fc.tuple(text, fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16le', 'utf-16be-bom', 'windows-874')).map(([t, encoding]) => encode(t, encoding));
  return fc.oneof(
    { weight: 6, arbitrary: encoded },
    // Stray bytes somewhere in an otherwise good file: NUL, lone UTF-8 continuation bytes, bytes Windows-874 lacks.
    { weight: 2, arbitrary: fc.tuple(encoded, fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.nat()).map(([file, junk, at]) => splice(file, Buffer.from(junk), at)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
  );
}

export function encode(text: string, encoding: string): Buffer {
  switch (encoding) {
    case 'utf-8-bom':
      return Buffer.from(`\uFEFF${text}`, 'utf8');
    case 'utf-16le-bom':
      return Buffer.from(`\uFEFF${text}`, 'utf16le');
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16be-bom':
      return Buffer.from(`\uFEFF${text}`, 'utf16le').swap16();
    case 'windows-874':
      return windows874(text);
    default:
      return Buffer.from(text, 'utf8');
  }
}

/** Thai text in Windows-874 (TIS-620's letters sit at U+0E01 + (byte − 0xA1)); other characters as '?'. */
export function windows874(text: string): Buffer {
  return Buffer.from(Array.from(text, (c) => {
    const code = c.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code >= 0x0e01 && code <= 0x0e5b) return code - 0x0e01 + 0xa1;
    return 0x3f;
  }));
}

const splice = (file: Buffer, junk: Buffer, at: number): Buffer => {
  const i = file.length === 0 ? 0 : at % file.length;
  return Buffer.concat([file.subarray(0, i), junk, file.subarray(i)]);
};

/** The multipart body a browser sends for one file in the part `file`. */
export function multipartFile(file: Buffer, options: { boundary?: string; filename?: string; field?: string } = {}): UploadRequest {
  const boundary = options.boundary ?? '----kaejon-upload';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${options.field ?? 'file'}"; filename="${options.filename ?? 'upload.csv'}"\r\nContent-Type: text/csv\r\n\r\n`);
  return { payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Ways the multipart framing around a file goes wrong; `none` leaves it well-formed. */
export const FRAMINGS = ['none', 'no boundary', 'other boundary', 'cut off', 'no closing boundary', 'bare LF', 'no file part', 'two files', 'empty body', 'quoted boundary'] as const;
export type Framing = (typeof FRAMINGS)[number];

export function framed(file: Buffer, framing: Framing, cutAt = 0.5): UploadRequest {
  const boundary = '----kaejon-upload';
  const good = multipartFile(file, { boundary });
  const withType = (payload: Buffer, contentType = good.headers['content-type']): UploadRequest => ({ payload, headers: { 'content-type': contentType } });
  switch (framing) {
    case 'none':
      return good;
    case 'no boundary':
      return withType(good.payload, 'multipart/form-data');
    case 'other boundary':
      return withType(good.payload, 'multipart/form-data; boundary=----not-the-one');
    case 'cut off':
      return withType(good.payload.subarray(0, Math.floor(good.payload.length * cutAt)));
    case 'no closing boundary':
      return withType(good.payload.subarray(0, good.payload.length - `\r\n--${boundary}--\r\n`.length));
    case 'bare LF':
      return withType(Buffer.from(good.payload.toString('latin1').replace(/\r\n/g, '\n'), 'latin1'));
    case 'no file part':
      return withType(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`));
    case 'two files': {
      const second = multipartFile(file, { boundary, field: 'again' }).payload;
      return withType(Buffer.concat([good.payload.subarray(0, good.payload.length - `--${boundary}--\r\n`.length), second]));
    }
    case 'empty body':
      return withType(Buffer.alloc(0));
    case 'quoted boundary':
      return withType(good.payload, `multipart/form-data; boundary="${boundary}"`);
  }
}

/** A possibly malformed file in a possibly malformed multipart body. */
export function malformedUpload(header: readonly string[]): fc.Arbitrary<UploadRequest> {
  return fc
    .tuple(malformedCsv(header), fc.oneof({ weight: 4, arbitrary: fc.constant<Framing>('none') }, { weight: 3, arbitrary: fc.constantFrom(...FRAMINGS) }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([file, framing, cutAt]) => framed(file, framing, cutAt));
}
