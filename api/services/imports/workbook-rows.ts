import { open } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { ApiError } from '../../errors';

/**
 * Reads an uploaded Excel workbook (.xlsx) into the same records a CSV gives: the first sheet,
 * row by row, every value as text. The workbook is streamed from disk (exceljs' WorkbookReader),
 * so a 50 MB file is never held whole. Rows Excel leaves out (blank rows) come back as empty
 * records, so row numbers stay the spreadsheet's. Cells past the header's last column are
 * ignored: in a workbook they cannot shift a value into another column, as a stray comma can.
 */
export const workbookRefusal = (): ApiError =>
  new ApiError(422, 'the workbook cannot be read (damaged, password-protected, or not an .xlsx file): open it in Excel and save it again as .xlsx or "CSV UTF-8"', 'file', 'XLSX_UNREADABLE');

/**
 * A workbook is a zip: 50 MB of it can inflate to gigabytes (a "zip bomb"), and exceljs keeps the
 * shared strings in memory. The sizes the zip's central directory declares are checked before
 * anything is inflated; past these, the file is refused as too large.
 */
const MAX_INFLATED_BYTES = 2 * 1024 ** 3;
const MAX_SHARED_STRINGS_BYTES = 256 * 1024 ** 2;
const tooLargeInflated = (): ApiError => new ApiError(413, 'the workbook unpacks to more than Kaejon reads at once: split it, or save it as "CSV UTF-8"', 'file', 'FILE_TOO_LARGE');

export async function* workbookRecords(path: string): AsyncGenerator<string[]> {
  await checkDeclaredSizes(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'emit' });
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      if (sheets++ > 0) continue; // the first sheet only; later ones (the template's column guide) are skipped
      let width = 0;
      let lastRow = 0;
      for await (const row of sheet) {
        const values = rowValues(row);
        // The header is the first row holding a value; it sets how many columns every row has.
        if (width === 0) width = lastNonBlank(values);
        for (lastRow++; lastRow < row.number; lastRow++) yield [];
        yield width === 0 ? [] : Array.from({ length: width }, (_, i) => values[i] ?? '');
      }
    }
  } catch (error) {
    if (error instanceof ApiError || (error as { syscall?: string }).syscall) throw error;
    throw workbookRefusal();
  }
  if (sheets === 0) throw workbookRefusal();
}

function rowValues(row: ExcelJS.Row): string[] {
  const values: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    values[column - 1] = cellText(cell.value);
  });
  return Array.from(values, (v) => v ?? '');
}

const lastNonBlank = (values: string[]): number => {
  for (let i = values.length; i > 0; i--) if (values[i - 1] !== '') return i;
  return 0;
};

/**
 * A cell's value as the text a CSV would hold: numbers in plain digits (a 13-digit ID typed into
 * a number cell stays 13 digits), dates as YYYY-MM-DD, formulas as their result, rich text and
 * hyperlinks as their text, errors (#N/A) as blank.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
  if ('error' in value) return '';
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return cellText(value.text);
  return '';
}

/** Reads the zip's end-of-central-directory record and its entries' declared uncompressed sizes. */
async function checkDeclaredSizes(path: string): Promise<void> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (end < 0 || end + 22 > tail.length) throw workbookRefusal();
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    // Zip64 (0xFFFFFFFF) or a directory past the file's end: no workbook an official saves.
    if (directoryOffset + directorySize > size) throw workbookRefusal();
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, directoryOffset);
    let total = 0;
    for (let at = 0; at + 46 <= directory.length && directory.readUInt32LE(at) === 0x02014b50; ) {
      const inflated = directory.readUInt32LE(at + 24);
      const nameLength = directory.readUInt16LE(at + 28);
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
      total += inflated;
      if (inflated === 0xffffffff || total > MAX_INFLATED_BYTES || (/sharedStrings\.xml$/i.test(name) && inflated > MAX_SHARED_STRINGS_BYTES)) throw tooLargeInflated();
      at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
  } finally {
    await file.close();
  }
}
