import type { EntityManager } from '@mikro-orm/postgresql';
import { claimKeys, type ClaimRequest } from './household-claims';

/**
 * A household back on a target list after its closed case can no longer be reopened gets a new
 * case that follows the earlier one (docs/PROGRAM.md, "The program year"). The link lives in
 * `case_link`; the household's keys (house code, national IDs) move from the earlier case to the
 * new one, so every later intake finds the new case.
 */

/** A closed case a returning household may follow, and the household row the two cases share. */
export interface EarlierCase {
  caseId: string;
  householdId: string;
}

/**
 * For each intake, the closed case it may follow: the one other case that holds the household's
 * keys, if that case is closed in the read model; or, on a retry, the case this intake already
 * linked to. null when no key is held elsewhere, or held by an open case or by more than one case.
 * Whether the earlier case's workflow has ended (its reopen window) is the caller's to check.
 */
export async function closedCasesHoldingKeys(em: EntityManager, requests: ClaimRequest[]): Promise<Array<EarlierCase | null>> {
  if (requests.length === 0) return [];
  const keys = requests.flatMap(({ household }) => claimKeys(household).map(({ key }) => key));
  const [holders, links] = await Promise.all([
    keys.length
      ? em.execute<Array<{ claim_key: string; case_id: string; status: string | null }>>(
          `select c.claim_key, c.case_id, hc.status from household_claim c left join household_case hc on hc.id = c.case_id
            where c.claim_key in (select jsonb_array_elements_text(?::jsonb))`,
          [JSON.stringify(keys)],
        )
      : [],
    em.execute<Array<{ case_id: string; previous_case_id: string }>>('select case_id, previous_case_id from case_link where case_id in (select jsonb_array_elements_text(?::jsonb))', [
      JSON.stringify(requests.map((r) => r.caseId)),
    ]),
  ]);
  const holderOf = new Map(holders.map((h) => [h.claim_key, h]));
  const linkedTo = new Map(links.map((l) => [l.case_id, l.previous_case_id]));
  const found = requests.map(({ caseId, household }) => {
    const linked = linkedTo.get(caseId);
    if (linked) return linked;
    const others = claimKeys(household).flatMap(({ key }) => {
      const holder = holderOf.get(key);
      return holder && holder.case_id !== caseId ? [holder] : [];
    });
    const cases = new Set(others.map((h) => h.case_id));
    return cases.size === 1 && others.every((h) => h.status === 'closed') ? others[0].case_id : null;
  });
  const ids = found.filter((id): id is string => id !== null);
  const households = ids.length ? await em.execute<Array<{ id: string; household_id: string }>>('select id, household_id from household_case where id in (?)', [ids]) : [];
  const householdOf = new Map(households.map((h) => [h.id, h.household_id]));
  return found.map((id) => (id && householdOf.has(id) ? { caseId: id, householdId: householdOf.get(id)! } : null));
}

/**
 * Links `caseId` to the ended `previousCaseId` and hands it the household's keys the earlier case
 * holds, in one transaction. false when the earlier case already has another successor (a
 * concurrent intake of the same household won): the caller then refuses this one as a duplicate.
 * Repeating it for the same pair (a retried batch) answers true and changes nothing.
 */
export async function linkToEndedCase(em: EntityManager, caseId: string, previousCaseId: string, request: ClaimRequest): Promise<boolean> {
  return em.transactional(async (tx) => {
    await tx.execute('insert into case_link (case_id, previous_case_id) values (?, ?) on conflict do nothing', [caseId, previousCaseId], 'run');
    const [link] = await tx.execute<Array<{ case_id: string }>>('select case_id from case_link where previous_case_id = ?', [previousCaseId]);
    if (link?.case_id !== caseId) return false;
    await tx.execute(
      `update household_claim set case_id = ?, household_id = ?, created_at = now()
        where case_id = ? and claim_key in (select jsonb_array_elements_text(?::jsonb))`,
      [caseId, request.household.householdId, previousCaseId, JSON.stringify(claimKeys(request.household).map(({ key }) => key))],
      'run',
    );
    return true;
  });
}

/** The cases linked to `caseId`: the one it follows and the one that follows it. */
export async function caseLinksOf(em: EntityManager, caseId: string): Promise<{ previousCaseId: string | null; nextCaseId: string | null }> {
  const rows = await em.execute<Array<{ case_id: string; previous_case_id: string }>>('select case_id, previous_case_id from case_link where case_id = ? or previous_case_id = ?', [caseId, caseId]);
  return {
    previousCaseId: rows.find((r) => r.case_id === caseId)?.previous_case_id ?? null,
    nextCaseId: rows.find((r) => r.previous_case_id === caseId)?.case_id ?? null,
  };
}

/** SQL: the case `alias` is not followed by a newer one (the household's current case). */
export const NOT_SUPERSEDED = (alias: string): string => `not exists (select 1 from case_link l where l.previous_case_id = ${alias}.id)`;
