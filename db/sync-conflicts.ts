import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Area } from '../domain/scope';

/**
 * The conflicts the offline sync found (table `sync_conflict`, Migration20261204090000). Written
 * in plain SQL like the other small integrity tables: one insert that a retry cannot double, and
 * one guarded update that only the first resolution wins.
 */
export interface NewConflict {
  caseId: string;
  /** An agency's task, for a logbook activity; its agency decides the conflict. */
  task: { taskId: string; agencyCode: string } | null;
  action: string;
  reason: string;
  field: string | null;
  mine: Record<string, unknown>;
  theirs: unknown;
  theirsBy: string | null;
  theirsAt: string | null;
  baseVersion: number;
  caseVersion: number;
  submittedBy: string;
  submittedRole: string;
  idempotencyKey: string;
  recordedAt: string;
  area: Area;
}

export interface ConflictRow {
  id: string;
  case_id: string;
  task_id: string | null;
  agency_code: string | null;
  action: string;
  reason: string;
  field: string | null;
  mine: Record<string, unknown>;
  theirs: unknown;
  theirs_by: string | null;
  theirs_at: Date | null;
  base_version: number;
  case_version: number;
  submitted_by: string;
  submitted_role: string;
  recorded_at: Date;
  received_at: Date;
  province_code: string;
  district_code: string;
  subdistrict_code: string;
  status: 'open' | 'resolved';
  resolution: Record<string, unknown> | null;
  resolved_by: string | null;
  resolved_at: Date | null;
}

const COLUMNS = `id, case_id, task_id, agency_code, action, reason, field, mine, theirs, theirs_by, theirs_at, base_version, case_version, submitted_by, submitted_role,
  recorded_at, received_at, province_code, district_code, subdistrict_code, status, resolution, resolved_by, resolved_at`;

/** Stores the conflict, or answers the one this (user, key) already stored: a retry records nothing new. */
export async function recordConflict(em: EntityManager, c: NewConflict): Promise<ConflictRow> {
  await em.execute(
    `insert into sync_conflict (id, case_id, task_id, agency_code, action, reason, field, mine, theirs, theirs_by, theirs_at, base_version, case_version, submitted_by, submitted_role,
       idempotency_key, recorded_at, province_code, district_code, subdistrict_code)
     values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (submitted_by, idempotency_key) do nothing`,
    [randomUUID(), c.caseId, c.task?.taskId ?? null, c.task?.agencyCode ?? null, c.action, c.reason, c.field, JSON.stringify(c.mine), JSON.stringify(c.theirs ?? null), c.theirsBy, c.theirsAt, c.baseVersion, c.caseVersion,
      c.submittedBy, c.submittedRole, c.idempotencyKey, c.recordedAt, c.area.provinceCode, c.area.districtCode, c.area.subdistrictCode],
    'run',
  );
  const [row] = await em.execute<ConflictRow[]>(`select ${COLUMNS} from sync_conflict where submitted_by = ? and idempotency_key = ?`, [c.submittedBy, c.idempotencyKey]);
  return row;
}

export async function conflictById(em: EntityManager, id: string): Promise<ConflictRow | null> {
  const [row] = await em.execute<ConflictRow[]>(`select ${COLUMNS} from sync_conflict where id = ?`, [id]);
  return row ?? null;
}

/** Whose conflicts a person decides: an area's (with or without its tasks'), or one agency's tasks'. */
export type ConflictOwner = { area: { sql: string; params: string[] }; withTasks: boolean } | { agencyCode: string };

/**
 * The open conflicts a person may see: those they own (see ConflictOwner) and those the person
 * sent (so a mentor whose case moved away still sees what became of the work).
 */
export async function openConflicts(em: EntityManager, owner: ConflictOwner, userId: string, limit: number): Promise<ConflictRow[]> {
  const owned =
    'agencyCode' in owner
      ? { sql: 'agency_code = ?', params: [owner.agencyCode] }
      : { sql: `(${owner.area.sql})${owner.withTasks ? '' : ' and task_id is null'}`, params: owner.area.params };
  return em.execute<ConflictRow[]>(
    `select ${COLUMNS} from sync_conflict where status = 'open' and (${owned.sql} or submitted_by = ?) order by received_at limit ?`,
    [...owned.params, userId, limit],
  );
}

/** Marks the conflict decided; false when someone else decided it first. */
export async function markResolved(em: EntityManager, id: string, resolution: Record<string, unknown>, by: string): Promise<boolean> {
  const rows = await em.execute<Array<{ id: string }>>(
    `update sync_conflict set status = 'resolved', resolution = ?::jsonb, resolved_by = ?, resolved_at = now() where id = ? and status = 'open' returning id`,
    [JSON.stringify(resolution), by, id],
  );
  return rows.length === 1;
}
