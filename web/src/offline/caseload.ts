import { api, ApiError } from '../api';
import type { CaseView, HouseholdDetail, Page, HouseholdSummary, Principal } from '../types';
import { offlineDb } from './db';

/**
 * The caseload kept for work without signal: for a mentor or an operations team, every open
 * household in their subdistrict, with its case state and members, as the server showed them to
 * this user (national IDs already masked for the role). Refreshed whenever the phone is online.
 */
const FIELD_ROLES = new Set(['mentor', 'operationsTeam']);
const PAGE = 200;

export const keepsCaseload = (user: Principal): boolean => FIELD_ROLES.has(user.role) && Boolean(user.subdistrictCode);

export async function refreshCaseload(user: Principal): Promise<number> {
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
  const cached = await offlineDb.cases.get(caseId);
  const waiting = await offlineDb.outbox.where('caseId').equals(caseId).filter((a) => a.status === 'waiting').count();
  if (cached && waiting > 0) return cached.view;
  try {
    const view = await api.get<CaseView>(`/cases/${caseId}`);
    if (cached) await rememberCase(view);
    return view;
  } catch (error) {
    if (!cached || !isNetworkError(error)) throw error;
    return cached.view;
  }
}

export async function cachedHouseholds(): Promise<HouseholdDetail[]> {
  return (await offlineDb.households.toArray()).map((h) => h.detail);
}
