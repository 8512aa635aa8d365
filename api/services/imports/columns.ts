import { ApiError } from '../../errors';
import type { ImportKind } from '../../../workflows/import/messages';
import { canonicalColumn, COLUMNS } from '../../../domain/imports/columns';

/**
 * The header check of an upload. The columns themselves (Thai and English headers, meaning,
 * format, example) live in domain/imports/columns.ts, shared with the templates and the UI's
 * column guide. Unknown columns are ignored, and only the known ones are staged.
 */
export { COLUMNS };

/** The columns as a Markdown list, for the routes' OpenAPI descriptions. */
export function describeColumns(kind: ImportKind): string {
  return COLUMNS[kind].map((c) => `- \`${c.name}\` or \`${c.th}\`${c.required ? ' (required column)' : ''}: ${c.description.en}`).join('\n');
}

/**
 * Checks the header row and answers, for each position, the known column it holds (or null).
 * A header may be in Thai or English, column by column. A missing required column is a 422
 * naming it; so is a column given twice (in either language).
 */
export function checkHeader(kind: ImportKind, header: string[]): Array<string | null> {
  const names = header.map((h) => canonicalColumn(kind, h));
  const seen = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    if (seen.has(name)) throw new ApiError(422, `the column ${name} appears twice in the header`, name, 'BAD_HEADER');
    seen.add(name);
  }
  for (const column of COLUMNS[kind]) {
    if (column.required && !seen.has(column.name)) throw new ApiError(422, `the header has no ${column.name} (${column.th}) column`, column.name, 'MISSING_COLUMN');
  }
  if (kind === 'survey' && !seen.has('house_code') && !seen.has('household_id')) {
    throw new ApiError(422, 'the header needs a house_code or a household_id column', 'house_code', 'MISSING_COLUMN');
  }
  return names;
}
