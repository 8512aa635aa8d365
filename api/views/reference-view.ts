import { Type, type Static } from '@sinclair/typebox';

/** A code with its Thai and English names (English where the reference data has one). */
const Named = { code: Type.String(), nameTh: Type.String(), nameEn: Type.Union([Type.String(), Type.Null()]) };
export const AreaName = Type.Object({ ...Named });

/** GET /reference: what the web UI labels and offers choices from (api/routes/reference.ts). */
export const Reference = Type.Object({
  dimensions: Type.Array(Type.Object({ ...Named })),
  indicators: Type.Array(Type.Object({ ...Named, dimension: Type.String(), proposedAgencyCodes: Type.Array(Type.String()) })),
  jptIndicators: Type.Array(Type.Object({ ...Named, dimension: Type.String() })),
  agencies: Type.Array(Type.Object({ ...Named, level: Type.String() })),
  menu: Type.Array(Type.Object({ ...Named, dimension: Type.String(), phase: Type.String(), providerAgencyCodes: Type.Array(Type.String()) })),
  provinces: Type.Array(AreaName),
  districts: Type.Array(Type.Object({ ...Named, provinceCode: Type.String() })),
});
export type Reference = Static<typeof Reference>;
export type Named = Static<typeof AreaName>;
