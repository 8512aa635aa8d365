/**
 * Writes the reference data (db/reference/*) into its tables: dimensions, indicators, ministries,
 * agencies, the poverty-solving menu, the administrative areas and the default case policy.
 *
 * Safe to run on every start and from several replicas at once: every table is upserted on its
 * code, a row whose values did not change is not rewritten (no dead tuples on a restart), and an
 * advisory lock makes concurrent runs take turns instead of deadlocking on the same rows.
 * Rows that disappear from the source are kept: cases and tasks may still name them.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName } from '@mikro-orm/core';
import { upsertRows } from '../bulk';
import type { Orm } from '../orm';
import {
  Agency,
  Dimension,
  District,
  JptIndicator,
  MenuItem,
  Ministry,
  Province,
  Subdistrict,
  TpmapIndicator,
} from '../entities';
import { DEFAULT_POLICY } from '../../workflows/policy';
import { loadAdminAreas } from './admin-areas';
import { agencies } from './agencies';
import { dimensions, jptIndicators, ministries, tpmapIndicators } from './indicators';
import { TPMAP_TO_JPT, povertyMenu, proposeLeadAgency } from './poverty-menu';

const SEED_LOCK_KEY = 7_414_000_002;

export interface SeedCounts {
  dimensions: number;
  tpmapIndicators: number;
  jptIndicators: number;
  ministries: number;
  agencies: number;
  menuItems: number;
  provinces: number;
  districts: number;
  subdistricts: number;
}

export async function seedReferenceData(orm: Orm): Promise<SeedCounts> {
  const areas = loadAdminAreas();
  const rows = {
    dimensions: dimensions().map((d, i) => ({ code: d.code, ord: i + 1, nameTh: d.th, nameEn: d.en })),
    tpmapIndicators: tpmapIndicators().map((i) => ({
      code: i.code,
      dimension: i.dimension,
      nameTh: i.th,
      nameEn: i.en,
      jptNumbers: [...TPMAP_TO_JPT[i.code]],
      proposedAgencyCodes: proposeLeadAgency(i.code),
    })),
    jptIndicators: jptIndicators().map((i) => ({
      no: i.no,
      category: i.category,
      dimension: i.dimension,
      nameTh: i.th,
      nameEn: i.en,
      leadMinistries: i.leadMinistries,
      supportMinistries: i.supportMinistries,
      note: i.note ?? null,
    })),
    ministries: ministries().map((m) => ({ code: m.code, nameTh: m.th, nameEn: m.en })),
    agencies: agencies().map((a) => ({ code: a.code, nameTh: a.nameTh, nameEn: a.nameEn, ministryCode: a.ministry, level: a.level })),
    menuItems: povertyMenu().map((m) => ({
      code: m.code,
      dimension: m.dimension,
      nameTh: m.nameTh,
      nameEn: m.nameEn,
      providerAgencyCodes: m.providerAgencyCodes,
      phase: m.phase,
    })),
    provinces: areas.provinces.map((pr) => ({ code: pr.code, nameTh: pr.nameTh, nameEn: pr.nameEn })),
    districts: areas.districts.map((d) => ({ code: d.code, provinceCode: d.provinceCode, nameTh: d.nameTh, nameEn: d.nameEn })),
    subdistricts: areas.subdistricts.map((s) => ({
      code: s.code,
      districtCode: s.districtCode,
      provinceCode: s.provinceCode,
      nameTh: s.nameTh,
      nameEn: s.nameEn,
      postcode: s.postcode,
    })),
  };

  await orm.em.fork().transactional(async (em) => {
    await em.execute('select pg_advisory_xact_lock(?)', [SEED_LOCK_KEY]);
    await upsertAll(em, Dimension, 'code', rows.dimensions);
    await upsertAll(em, TpmapIndicator, 'code', rows.tpmapIndicators);
    await upsertAll(em, JptIndicator, 'no', rows.jptIndicators);
    await upsertAll(em, Ministry, 'code', rows.ministries);
    await upsertAll(em, Agency, 'code', rows.agencies);
    await upsertAll(em, MenuItem, 'code', rows.menuItems);
    await upsertAll(em, Province, 'code', rows.provinces);
    await upsertAll(em, District, 'code', rows.districts);
    await upsertAll(em, Subdistrict, 'code', rows.subdistricts);
    await seedDefaultPolicy(em);
  });

  return {
    dimensions: rows.dimensions.length,
    tpmapIndicators: rows.tpmapIndicators.length,
    jptIndicators: rows.jptIndicators.length,
    ministries: rows.ministries.length,
    agencies: rows.agencies.length,
    menuItems: rows.menuItems.length,
    provinces: rows.provinces.length,
    districts: rows.districts.length,
    subdistricts: rows.subdistricts.length,
  };
}

/**
 * The national default policy, in force since long before any case. A policy version's body never
 * changes, so an existing row is left alone.
 */
async function seedDefaultPolicy(em: EntityManager): Promise<void> {
  await em.execute(
    `insert into case_policy (version, province_code, body, effective_from, created_at)
     values (?, null, ?::jsonb, date '2000-01-01', now())
     on conflict do nothing`,
    [DEFAULT_POLICY.version, JSON.stringify(DEFAULT_POLICY)],
  );
}

/** Every table is keyed on its code; rows equal to what is stored are left alone. */
async function upsertAll<T extends object>(em: EntityManager, entity: EntityName<T>, key: keyof T & string, rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  const fields = Object.keys(rows[0]).filter((f) => f !== key) as Array<keyof T & string>;
  await upsertRows(em, entity, rows as Array<{ [K in keyof T]?: unknown }>, { key: [key], update: fields, onlyIfChanged: true });
}
