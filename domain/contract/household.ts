import { Type, type Static } from '@sinclair/typebox';
import { TPMAP_INDICATOR_CODES } from '../../db/reference/indicators';
import { refusedAs } from './common';

const digits = (n: number, description: string) => Type.String({ pattern: `^[0-9]{${n}}$`, description });

export const HouseholdMemberInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    nationalId: Type.Optional(digits(13, '13-digit national ID with a valid check digit')),
    // The schema's bounds are static; the intake checks this year − 120 .. this year (domain/intake.ts).
    birthYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100, description: 'Gregorian (C.E.) year, within a human lifespan of this year', ...refusedAs('BIRTH_YEAR_IMPLAUSIBLE') })),
    sex: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female')])),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const HouseholdInput = Type.Object(
  {
    houseCode: Type.Optional(digits(11, '11-digit house code (รหัสประจำบ้าน)')),
    provinceCode: digits(2, 'Province code (DOPA)'),
    districtCode: digits(4, 'District code (DOPA)'),
    subdistrictCode: digits(6, 'Subdistrict code (DOPA)'),
    villageNo: Type.Optional(Type.String({ maxLength: 20 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    headName: Type.Optional(Type.String({ maxLength: 200 })),
    // Missing members default to none, which minItems refuses as NO_MEMBERS (422, not a 400).
    members: Type.Array(HouseholdMemberInput, { minItems: 1, maxItems: 50, default: [], ...refusedAs('NO_MEMBERS') }),
    source: Type.Union([Type.Literal('tpmap'), Type.Literal('missed'), Type.Literal('vulnerable'), Type.Literal('thaiqm')]),
    entryReason: Type.Optional(Type.String({ maxLength: 1000 })),
    /** At least one for a TPMAP target (NO_FAILED_INDICATOR, domain/intake.ts). */
    failedIndicators: Type.Array(Type.String({ pattern: `^(${TPMAP_INDICATOR_CODES.join('|')})$`, description: 'A TPMAP indicator (H1..A2)' }), { maxItems: 17, default: [] }),
  },
  { additionalProperties: false },
);
export type HouseholdInput = Static<typeof HouseholdInput>;
