import type { EntityManager } from '@mikro-orm/postgresql';
import type { Household } from '../workflows/household-case/types';

/**
 * Who holds a household's keys: its house code and each member's national ID belong to one case
 * (docs/PROGRAM.md, "Who enters the program"). The primary key of `household_claim` decides,
 * not a read before the insert: of any number of concurrent intakes exactly one inserts a key,
 * and the others find it taken by the winner's case.
 */
export interface ClaimRequest {
  caseId: string;
  household: Household;
}

/** A key another case holds: which field of the household it is, and that case. */
export interface ClaimConflict {
  /** Relative to the household: `houseCode` or `members[2].nationalId`. */
  field: string;
  existingCaseId: string;
}

/**
 * A claim whose case never reached the read model this long after it was taken was left by an
 * intake that died between the claim and the start: its keys are free again.
 */
const ABANDONED_AFTER_MINUTES = 15;

export function claimKeys(household: Household): Array<{ key: string; field: string }> {
  const keys = household.houseCode ? [{ key: `house:${household.houseCode}`, field: 'houseCode' }] : [];
  household.members.forEach((member, i) => {
    if (member.nationalId) keys.push({ key: `nid:${member.nationalId}`, field: `members[${i}].nationalId` });
  });
  return keys;
}

/**
 * Claims the keys of many households at once (an import batch: one insert and one read). Answers
 * a conflict or null per request, in order. A household that conflicts keeps none of its keys;
 * keys its own case already holds (a retried intake) count as its own.
 */
export async function claimHouseholds(em: EntityManager, requests: ClaimRequest[]): Promise<Array<ClaimConflict | null>> {
  const rows = requests.flatMap(({ caseId, household }) => claimKeys(household).map(({ key }) => ({ claim_key: key, case_id: caseId, household_id: household.householdId })));
  if (rows.length === 0) return requests.map(() => null);
  const json = JSON.stringify(rows);
  await em.execute(
    `update household_claim c set case_id = v.case_id, household_id = v.household_id, created_at = now()
       from jsonb_to_recordset(?::jsonb) as v(claim_key text, case_id text, household_id text)
      where c.claim_key = v.claim_key and c.case_id <> v.case_id
        and c.created_at < now() - interval '${ABANDONED_AFTER_MINUTES} minutes'
        and not exists (select 1 from household_case hc where hc.id = c.case_id)`,
    [json],
    'run',
  );
  await em.execute(
    `insert into household_claim (claim_key, case_id, household_id)
     select claim_key, case_id, household_id from jsonb_to_recordset(?::jsonb) as v(claim_key text, case_id text, household_id text)
     on conflict (claim_key) do nothing`,
    [json],
    'run',
  );
  const holders = await em.execute<Array<{ claim_key: string; case_id: string }>>('select claim_key, case_id from household_claim where claim_key in (select jsonb_array_elements_text(?::jsonb))', [
    JSON.stringify(rows.map((row) => row.claim_key)),
  ]);
  const holderOf = new Map(holders.map((h) => [h.claim_key, h.case_id]));
  const conflicts = requests.map(({ caseId, household }): ClaimConflict | null => {
    const taken = claimKeys(household).find(({ key }) => holderOf.get(key) !== caseId);
    return taken ? { field: taken.field, existingCaseId: holderOf.get(taken.key)! } : null;
  });
  const losers = requests.filter((_, i) => conflicts[i]).map((r) => r.caseId);
  if (losers.length) await releaseClaims(em, losers);
  return conflicts;
}

export async function claimHousehold(em: EntityManager, request: ClaimRequest): Promise<ClaimConflict | null> {
  const [conflict] = await claimHouseholds(em, [request]);
  return conflict;
}

/** Frees the keys of cases that were never started (their start failed). */
export async function releaseClaims(em: EntityManager, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await em.execute(
    'delete from household_claim c where c.case_id in (select jsonb_array_elements_text(?::jsonb)) and not exists (select 1 from household_case hc where hc.id = c.case_id)',
    [JSON.stringify(caseIds)],
    'run',
  );
}

/**
 * Claims a national ID added to a member of an existing case (a correction), by the same primary
 * key as an intake: answers the case that holds it, which is `caseId` itself when the ID was free.
 */
export async function claimNationalId(em: EntityManager, caseId: string, nationalId: string): Promise<string | null> {
  const key = `nid:${nationalId}`;
  await em.execute(
    `insert into household_claim (claim_key, case_id, household_id)
     select ?, hc.id, hc.household_id from household_case hc where hc.id = ?
     on conflict (claim_key) do nothing`,
    [key, caseId],
    'run',
  );
  const [holder] = await em.execute<Array<{ case_id: string }>>('select case_id from household_claim where claim_key = ?', [key]);
  return holder?.case_id ?? null;
}
