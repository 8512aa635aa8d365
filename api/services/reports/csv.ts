import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';

/** One CSV column: the header people read and how to take the value from a row. */
export interface CsvColumn<R> {
  header: string;
  value: (row: R) => string | number | boolean | null | undefined;
}

/**
 * A report as a CSV download. The UTF-8 byte-order mark makes Excel read the Thai text as UTF-8
 * (without it Excel guesses the ANSI code page and prints mojibake). Quoting is csv-stringify's.
 */
export function sendCsv<R>(reply: FastifyReply, filename: string, columns: Array<CsvColumn<R>>, rows: R[]): FastifyReply {
  const text = stringify(
    rows.map((row) => columns.map((c) => c.value(row) ?? null)),
    { bom: true, header: true, columns: columns.map((c) => c.header), cast: { boolean: (v) => (v ? 'true' : 'false') } },
  );
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .send(text);
}
