import { COLUMNS } from './columns';

/**
 * The Thai sentence for a rejected row's reason. The reasons are written in English by the row
 * checks (target-rows.ts, survey-rows.ts, intake.ts, the database checks and the import
 * activities) and stored as they are, so the CSV report and older imports keep theirs; an
 * official reads the Thai one, matched here from the same templates. A reason no pattern knows
 * answers null, and the English one is shown: test/domain/row-reasons.test.ts keeps every
 * template covered.
 */
const COLUMN_TH: Record<string, string> = Object.fromEntries([...COLUMNS.targets, ...COLUMNS.survey].map((c) => [c.name, c.th]));
const columnTh = (column: string): string => COLUMN_TH[column] ?? column;
const LEVEL_TH: Record<string, string> = { province: 'จังหวัด', district: 'อำเภอ', subdistrict: 'ตำบล' };
const WHAT_TH: Record<string, string> = { 'house code': 'รหัสประจำบ้าน', 'national ID': 'เลขประจำตัวประชาชน', household: 'ครัวเรือน' };

type Translation = [RegExp, (m: RegExpMatchArray) => string];

const TRANSLATIONS: Translation[] = [
  [/^(\d+) national IDs for (\d+) members/, (m) => `มีเลขประจำตัวประชาชน ${m[1]} เลข แต่มีสมาชิก ${m[2]} คน: ใส่เลขตามลำดับชื่อสมาชิก`],
  [/^(\S+) is not a TPMAP indicator/, (m) => `${m[1]} ไม่ใช่ตัวชี้วัด TPMAP (H1..H4, L1..L4, E1..E4, I1..I3, A1, A2)`],
  [/^source must be tpmap, missed, vulnerable or thaiqm, not (.*)$/, (m) => `แหล่งที่มาต้องเป็น tpmap, missed, vulnerable หรือ thaiqm ไม่ใช่ ${m[1]}`],
  [/^a household has at least one member/, () => 'ครัวเรือนต้องมีสมาชิกอย่างน้อยหนึ่งคน: กรอกชื่อสมาชิกหรือชื่อหัวหน้าครัวเรือน'],
  [/birthYear must be a Gregorian year from (\d+) to (\d+)/, (m) => `ปีเกิดต้องเป็นปี ค.ศ. ระหว่าง ${m[1]} ถึง ${m[2]}`],
  [/^a TPMAP target fails at least one indicator$/, () => 'ครัวเรือนเป้าหมาย TPMAP ต้องไม่ผ่านอย่างน้อยหนึ่งตัวชี้วัด: กรอกตัวชี้วัดที่ไม่ผ่าน'],
  [/^(\w+): expected .*, got "(.*?)"?$/s, (m) => `ค่าในคอลัมน์ ${columnTh(m[1])} ไม่ถูกรูปแบบ ("${m[2]}"): ดูรูปแบบในคำอธิบายคอลัมน์`],
  [/^outside your area: you import for (province|district|subdistrict) (\d+) only$/, (m) => `อยู่นอกพื้นที่ของคุณ: คุณนำเข้าได้เฉพาะ${LEVEL_TH[m[1]]} ${m[2]}`],
  [/^district (\d+) is not in province (\d+)$/, (m) => `อำเภอ ${m[1]} ไม่อยู่ในจังหวัด ${m[2]}`],
  [/^subdistrict (\d+) is not in district (\d+)$/, (m) => `ตำบล ${m[1]} ไม่อยู่ในอำเภอ ${m[2]}`],
  [/^house code (\S+) is not registered in province (\d+)$/, (m) => `รหัสประจำบ้าน ${m[1]} ไม่ได้อยู่ในจังหวัด ${m[2]}`],
  [/^national ID check digit is wrong$/, () => 'เลขประจำตัวประชาชนไม่ถูกต้อง (หลักตรวจสอบผิด)'],
  [/^the same national ID appears twice$/, () => 'เลขประจำตัวประชาชนเดียวกันซ้ำกันในครัวเรือน'],
  [/^a (missed|vulnerable) household needs the reason it is added$/, (m) => `ครัวเรือน${m[1] === 'missed' ? 'ตกหล่น' : 'เปราะบาง'}ต้องระบุเหตุผลที่เพิ่ม`],
  [/^no subdistrict (\S+)$/, (m) => `ไม่มีตำบลรหัส ${m[1]}`],
  [/^subdistrict (\d+) belongs to district (\d+)$/, (m) => `ตำบล ${m[1]} อยู่ในอำเภอ ${m[2]}`],
  [/^this house code is already in the program$/, () => 'รหัสประจำบ้านนี้อยู่ในโครงการแล้ว'],
  [/^a member is already in the program in another household$/, () => 'สมาชิกคนหนึ่งอยู่ในโครงการแล้วในครัวเรือนอื่น'],
  [/^this household is already in the program$/, () => 'ครัวเรือนนี้อยู่ในโครงการแล้ว'],
  [/^duplicate in file: same (house code|national ID|household) as row (\d+)$/, (m) => `ซ้ำในไฟล์: ${WHAT_TH[m[1]]}เดียวกับแถวที่ ${m[2]}`],
  [/^the row names no household/, () => 'แถวนี้ไม่ระบุครัวเรือน: กรอกรหัสประจำบ้านหรือรหัสครัวเรือนในระบบ'],
  [/^(\w+) "(.*)" is not a household key$/s, (m) => `${columnTh(m[1])} "${m[2]}" ไม่ใช่รหัสครัวเรือน`],
  [/^year must be a Buddhist-era year such as 2570, not "(.*)"$/s, (m) => `ปีที่สำรวจต้องเป็นปี พ.ศ. เช่น 2570 ไม่ใช่ "${m[1]}"`],
  [/^year (\d+) looks like a Gregorian \(C\.E\.\) year: give the Buddhist-era year \((\d+)\)$/, (m) => `ปี ${m[1]} เป็นปี ค.ศ.: ใส่ปี พ.ศ. (${m[2]})`],
  [/^year (\d+) is not a survey year$/, (m) => `ปี ${m[1]} ไม่ใช่ปีที่สำรวจ`],
  [/^passed must be true\/false, 1\/0 or ผ่าน\/ไม่ผ่าน, not "(.*)"$/s, (m) => `ผ่านเกณฑ์ต้องเป็น ผ่าน/ไม่ผ่าน, true/false หรือ 1/0 ไม่ใช่ "${m[1]}"`],
  [/^unknown household: (\S+) is not in the program( in your area)?$/, (m) => `ไม่พบครัวเรือน ${m[1]} ในโครงการ${m[2] ? 'ในพื้นที่ของคุณ' : ''}`],
  [/^the case (\S+) has ended and takes no survey result$/, () => 'กรณีของครัวเรือนนี้สิ้นสุดแล้ว รับผลสำรวจไม่ได้'],
];

export function rowReasonTh(reason: string): string | null {
  for (const [pattern, translate] of TRANSLATIONS) {
    const match = reason.match(pattern);
    if (match) return translate(match);
  }
  return null;
}
