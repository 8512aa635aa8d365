import { Type } from '@sinclair/typebox';

/**
 * A Gregorian calendar day, the one definition every schema uses. The pattern refuses a
 * Buddhist-era year (25xx) rather than shifting it; ajv-formats' `date` refuses a day that does
 * not exist (2026-02-31), which the error handler answers as 422 INVALID_DATE. The workflows
 * check the same with isCalendarDate (workflows/rejections.ts).
 */
export const GregorianDate = Type.String({ format: 'date', pattern: '^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD, Gregorian (C.E.), a day that exists' });

/** A closed list of words as a JSON-schema enum whose static type is the words' union. */
export function literals<const T extends readonly string[]>(values: T) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
}
