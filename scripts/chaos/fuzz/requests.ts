import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { nearlyValid, type JsonSchema } from './from-schema';
import { hostileText, hostileValue } from './hostile';
import { malformedUpload, UPLOAD_HEADERS } from './uploads';

/** One operation of the OpenAPI document: what the fuzzer needs to build requests for it. */
export interface Operation {
  method: string;
  /** OpenAPI path, `/cases/{caseId}`. */
  path: string;
  pathParams: string[];
  query?: JsonSchema;
  body?: JsonSchema;
  multipart: boolean;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; schema: JsonSchema; required?: boolean }>; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Every route of the app, from its own OpenAPI document: a new route is fuzzed without a change here. */
export function operationsOf(doc: OpenApiDocument): { operations: Operation[]; resolve: (ref: string) => JsonSchema } {
  const schemas = doc.components?.schemas ?? {};
  const resolve = (ref: string): JsonSchema => schemas[ref.split('/').pop()!] ?? {};
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? [];
      const queryParams = parameters.filter((p) => p.in === 'query');
      const content = op.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: queryParams.length ? { type: 'object', properties: Object.fromEntries(queryParams.map((p) => [p.name, p.schema])), required: queryParams.filter((p) => p.required).map((p) => p.name) } : undefined,
        body: content['application/json']?.schema,
        multipart: 'multipart/form-data' in content || /^\/imports\/(targets|survey)$/.test(path),
      });
    }
  }
  return { operations, resolve };
}

/** Real IDs of records that exist, so some requests pass the lookups and reach deeper code. */
export type KnownIds = Record<string, string[]>;

const pathValue = (name: string, known: KnownIds): fc.Arbitrary<string> =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(known[name]?.length ? known[name] : ['x'])) }, { weight: 2, arbitrary: hostileText() });

/** A request for one operation: its path, query and body nearly valid, or hostile, or malformed. */
export function requestFor(op: Operation, resolve: (ref: string) => JsonSchema, known: KnownIds): fc.Arbitrary<InjectOptions> {
  const params = fc.tuple(...op.pathParams.map((name) => pathValue(name, known)));
  const query = op.query ? fc.option(nearlyValid(op.query, resolve), { nil: undefined }) : fc.constant(undefined);
  const payload = op.multipart ? csvUpload() : op.body ? bodyFor(op.body, resolve) : fc.constant(undefined);
  const idempotencyKey = fc.option(fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.:-]{8,120}$/), hostileText()), { nil: undefined, freq: 3 });
  return fc.tuple(params, query, payload, idempotencyKey).map(([values, q, body, key]) => {
    let url = op.path;
    op.pathParams.forEach((name, i) => (url = url.replace(`{${name}}`, pathSegment(values[i]))));
    const search = queryString(q);
    const headers: Record<string, string> = { ...(body?.headers ?? {}) };
    if (key !== undefined) headers['idempotency-key'] = key.replace(/[\r\n]/g, '');
    return { method: op.method as InjectOptions['method'], url: search ? `${url}?${search}` : url, headers, ...(body ? { payload: body.payload } : {}) };
  });
}

/** A path segment as a client would send it (a lone surrogate cannot be encoded: it becomes U+FFFD). */
function pathSegment(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, (c, i: number, all: string) => (/[\ud800-\udbff][\udc00-\udfff]/.test(all.slice(i, i + 2)) || /[\ud800-\udbff][\udc00-\udfff]/.test(all.slice(i - 1, i + 1)) ? c : '\ufffd')));
}

function queryString(query: unknown): string {
  if (query === undefined || query === null) return '';
  if (typeof query !== 'object' || Array.isArray(query)) return `q=${encodeURIComponent(JSON.stringify(query))}`;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) search.append(key, typeof value === 'string' ? value : JSON.stringify(value));
  return search.toString();
}

interface Body {
  payload: string | Buffer;
  headers: Record<string, string>;
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** Mostly JSON shaped like the schema; sometimes broken JSON, another content type, or too much of it. */
function bodyFor(schema: JsonSchema, resolve: (ref: string) => JsonSchema): fc.Arbitrary<Body | undefined> {
  return fc.oneof(
    { weight: 12, arbitrary: nearlyValid(schema, resolve).map((value) => ({ payload: JSON.stringify(value) ?? 'null', headers: JSON_TYPE })) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', '[1,2', '\u0000', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}', '').map((text) => ({ payload: text, headers: JSON_TYPE })) },
    { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x').map((type) => ({ payload: '<a>1</a>', headers: { 'content-type': type } })) },
    { weight: 1, arbitrary: fc.constant({ payload: JSON.stringify({ padding: 'x'.repeat(1_100_000) }), headers: JSON_TYPE }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const BOUNDARY = '----kaejon-fuzz';
export function multipart(csv: Buffer, field = 'file', filename = 'targets.csv'): Body {
  const head = Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="${field}"; filename="${filename}"\r\ncontent-type: text/csv\r\n\r\n`);
  return { payload: Buffer.concat([head, csv, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

/** CSV files with hostile cells, wrong headers, binary junk, wrong part names, broken CSV and multipart framing. */
function csvUpload(): fc.Arbitrary<Body | undefined> {
  const header = fc.constantFrom('house_code,province_code,district_code,subdistrict_code,member_names,member_national_ids,source', 'house_code,year,passed,failed_indicators', 'a,b,c', '');
  const cell = fc.oneof(hostileText(), fc.stringMatching(/^[0-9]{2,13}$/), hostileValue().map((v) => JSON.stringify(v) ?? ''));
  const row = fc.array(cell, { minLength: 1, maxLength: 8 }).map((cells) => cells.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','));
  const csv = fc.tuple(header, fc.array(row, { maxLength: 20 })).map(([h, rows]) => Buffer.from([h, ...rows].join('\r\n')));
  return fc.oneof(
    { weight: 6, arbitrary: csv.map((file) => multipart(file)) },
    // Broken quoting, ragged rows, other encodings, stray bytes, in multipart bodies with no boundary, cut off, two files…
    { weight: 4, arbitrary: fc.constantFrom(UPLOAD_HEADERS.targets, UPLOAD_HEADERS.survey).chain((header) => malformedUpload(header)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((bytes) => multipart(Buffer.from(bytes))) },
    { weight: 1, arbitrary: csv.map((file) => multipart(file, 'upload', '../../etc/passwd')) },
    { weight: 1, arbitrary: fc.constant({ payload: 'house_code\n1', headers: { 'content-type': 'text/csv' } }) },
  );
}
