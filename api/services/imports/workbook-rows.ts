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

export async function* workbookRecords(path: string): AsyncGenerator<string[]> {
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
