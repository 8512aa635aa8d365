import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The ศจพ.อ.'s monthly meeting: the cases on its agenda and what it decided for each. */
export const DistrictMeeting = defineEntity({
  name: 'DistrictMeeting',
  tableName: 'district_meeting',
  properties: {
    id: p.string().primary(),
    provinceCode: p.string().length(2),
    districtCode: p.string().length(4),
    /** 'open' | 'closed' */
    status: p.string(),
    openedAt: p.datetime(),
    closedAt: p.datetime().nullable(),
    /** Case ids, in agenda order. */
    agenda: p.json<string[]>().default('[]'),
    decisions: p.json<Array<Record<string, unknown>>>().default('[]'),
  },
  indexes: [{ name: 'district_meeting_district_code_opened_at_index', properties: ['districtCode', 'openedAt'] }],
});
export type DistrictMeeting = InferEntity<typeof DistrictMeeting>;
