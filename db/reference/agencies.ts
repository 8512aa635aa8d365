/**
 * Agencies that can be assigned a household's problem. Two kinds:
 *  - national: one per ministry in the จปฐ. owner table (code = ministry code), so a proposal
 *    taken straight from that table always names an existing agency;
 *  - local offices: the typical providers of the poverty-solving menu (docs/PROGRAM.md, "Agencies and the poverty-solving menu"), at the level
 *    where the ศจพ.อ. / ศจพ.จ. actually assigns them. The program aims to finish at district level,
 *    so district offices come first; province offices are where escalated cases go.
 * Codes are stable ASCII keys used in the database and the API; names are for people.
 * These are agency types; a province's real offices (e.g. each รพ.สต.) are data, not reference.
 */
import { ministries } from './indicators';

export type AgencyLevel = 'district' | 'province' | 'national';

export interface Agency {
  code: string;
  nameTh: string;
  nameEn: string;
  /** Ministry code from jpt-indicators.json `ministries`. */
  ministry: string;
  level: AgencyLevel;
}

const LOCAL_AGENCIES: readonly Agency[] = [
  // income
  { code: 'CDD', nameTh: 'สำนักงานพัฒนาชุมชนอำเภอ', nameEn: 'District Community Development Office', ministry: 'MOI-CDD', level: 'district' },
  { code: 'CDD-P', nameTh: 'สำนักงานพัฒนาชุมชนจังหวัด', nameEn: 'Provincial Community Development Office', ministry: 'MOI-CDD', level: 'province' },
  { code: 'DOAE', nameTh: 'สำนักงานเกษตรอำเภอ', nameEn: 'District Agricultural Extension Office', ministry: 'MOAC', level: 'district' },
  { code: 'DSD', nameTh: 'สำนักงานพัฒนาฝีมือแรงงานจังหวัด', nameEn: 'Provincial Skill Development Office', ministry: 'MOL', level: 'province' },
  // local government: SAO (อบต.) or municipality (เทศบาล); the level is the district it sits in.
  { code: 'LAO', nameTh: 'องค์กรปกครองส่วนท้องถิ่น (อปท.)', nameEn: 'Local Administrative Organization', ministry: 'MOI-DLA', level: 'district' },
  // living / access
  { code: 'DISTRICT-OFFICE', nameTh: 'ที่ว่าการอำเภอ', nameEn: 'District Office', ministry: 'MOI-DOPA', level: 'district' },
  { code: 'DOPA', nameTh: 'ที่ทำการปกครองจังหวัด', nameEn: 'Provincial Administration Office', ministry: 'MOI-DOPA', level: 'province' },
  { code: 'MSDHS-P', nameTh: 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด (พมจ.)', nameEn: 'Provincial Office of Social Development and Human Security', ministry: 'MSDHS', level: 'province' },
  // education
  { code: 'SCHOOL', nameTh: 'สถานศึกษา (โรงเรียน)', nameEn: 'School', ministry: 'MOE', level: 'district' },
  { code: 'NFE', nameTh: 'ศูนย์ส่งเสริมการเรียนรู้ระดับอำเภอ (กศน.อำเภอ)', nameEn: 'District Non-Formal and Informal Education Centre', ministry: 'MOE', level: 'district' },
  { code: 'PEO', nameTh: 'สำนักงานศึกษาธิการจังหวัด', nameEn: 'Provincial Education Office', ministry: 'MOE', level: 'province' },
  // health. Many รพ.สต. have moved to the provincial administrative organisations (อบจ.) since
  // 2022; they stay under MOPH here because MOPH is the indicator owner the proposals start from.
  { code: 'SHPH', nameTh: 'โรงพยาบาลส่งเสริมสุขภาพตำบล (รพ.สต.)', nameEn: 'Sub-district Health Promoting Hospital', ministry: 'MOPH', level: 'district' },
  { code: 'HOSPITAL', nameTh: 'โรงพยาบาลชุมชน', nameEn: 'Community Hospital', ministry: 'MOPH', level: 'district' },
  { code: 'DHO', nameTh: 'สำนักงานสาธารณสุขอำเภอ', nameEn: 'District Public Health Office', ministry: 'MOPH', level: 'district' },
  { code: 'PHO', nameTh: 'สำนักงานสาธารณสุขจังหวัด', nameEn: 'Provincial Public Health Office', ministry: 'MOPH', level: 'province' },
];

let cache: readonly Agency[] | undefined;

/** National agencies (one per ministry, in the JSON's order), then the local offices. */
export function agencies(): readonly Agency[] {
  cache ??= [
    ...ministries().map((m): Agency => ({ code: m.code, nameTh: m.th, nameEn: m.en, ministry: m.code, level: 'national' })),
    ...LOCAL_AGENCIES,
  ];
  return cache;
}

export function findAgency(code: string): Agency | undefined {
  return agencies().find((a) => a.code === code);
}
