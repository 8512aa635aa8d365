import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ImportCounts, ImportKind, ImportOutcome } from '../workflows/import/messages';

/**
 * The import_job row and its counters, shared by the upload route and the import activities.
 * Counters are never incremented: they are recounted from import_row, so a retried batch or a
 * second finish cannot count a row twice.
 */
export type ImportStatus = 'staging' | 'queued' | 'running' | 'completed' | 'failed';

/**
 * A fresh id, or one derived from the caller's Idempotency-Key (scoped to the caller and the kind
 * of import), so a retried upload finds the import the first one made.
 */
export function importIdFor(userId: string, kind: ImportKind, idempotencyKey: string | undefined): string {
  if (!idempotencyKey) return randomUUID().replace(/-/g, '');
  return createHash('sha256').update(`${userId}\n${kind}\n${idempotencyKey}`).digest('hex').slice(0, 32);
}

export const IMPORT_ID_PATTERN = '^[0-9a-f]{32}$';

export interface ImportCountsWithPending extends ImportCounts {
  pendingRows: number;
}

/** Recounts the job from its rows (an index-only scan on import_id, status) and stores the counts. */
export async function recountImport(em: EntityManager, importId: string): Promise<ImportCountsWithPending> {
  const [row] = await em.execute<Array<{ total: string; pending: string; accepted: string; rejected: string }>>(
    `with counts as (
       select count(*) as total,
              count(*) filter (where status = 'pending') as pending,
              count(*) filter (where status = 'accepted') as accepted,
              count(*) filter (where status = 'rejected') as rejected
         from import_row where import_id = ?
     )
     update import_job j
        set total_rows = c.total, processed_rows = c.total - c.pending, accepted_rows = c.accepted, rejected_rows = c.rejected
       from counts c
      where j.id = ?
     returning c.total, c.pending, c.accepted, c.rejected`,
    [importId, importId],
  );
  if (!row) throw new ImportGoneError(importId);
  const total = Number(row.total);
  const pending = Number(row.pending);
  return { totalRows: total, processedRows: total - pending, acceptedRows: Number(row.accepted), rejectedRows: Number(row.rejected), pendingRows: pending };
}

/** The job row is gone (deleted by hand): nothing left to import. */
export class ImportGoneError extends Error {
  constructor(importId: string) {
    super(`import ${importId} no longer exists`);
    this.name = 'ImportGoneError';
  }
}

/** Moves a queued job to running (the workflow has begun); a finished job stays finished. */
export async function markImportRunning(em: EntityManager, importId: string): Promise<void> {
  await em.execute(`update import_job set status = 'running' where id = ? and status in ('queued', 'running')`, [importId]);
}

/** Ends the job: completed, or failed with the error (which the column holds to 255 characters). */
export async function finishImportJob(em: EntityManager, importId: string, error: string | null): Promise<ImportOutcome> {
  const counts = await recountImport(em, importId);
  const status = error ? 'failed' : 'completed';
  await em.execute(`update import_job set status = ?, error = ?, finished_at = coalesce(finished_at, now()) where id = ?`, [status, error ? error.slice(0, 255) : null, importId]);
  const { pendingRows: _pending, ...rest } = counts;
  return { importId, status, error: error ? error.slice(0, 255) : null, ...rest };
}
