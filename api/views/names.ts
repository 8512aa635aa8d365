import { Type, type Static } from '@sinclair/typebox';

/**
 * Names for the codes the read model keeps (areas, agencies, people), joined from the reference
 * tables and accounts, so that a screen says "ตำบลบ้านกล้วย, อำเภอเมืองสุโขทัย" and "สำนักงาน
 * พัฒนาชุมชน" where the rows say 640102 and CDD. Thai first; English where the reference has it.
 */
export const Name = Type.Object({ th: Type.String(), en: Type.Union([Type.String(), Type.Null()]) });
export type Name = Static<typeof Name>;
export const NullableName = Type.Union([Name, Type.Null()]);

export const AreaNames = Type.Object(
  { province: NullableName, district: NullableName, subdistrict: NullableName },
  { description: 'The names of the area codes (null where a code is not in the reference tables)' },
);
export type AreaNames = Static<typeof AreaNames>;

export const ActorView = Type.Object(
  {
    kind: Type.Union([Type.Literal('user'), Type.Literal('system'), Type.Literal('survey'), Type.Literal('unknown')], {
      description: 'user: a person (name and role below); system: the engine itself (timers, deadlines); survey: the annual จปฐ. survey import; unknown: an account no longer on record',
    }),
    displayName: Type.Union([Type.String(), Type.Null()]),
    role: Type.Union([Type.String(), Type.Null()]),
    agency: NullableName,
  },
  { description: 'Who acted, by name and role' },
);
export type ActorView = Static<typeof ActorView>;

export const name = (th: string | null | undefined, en: string | null | undefined): Name | null => (th ? { th, en: en ?? null } : null);

/** Joins naming an aliased row's province_code, district_code and subdistrict_code. */
export function areaNameJoins(alias: string): string {
  return `left join province ap_${alias} on ap_${alias}.code = ${alias}.province_code
    left join district ad_${alias} on ad_${alias}.code = ${alias}.district_code
    left join subdistrict as_${alias} on as_${alias}.code = ${alias}.subdistrict_code`;
}

/** The columns for `areaNameJoins(alias)`, read back by `areaNamesOf`. */
export function areaNameColumns(alias: string): string {
  return `ap_${alias}.name_th as area_province_th, ap_${alias}.name_en as area_province_en,
    ad_${alias}.name_th as area_district_th, ad_${alias}.name_en as area_district_en,
    as_${alias}.name_th as area_subdistrict_th, as_${alias}.name_en as area_subdistrict_en`;
}

export interface AreaNameRow {
  area_province_th: string | null;
  area_province_en: string | null;
  area_district_th: string | null;
  area_district_en: string | null;
  area_subdistrict_th: string | null;
  area_subdistrict_en: string | null;
}

export function areaNamesOf(row: AreaNameRow): AreaNames {
  return {
    province: name(row.area_province_th, row.area_province_en),
    district: name(row.area_district_th, row.area_district_en),
    subdistrict: name(row.area_subdistrict_th, row.area_subdistrict_en),
  };
}

/** An event's or entry's actor column: a user ID, or one of the engine's own names. */
export interface ActorRow {
  actor_name: string | null;
  actor_role: string | null;
  actor_agency_th: string | null;
  actor_agency_en: string | null;
}

/** Joins naming a text column holding a user ID ('system' and 'survey' match no account). */
export function actorJoins(column: string, alias: string): string {
  return `left join app_user ${alias} on ${alias}.id::text = ${column}
    left join agency ${alias}_ag on ${alias}_ag.code = ${alias}.agency_code`;
}

export function actorColumns(alias: string): string {
  return `${alias}.display_name as actor_name, ${alias}.role as actor_role, ${alias}_ag.name_th as actor_agency_th, ${alias}_ag.name_en as actor_agency_en`;
}

export function actorOf(actor: string, row: ActorRow): ActorView {
  if (row.actor_name) return { kind: 'user', displayName: row.actor_name, role: row.actor_role, agency: name(row.actor_agency_th, row.actor_agency_en) };
  const kind = actor === 'system' ? 'system' : actor === 'survey' ? 'survey' : 'unknown';
  return { kind, displayName: null, role: null, agency: null };
}
