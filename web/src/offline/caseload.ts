import { api, ApiError } from '../api';
import type { CaseView, HouseholdDetail, Inbox, Page, HouseholdSummary, Principal, Task } from '../types';
import { offlineDb, waitingFor } from './db';
import { INBOX_PAGE, inboxPath } from '../landing-data';
import { keepsCaseload, keepsTasks } from './keeps';
import { cached } from './session-cache';

/**
 * The caseload kept for work without signal: for a mentor or an operations team, every open
 * household in their subdistrict, with its case state and members; for an agency officer, the
 * agency's open tasks with the household each one serves (head, village, members). All as the
 * server showed them to this user (national IDs already masked for the role). Refreshed whenever
 * the phone is online.
 */
const PAGE = 200;

/** The agency's open tasks as its task list shows them: from the server, or the phone's last copy without signal. */
// The agency's landing request (landing-data.ts): the page takes the answer started with the app.
export const taskInbox = (): Promise<Inbox> => cached<Inbox>(inboxPath({ kind: 'task' }), 'taskInbox');

export async function refreshCaseload(user: Principal): Promise<number> {
  if (keepsTasks(user)) return refreshTasks();
  if (!keepsCaseload(user) || !user.subdistrictCode) return 0;
  const open: HouseholdSummary[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.get<Page<HouseholdSummary>>(`/households?subdistrictCode=${user.subdistrictCode}&limit=${PAGE}&offset=${offset}`);
    open.push(...page.items.filter((h) => h.caseId && h.status !== 'closed'));
    if (page.items.length < PAGE) break;
  }
  for (const h of open) {
    // A household that left the area between the list and its page (transferred) answers 404, and
    // one the server cannot read just now a 5xx: it is skipped (its last copy stays on the phone),
    // never allowed to stop the rest of the caseload. Only a lost network or session stops it.
    const detail = await api.get<HouseholdDetail>(`/households/${encodeURIComponent(h.householdId)}`).catch(skipUnreadable);
    if (!detail) continue;
    await rememberHousehold(detail);
    const view = h.caseId ? await api.get<CaseView>(`/cases/${h.caseId}`).catch(skipUnreadable) : null;
    if (view) await rememberCase(view);
  }
  // Households that left the caseload (closed, transferred) leave the phone too, unless work on them still waits.
  const keep = new Set(open.map((h) => h.householdId));
  const waiting = new Set((await offlineDb.outbox.toArray()).map((a) => a.householdId));
  await offlineDb.households.filter((h) => !keep.has(h.householdId) && !waiting.has(h.householdId)).delete();
  await offlineDb.cases.filter((c) => !keep.has(c.householdId) && !waiting.has(c.householdId)).delete();
  return open.length;
}

/** Every open task of the agency: the task list's first page (asked for with the app), then the rest, page by page. */
async function openTaskItems(): Promise<Inbox['items']> {
  const items = [...(await taskInbox()).items];
  for (let last = items.length; last === INBOX_PAGE; ) {
    const page = await api.get<Inbox>(inboxPath({ kind: 'task', offset: items.length }));
    items.push(...page.items);
    last = page.items.length;
  }
  return items;
}

async function refreshTasks(): Promise<number> {
  const open = (await openTaskItems()).flatMap((item) => (item.taskId ? [{ taskId: item.taskId, householdId: item.household.householdId }] : []));
  for (const { taskId, householdId } of open) {
    // As for households above: a task or household the server cannot give just now is skipped, not fatal.
    const task = await api.get<Task>(`/tasks/${encodeURIComponent(taskId)}`).catch(skipUnreadable);
    if (task) await rememberTask(task);
    const detail = householdId ? await api.get<HouseholdDetail>(`/households/${encodeURIComponent(householdId)}`).catch(skipUnreadable) : null;
    if (detail) await rememberHousehold(detail);
  }
  // Tasks that ended or moved to another agency leave the phone, unless an activity on them still waits.
  const keep = new Set(open.map((t) => t.taskId));
  const waiting = await offlineDb.outbox.toArray();
  const waitingTasks = new Set(waiting.map((a) => a.taskId));
  const households = new Set([...open.map((t) => t.householdId), ...waiting.map((a) => a.householdId)]);
  await offlineDb.tasks.filter((t) => !keep.has(t.taskId) && !waitingTasks.has(t.taskId)).delete();
  await offlineDb.households.filter((h) => !households.has(h.householdId)).delete();
  return open.length;
}

export async function rememberTask(task: Task): Promise<void> {
  await offlineDb.tasks.put({ taskId: task.taskId, householdId: task.householdId, task, savedAt: new Date().toISOString() });
}

export async function rememberHousehold(detail: HouseholdDetail): Promise<void> {
  await offlineDb.households.put({ householdId: detail.household.householdId, detail, savedAt: new Date().toISOString() });
}

export async function rememberCase(view: CaseView): Promise<void> {
  await offlineDb.cases.put({ caseId: view.caseId, householdId: view.householdId, view, savedAt: new Date().toISOString() });
}

const skipUnreadable = (error: unknown): null => {
  if (error instanceof ApiError && (error.status === 404 || error.status >= 500)) return null;
  throw error;
};

const isNetworkError = (error: unknown): boolean => error instanceof ApiError && error.status === 0;

/** The household from the server, or from the phone when there is no network. */
export async function loadHousehold(householdId: string): Promise<HouseholdDetail> {
  try {
    return await api.get<HouseholdDetail>(`/households/${encodeURIComponent(householdId)}`);
  } catch (error) {
    const cached = isNetworkError(error) ? await offlineDb.households.get(householdId) : undefined;
    if (!cached) throw error;
    return cached.detail;
  }
}

/**
 * The case from the server (kept on the phone when it is in the caseload), or the phone's copy
 * when there is no network or actions recorded offline still wait: those show as already done.
 */
export async function loadCase(caseId: string): Promise<CaseView> {
  const copy = await offlineDb.cases.get(caseId);
  const waiting = await waitingFor('caseId', caseId).filter((a) => !a.taskId).count();
  return serverOrCopy(copy?.view, waiting > 0, () => api.get<CaseView>(`/cases/${caseId}`), rememberCase);
}

/** The task likewise: an agency's activities recorded offline show in its logbook until they are sent. */
export async function loadTask(taskId: string): Promise<Task> {
  const copy = await offlineDb.tasks.get(taskId);
  const waiting = await waitingFor('taskId', taskId).count();
  return serverOrCopy(copy?.task, waiting > 0, () => api.get<Task>(`/tasks/${encodeURIComponent(taskId)}`), rememberTask);
}

async function serverOrCopy<T>(copy: T | undefined, waiting: boolean, fetch: () => Promise<T>, remember: (fresh: T) => Promise<void>): Promise<T> {
  if (copy && waiting) return copy;
  try {
    const fresh = await fetch();
    if (copy) await remember(fresh);
    return fresh;
  } catch (error) {
    if (!copy || !isNetworkError(error)) throw error;
    return copy;
  }
}

export async function cachedHouseholds(): Promise<HouseholdDetail[]> {
  return (await offlineDb.households.toArray()).map((h) => h.detail);
}
