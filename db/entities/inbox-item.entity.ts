import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * What someone has to act on, derived by the projections from case and task state. `id` is a
 * deterministic key of the item's cause (e.g. the stage visit and its owner), so a re-projection
 * updates the same row, and a stage change opens a new item while the old one gets `resolved_at`.
 */
export const InboxItem = defineEntity({
  name: 'InboxItem',
  tableName: 'inbox_item',
  properties: {
    id: p.string().primary(),
    /** 'work' | 'reminder' | 'escalation' | 'task' */
    kind: p.string(),
    caseId: p.string().index(),
    taskId: p.string().nullable().index(),
    ownerRole: p.string(),
    provinceCode: p.string().length(2),
    districtCode: p.string().length(4),
    subdistrictCode: p.string().length(6),
    agencyCode: p.string().nullable(),
    title: p.string(),
    stage: p.string().nullable(),
    dueAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    resolvedAt: p.datetime().nullable(),
  },
  // Each role reads its open items in its own area, soonest due first. Open items are a small share
  // of all items ever created, so the indexes only hold those.
  indexes: [
    {
      name: 'inbox_item_open_district_index',
      expression: 'create index "inbox_item_open_district_index" on "inbox_item" ("owner_role", "district_code", "due_at") where "resolved_at" is null',
    },
    {
      name: 'inbox_item_open_subdistrict_index',
      expression: 'create index "inbox_item_open_subdistrict_index" on "inbox_item" ("owner_role", "subdistrict_code", "due_at") where "resolved_at" is null',
    },
    {
      name: 'inbox_item_open_province_index',
      expression: 'create index "inbox_item_open_province_index" on "inbox_item" ("owner_role", "province_code", "due_at") where "resolved_at" is null',
    },
    {
      name: 'inbox_item_open_agency_index',
      // Agency codes are office types (every district has its รพ.สต.), so an agency reads by area too.
      expression: 'create index "inbox_item_open_agency_index" on "inbox_item" ("agency_code", "district_code", "due_at") where "resolved_at" is null and "owner_role" = \'agency\'',
    },
  ],
});
export type InboxItem = InferEntity<typeof InboxItem>;
