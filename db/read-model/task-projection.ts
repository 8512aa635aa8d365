/**
 * The task projection: a task snapshot into its row, its logbook entries, its escalations and its
 * inbox items, version-guarded like the case's (see projection.ts).
 */
import { syncTaskInbox, taskInboxItems } from './inbox';
import { bangkokDate, toDate, updatable } from './rows';
import type { EntityManager } from '@mikro-orm/postgresql';
import { upsertRows } from '../bulk';
import { CORRECTABLE_LOGBOOK_FIELDS, deleteLogbookEntries } from './logbook';
import type { Orm } from '../orm';
import { AssistanceTask, Escalation, LogbookEntry } from '../entities';
import type { AssistanceTaskState } from '../../workflows/assistance-task/types';
import { addDays } from '../../workflows/household-case/deadlines';
import { isCalendarDate } from '../../workflows/rejections';

/**
 * Writes an assistance task snapshot: the task row (version-guarded like the case), its logbook
 * entries (deduped on the task's own seq), its escalations, and its inbox items: the agency's item
 * while the task is open, and the district's or province's while it is overdue and not paused.
 */
export async function projectTaskSnapshot(orm: Orm, task: AssistanceTaskState): Promise<void> {
  await orm.em.fork().transactional(async (em) => {
    if (!(await claimTaskVersion(em, task))) return;
    await insertTaskLog(em, task);
    await insertTaskEscalations(em, task);
    await syncTaskInbox(em, task.taskId, taskInboxItems(task), new Date(task.outcome?.at ?? Date.now()));
  });
}

async function claimTaskVersion(em: EntityManager, task: AssistanceTaskState): Promise<boolean> {
  const row = taskRow(task);
  const written = await upsertRows(em, AssistanceTask, [row], { key: ['id'], update: updatable(row, 'id'), updateWhere: 'target.version < excluded.version' });
  return written > 0;
}

export function taskRow(task: AssistanceTaskState) {
  return {
    id: task.taskId,
    caseId: task.caseId,
    householdId: task.householdId,
    provinceCode: task.provinceCode,
    districtCode: task.districtCode,
    subdistrictCode: task.subdistrictCode,
    problemId: task.problem.id,
    dimension: task.problem.dimension,
    indicator: task.problem.indicator,
    description: task.problem.description,
    agencyCode: task.agencyCode,
    menuItem: task.menuItem ?? null,
    level: task.level,
    status: task.status,
    assignedAt: new Date(task.assignedAt),
    assignedBy: task.assignedBy,
    dueAt: new Date(task.dueAt),
    endedAt: toDate(task.outcome?.at),
    outcomeNote: task.outcome?.note ?? null,
    pausedSince: toDate(task.pausedSince),
    overdueLevel: task.overdueLevel,
    bahtTotal: task.totals.baht,
    itemsTotal: task.totals.items,
    activitiesCount: task.totals.activities,
    version: task.version,
    state: task,
    updatedAt: new Date(),
  };
}

/** The task's activities; an amended one overwrites its row, a voided one leaves the logbook (see logbook.ts). */
async function insertTaskLog(em: EntityManager, task: AssistanceTaskState): Promise<void> {
  if (task.log.length === 0) return;
  await deleteLogbookEntries(em, task.log.filter((entry) => entry.voided).map((entry) => `task:${task.taskId}:${entry.seq}`));
  await upsertRows(
    em,
    LogbookEntry,
    task.log.filter((entry) => !entry.voided).map((entry) => ({
      id: `task:${task.taskId}:${entry.seq}`,
      source: 'task',
      taskId: task.taskId,
      seq: entry.seq,
      caseId: task.caseId,
      agencyCode: task.agencyCode,
      provinceCode: task.provinceCode,
      districtCode: task.districtCode,
      dimension: task.problem.dimension,
      // An impossible day (2026-02-31) accepted before the edge checked dates would fail this write
      // forever and jam the task: such an entry is filed under the day it was recorded.
      date: isCalendarDate(entry.date.slice(0, 10)) ? entry.date.slice(0, 10) : bangkokDate(entry.recordedAt),
      kind: entry.kind,
      description: entry.description,
      baht: entry.baht,
      items: entry.items,
      by: entry.by,
      recordedAt: new Date(entry.recordedAt),
    })),
    { key: ['id'], update: CORRECTABLE_LOGBOOK_FIELDS, onlyIfChanged: true },
  );
}

/** A task's overdue levels as escalation rows: level 1 flags the district, level 2 the province. */
async function insertTaskEscalations(em: EntityManager, task: AssistanceTaskState): Promise<void> {
  if (task.overdueLevel <= 0) return;
  const rows = [];
  for (let level = 1; level <= Math.min(task.overdueLevel, 2); level++) {
    const at = level === 1 ? task.dueAt : addDays(task.dueAt, task.timers.reescalateAfterDays);
    rows.push({
      id: `task:${task.taskId}:${level}`,
      caseId: task.caseId,
      seq: null,
      taskId: task.taskId,
      provinceCode: task.provinceCode,
      districtCode: task.districtCode,
      at: new Date(at),
      type: 'taskOverdue',
      fromLevel: level === 1 ? 'agency' : 'district',
      toLevel: level === 1 ? 'district' : 'province',
      reason: level === 1 ? 'overdue' : 'stillOverdue',
      by: 'system',
      stage: 'assistance',
    });
  }
  await upsertRows(em, Escalation, rows, { key: ['id'] });
}

