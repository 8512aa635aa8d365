import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { ImportKind } from '../../../workflows/import/messages';
import { COLUMNS, templateHeader, type HeaderLanguage } from '../../../domain/imports/columns';

/**
 * The blank templates an official fills in: the header row only (an example row would be imported
 * as a household if the template went back unchanged). The workbook's first sheet is the one an
 * upload reads; the second holds the column guide, and is never read.
 */
export type TemplateFormat = 'csv' | 'xlsx';

export const TEMPLATE_TYPES: Record<TemplateFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function templateFilename(kind: ImportKind, format: TemplateFormat, language: HeaderLanguage): string {
  return `kaejon-${kind}-template-${language}.${format}`;
}

export async function importTemplate(kind: ImportKind, format: TemplateFormat, language: HeaderLanguage): Promise<Buffer> {
  const header = templateHeader(kind, language);
  // The BOM makes Excel open the CSV as UTF-8, so the Thai headers read as Thai.
  if (format === 'csv') return Buffer.from(stringify([header], { bom: true }), 'utf8');
  return workbook(kind, header, language);
}

const SHEET_NAMES: Record<HeaderLanguage, { data: string; guide: string }> = {
  th: { data: 'ข้อมูล', guide: 'คำอธิบายคอลัมน์' },
  en: { data: 'data', guide: 'column guide' },
};

const GUIDE_HEADER: Record<HeaderLanguage, string[]> = {
  th: ['หัวคอลัมน์ (ไทย)', 'หัวคอลัมน์ (อังกฤษ)', 'จำเป็น', 'ความหมาย', 'รูปแบบ', 'ตัวอย่าง'],
  en: ['header (Thai)', 'header (English)', 'required', 'meaning', 'format', 'example'],
};

async function workbook(kind: ImportKind, header: string[], language: HeaderLanguage): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Kaejon';
  const data = book.addWorksheet(SHEET_NAMES[language].data, { views: [{ state: 'frozen', ySplit: 1 }] });
  // Every column is text: codes keep their leading zeros and national IDs are not shown as 3.6E+12.
  data.columns = header.map((name) => ({ header: name, width: Math.max(14, name.length + 4), style: { numFmt: '@' } }));
  data.getRow(1).font = { bold: true };

  const guide = book.addWorksheet(SHEET_NAMES[language].guide);
  guide.addRow(GUIDE_HEADER[language]).font = { bold: true };
  const yes = language === 'th' ? 'จำเป็น' : 'required';
  for (const c of COLUMNS[kind]) guide.addRow([c.th, c.name, c.required ? yes : '', c.description[language], c.format[language], c.example]);
  guide.columns.forEach((column, i) => (column.width = [24, 22, 10, 60, 26, 24][i]));
  return Buffer.from(await book.xlsx.writeBuffer());
}
