import type { BenchStack } from './stack';
import { until } from './stats';

/** One HTTP call to the bench's API; throws on an unexpected status so a broken path never counts as fast. */
export async function call<T>(stack: BenchStack, method: string, path: string, headers: Record<string, string>, body?: unknown, expected = 200): Promise<T> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const response = await fetch(`${stack.baseUrl}${path}`, init);
  const text = await response.text();
  if (response.status !== expected) throw new Error(`bench: ${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

interface ImportProgress {
  status: string;
  totalRows: number;
  acceptedRows: number;
  rejectedRows: number;
  error: string | null;
}

export interface ImportRun {
  importId: string;
  /** From the first byte of the upload to the 202 (rows staged). */
  uploadMs: number;
  /** From the first byte of the upload to the job's completion: every accepted row's case started. */
  startedMs: number;
  acceptedRows: number;
}

/** Uploads a target list through POST /imports/targets and waits for the import workflow to finish. */
export async function importTargets(stack: BenchStack, headers: Record<string, string>, csv: Buffer, timeoutMs: number): Promise<ImportRun> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(csv)], { type: 'text/csv' }), 'tpmap.csv');
  const t0 = performance.now();
  const { importId } = await call<{ importId: string }>(stack, 'POST', '/imports/targets', headers, form, 202);
  const uploadMs = performance.now() - t0;
  const done = await until(
    async () => {
      const view = await call<ImportProgress>(stack, 'GET', `/imports/${importId}`, headers);
      return view.status === 'completed' || view.status === 'failed' ? view : undefined;
    },
    timeoutMs,
    `import ${importId}`,
    250,
  );
  const startedMs = performance.now() - t0;
  if (done.status !== 'completed' || done.rejectedRows > 0) throw new Error(`bench: import ${importId} ended ${done.status} with ${done.rejectedRows} rejected rows (${done.error ?? 'no error'})`);
  return { importId, uploadMs, startedMs, acceptedRows: done.acceptedRows };
}

/** Cases of an import already in the read model. */
export async function projectedCases(stack: BenchStack, importId: string): Promise<number> {
  const [row] = await stack.orm.em
    .fork()
    .execute<Array<{ n: number }>>(`select count(*)::int as n from import_row r join household_case c on c.id = r.case_id where r.import_id = ? and r.status = 'accepted'`, [importId]);
  return row.n;
}

export async function caseIdsOf(stack: BenchStack, importId: string): Promise<string[]> {
  const rows = await stack.orm.em.fork().execute<Array<{ case_id: string }>>(`select case_id from import_row where import_id = ? and status = 'accepted' order by row_no`, [importId]);
  return rows.map((r) => r.case_id);
}
