import { ApiError } from '../../errors';
import type { ImportKind } from '../../../workflows/import/messages';

/**
 * The columns of each kind of CSV import. Header names are matched case-insensitively after
 * trimming; unknown columns are ignored (TPMAP exports carry more than the program needs), and
 * only the known ones are staged.
 */
export interface ColumnSpec {
  name: string;
  required: boolean;
  description: string;
}

export const TARGET_COLUMNS: ColumnSpec[] = [
  { name: 'house_code', required: true, description: '11-digit house code (รหัสประจำบ้าน); blank for a household without one' },
  { name: 'province_code', required: true, description: '2-digit province code (DOPA)' },
  { name: 'district_code', required: true, description: '4-digit district code' },
  { name: 'subdistrict_code', required: true, description: '6-digit subdistrict code' },
  { name: 'village_no', required: false, description: 'village number (หมู่ที่)' },
  { name: 'address', required: false, description: 'address text' },
  { name: 'head_name', required: true, description: 'name of the head of household' },
  { name: 'member_names', required: true, description: 'member names separated by |; blank: the head is the only member' },
  { name: 'member_national_ids', required: false, description: '13-digit national IDs separated by |, in the order of member_names (an empty entry for a member without one)' },
  { name: 'failed_indicators', required: true, description: 'TPMAP indicators the household fails, separated by | (H1..H4, L1..L4, E1..E4, I1..I3, A1, A2)' },
  { name: 'source', required: false, description: 'tpmap (default), missed, vulnerable or thaiqm' },
  { name: 'entry_reason', required: false, description: 'why a missed or vulnerable household is added (required for those)' },
];

export const SURVEY_COLUMNS: ColumnSpec[] = [
  { name: 'house_code', required: false, description: 'the household’s house code (or give household_id)' },
  { name: 'household_id', required: false, description: 'the household’s id in the program, for one without a house code' },
  { name: 'year', required: true, description: 'survey year in the Buddhist era, e.g. 2570' },
  { name: 'passed', required: true, description: 'true/false, 1/0 or ผ่าน/ไม่ผ่าน' },
  { name: 'failed_indicators', required: false, description: 'TPMAP indicators still failed, separated by |' },
];

export const COLUMNS: Record<ImportKind, ColumnSpec[]> = { targets: TARGET_COLUMNS, survey: SURVEY_COLUMNS };

/** The columns as a Markdown list, for the routes' OpenAPI descriptions. */
export function describeColumns(kind: ImportKind): string {
  return COLUMNS[kind].map((c) => `- \`${c.name}\`${c.required ? ' (required column)' : ''}: ${c.description}`).join('\n');
}

/**
 * Checks the header row and answers, for each position, the known column it holds (or null).
 * A missing required column is a 422 naming it; so is a column given twice.
 */
export function checkHeader(kind: ImportKind, header: string[]): Array<string | null> {
  const known = new Set(COLUMNS[kind].map((c) => c.name));
  const names = header.map((h) => h.trim().toLowerCase());
  const seen = new Set<string>();
  for (const name of names) {
    if (!known.has(name)) continue;
    if (seen.has(name)) throw new ApiError(422, `the column ${name} appears twice in the header`, name, 'BAD_HEADER');
    seen.add(name);
  }
  for (const column of COLUMNS[kind]) {
    if (column.required && !seen.has(column.name)) throw new ApiError(422, `the header has no ${column.name} column`, column.name, 'MISSING_COLUMN');
  }
  if (kind === 'survey' && !seen.has('house_code') && !seen.has('household_id')) {
    throw new ApiError(422, 'the header needs a house_code or a household_id column', 'house_code', 'MISSING_COLUMN');
  }
  return names.map((name) => (known.has(name) ? name : null));
}
