import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One member of a household, in the order the case snapshot lists them (`ord`, from 1). The set is
 * replaced on every projection: the household's member list has no member ids of its own.
 */
export const HouseholdMember = defineEntity({
  name: 'HouseholdMember',
  tableName: 'household_member',
  properties: {
    householdId: p.string().primary(),
    ord: p.integer().primary(),
    name: p.string(),
    nationalId: p.string().length(13).nullable(),
    birthYear: p.integer().nullable(),
    sex: p.string().nullable(),
    disabled: p.boolean().default(false),
  },
  // Entry dedupes on the members' national IDs (docs/PROGRAM.md, "Who enters the program").
  indexes: [{ name: 'household_member_national_id_index', expression: 'create index "household_member_national_id_index" on "household_member" ("national_id") where "national_id" is not null' }],
});
export type HouseholdMember = InferEntity<typeof HouseholdMember>;
