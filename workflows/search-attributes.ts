import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * The only custom search attributes Kaejon sets. No personal data goes here: Temporal
 * visibility is readable by every operator of the cluster.
 */
export const stageKey = defineSearchAttributeKey('KaejonStage', SearchAttributeType.KEYWORD);
export const districtCodeKey = defineSearchAttributeKey('KaejonDistrictCode', SearchAttributeType.KEYWORD);
export const dueAtKey = defineSearchAttributeKey('KaejonDueAt', SearchAttributeType.DATETIME);
export const overdueLevelKey = defineSearchAttributeKey('KaejonOverdueLevel', SearchAttributeType.INT);
export const escalatedKey = defineSearchAttributeKey('KaejonEscalated', SearchAttributeType.BOOL);

export const ALL_SEARCH_ATTRIBUTE_KEYS = [stageKey, districtCodeKey, dueAtKey, overdueLevelKey, escalatedKey];
