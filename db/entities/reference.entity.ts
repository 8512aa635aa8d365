import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Reference tables, seeded from db/reference/ by seedReferenceData (db/reference/seed.ts) on every
 * start. Codes are the official or stable keys used everywhere else; names are for people.
 */

export const Dimension = defineEntity({
  name: 'Dimension',
  tableName: 'dimension',
  properties: {
    code: p.string().primary(),
    ord: p.integer(),
    nameTh: p.string(),
    nameEn: p.string(),
  },
});
export type Dimension = InferEntity<typeof Dimension>;

export const TpmapIndicator = defineEntity({
  name: 'TpmapIndicator',
  tableName: 'tpmap_indicator',
  properties: {
    code: p.string().primary(),
    dimension: p.string(),
    nameTh: p.text(),
    nameEn: p.text(),
    /** The จปฐ. indicator numbers it corresponds to. */
    jptNumbers: p.json<number[]>(),
    /** Proposed lead agencies (the district may choose otherwise). */
    proposedAgencyCodes: p.array(),
  },
});
export type TpmapIndicator = InferEntity<typeof TpmapIndicator>;

export const JptIndicator = defineEntity({
  name: 'JptIndicator',
  tableName: 'jpt_indicator',
  properties: {
    no: p.integer().primary().autoincrement(false),
    category: p.integer(),
    dimension: p.string(),
    nameTh: p.text(),
    nameEn: p.text(),
    leadMinistries: p.array(),
    supportMinistries: p.array(),
    note: p.text().nullable(),
  },
});
export type JptIndicator = InferEntity<typeof JptIndicator>;

export const Ministry = defineEntity({
  name: 'Ministry',
  tableName: 'ministry',
  properties: {
    code: p.string().primary(),
    nameTh: p.string(),
    nameEn: p.string(),
  },
});
export type Ministry = InferEntity<typeof Ministry>;

export const Agency = defineEntity({
  name: 'Agency',
  tableName: 'agency',
  properties: {
    code: p.string().primary(),
    nameTh: p.string(),
    nameEn: p.string(),
    ministryCode: p.string(),
    /** 'district' | 'province' | 'national' */
    level: p.string(),
  },
});
export type Agency = InferEntity<typeof Agency>;

export const MenuItem = defineEntity({
  name: 'MenuItem',
  tableName: 'menu_item',
  properties: {
    code: p.string().primary(),
    dimension: p.string(),
    nameTh: p.text(),
    nameEn: p.text(),
    providerAgencyCodes: p.array(),
    /** 'urgent' | 'medium' | 'long' */
    phase: p.string(),
  },
});
export type MenuItem = InferEntity<typeof MenuItem>;

export const Province = defineEntity({
  name: 'Province',
  tableName: 'province',
  properties: {
    code: p.string().length(2).primary(),
    nameTh: p.string(),
    nameEn: p.string().nullable(),
  },
});
export type Province = InferEntity<typeof Province>;

export const District = defineEntity({
  name: 'District',
  tableName: 'district',
  properties: {
    code: p.string().length(4).primary(),
    provinceCode: p.string().length(2).index(),
    nameTh: p.string(),
    nameEn: p.string().nullable(),
  },
});
export type District = InferEntity<typeof District>;

export const Subdistrict = defineEntity({
  name: 'Subdistrict',
  tableName: 'subdistrict',
  properties: {
    code: p.string().length(6).primary(),
    districtCode: p.string().length(4).index(),
    provinceCode: p.string().length(2),
    nameTh: p.string(),
    nameEn: p.string().nullable(),
    postcode: p.string().length(5).nullable(),
  },
});
export type Subdistrict = InferEntity<typeof Subdistrict>;
