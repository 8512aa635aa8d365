import type { ImportKind } from '../../workflows/import/messages';

/**
 * The columns of each kind of import, with everything an official needs to fill them: the header
 * in Thai and in English (both are accepted on upload, and the templates carry one or the other),
 * what the column means, its format and an example, in both languages. The English header is the
 * canonical name the rows are staged under. Pure data: the API checks headers with it, writes the
 * templates from it, and the imports page shows it as the column guide.
 */
export interface ColumnSpec {
  /** The canonical (English) header, and the key of the staged row's value. */
  name: string;
  /** The Thai header, as the Thai template writes it. */
  th: string;
  required: boolean;
  description: { th: string; en: string };
  format: { th: string; en: string };
  example: string;
}

export type HeaderLanguage = 'th' | 'en';

const INDICATOR_LIST = 'H1..H4, L1..L4, E1..E4, I1..I3, A1, A2';

export const TARGET_COLUMNS: ColumnSpec[] = [
  {
    name: 'house_code',
    th: 'รหัสประจำบ้าน',
    required: true,
    description: { th: 'รหัสประจำบ้านตามทะเบียนบ้าน เว้นว่างได้ถ้าครัวเรือนไม่มี', en: '11-digit house code (รหัสประจำบ้าน); blank for a household without one' },
    format: { th: 'ตัวเลข 11 หลัก', en: '11 digits' },
    example: '64010100001',
  },
  { name: 'province_code', th: 'รหัสจังหวัด', required: true, description: { th: 'รหัสจังหวัด (กรมการปกครอง)', en: '2-digit province code (DOPA)' }, format: { th: 'ตัวเลข 2 หลัก', en: '2 digits' }, example: '64' },
  { name: 'district_code', th: 'รหัสอำเภอ', required: true, description: { th: 'รหัสอำเภอ', en: '4-digit district code' }, format: { th: 'ตัวเลข 4 หลัก', en: '4 digits' }, example: '6401' },
  { name: 'subdistrict_code', th: 'รหัสตำบล', required: true, description: { th: 'รหัสตำบล', en: '6-digit subdistrict code' }, format: { th: 'ตัวเลข 6 หลัก', en: '6 digits' }, example: '640101' },
  { name: 'village_no', th: 'หมู่ที่', required: false, description: { th: 'หมู่ที่ของหมู่บ้าน', en: 'village number (หมู่ที่)' }, format: { th: 'ตัวเลข', en: 'a number' }, example: '3' },
  { name: 'address', th: 'ที่อยู่', required: false, description: { th: 'บ้านเลขที่ ซอย ถนน', en: 'address text' }, format: { th: 'ข้อความ', en: 'text' }, example: '12/1 ถ.จรดวิถีถ่อง' },
  { name: 'head_name', th: 'ชื่อหัวหน้าครัวเรือน', required: true, description: { th: 'ชื่อและนามสกุลของหัวหน้าครัวเรือน', en: 'name of the head of household' }, format: { th: 'ข้อความ', en: 'text' }, example: 'สมชาย ใจดี' },
  {
    name: 'member_names',
    th: 'ชื่อสมาชิก',
    required: true,
    description: { th: 'ชื่อสมาชิกทุกคน คั่นด้วย | เว้นว่างได้ถ้าอยู่คนเดียว', en: 'member names separated by |; blank: the head is the only member' },
    format: { th: 'ชื่อ|ชื่อ', en: 'name|name' },
    example: 'สมชาย ใจดี|สมหญิง ใจดี',
  },
  {
    name: 'member_national_ids',
    th: 'เลขประจำตัวประชาชนสมาชิก',
    required: false,
    description: { th: 'เลขประจำตัวประชาชนของสมาชิก ตามลำดับชื่อ คั่นด้วย | (คนที่ไม่มีให้เว้นว่าง)', en: '13-digit national IDs separated by |, in the order of member_names (an empty entry for a member without one)' },
    format: { th: 'ตัวเลข 13 หลัก คั่นด้วย |', en: '13 digits, separated by |' },
    example: '3640100123456|',
  },
  {
    name: 'failed_indicators',
    th: 'ตัวชี้วัดที่ไม่ผ่าน',
    required: true,
    description: { th: `ตัวชี้วัด TPMAP ที่ครัวเรือนไม่ผ่าน คั่นด้วย | (${INDICATOR_LIST})`, en: `TPMAP indicators the household fails, separated by | (${INDICATOR_LIST})` },
    format: { th: 'รหัสตัวชี้วัด คั่นด้วย |', en: 'indicator codes separated by |' },
    example: 'I3|L1',
  },
  {
    name: 'source',
    th: 'แหล่งที่มา',
    required: false,
    description: { th: 'tpmap (ค่าเริ่มต้น), missed (ตกหล่น), vulnerable (เปราะบาง) หรือ thaiqm', en: 'tpmap (default), missed, vulnerable or thaiqm' },
    format: { th: 'คำใดคำหนึ่งข้างต้น', en: 'one of the words above' },
    example: 'tpmap',
  },
  {
    name: 'entry_reason',
    th: 'เหตุผลที่เพิ่ม',
    required: false,
    description: { th: 'เหตุผลที่เพิ่มครัวเรือนตกหล่นหรือเปราะบาง (ต้องกรอกสำหรับสองกลุ่มนี้)', en: 'why a missed or vulnerable household is added (required for those)' },
    format: { th: 'ข้อความ', en: 'text' },
    example: 'สำรวจพบเพิ่มเติม',
  },
];

export const SURVEY_COLUMNS: ColumnSpec[] = [
  {
    name: 'house_code',
    th: 'รหัสประจำบ้าน',
    required: false,
    description: { th: 'รหัสประจำบ้านของครัวเรือน (หรือกรอกรหัสครัวเรือนในระบบ)', en: 'the household’s house code (or give household_id)' },
    format: { th: 'ตัวเลข 11 หลัก', en: '11 digits' },
    example: '64010100001',
  },
  {
    name: 'household_id',
    th: 'รหัสครัวเรือนในระบบ',
    required: false,
    description: { th: 'รหัสครัวเรือนในโปรแกรม สำหรับครัวเรือนที่ไม่มีรหัสประจำบ้าน', en: 'the household’s id in the program, for one without a house code' },
    format: { th: 'ตามที่ระบบออกให้', en: 'as the program gave it' },
    example: '',
  },
  { name: 'year', th: 'ปีที่สำรวจ', required: true, description: { th: 'ปีที่สำรวจ จปฐ. เป็นปีพุทธศักราช', en: 'survey year in the Buddhist era, e.g. 2570' }, format: { th: 'พ.ศ. 4 หลัก', en: '4-digit Buddhist-era year' }, example: '2570' },
  { name: 'passed', th: 'ผ่านเกณฑ์', required: true, description: { th: 'ผ่านเกณฑ์ จปฐ. หรือไม่', en: 'whether the household passed the survey' }, format: { th: 'ผ่าน/ไม่ผ่าน, true/false หรือ 1/0', en: 'true/false, 1/0 or ผ่าน/ไม่ผ่าน' }, example: 'ผ่าน' },
  {
    name: 'failed_indicators',
    th: 'ตัวชี้วัดที่ยังไม่ผ่าน',
    required: false,
    description: { th: `ตัวชี้วัด TPMAP ที่ยังไม่ผ่าน คั่นด้วย | (${INDICATOR_LIST})`, en: 'TPMAP indicators still failed, separated by |' },
    format: { th: 'รหัสตัวชี้วัด คั่นด้วย |', en: 'indicator codes separated by |' },
    example: 'I3',
  },
];

export const COLUMNS: Record<ImportKind, ColumnSpec[]> = { targets: TARGET_COLUMNS, survey: SURVEY_COLUMNS };

/** The header as an official may have typed it: case, spaces and a stray zero-width character do not matter. */
export function normalizeHeader(header: string): string {
  return header.replace(/[\s\u200b\ufeff]+/g, '').toLowerCase();
}

/**
 * The canonical column a header names, in either language, or null for a column the import does
 * not use (TPMAP exports carry more than the program needs).
 */
export function canonicalColumn(kind: ImportKind, header: string): string | null {
  const wanted = normalizeHeader(header);
  if (!wanted) return null;
  const column = COLUMNS[kind].find((c) => normalizeHeader(c.name) === wanted || normalizeHeader(c.th) === wanted);
  return column?.name ?? null;
}

/** The template's header row in one language. */
export function templateHeader(kind: ImportKind, language: HeaderLanguage): string[] {
  return COLUMNS[kind].map((c) => (language === 'th' ? c.th : c.name));
}
