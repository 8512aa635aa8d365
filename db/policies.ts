import type { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_POLICY, type CasePolicy } from '../workflows/policy';

/**
 * The policy a new case starts with (the starter hands it to the workflow, which keeps that
 * version for the life of the case). The active policy for a province from the case_policy table: the province's own active version,
 * else the active national one, else the built-in default (an unseeded database). One indexed
 * lookup on a tiny table; callers that start many cases may still cache it per province for a while.
 * The result carries the province it was read for.
 */
export async function activePolicy(em: EntityManager, provinceCode: string): Promise<CasePolicy> {
  const rows = await em.execute<Array<{ body: CasePolicy }>>(
    `select body from case_policy
     where active and (province_code = ? or province_code is null)
     order by province_code nulls last
     limit 1`,
    [provinceCode],
  );
  const body = rows[0]?.body ?? DEFAULT_POLICY;
  return { ...body, provinceCode };
}
