import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isGrpcServiceError, type Client } from '@temporalio/client';
import { caseIdOf } from '../../domain/ids';
import type { Principal } from '../../domain/scope';
import { ApiError, notFound } from '../errors';
import { iso, NullableString, orderBy, Page, PageQuery, runPage, SortQuery, StringEnum, Where, type PageOf } from './lists';

/**
 * Engine incidents: activities failing again and again (rows written by
 * worker/incident-interceptor.ts) and workflows Temporal itself reports as having problems (a
 * workflow task failing, e.g. a non-determinism error after a bad deploy). An incident of a case
 * or its task is scoped by the case's area; one of no case (a district meeting) only by supervisors
 * and admins without an area.
 */

export const IncidentView = Type.Object({
  incidentId: Type.String(),
  kind: Type.String(),
  workflowId: Type.String(),
  activityType: Type.String(),
  caseId: NullableString,
  householdId: Type.Union([Type.String(), Type.Null()], { description: "The case's household, for a link to its page (a case ID names no household)" }),
  detail: Type.Union([Type.String(), Type.Null()], { description: 'The technical detail (an error message, SQL): for supervisors and admins only, null for everyone else' }),
  attempt: Type.Integer(),
  firstSeenAt: Type.String(),
  lastSeenAt: Type.String(),
  resolvedAt: NullableString,
});
export type IncidentView = Static<typeof IncidentView>;

const SORT_FIELDS = ['lastSeenAt', 'firstSeenAt', 'attempt'] as const;
const SORT_COLUMNS: Record<(typeof SORT_FIELDS)[number], string> = { lastSeenAt: 'i.last_seen_at', firstSeenAt: 'i.first_seen_at', attempt: 'i.attempt' };

export const IncidentQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(['open', 'resolved', 'all'] as const, { default: 'open' })),
    caseId: Type.Optional(Type.String({ pattern: '^household-case-[A-Za-z0-9-]+$', maxLength: 80 })),
    ...PageQuery,
    sort: SortQuery(SORT_FIELDS, '-lastSeenAt'),
  },
  { additionalProperties: false },
);
export type IncidentQuery = Static<typeof IncidentQuery>;
export const IncidentPage = Page(IncidentView);

interface IncidentRow {
  id: string;
  kind: string;
  workflow_id: string;
  case_id: string | null;
  /** From the case's read-model row (joined). */
  household_id: string | null;
  detail: string;
  attempt: number;
  first_seen_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
}

const FROM = 'engine_incident i left join household_case hc on hc.id = i.case_id';
const INCIDENT_COLUMNS = 'i.*, hc.household_id';

function incidentScope(principal: Principal): Where {
  // An unscoped principal's area condition is `true`, which also admits incidents of no case.
  return new Where().area(principal, 'hc');
}

/** Who reads an incident's technical detail; the others get a plain sentence from the UI. */
const TECHNICAL_READERS: ReadonlySet<Principal['role']> = new Set(['supervisor', 'admin']);

export function incidentView(row: IncidentRow, principal?: Principal): IncidentView {
  return {
    incidentId: row.id,
    kind: row.kind,
    workflowId: row.workflow_id,
    activityType: row.id.slice(row.workflow_id.length + 1),
    caseId: row.case_id,
    householdId: row.household_id,
    detail: !principal || TECHNICAL_READERS.has(principal.role) ? row.detail : null,
    attempt: row.attempt,
    firstSeenAt: iso(row.first_seen_at)!,
    lastSeenAt: iso(row.last_seen_at)!,
    resolvedAt: iso(row.resolved_at),
  };
}

export async function listIncidents(em: EntityManager, principal: Principal, query: IncidentQuery): Promise<PageOf<IncidentView>> {
  const status = query.status ?? 'open';
  const where = incidentScope(principal).when(query.caseId, 'i.case_id = ?', query.caseId);
  if (status === 'open') where.add('i.resolved_at is null');
  if (status === 'resolved') where.add('i.resolved_at is not null');
  return runPage(em, { select: INCIDENT_COLUMNS, from: FROM, where, orderBy: orderBy(query.sort ?? '-lastSeenAt', SORT_COLUMNS, 'i.id'), limit: query.limit, offset: query.offset }, (row: IncidentRow) => incidentView(row, principal));
}

export async function incidentInScope(em: EntityManager, principal: Principal, incidentId: string): Promise<IncidentRow> {
  const where = incidentScope(principal).add('i.id = ?', incidentId);
  const [row] = await em.execute<IncidentRow[]>(`select ${INCIDENT_COLUMNS} from ${FROM} where ${where.sql}`, where.params);
  if (!row) throw notFound();
  return row;
}

export const RetryResult = Type.Object({
  incident: IncidentView,
  action: StringEnum(['reset', 'resolved'] as const, {
    description: "reset: the activity runs again now, with its attempts counted from 1; resolved: it was no longer pending, so there was nothing to retry",
  }),
});
export type RetryResult = Static<typeof RetryResult>;

// gRPC status codes.
const NOT_FOUND = 5;
const FAILED_PRECONDITION = 9;
const UNIMPLEMENTED = 12;
const PERMISSION_DENIED = 7;

/**
 * Runs a backing-off activity again now, through the workflow service's ResetActivity (server
 * 1.28+): the attempt count starts over and the next attempt is scheduled at once. If the activity
 * is no longer pending (it succeeded, or its workflow ended), the incident is stale: it is resolved.
 */
export async function retryIncident(em: EntityManager, temporal: Client, namespace: string, incident: IncidentRow, identity: string): Promise<RetryResult> {
  if (incident.resolved_at) throw new ApiError(409, 'the incident is already resolved', undefined, 'ALREADY_RESOLVED');
  const activityType = incident.id.slice(incident.workflow_id.length + 1);
  let action: RetryResult['action'] = 'reset';
  try {
    await temporal.workflowService.resetActivity({
      namespace,
      execution: { workflowId: incident.workflow_id },
      type: activityType,
      identity,
      resetHeartbeat: true,
    });
  } catch (error) {
    if (!isGrpcServiceError(error)) throw error;
    if (error.code === NOT_FOUND || error.code === FAILED_PRECONDITION) action = 'resolved';
    else if (error.code === UNIMPLEMENTED || error.code === PERMISSION_DENIED) {
      throw new ApiError(501, 'the workflow engine does not offer activity reset; the activity retries on its own schedule', undefined, 'RETRY_UNAVAILABLE');
    } else throw error;
  }
  if (action === 'resolved') await em.execute('update engine_incident set resolved_at = now() where id = ? and resolved_at is null', [incident.id]);
  const [row] = await em.execute<IncidentRow[]>(`select ${INCIDENT_COLUMNS} from ${FROM} where i.id = ?`, [incident.id]);
  return { incident: incidentView(row ?? incident), action };
}

export const WorkflowProblemView = Type.Object({
  workflowId: Type.String(),
  runId: Type.String(),
  workflowType: Type.String(),
  caseId: NullableString,
  problems: Type.Array(Type.String(), { description: "Temporal's TemporalReportedProblems, e.g. category=WorkflowTaskFailed" }),
});
export type WorkflowProblemView = Static<typeof WorkflowProblemView>;

export const WorkflowProblems = Type.Object({
  available: Type.Boolean({ description: 'False when the workflow engine could not answer the TemporalReportedProblems query' }),
  items: Type.Array(WorkflowProblemView),
});
export type WorkflowProblems = Static<typeof WorkflowProblems>;

const MAX_WORKFLOW_PROBLEMS = 100;

/**
 * Workflows whose workflow task keeps failing, from Temporal visibility (the read model never
 * sees them: a failing workflow task projects nothing). Few by nature, so at most 100, filtered
 * to the caller's area through the read model.
 */
export async function workflowProblems(em: EntityManager, temporal: Client, principal: Principal): Promise<WorkflowProblems> {
  const found: WorkflowProblemView[] = [];
  try {
    for await (const wf of temporal.workflow.list({ query: 'TemporalReportedProblems IS NOT NULL', pageSize: MAX_WORKFLOW_PROBLEMS })) {
      const raw = (wf.searchAttributes as Record<string, unknown> | undefined)?.TemporalReportedProblems;
      found.push({ workflowId: wf.workflowId, runId: wf.runId, workflowType: wf.type, caseId: caseIdOf(wf.workflowId), problems: Array.isArray(raw) ? raw.map(String) : [] });
      if (found.length >= MAX_WORKFLOW_PROBLEMS) break;
    }
  } catch {
    return { available: false, items: [] };
  }
  const unscoped = !principal.provinceCode && !principal.districtCode && !principal.subdistrictCode;
  if (unscoped || found.length === 0) return { available: true, items: found };
  const caseIds = [...new Set(found.map((f) => f.caseId).filter((id): id is string => Boolean(id)))];
  if (caseIds.length === 0) return { available: true, items: [] };
  const where = new Where().area(principal, 'hc').add('hc.id in (?)', caseIds);
  const inScope = new Set((await em.execute<Array<{ id: string }>>(`select hc.id from household_case hc where ${where.sql}`, where.params)).map((r) => r.id));
  return { available: true, items: found.filter((f) => f.caseId && inScope.has(f.caseId)) };
}
