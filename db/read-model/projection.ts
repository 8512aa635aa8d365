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
import { caseInboxItems, syncCaseInboxes, taskInboxItems } from './inbox';
import { bangkokDate, sameJson, text, toDate, updatable } from './rows';
import { taskRow } from './task-projection';
import type { EntityManager } from '@mikro-orm/postgresql';
import { upsertRows, upsertRowsReturning } from '../bulk';
import type { Orm } from '../orm';
import { CORRECTABLE_LOGBOOK_FIELDS, deleteLogbookEntries } from './logbook';
import { AssistanceTask, CaseEvent, CaseProblem, Escalation, Household, HouseholdCase, HouseholdMember, InboxItem, LogbookEntry, PlanItem } from '../entities';
import { openTaskState } from '../../workflows/assistance-task/state';
import { assistanceTaskInput } from '../../workflows/household-case/transitions';
import type { CaseState } from '../../workflows/household-case/types';
import { isCalendarDate } from '../../workflows/rejections';

/** Case event types that are escalations. A hand escalation is 'escalated' with detail.byHand; the row says 'escalatedByHand'. */
const ESCALATION_EVENTS: Record<string, true> = { escalated: true, escalatedByHand: true, returnedToDistrict: true };

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
    const before = await storedSnapshots(em, [...newest.keys()]);
    const claimed = await claimCaseVersions(em, [...newest.values()]);
    if (claimed.length === 0) return;
    const changed = (part: (state: CaseState) => unknown) => claimed.filter((state) => {
      const stored = before.get(state.caseId);
      try {
        return !stored || !sameJson(part(stored), part(state));
      } catch {
        return true; // a stored snapshot of an older shape: write the table
      }
    });
    // Rows that carry the household's area are rewritten when it moves (a transfer).
    const area = (s: CaseState) => [s.household.provinceCode, s.household.districtCode, s.household.subdistrictCode];
    await writeHouseholds(em, changed((s) => [s.household, s.openedAt]));
    await syncProblems(em, changed((s) => [s.problems, area(s)]));
    await syncPlanItems(em, changed((s) => s.plan?.items ?? []));
    await insertCaseEvents(em, claimed.map((state) => newEventsOf(state, before.get(state.caseId))));
    await insertReliefEntries(em, changed((s) => [s.reliefs, area(s)]));
    await syncCaseInboxes(em, changed(caseInboxItems));
    await publishTaskOpenings(em, claimed, before);
  });
}

/**
 * The snapshots the read model holds now, locked until the transaction ends: each table whose rows
 * the new snapshot derives exactly as the stored one did is left alone (a verification rewrites
 * the case row, its timeline and its inbox, not the household, its members, problems, plan and
 * logbook: 7 statements fewer). The lock keeps the comparison true: no other projection of the
 * case can write between this read and this transaction's writes. A case without a stored
 * snapshot (a row from before the state column) is written whole.
 */
async function storedSnapshots(em: EntityManager, caseIds: string[]): Promise<Map<string, CaseState>> {
  const rows = await em.execute<Array<{ id: string; state: CaseState | null }>>(
    'select id, state from household_case where id in (select jsonb_array_elements_text(?::jsonb)) order by id for update',
    [JSON.stringify(caseIds)],
  );
  return new Map(rows.flatMap((row) => (row.state ? [[row.id, row.state] as const] : [])));
}

/** The timeline events the stored snapshot did not have yet (all of them when there is none). */
function newEventsOf(state: CaseState, stored: CaseState | undefined): CaseState {
  const lastStored = stored?.recentEvents.at(-1)?.seq;
  return lastStored === undefined ? state : { ...state, recentEvents: state.recentEvents.filter((e) => e.seq > lastStored) };
}

/**
 * The opening rows of the tasks an assignment just started, so a task is readable (and in its
 * agency's inbox) as soon as the assignment answers, before the task's own workflow has run.
 * Written at version 0 and only where absent: the task's own first projection (version 1)
 * overwrites them, and one that already ran is never touched.
 */
async function publishTaskOpenings(em: EntityManager, states: CaseState[], before: Map<string, CaseState>): Promise<void> {
  // Only tasks the stored snapshot did not know as open: the others were published with it.
  const known = (state: CaseState) => new Set(before.get(state.caseId)?.tasks.filter((ref) => ref.status === 'open').map((ref) => ref.taskId));
  const openings = states.flatMap((state) => {
    const published = known(state);
    return state.tasks
      .filter((ref) => ref.status === 'open' && !published.has(ref.taskId))
      .map((ref) => {
        const assigned = state.recentEvents.find((e) => e.type === 'problemAssigned' && e.detail?.taskId === ref.taskId);
        return { ...openTaskState(assistanceTaskInput(state, ref, assigned?.actor ?? 'system')), version: 0 };
      });
  });
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
  if (states.length === 0) return;
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
  if (states.length === 0) return;
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

/**
 * Relief given on the case: the relief list is append-only, so its position is its key. An
 * amended relief overwrites its row; a voided one leaves the logbook (it stays in the case's state,
 * struck through), so every report that sums the logbook recomputes without it.
 */
async function insertReliefEntries(em: EntityManager, states: CaseState[]): Promise<void> {
  const rows = states.flatMap(({ caseId, household: h, reliefs }) => reliefs.flatMap((r, i) => (r.voided ? [] : [{
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
  }])));
  await upsertRows(em, LogbookEntry, rows, { key: ['id'], update: CORRECTABLE_LOGBOOK_FIELDS, onlyIfChanged: true });
  await deleteLogbookEntries(em, states.flatMap(({ caseId, reliefs }) => reliefs.flatMap((r, i) => (r.voided ? [`relief:${caseId}:${i + 1}`] : []))));
}

export { projectTaskSnapshot } from './task-projection';
export { caseInboxItems, taskInboxItems } from './inbox';
