import type { Orm } from '../db/orm';
import { Household, HouseholdCase } from '../db/entities';
import type { CaseState } from '../workflows/household-case/types';

/**
 * Writes a case snapshot into the read model. Idempotent: rows are upserted on their business
 * keys, and the case row only moves forward (`version` guard), so a retried or late activity
 * never duplicates a row nor overwrites newer state.
 */
export async function projectCaseSnapshot(orm: Orm, state: CaseState): Promise<void> {
  const h = state.household;
  await orm.em.fork().transactional(async (em) => {
    await em
      .createQueryBuilder(Household)
      .insert({
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
        createdAt: new Date(state.openedAt),
        updatedAt: new Date(),
      })
      .onConflict('id')
      .merge(['provinceCode', 'districtCode', 'subdistrictCode', 'villageNo', 'address', 'headName', 'updatedAt']);
    await em
      .createQueryBuilder(HouseholdCase)
      .insert({
        id: state.caseId,
        householdId: h.householdId,
        stage: state.stage,
        status: state.status,
        provinceCode: h.provinceCode,
        districtCode: h.districtCode,
        subdistrictCode: h.subdistrictCode,
        dueAt: state.dueAt ? new Date(state.dueAt) : null,
        overdueLevel: state.overdueLevel,
        escalated: state.escalated,
        policyVersion: state.policy.version,
        version: state.version,
        openedAt: new Date(state.openedAt),
        lastProgressAt: new Date(state.lastProgressAt),
        closedAt: state.closure ? new Date(state.closure.at) : null,
        closureReason: state.closure?.reason ?? null,
        state: state as unknown as Record<string, unknown>,
        updatedAt: new Date(),
      })
      .onConflict('id')
      .merge()
      .where({ version: { $lt: state.version } });
  });
}
