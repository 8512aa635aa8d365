import { pipeline, Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Type, type Static } from '@sinclair/typebox';
import { stringify } from 'csv-stringify';
import type { ImportKind } from '../../../workflows/import/messages';
import type { Role } from '../../../workflows/roles';
import { areaCondition, maskNationalId, type Principal } from '../../../domain/scope';
import { ApiError } from '../../errors';
import { COLUMNS } from './columns';
import { rowReasonTh } from '../../../domain/imports/row-reasons';
import type { ImportStatus } from '../../../db/import-jobs';

/**
 * What the import routes read: a job's progress, the caller's jobs, and the rejected rows (JSON
 * pages or one streamed CSV report). An import is visible to its creator, to the levels above the
 * creator in the creator's area, and to supervisors and admins; to anyone else it does not exist.
 */
export const ImportView = Type.Object(
  {
    importId: Type.String(),
    kind: Type.Union([Type.Literal('targets'), Type.Literal('survey')]),
    status: Type.Union([Type.Literal('staging'), Type.Literal('queued'), Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed')]),
    filename: Type.Union([Type.String(), Type.Null()]),
    totalRows: Type.Integer(),
    processedRows: Type.Integer(),
    acceptedRows: Type.Integer(),
    rejectedRows: Type.Integer(),
    percent: Type.Number({ description: 'processed rows as a percentage of all rows, one decimal' }),
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    error: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'ImportView' },
);
export type ImportView = Static<typeof ImportView>;

export const RejectedRow = Type.Object({
  rowNo: Type.Integer({ description: 'the row as a spreadsheet numbers it (the header is row 1)' }),
  field: Type.Union([Type.String(), Type.Null()], { description: 'the CSV column the problem is about; null when it is the row as a whole' }),
  reason: Type.String({ description: 'why the row was not taken, in English' }),
  reasonTh: Type.Union([Type.String(), Type.Null()], { description: 'the same reason in Thai (null for a reason without a Thai sentence: show the English one)' }),
  values: Type.Record(Type.String(), Type.String(), { description: 'the row as uploaded (national IDs masked for roles that may not read them)' }),
});
export type RejectedRow = Static<typeof RejectedRow>;

interface JobRow {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  filename: string | null;
  total_rows: number;
  processed_rows: number;
  accepted_rows: number;
  rejected_rows: number;
  created_by: string;
  created_at: Date;
  finished_at: Date | null;
  error: string | null;
}

/** Ranks of the roles that import: a level sees the imports of the levels below it in its area. */
const RANK: Partial<Record<Role, number>> = { operationsTeam: 1, district: 2, province: 3, supervisor: 4, admin: 4 };
const RANK_SQL = `case u.role when 'operationsTeam' then 1 when 'district' then 2 when 'province' then 3 when 'supervisor' then 4 when 'admin' then 4 else 0 end`;

function visibleTo(principal: Principal): { sql: string; params: unknown[] } {
  if (principal.role === 'supervisor' || principal.role === 'admin') return { sql: 'true', params: [] };
  const area = areaCondition(principal, 'u');
  return { sql: `(j.created_by = ? or (${RANK_SQL} < ? and ${area.sql}))`, params: [principal.userId, RANK[principal.role] ?? 0, ...area.params] };
}

const JOB_COLUMNS = 'j.id, j.kind, j.status, j.filename, j.total_rows, j.processed_rows, j.accepted_rows, j.rejected_rows, j.created_by, j.created_at, j.finished_at, j.error';
const FROM = 'from import_job j left join app_user u on u.id::text = j.created_by';

function view(row: JobRow): ImportView {
  const total = Number(row.total_rows);
  const processed = Number(row.processed_rows);
  return {
    importId: row.id,
    kind: row.kind,
    status: row.status,
    filename: row.filename,
    totalRows: total,
    processedRows: processed,
    acceptedRows: Number(row.accepted_rows),
    rejectedRows: Number(row.rejected_rows),
    percent: total === 0 ? 0 : Math.floor((processed * 1000) / total) / 10,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    error: row.error,
  };
}

/** The import, or 404 when it does not exist or lies outside the caller's view. */
export async function importInScope(em: EntityManager, principal: Principal, importId: string): Promise<ImportView> {
  const scope = visibleTo(principal);
  const [row] = await em.execute<JobRow[]>(`select ${JOB_COLUMNS} ${FROM} where j.id = ? and ${scope.sql}`, [importId, ...scope.params]);
  if (!row) throw new ApiError(404, 'Not found', 'params.importId', 'NOT_FOUND');
  return view(row);
}

export async function listImports(em: EntityManager, principal: Principal, query: { kind?: ImportKind; limit: number; offset: number }): Promise<{ total: number; items: ImportView[] }> {
  const scope = visibleTo(principal);
  const kind = query.kind ? { sql: ' and j.kind = ?', params: [query.kind] } : { sql: '', params: [] };
  const rows = await em.execute<Array<JobRow & { total: string }>>(
    `select ${JOB_COLUMNS}, count(*) over () as total ${FROM} where ${scope.sql}${kind.sql} order by j.created_at desc, j.id limit ? offset ?`,
    [...scope.params, ...kind.params, query.limit, query.offset],
  );
  const total = rows[0] ? Number(rows[0].total) : await countImports(em, scope, kind);
  return { total, items: rows.map(view) };
}

async function countImports(em: EntityManager, scope: { sql: string; params: unknown[] }, kind: { sql: string; params: unknown[] }): Promise<number> {
  const [row] = await em.execute<Array<{ n: string }>>(`select count(*) as n ${FROM} where ${scope.sql}${kind.sql}`, [...scope.params, ...kind.params]);
  return Number(row?.n ?? 0);
}

interface RejectRow {
  row_no: number;
  field: string | null;
  reason: string | null;
  data: Record<string, string>;
}

/** National IDs only in full for the roles that may read them (api/auth/principal.ts). */
function maskedValues(data: Record<string, string>, principal: Principal): Record<string, string> {
  const ids = data.member_national_ids;
  if (!ids) return data;
  const masked = ids.split('|').map((id) => (/^[0-9]{13}$/.test(id.trim()) ? maskNationalId(id.trim(), principal) : id));
  return { ...data, member_national_ids: masked.join('|') };
}

export async function listRejects(em: EntityManager, principal: Principal, importId: string, page: { limit: number; offset: number }): Promise<{ total: number; items: RejectedRow[] }> {
  const [count] = await em.execute<Array<{ n: string }>>(`select count(*) as n from import_row where import_id = ? and status = 'rejected'`, [importId]);
  const rows = await em.execute<RejectRow[]>(
    `select row_no, field, reason, data from import_row where import_id = ? and status = 'rejected' order by row_no limit ? offset ?`,
    [importId, page.limit, page.offset],
  );
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((r) => ({ rowNo: r.row_no, field: r.field, reason: r.reason ?? '', reasonTh: rowReasonTh(r.reason ?? ''), values: maskedValues(r.data, principal) })),
  };
}

const REPORT_PAGE = 2000;

/**
 * Every rejected row as CSV (UTF-8 with BOM, so Excel shows Thai): row, field, reason (English and Thai), then the
 * row as uploaded. Read in keyset pages and streamed, so a 100,000-row report is never held whole.
 */
export function rejectsCsv(em: EntityManager, principal: Principal, importId: string, kind: ImportKind): Readable {
  const columns = COLUMNS[kind].map((c) => c.name);
  async function* records(): AsyncGenerator<string[]> {
    let after = 0;
    for (;;) {
      const rows = await em.execute<RejectRow[]>(
        `select row_no, field, reason, data from import_row where import_id = ? and status = 'rejected' and row_no > ? order by row_no limit ?`,
        [importId, after, REPORT_PAGE],
      );
      for (const row of rows) {
        const values = maskedValues(row.data, principal);
        yield [String(row.row_no), row.field ?? '', row.reason ?? '', rowReasonTh(row.reason ?? '') ?? '', ...columns.map((c) => values[c] ?? '')];
      }
      if (rows.length < REPORT_PAGE) return;
      after = rows[rows.length - 1].row_no;
    }
  }
  // escape_formulas: a value beginning with = + - @ is not run as a formula when the report is opened.
  const csv = stringify({ bom: true, header: true, columns: ['row', 'field', 'reason', 'reason_th', ...columns], escape_formulas: true });
  pipeline(Readable.from(records()), csv, () => undefined);
  return csv;
}
