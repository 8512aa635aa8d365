import type { EntityManager } from '@mikro-orm/postgresql';
import type { BulkJobView, BulkKind } from '../domain/contract/policy';
import type { CasePolicy } from '../workflows/policy';
import type { Actor } from '../workflows/roles';
import type { PauseCaseInput } from '../workflows/household-case/messages';

/** What a bulk job does, as stored with it: enough for the activity to list its cases and act on each. */
export type BulkParams =
  | { kind: 'migratePolicy'; actor: Actor; policy: CasePolicy }
  | { kind: 'pauseArea'; actor: Actor; area: BulkArea; reason: PauseCaseInput['reason']; note?: string }
  | { kind: 'resumeArea'; actor: Actor; area: BulkArea };

export interface BulkArea {
  provinceCode: string;
  districtCode?: string;
  subdistrictCode?: string;
}

/** Stores the job once: false when a job of that ID exists already (a retry, or the same migration asked twice). */
export async function createBulkJob(em: EntityManager, id: string, params: BulkParams): Promise<boolean> {
  const rows = await em.execute<Array<{ id: string }>>(
    `insert into bulk_job (id, kind, params, created_by) values (?, ?, ?::jsonb, ?) on conflict do nothing returning id`,
    [id, params.kind, JSON.stringify(params), params.actor.userId],
  );
  return rows.length === 1;
}

export async function bulkJobParams(em: EntityManager, id: string): Promise<BulkParams | null> {
  const [row] = await em.execute<Array<{ params: BulkParams }>>('select params from bulk_job where id = ?', [id]);
  return row?.params ?? null;
}

/** The SQL that lists a job's cases from the read model, once, when the job starts. */
function targetsOf(params: BulkParams): { where: string; values: string[] } {
  if (params.kind === 'migratePolicy') {
    return { where: `province_code = ? and status <> 'closed' and policy_version <> ?`, values: [params.policy.provinceCode ?? '', params.policy.version] };
  }
  const parts = ['province_code = ?'];
  const values = [params.area.provinceCode];
  for (const [column, code] of [['district_code', params.area.districtCode], ['subdistrict_code', params.area.subdistrictCode]] as const) {
    if (!code) continue;
    parts.push(`${column} = ?`);
    values.push(code);
  }
  parts.push(params.kind === 'pauseArea' ? `status = 'active'` : `status = 'paused'`);
  return { where: parts.join(' and '), values };
}

/** Lists the job's cases (idempotent: a second call adds nothing). Answers how many the job holds. */
export async function listBulkCases(em: EntityManager, id: string, params: BulkParams): Promise<number> {
  const { where, values } = targetsOf(params);
  await em.execute(`insert into bulk_job_case (job_id, case_id) select ?, id from household_case where ${where} on conflict do nothing`, [id, ...values]);
  const [row] = await em.execute<Array<{ n: string }>>('select count(*) as n from bulk_job_case where job_id = ?', [id]);
  return Number(row.n);
}

export async function pendingBulkCases(em: EntityManager, id: string, limit: number): Promise<string[]> {
  const rows = await em.execute<Array<{ case_id: string }>>(`select case_id from bulk_job_case where job_id = ? and status = 'pending' order by case_id limit ?`, [id, limit]);
  return rows.map((r) => r.case_id);
}

export async function settleBulkCase(em: EntityManager, id: string, caseId: string, outcome: { status: 'done' | 'skipped'; code?: string }): Promise<void> {
  await em.execute(`update bulk_job_case set status = ?, code = ? where job_id = ? and case_id = ? and status = 'pending'`, [outcome.status, outcome.code ?? null, id, caseId]);
}

export async function finishBulkJob(em: EntityManager, id: string, status: 'completed' | 'failed'): Promise<void> {
  await em.execute(`update bulk_job set status = ?, finished_at = now() where id = ? and finished_at is null`, [status, id]);
}

export async function bulkJobView(em: EntityManager, id: string): Promise<(BulkJobView & { createdBy: string; params: BulkParams }) | null> {
  const [job] = await em.execute<Array<{ id: string; kind: BulkKind; status: BulkJobView['status']; created_at: Date; finished_at: Date | null; created_by: string; params: BulkParams }>>(
    'select id, kind, status, created_at, finished_at, created_by, params from bulk_job where id = ?',
    [id],
  );
  if (!job) return null;
  const rows = await em.execute<Array<{ status: string; code: string | null; n: string }>>('select status, code, count(*) as n from bulk_job_case where job_id = ? group by status, code', [id]);
  const count = (status: string): number => rows.filter((r) => r.status === status).reduce((n, r) => n + Number(r.n), 0);
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    total: rows.reduce((n, r) => n + Number(r.n), 0),
    done: count('done'),
    skipped: count('skipped'),
    pending: count('pending'),
    createdAt: new Date(job.created_at).toISOString(),
    finishedAt: job.finished_at ? new Date(job.finished_at).toISOString() : null,
    skippedBy: Object.fromEntries(rows.filter((r) => r.status === 'skipped').map((r) => [r.code ?? 'REJECTED', Number(r.n)])),
    createdBy: job.created_by,
    params: job.params,
  };
}
