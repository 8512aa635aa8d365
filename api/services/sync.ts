import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import type { CaseSyncInput, ConflictReason, SyncAction, SyncActionInput } from '../../domain/contract/sync';
import { areaInScope, type Area, type Principal } from '../../domain/scope';
import { changedSince, FIELD_RULES, transferredSince, withDeviceTime } from '../../domain/sync/fields';
import { storedCaseState } from '../../db/read-model/case-snapshot';
import { refusalOf } from '../../workflows/household-case/rules';
import type { CaseEvent, CaseState } from '../../workflows/household-case/types';
import { auditSync, queueConflict, type SyncContext, type SyncOutcome } from './sync-common';
import { syncTaskAction } from './sync-task';
import { ApiError, toHttpError } from '../errors';
import { CASE_EVENT_TYPES } from '../../domain/vocabulary';
import { CASE_ACTIONS } from '../routes/case-actions';
import { caseStateInScope } from '../scope';

/**
 * One offline field action, arriving late (docs/API.md, "Sync"). It is applied through the
 * ordinary update when what it writes has not been written by someone else since the version the
 * device showed; other changes meanwhile merge. Otherwise, or when the stage no longer allows it,
 * or the case moved away or ended, it becomes a conflict for a person to decide: never a 500,
 * never dropped. The Idempotency-Key (required here) makes a retry answer the first outcome.
 * An agency's activity names its task instead of a case (sync-task.ts).
 */
export type { SyncContext, SyncOutcome };

export function actionRoute(action: SyncAction) {
  const route = CASE_ACTIONS.find((a) => a.path === action);
  if (!route) throw new ApiError(400, `unknown action ${action}`, 'body.action', 'VALIDATION');
  return route;
}

export function syncAction(app: FastifyInstance, ctx: SyncContext, input: SyncActionInput): Promise<SyncOutcome> {
  return 'taskId' in input ? syncTaskAction(app, ctx, input) : syncCaseAction(app, ctx, input);
}

async function syncCaseAction(app: FastifyInstance, ctx: SyncContext, input: CaseSyncInput): Promise<SyncOutcome> {
  const route = actionRoute(input.action);
  const { principal } = ctx;
  const fields = withDeviceTime(input.action, input.fields, input.recordedAt);
  const entity = { type: 'case' as const, id: input.caseId };
  const conflict = (reason: ConflictReason, area: Area, theirs: { value: unknown; event: CaseEvent | null }, caseVersion: number): Promise<SyncOutcome> =>
    queueConflict(
      ctx,
      {
        caseId: input.caseId,
        task: null,
        action: input.action,
        reason,
        field: FIELD_RULES[input.action].field,
        mine: fields,
        theirs: theirs.value,
        theirsBy: theirs.event?.actor ?? null,
        theirsAt: theirs.event?.at ?? null,
        baseVersion: input.baseVersion,
        caseVersion,
        recordedAt: input.recordedAt,
        area,
      },
      entity,
    );

  // The area and the last projected state, from one read of the case row: every answered action
  // is in the state, and the update below checks again.
  let area: Area;
  let state: CaseState | null;
  try {
    ({ area, state } = await caseStateInScope(ctx.em, principal, input.caseId));
  } catch (error) {
    const moved = await movedAwayFrom(ctx.em, principal, input.caseId, input.baseVersion);
    if (!moved) throw error;
    // The case was transferred out of this person's area after the device last saw it.
    if (!areaInScope(principal, moved)) return conflict('CASE_TRANSFERRED', moved, { value: { to: moved }, event: moved.event }, moved.version);
    area = moved;
    state = await storedCaseState(ctx.em, input.caseId);
  }
  if (!state) return conflict('CASE_ENDED', area, { value: { status: 'closed' }, event: null }, input.baseVersion);

  const events = await eventsSince(ctx.em, state, input.caseId, input.baseVersion);
  // A change the same person made (an earlier action of this outbox, synced first) is not a clash.
  const othersEvents = events.filter((e) => e.actor !== principal.userId);
  const changed = changedSince(input.action, othersEvents, input.baseVersion);
  if (changed) return conflict('FIELD_CHANGED', area, { value: FIELD_RULES[input.action].current(state), event: changed }, state.version);

  const refused = refusalOf(state, route.action, principal.role);
  if (refused?.kind === 'role') throw new ApiError(403, refused.message, 'body.action', refused.code);
  const stageNow = { value: { stage: state.stage, status: state.status }, event: events.at(-1) ?? null };
  if (refused) return conflict(state.status === 'closed' ? 'CASE_ENDED' : 'STAGE_MOVED', area, stageNow, state.version);

  try {
    const after = await route.apply(app, ctx.em, principal, input.caseId, fields, `${principal.userId}:sync:${ctx.idempotencyKey}`, 'body.fields');
    await auditSync(ctx, `case.${input.action}`, entity, { ...fields, sync: { baseVersion: input.baseVersion, recordedAt: input.recordedAt, merged: othersEvents.length > 0 } });
    return { outcome: othersEvents.length > 0 ? 'merged' : 'applied', caseId: input.caseId, state: after };
  } catch (error) {
    // The stage moved between the check and the update (another action landed first).
    const http = toHttpError(error);
    if (http?.statusCode === 409) return conflict(http.code === 'CASE_ENDED' ? 'CASE_ENDED' : 'STAGE_MOVED', area, stageNow, state.version);
    throw error;
  }
}

const EVENT_TYPES: ReadonlySet<string> = new Set(CASE_EVENT_TYPES);
const isEventType = (type: string): type is CaseEvent['type'] => EVENT_TYPES.has(type);

/** The timeline after `baseVersion`: the workflow's recent events, or the read model's when they reach further back. */
async function eventsSince(em: EntityManager, state: CaseState, caseId: string, baseVersion: number): Promise<CaseEvent[]> {
  const recent = state.recentEvents;
  if (recent.length > 0 && recent[0].seq <= baseVersion + 1) return recent.filter((e) => e.seq > baseVersion);
  const rows = await em.execute<Array<{ seq: number; at: Date; type: string; actor: string }>>(
    'select seq, at, type, actor from case_event where case_id = ? and seq > ? order by seq',
    [caseId, baseVersion],
  );
  const stored = rows.flatMap((r) => (isEventType(r.type) ? [{ seq: r.seq, at: new Date(r.at).toISOString(), type: r.type, actor: r.actor }] : []));
  const lastStored = stored.at(-1)?.seq ?? baseVersion;
  return [...stored, ...recent.filter((e) => e.seq > lastStored)];
}

/**
 * Where a case now is, when it was transferred after `baseVersion` out of an area this person
 * holds: the proof that the person had the case, so a guessed case ID learns nothing.
 */
async function movedAwayFrom(em: EntityManager, principal: Principal, caseId: string, baseVersion: number): Promise<(Area & { event: CaseEvent; version: number }) | null> {
  const transfers = await em.execute<Array<{ seq: number; at: Date; type: string; actor: string; detail: { from?: Area } | null }>>(
    `select seq, at, type, actor, detail from case_event where case_id = ? and type = 'transferred' and seq > ? order by seq`,
    [caseId, baseVersion],
  );
  const event = transferredSince(
    transfers.flatMap((t) => (t.detail?.from && areaInScope(principal, t.detail.from) && isEventType(t.type) ? [{ seq: t.seq, at: new Date(t.at).toISOString(), type: t.type, actor: t.actor }] : [])),
    baseVersion,
  );
  if (!event) return null;
  const [row] = await em.execute<Array<{ province_code: string; district_code: string; subdistrict_code: string; version: number }>>(
    'select province_code, district_code, subdistrict_code, version from household_case where id = ?',
    [caseId],
  );
  if (!row) return null;
  return { provinceCode: row.province_code, districtCode: row.district_code, subdistrictCode: row.subdistrict_code, event, version: row.version };
}
