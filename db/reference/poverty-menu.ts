/**
 * The poverty-solving menu (เมนูแก้จน) the district chooses from when it assigns a problem, and
 * the lead-agency proposal for a failed TPMAP indicator.
 *
 * Menu items and providers follow the program's examples (docs/PROGRAM.md, "Agencies and the poverty-solving menu"). Each item's phase follows the MSDHS plan
 * phases listed there: urgent = relief goods, subsidy, health care, access to rights;
 * medium = training, jobs, loans, referral; long = house works, land, local development plans.
 */
import { type DimensionCode, type TpmapIndicatorCode, isTpmapIndicatorCode, jptIndicators } from './indicators';

export type MenuPhase = 'urgent' | 'medium' | 'long';

export interface MenuItem {
  code: string;
  dimension: DimensionCode;
  nameTh: string;
  nameEn: string;
  /** Agency codes from agencies(), the usual providers first. */
  providerAgencyCodes: string[];
  phase: MenuPhase;
}

const MENU: readonly MenuItem[] = [
  // income: all of it builds livelihoods (training, inputs, markets, credit), so medium term.
  { code: 'INC-JOB-TRAINING', dimension: 'income', nameTh: 'ฝึกอาชีพตามความสนใจ', nameEn: 'Job training by interest', providerAgencyCodes: ['CDD', 'DSD', 'NFE', 'DOAE', 'LAO'], phase: 'medium' },
  { code: 'INC-TOOLS', dimension: 'income', nameTh: 'สนับสนุนเครื่องมือและวัสดุประกอบอาชีพ', nameEn: 'Tools and materials for an occupation', providerAgencyCodes: ['CDD', 'DOAE', 'LAO'], phase: 'medium' },
  { code: 'INC-MARKET', dimension: 'income', nameTh: 'เชื่อมโยงตลาด', nameEn: 'Market links', providerAgencyCodes: ['CDD', 'DOAE'], phase: 'medium' },
  { code: 'INC-VILLAGE-FUND-LOAN', dimension: 'income', nameTh: 'สินเชื่อดอกเบี้ยต่ำจากกองทุนหมู่บ้าน (สำหรับครัวเรือนที่มีความมุ่งมั่น)', nameEn: 'Low-interest village fund loan (for committed households)', providerAgencyCodes: ['CDD'], phase: 'medium' },
  { code: 'INC-HOUSEHOLD-ACCOUNTING', dimension: 'income', nameTh: 'จัดทำบัญชีครัวเรือน', nameEn: 'Household accounting', providerAgencyCodes: ['CDD', 'NFE'], phase: 'medium' },
  { code: 'INC-HOME-GARDEN', dimension: 'income', nameTh: 'ปลูกผักสวนครัว', nameEn: 'Home vegetable garden', providerAgencyCodes: ['DOAE', 'CDD', 'LAO'], phase: 'medium' },
  // living
  { code: 'LIV-HOUSE-REPAIR', dimension: 'living', nameTh: 'ซ่อมแซมและสร้างบ้าน (งบท้องถิ่น กองทุนหมู่บ้าน พม. แรงงานจิตอาสา)', nameEn: 'House repair and building (local budget, village funds, MSDHS, volunteer labour)', providerAgencyCodes: ['LAO', 'MSDHS-P', 'DISTRICT-OFFICE'], phase: 'long' },
  { code: 'LIV-SURVIVAL-BAG', dimension: 'living', nameTh: 'ถุงยังชีพ', nameEn: 'Survival bag', providerAgencyCodes: ['LAO', 'MSDHS-P', 'DISTRICT-OFFICE'], phase: 'urgent' },
  // A connection is a works item that usually has to enter the local development plan: long.
  { code: 'LIV-UTILITIES', dimension: 'living', nameTh: 'ขยายเขตน้ำประปาและไฟฟ้าเข้าบ้าน', nameEn: 'Water and electricity connection', providerAgencyCodes: ['LAO', 'DISTRICT-OFFICE'], phase: 'long' },
  // education
  { code: 'EDU-RETURN-TO-SCHOOL', dimension: 'education', nameTh: 'นำเด็กที่หลุดออกจากระบบการศึกษากลับเข้าเรียน', nameEn: 'Bring dropouts back to school', providerAgencyCodes: ['SCHOOL', 'PEO', 'NFE'], phase: 'medium' },
  // A scholarship is a subsidy to keep a child in school now: urgent.
  { code: 'EDU-SCHOLARSHIP', dimension: 'education', nameTh: 'ทุนการศึกษา', nameEn: 'Scholarship', providerAgencyCodes: ['SCHOOL', 'PEO'], phase: 'urgent' },
  { code: 'EDU-NFE', dimension: 'education', nameTh: 'การศึกษานอกระบบ (กศน.)', nameEn: 'Non-formal education', providerAgencyCodes: ['NFE'], phase: 'medium' },
  // health: all of it is health care, urgent in the MSDHS phases.
  { code: 'HLT-HOME-VISIT', dimension: 'health', nameTh: 'ทีมสุขภาพเยี่ยมบ้าน', nameEn: 'Home visit by a health team', providerAgencyCodes: ['SHPH', 'HOSPITAL'], phase: 'urgent' },
  { code: 'HLT-EQUIPMENT-MEDICINE', dimension: 'health', nameTh: 'อุปกรณ์การแพทย์และยา', nameEn: 'Medical equipment and medicine', providerAgencyCodes: ['SHPH', 'HOSPITAL', 'PHO'], phase: 'urgent' },
  { code: 'HLT-CHECKUP', dimension: 'health', nameTh: 'ตรวจสุขภาพ', nameEn: 'Health check-up', providerAgencyCodes: ['SHPH', 'HOSPITAL'], phase: 'urgent' },
  { code: 'HLT-BEDRIDDEN-CARE', dimension: 'health', nameTh: 'ดูแลผู้ป่วยติดเตียง', nameEn: 'Care for the bedridden', providerAgencyCodes: ['SHPH', 'HOSPITAL', 'PHO'], phase: 'urgent' },
  // access: registering rights is "access to rights", urgent. The allowances are registered
  // and paid by the local government, so LAO joins the usual providers there.
  { code: 'ACC-WELFARE-CARD', dimension: 'access', nameTh: 'ลงทะเบียนบัตรสวัสดิการแห่งรัฐ', nameEn: 'Register for the state welfare card', providerAgencyCodes: ['DISTRICT-OFFICE', 'DOPA', 'MSDHS-P'], phase: 'urgent' },
  { code: 'ACC-DISABILITY-ALLOWANCE', dimension: 'access', nameTh: 'ลงทะเบียนเบี้ยความพิการ', nameEn: 'Register for the disability allowance', providerAgencyCodes: ['DISTRICT-OFFICE', 'LAO', 'MSDHS-P'], phase: 'urgent' },
  { code: 'ACC-OLD-AGE-ALLOWANCE', dimension: 'access', nameTh: 'ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ', nameEn: 'Register for the old-age allowance', providerAgencyCodes: ['DISTRICT-OFFICE', 'LAO', 'MSDHS-P'], phase: 'urgent' },
  { code: 'ACC-ID-DOCUMENTS', dimension: 'access', nameTh: 'ทำบัตรประจำตัวประชาชนและทะเบียนบ้าน', nameEn: 'ID card and house registration', providerAgencyCodes: ['DISTRICT-OFFICE', 'DOPA'], phase: 'urgent' },
];

export function povertyMenu(): readonly MenuItem[] {
  return MENU;
}

/**
 * Which จปฐ. indicator(s) each TPMAP indicator corresponds to, by meaning. TPMAP is computed
 * from the จปฐ. survey, so most are the same question; the owner table only exists for จปฐ.
 */
export const TPMAP_TO_JPT: Readonly<Record<TpmapIndicatorCode, readonly number[]>> = {
  H1: [2], // newborn weight ≥ 2,500 g
  H2: [6], // hygienic, safe food
  H3: [8], // basic self-care and medicine when ill
  H4: [9], // exercise 3 days a week
  L1: [13], // secure tenure, durable house
  L2: [18], // drinking water (จปฐ. 18 covers drinking and use)
  L3: [18], // water for use
  L4: [14], // tidy, hygienic home
  E1: [22], // pre-school care / early learning
  E2: [23], // 9 years of compulsory education
  E3: [24], // grade 9 → grade 10 or vocational
  E4: [25], // literacy and numeracy 15-59
  I1: [27], // occupation and income 15-59
  I2: [28], // occupation or income 60+
  I3: [29], // average income per member
  A1: [34], // elderly cared for
  A2: [35], // disabled cared for (no owner in the source: see OWNER_FALLBACK)
};

/**
 * Owners for จปฐ. indicators the source table leaves empty. Indicator 35 (people with disabilities
 * cared for) mirrors 34 (elderly cared for): MSDHS runs disability services (its Department of
 * Empowerment of Persons with Disabilities), MOPH the care itself.
 */
const OWNER_FALLBACK: Readonly<Record<number, readonly string[]>> = { 35: ['MSDHS', 'MOPH'] };

/** The office that acts for a ministry on the ground. Ministries missing here stay national. */
const LOCAL_PROVIDER: Readonly<Record<string, string>> = {
  MOPH: 'SHPH',
  MOE: 'SCHOOL',
  MOL: 'DSD',
  MSDHS: 'MSDHS-P',
  MOAC: 'DOAE',
  'MOI-CDD': 'CDD',
  'MOI-DLA': 'LAO',
  'MOI-DOPA': 'DISTRICT-OFFICE',
  MOI: 'DISTRICT-OFFICE',
};

/** Where the natural local provider depends on the indicator, not only on the ministry. */
const LOCAL_PROVIDER_BY_INDICATOR: Partial<Record<TpmapIndicatorCode, Readonly<Record<string, string>>>> = {
  E1: { MOE: 'LAO' }, // child development centres (ศพด.) are run by local government
  E4: { MOE: 'NFE' }, // adult literacy is กศน.'s job, not a school's
  L2: { MNRE: 'LAO', ONWR: 'LAO' }, // village water supply is a local-government service
  L3: { MNRE: 'LAO', ONWR: 'LAO' },
};

/**
 * Proposed lead agency codes for a failed TPMAP indicator: the lead ministries of the matching
 * จปฐ. indicator(s), each replaced by its natural local office where there is one. The district
 * may choose otherwise; this is only the proposal. Throws on an unknown indicator code.
 */
export function proposeLeadAgency(indicator: string): string[] {
  if (!isTpmapIndicatorCode(indicator)) throw new RangeError(`unknown TPMAP indicator "${indicator}"`);
  const byNo = new Map(jptIndicators().map((i) => [i.no, i]));
  const overrides = LOCAL_PROVIDER_BY_INDICATOR[indicator] ?? {};
  const result: string[] = [];
  for (const no of TPMAP_TO_JPT[indicator]) {
    const jpt = byNo.get(no);
    const owners = jpt && jpt.leadMinistries.length > 0 ? jpt.leadMinistries : (OWNER_FALLBACK[no] ?? []);
    for (const ministry of owners) {
      const agency = overrides[ministry] ?? LOCAL_PROVIDER[ministry] ?? ministry;
      if (!result.includes(agency)) result.push(agency);
    }
  }
  return result;
}
