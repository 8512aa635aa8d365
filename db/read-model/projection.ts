/**
 * The read model: case and task snapshots written into PostgreSQL for the lists, inboxes and
 * reports (the API never asks Temporal for those).
 *
 * Both projections are idempotent and only move forward. The first statement of each transaction
 * is the version-guarded upsert of the case (or task) row: INSERT ... ON CONFLICT DO UPDATE ...
 * WHERE version < new version. It locks the row whether or not it updates it, and it affects no
 * row when the stored version is the same or newer; then the transaction writes nothing else.
 * This is the SELECT ... FOR UPDATE check done in one statement, and unlike a separate SELECT it
 * also holds when two first snapshots of a new case race (the loser waits on the key, then sees
 * the winner's version). So a retried activity writes nothing twice and a late, older snapshot
 * never regresses any row, child rows included.
 *
 * Every list is written set-based (db/bulk.ts): one statement per table, never a round trip per row.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { upsertRows, upsertRowsReturning } from '../bulk';
import type { Orm } from '../orm';
import {
  AssistanceTask,
  CaseEvent,
  CaseProblem,
  Escalation,
  Household,
  HouseholdCase,
  HouseholdMember,
  InboxItem,
  LogbookEntry,
  PlanItem,
} from '../entities';
import { openTaskState } from '../../workflows/assistance-task/state';
import type { AssistanceTaskState } from '../../workflows/assistance-task/types';
import { assistanceTaskInput } from '../../workflows/household-case/transitions';
import { addDays, levelAbove as levelAboveOwner, STAGE_OWNER, type OwnerLevel } from '../../workflows/household-case/deadlines';
import type { CaseState, Stage } from '../../workflows/household-case/types';
import { isCalendarDate } from '../../workflows/rejections';
import type { Role } from '../../workflows/roles';

/** Case event types that are escalations. A hand escalation is 'escalated' with detail.byHand; the row says 'escalatedByHand'. */
const ESCALATION_EVENTS: Record<string, true> = { escalated: true, escalatedByHand: true, returnedToDistrict: true };

/** Thailand keeps UTC+7 all year: the logbook day of an instant is its date in Bangkok. */
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

type InboxRow = {
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

// ---- case ----

/**
 * Writes a case snapshot into the read model: the household and its members, the case row, its
 * problems and plan items (rows no longer in the state are deleted), the timeline, escalations,
 * relief logbook entries and the case's open inbox items.
 */
export async function projectCaseSnapshot(orm: Orm, state: CaseState): Promise<void> {
  await projectCaseSnapshots(orm, [state]);
}

/**
 * Many snapshots in one transaction and the same dozen statements as one: each statement writes
 * the rows of every case at once (activities/projection-batcher.ts groups them). Only the newest
 * snapshot of a case in the batch is written: the older one would lose to it at the version guard.
 */
export async function projectCaseSnapshots(orm: Orm, states: CaseState[]): Promise<void> {
  const newest = new Map<string, CaseState>();
  for (const state of states) if ((newest.get(state.caseId)?.version ?? -1) < state.version) newest.set(state.caseId, state);
  await orm.em.fork().transactional(async (em) => {
    const claimed = await claimCaseVersions(em, [...newest.values()]);
    if (claimed.length === 0) return;
    await writeHouseholds(em, claimed);
    await syncProblems(em, claimed);
    await syncPlanItems(em, claimed);
    await insertCaseEvents(em, claimed);
    await insertReliefEntries(em, claimed);
    await syncCaseInboxes(em, claimed);
    await publishTaskOpenings(em, claimed);
  });
}

/**
 * The opening rows of the tasks an assignment just started, so a task is readable (and in its
 * agency's inbox) as soon as the assignment answers, before the task's own workflow has run.
 * Written at version 0 and only where absent: the task's own first projection (version 1)
 * overwrites them, and one that already ran is never touched.
 */
async function publishTaskOpenings(em: EntityManager, states: CaseState[]): Promise<void> {
  const openings = states.flatMap((state) =>
    state.tasks
      .filter((ref) => ref.status === 'open')
      .map((ref) => {
        const assigned = state.recentEvents.find((e) => e.type === 'problemAssigned' && e.detail?.taskId === ref.taskId);
        return { ...openTaskState(assistanceTaskInput(state, ref, assigned?.actor ?? 'system')), version: 0 };
      }),
  );
  if (openings.length === 0) return;
  const inserted = new Set(await upsertRowsReturning(em, AssistanceTask, openings.map(taskRow), { key: ['id'] }, 'id'));
  await upsertRows(em, InboxItem, openings.filter((task) => inserted.has(task.taskId)).flatMap(taskInboxItems), { key: ['id'] });
}

/** The version-guarded upsert of the case rows; answers the snapshots newer than their stored row. */
async function claimCaseVersions(em: EntityManager, states: CaseState[]): Promise<CaseState[]> {
  const rows = states.map(caseRow);
  const written = new Set(await upsertRowsReturning(em, HouseholdCase, rows, { key: ['id'], update: updatable(rows[0], 'id'), updateWhere: 'target.version < excluded.version' }, 'id'));
  return states.filter((state) => written.has(state.caseId));
}

function caseRow(state: CaseState) {
  const h = state.household;
  return {
    id: state.caseId,
    householdId: h.householdId,
    stage: state.stage,
    status: state.status,
    provinceCode: h.provinceCode,
    districtCode: h.districtCode,
    subdistrictCode: h.subdistrictCode,
    stageEnteredAt: new Date(state.stageEnteredAt),
    dueAt: toDate(state.dueAt),
    overdueLevel: state.overdueLevel,
    escalated: state.escalated,
    assignmentLevel: state.assignmentLevel,
    verificationOutcome: state.verification?.outcome ?? null,
    householdType: state.householdType,
    track: state.track,
    exemption: state.exemption,
    planGoal: state.plan?.goal ?? null,
    paused: state.status === 'paused',
    pauseReason: state.pause?.reason ?? null,
    pausedSince: toDate(state.pause?.since),
    policyVersion: state.policy.version,
    version: state.version,
    openedAt: new Date(state.openedAt),
    lastProgressAt: new Date(state.lastProgressAt),
    closedAt: toDate(state.closure?.at),
    closureReason: state.closure?.reason ?? null,
    state,
    updatedAt: new Date(),
  };
}

async function writeHouseholds(em: EntityManager, states: CaseState[]): Promise<void> {
  await upsertRows(
    em,
    Household,
    states.map(({ household: h, openedAt }) => ({
      id: h.householdId,
      houseCode: h.houseCode ?? null,
      provinceCode: h.provinceCode,
      districtCode: h.districtCode,
      subdistrictCode: h.subdistrictCode,
      villageNo: h.villageNo ?? null,
      address: h.address ?? null,
      headName: h.headName ?? null,
      source: h.source,
      entryReason: h.entryReason ?? null,
      failedIndicators: h.failedIndicators ?? [],
      memberCount: (h.members ?? []).length,
      createdAt: new Date(openedAt),
      updatedAt: new Date(),
    })),
    // house_code is unique and the household's key derives from it: it is set on creation only, so
    // a clash with another household surfaces as a duplicate to merge, not as a failing projection.
    { key: ['id'], update: ['provinceCode', 'districtCode', 'subdistrictCode', 'villageNo', 'address', 'headName', 'failedIndicators', 'memberCount', 'updatedAt'] },
  );

  // Members have no ids of their own: the list is the household's, position by position.
  await em.execute(
    'delete from household_member m using jsonb_to_recordset(?::jsonb) as v(household_id text, n int) where m.household_id = v.household_id and m.ord > v.n',
    [JSON.stringify(states.map(({ household: h }) => ({ household_id: h.householdId, n: (h.members ?? []).length })))],
  );
  await upsertRows(
    em,
    HouseholdMember,
    states.flatMap(({ household: h }) => (h.members ?? []).map((m, i) => ({
      householdId: h.householdId,
      ord: i + 1,
      name: m.name,
      nationalId: m.nationalId ?? null,
      birthYear: m.birthYear ?? null,
      sex: m.sex ?? null,
      disabled: m.disabled ?? false,
    }))),
    { key: ['householdId', 'ord'], update: ['name', 'nationalId', 'birthYear', 'sex', 'disabled'], onlyIfChanged: true },
  );
}

async function syncProblems(em: EntityManager, states: CaseState[]): Promise<void> {
  await deleteAbsent(em, 'case_problem', 'problem_id', states, (state) => state.problems.map((pr) => pr.id));
  await upsertRows(
    em,
    CaseProblem,
    states.flatMap(({ caseId, household: h, problems }) => problems.map((pr) => ({
      caseId,
      problemId: pr.id,
      provinceCode: h.provinceCode,
      districtCode: h.districtCode,
      subdistrictCode: h.subdistrictCode,
      dimension: pr.dimension,
      indicator: pr.indicator,
      description: pr.description,
      status: pr.status,
      lastOutcome: pr.lastOutcome,
      taskId: pr.taskId,
    }))),
    {
      key: ['caseId', 'problemId'],
      update: ['provinceCode', 'districtCode', 'subdistrictCode', 'dimension', 'indicator', 'description', 'status', 'lastOutcome', 'taskId'],
      onlyIfChanged: true,
    },
  );
}

async function syncPlanItems(em: EntityManager, states: CaseState[]): Promise<void> {
  await deleteAbsent(em, 'plan_item', 'item_id', states, (state) => (state.plan?.items ?? []).map((item) => item.id));
  await upsertRows(
    em,
    PlanItem,
    states.flatMap(({ caseId, plan }) => (plan?.items ?? []).map((item) => ({
      caseId,
      itemId: item.id,
      dimension: item.dimension,
      problemId: item.problemId ?? null,
      action: item.action,
      supportBy: item.supportBy,
      // A day that does not exist was accepted before the edge checked dates: keep the item, drop the date.
      targetDate: isCalendarDate(item.targetDate?.slice(0, 10)) ? item.targetDate.slice(0, 10) : null,
    }))),
    { key: ['caseId', 'itemId'], update: ['dimension', 'problemId', 'action', 'supportBy', 'targetDate'], onlyIfChanged: true },
  );
}

/** Deletes each case's rows whose key its snapshot no longer has (a case with none loses them all). */
async function deleteAbsent(em: EntityManager, table: 'case_problem' | 'plan_item', keyColumn: string, states: CaseState[], keys: (state: CaseState) => string[]): Promise<void> {
  // The lists travel as jsonb parameters: knex would expand a JS array into one placeholder per value.
  await em.execute(
    `delete from ${table} t
      where t.case_id in (select jsonb_array_elements_text(?::jsonb))
        and (t.case_id, t.${keyColumn}) not in (select k->>0, k->>1 from jsonb_array_elements(?::jsonb) as k)`,
    [JSON.stringify(states.map((state) => state.caseId)), JSON.stringify(states.flatMap((state) => keys(state).map((key) => [state.caseId, key])))],
  );
}

/** The timeline and, from it, the escalations. Both dedupe on the event's (case, seq). */
async function insertCaseEvents(em: EntityManager, states: CaseState[]): Promise<void> {
  await upsertRows(
    em,
    CaseEvent,
    states.flatMap(({ caseId, recentEvents }) => recentEvents.map((e) => ({
      caseId,
      seq: e.seq,
      at: new Date(e.at),
      type: e.type,
      actor: e.actor,
      detail: e.detail ?? null,
    }))),
    { key: ['caseId', 'seq'] },
  );

  await upsertRows(
    em,
    Escalation,
    states.flatMap((state) => state.recentEvents.filter((e) => ESCALATION_EVENTS[e.type]).map((e) => {
      const h = state.household;
      const d = e.detail ?? {};
      return {
        id: `case:${state.caseId}:${e.seq}`,
        caseId: state.caseId,
        seq: e.seq,
        taskId: null,
        provinceCode: h.provinceCode,
        districtCode: h.districtCode,
        at: new Date(e.at),
        type: e.type === 'escalated' && d.byHand === true ? 'escalatedByHand' : e.type,
        fromLevel: text(d.from),
        toLevel: text(d.to),
        reason: text(d.reason) ?? text(d.instructions),
        by: e.actor,
        stage: text(d.stage),
      };
    })),
    { key: ['id'] },
  );
}

/** Relief given on the case: the relief list is append-only, so its position is its key. */
async function insertReliefEntries(em: EntityManager, states: CaseState[]): Promise<void> {
  await upsertRows(
    em,
    LogbookEntry,
    states.flatMap(({ caseId, household: h, reliefs }) => reliefs.map((r, i) => ({
      id: `relief:${caseId}:${i + 1}`,
      source: 'relief',
      taskId: null,
      seq: i + 1,
      caseId,
      agencyCode: null,
      provinceCode: h.provinceCode,
      districtCode: h.districtCode,
      dimension: null,
      date: bangkokDate(r.at),
      kind: r.kind,
      description: r.description,
      baht: r.baht,
      items: r.items,
      by: r.by,
      recordedAt: new Date(r.at),
    }))),
    { key: ['id'] },
  );
}

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

const WORK_TITLES: Record<Stage, string> = {
  verification: 'ตรวจสอบข้อมูลครัวเรือนเป้าหมาย',
  analysis: 'วิเคราะห์ 4ท และจัดทำแผนพัฒนาครัวเรือน',
  districtAssignment: 'มอบหมายหน่วยงานแก้ไขปัญหา',
  assistance: 'ให้ความช่วยเหลือ',
  followUp: 'ติดตามผล',
  closed: 'ปิดกรณี',
};

/**
 * The case's open inbox items, derived from the state alone: a work item for the stage's owner, a
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
    { ...base, id: `work:${visit}:${owner}`, kind: 'work', ownerRole: owner, title: `${WORK_TITLES[state.stage]}: ${who}`, createdAt: new Date(state.stageEnteredAt) },
  ];
  if (state.overdueLevel === 0 && state.dueAt && state.remindedFor === state.dueAt) {
    items.push({
      ...base,
      id: `reminder:${visit}:${owner}:${state.dueAt}`,
      kind: 'reminder',
      ownerRole: owner,
      title: `ใกล้ครบกำหนด: ${WORK_TITLES[state.stage]}: ${who}`,
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
      title: `เกินกำหนด${state.overdueLevel > 1 ? ' (ครั้งที่ 2)' : ''}: ${WORK_TITLES[state.stage]}: ${who}`,
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
async function syncTaskInbox(em: EntityManager, taskId: string, items: InboxRow[], at: Date): Promise<void> {
  await em.execute(`update inbox_item set resolved_at = ? where task_id = ? and resolved_at is null and id not in (select jsonb_array_elements_text(?::jsonb))`, [
    at,
    taskId,
    JSON.stringify(items.map((item) => item.id)),
  ]);
  await upsertInboxItems(em, items);
}

async function upsertInboxItems(em: EntityManager, items: InboxRow[]): Promise<void> {
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
async function syncCaseInboxes(em: EntityManager, states: CaseState[]): Promise<void> {
  const items = states.flatMap(caseInboxItems);
  await em.execute(
    `update inbox_item i set resolved_at = v.at
       from jsonb_to_recordset(?::jsonb) as v(case_id text, at timestamptz)
      where i.case_id = v.case_id and i.task_id is null and i.resolved_at is null and i.id not in (select jsonb_array_elements_text(?::jsonb))`,
    [JSON.stringify(states.map((state) => ({ case_id: state.caseId, at: snapshotTime(state) }))), JSON.stringify(items.map((item) => item.id))],
  );
  await upsertInboxItems(em, items);
}

// ---- task ----

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

function taskRow(task: AssistanceTaskState) {
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
    updatedAt: new Date(),
  };
}

async function insertTaskLog(em: EntityManager, task: AssistanceTaskState): Promise<void> {
  if (task.log.length === 0) return;
  await upsertRows(
    em,
    LogbookEntry,
    task.log.map((entry) => ({
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
    { key: ['id'] },
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
      title: `งานเกินกำหนด${level > 1 ? ' (ครั้งที่ 2)' : ''}: ${title}`,
      createdAt: new Date(level === 1 ? task.dueAt : addDays(task.dueAt, task.timers.reescalateAfterDays)),
    });
  }
  return items;
}

// ---- helpers ----

/** Every column of `row` but its key: a newer snapshot overwrites the whole row. */
function updatable<R extends object>(row: R, key: keyof R & string): Array<keyof R & string> {
  return (Object.keys(row) as Array<keyof R & string>).filter((f) => f !== key);
}

function toDate(iso: string | null | undefined): Date | null {
  return iso ? new Date(iso) : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function bangkokDate(iso: string): string {
  return new Date(Date.parse(iso) + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}
