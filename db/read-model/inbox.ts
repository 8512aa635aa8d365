/**
 * The inbox items derived from case and task snapshots: what each role has to do now.
 */
import { toDate } from './rows';
import type { EntityManager } from '@mikro-orm/postgresql';
import { upsertRows } from '../bulk';
import { InboxItem } from '../entities';
import type { AssistanceTaskState } from '../../workflows/assistance-task/types';
import { addDays, levelAbove as levelAboveOwner, STAGE_OWNER, type OwnerLevel } from '../../workflows/household-case/deadlines';
import type { CaseState } from '../../workflows/household-case/types';
import type { Role } from '../../workflows/roles';

export type InboxRow = {
  id: string;
  kind: 'work' | 'reminder' | 'escalation' | 'task';
  caseId: string;
  taskId: string | null;
  ownerRole: Role;
  provinceCode: string;
  districtCode: string;
  subdistrictCode: string;
  agencyCode: string | null;
  title: string;
  stage: string | null;
  dueAt: Date | null;
  createdAt: Date;
  resolvedAt: null;
};

// The workflow's owner ladder (deadlines.ts), in the role names the inbox is keyed on.
const ROLE_OF_LEVEL: Record<OwnerLevel, Role> = { team: 'operationsTeam', mentor: 'mentor', district: 'district', province: 'province', agency: 'agency' };

/** Who owns a stage's work. Assistance is the agencies' (their task items); a closed case is nobody's. */
function stageOwner(state: CaseState): Role | null {
  if (state.stage === 'assistance' || state.stage === 'closed') return null;
  const owner = STAGE_OWNER[state.stage];
  return owner === 'district' ? state.assignmentLevel : ROLE_OF_LEVEL[owner];
}

function levelAbove(role: Role): Role {
  return ROLE_OF_LEVEL[levelAboveOwner(role === 'operationsTeam' ? 'team' : (role as OwnerLevel))];
}


/**
 * The case's open inbox items, derived from the state alone (kinds, stages and codes, never words:
 * the UI says what each is in the reader's language; `title` holds only whom it is about): a work item for the stage's owner, a
 * reminder once the owner was reminded of the current due date, and an escalation item for the
 * level the case is flagged to. Keys name the stage visit (its start time) and the owner, so a
 * new stage, a new owner or a new escalation level is a new item and the previous one resolves.
 * A paused or closed case has none.
 */
export function caseInboxItems(state: CaseState): InboxRow[] {
  const owner = stageOwner(state);
  if (state.status !== 'active' || !owner) return [];
  const h = state.household;
  const who = h.headName ?? h.householdId;
  const visit = `${state.caseId}:${state.stage}:${state.stageEnteredAt}`;
  const base = {
    caseId: state.caseId,
    taskId: null,
    provinceCode: h.provinceCode,
    districtCode: h.districtCode,
    subdistrictCode: h.subdistrictCode,
    agencyCode: null,
    stage: state.stage,
    dueAt: toDate(state.dueAt),
    resolvedAt: null,
  } as const;
  const items: InboxRow[] = [
    { ...base, id: `work:${visit}:${owner}`, kind: 'work', ownerRole: owner, title: who, createdAt: new Date(state.stageEnteredAt) },
  ];
  if (state.overdueLevel === 0 && state.dueAt && state.remindedFor === state.dueAt) {
    items.push({
      ...base,
      id: `reminder:${visit}:${owner}:${state.dueAt}`,
      kind: 'reminder',
      ownerRole: owner,
      title: who,
      createdAt: new Date(addDays(state.dueAt, -state.policy.reminderDaysBefore)),
    });
  }
  if (state.overdueLevel > 0) {
    const to = state.overdueLevel === 1 ? levelAbove(owner) : levelAbove(levelAbove(owner));
    const flagged = [...state.recentEvents].reverse().find((e) => e.type === 'escalated' && e.detail?.stage === state.stage);
    items.push({
      ...base,
      id: `escalation:${visit}:${state.overdueLevel}`,
      kind: 'escalation',
      ownerRole: to,
      title: who,
      createdAt: new Date(flagged?.at ?? state.dueAt ?? state.lastProgressAt),
    });
  }
  return items;
}

/** When the snapshot's last change happened: the moment items it no longer has were resolved. */
function snapshotTime(state: CaseState): Date {
  const last = state.recentEvents[state.recentEvents.length - 1];
  return new Date(last && last.at > state.lastProgressAt ? last.at : state.lastProgressAt);
}

/**
 * Upserts a task's current items and resolves its other open ones (syncCaseInboxes does the same
 * for cases, many at once). Case and task projections never touch each other's items, so neither
 * reopens what the other resolved.
 */
export async function syncTaskInbox(em: EntityManager, taskId: string, items: InboxRow[], at: Date): Promise<void> {
  await em.execute(`update inbox_item set resolved_at = ? where task_id = ? and resolved_at is null and id not in (select jsonb_array_elements_text(?::jsonb))`, [
    at,
    taskId,
    JSON.stringify(items.map((item) => item.id)),
  ]);
  await upsertInboxItems(em, items);
}

export async function upsertInboxItems(em: EntityManager, items: InboxRow[]): Promise<void> {
  await upsertRows(em, InboxItem, items, {
    key: ['id'],
    update: ['kind', 'ownerRole', 'provinceCode', 'districtCode', 'subdistrictCode', 'agencyCode', 'title', 'stage', 'dueAt', 'resolvedAt'],
    onlyIfChanged: true,
  });
}

/**
 * The case-owned inbox items of many cases at once: each case's items no longer derived from its
 * snapshot are resolved at that snapshot's time, then the current ones are upserted. Item IDs
 * name their case, so one list of IDs to keep serves every case.
 */
export async function syncCaseInboxes(em: EntityManager, states: CaseState[]): Promise<void> {
  if (states.length === 0) return;
  const items = states.flatMap(caseInboxItems);
  await em.execute(
    `update inbox_item i set resolved_at = v.at
       from jsonb_to_recordset(?::jsonb) as v(case_id text, at timestamptz)
      where i.case_id = v.case_id and i.task_id is null and i.resolved_at is null and i.id not in (select jsonb_array_elements_text(?::jsonb))`,
    [JSON.stringify(states.map((state) => ({ case_id: state.caseId, at: snapshotTime(state) }))), JSON.stringify(items.map((item) => item.id))],
  );
  await upsertInboxItems(em, items);
}

export function taskInboxItems(task: AssistanceTaskState): InboxRow[] {
  if (task.status !== 'open') return [];
  const base = {
    caseId: task.caseId,
    taskId: task.taskId,
    provinceCode: task.provinceCode,
    districtCode: task.districtCode,
    subdistrictCode: task.subdistrictCode,
    stage: 'assistance',
    dueAt: new Date(task.dueAt),
    resolvedAt: null,
  } as const;
  const title = `${task.problem.description} (${task.problem.indicator})`;
  const items: InboxRow[] = [
    { ...base, id: `task:${task.taskId}`, kind: 'task', ownerRole: 'agency', agencyCode: task.agencyCode, title, createdAt: new Date(task.assignedAt) },
  ];
  if (task.overdueLevel > 0 && task.pausedSince === null) {
    const level = Math.min(task.overdueLevel, 2);
    items.push({
      ...base,
      id: `task-escalation:${task.taskId}:${level}`,
      kind: 'escalation',
      ownerRole: level === 1 ? 'district' : 'province',
      agencyCode: task.agencyCode,
      title,
      createdAt: new Date(level === 1 ? task.dueAt : addDays(task.dueAt, task.timers.reescalateAfterDays)),
    });
  }
  return items;
}

