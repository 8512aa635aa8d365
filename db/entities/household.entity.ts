import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A household in the program. `id` is the household's stable key: its 11-digit house code when it
 * has one, otherwise a generated key (people without house registration still need help).
 */
export const Household = defineEntity({
  name: 'Household',
  tableName: 'household',
  properties: {
    id: p.string().primary(),
    houseCode: p.string().nullable().unique(),
    provinceCode: p.string().length(2).index(),
    districtCode: p.string().length(4).index(),
    subdistrictCode: p.string().length(6).index(),
    villageNo: p.string().nullable(),
    address: p.string().nullable(),
    headName: p.string().nullable(),
    source: p.string(),
    entryReason: p.string().nullable(),
    /** TPMAP indicators (H1..A2) the household fails, from the import or the latest survey. */
    failedIndicators: p.array().default([]),
    memberCount: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Household = InferEntity<typeof Household>;
