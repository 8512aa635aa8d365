import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App } from '../../../api/app';
import { MAX_ROWS } from '../../../api/services/imports/upload';
import { multipart, operationsOf, requestFor, type KnownIds } from './requests';

export interface FuzzOptions {
  app: App;
  /** Bearer headers by role; `admin` reaches every route, the others their own. */
  sessions: Record<string, { authorization: string }>;
  known: KnownIds;
  runs: number;
  seed: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

export interface Finding {
  request: string;
  status: number;
  body: string;
}

export interface FuzzFigures {
  inputs: number;
  routes: number;
  byStatus: Record<string, number>;
  serverErrors: Finding[];
  /** 400, 413, 415 and 422 answers without the `field` they concern. */
  unnamedField: Finding[];
  /** Error answers not served as JSON (an HTML error page could carry injected markup). */
  notJson: Finding[];
  /** Multipart uploads sent to the import routes, well-formed or not. */
  uploads: number;
  /** Error answers over 2 kB: an error echoes at most a short excerpt of its input. */
  oversizedErrors: Finding[];
}

const INPUT_ERRORS = new Set([400, 413, 415, 422]);
const MAX_ERROR_BYTES = 2048;

/** Property-based fuzzing of every route in the OpenAPI document: no 5xx, and every input error names its field. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzFigures> {
  const { operations, resolve } = operationsOf(options.app.swagger() as unknown as Parameters<typeof operationsOf>[0]);
  const roles = Object.keys(options.sessions);
  const request = fc.constantFrom(...operations).chain((op) =>
    fc.tuple(requestFor(op, resolve, options.known), fc.oneof({ weight: 4, arbitrary: fc.constant('admin') }, { weight: 2, arbitrary: fc.constantFrom(...roles) }, { weight: 1, arbitrary: fc.constant('anonymous') })),
  );
  const samples = fc.sample(request, { numRuns: options.runs, seed: options.seed });
  const figures: FuzzFigures = { inputs: 0, routes: operations.length, byStatus: {}, serverErrors: [], unnamedField: [], notJson: [], uploads: 0, oversizedErrors: [] };
  const queue = [...samples];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [req, role] = next;
      // Signing out would end the fuzzer's own session: that route is fuzzed anonymously.
      const auth = role === 'anonymous' || req.url === '/auth/logout' ? {} : options.sessions[role];
      await check(options.app, { ...req, headers: { ...(req.headers as Record<string, string>), ...auth } }, figures);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  await bigUploads(options.app, options.sessions.admin, figures);
  return figures;
}

/** Files past the size and row limits: refused with 413 or 422 naming `file`, never read whole. */
async function bigUploads(app: App, admin: { authorization: string }, figures: FuzzFigures): Promise<void> {
  const rows = ['house_code,province_code,district_code,subdistrict_code,source', ...Array.from({ length: MAX_ROWS + 10 }, (_, i) => `${6401000000 + i},64,6401,640101,tpmap`)];
  const tooManyRows = multipart(Buffer.from(rows.join('\n')));
  await check(app, { method: 'POST', url: '/imports/targets', headers: { ...tooManyRows.headers, ...admin }, payload: tooManyRows.payload }, figures);
  const tooLarge = multipart(Buffer.alloc(51 * 1024 * 1024, 'a,'));
  await check(app, { method: 'POST', url: '/imports/survey', headers: { ...tooLarge.headers, ...admin }, payload: tooLarge.payload }, figures);
}

async function check(app: App, req: InjectOptions, figures: FuzzFigures): Promise<void> {
  let response: LightMyRequestResponse;
  try {
    response = await app.inject(req);
  } catch {
    return; // light-my-request refused to build it (an impossible URL): nothing reached the app
  }
  figures.inputs++;
  figures.byStatus[response.statusCode] = (figures.byStatus[response.statusCode] ?? 0) + 1;
  const finding = (): Finding => ({ request: `${req.method} ${String(req.url).slice(0, 200)} ${String(req.payload ?? '').slice(0, 300)}`, status: response.statusCode, body: response.body.slice(0, 300) });
  if (req.method === 'POST' && /^\/imports\/(targets|survey)/.test(String(req.url))) figures.uploads++;
  if (response.statusCode >= 500) figures.serverErrors.push(finding());
  if (response.statusCode >= 400 && Buffer.byteLength(response.body) > MAX_ERROR_BYTES) figures.oversizedErrors.push(finding());
  if (response.statusCode >= 400 && !String(response.headers['content-type']).startsWith('application/json')) figures.notJson.push(finding());
  if (INPUT_ERRORS.has(response.statusCode)) {
    const body = safeJson(response.body);
    if (typeof body?.field !== 'string' || !body.field) figures.unnamedField.push(finding());
  }
}

function safeJson(text: string): { field?: unknown } | null {
  try {
    return JSON.parse(text) as { field?: unknown };
  } catch {
    return null;
  }
}
