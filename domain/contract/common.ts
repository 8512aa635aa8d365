import { FormatRegistry, Type, type TLiteral, type TUnion } from '@sinclair/typebox';
import { isCalendarDate, isInstant, type RejectionCode } from '../../workflows/rejections';

// TypeBox's own guards (api/routes compile them from these schemas) know the day format as ajv does.
if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', isCalendarDate);
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', isInstant);

/**
 * A Gregorian calendar day, the one definition every schema uses. The pattern refuses a
 * Buddhist-era year (25xx) rather than shifting it; ajv-formats' `date` refuses a day that does
 * not exist (2026-02-31), which the error handler answers as 422 INVALID_DATE. The workflows
 * check the same with isCalendarDate (workflows/rejections.ts).
 */
export const GregorianDate = Type.String({ format: 'date', pattern: '^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD, Gregorian (C.E.), a day that exists' });

/**
 * A closed list of words: a union of literals (what ajv validates and TypeBox's compiled guards
 * understand), typed as the words' union. TypeBox cannot map a tuple of words to a tuple of
 * literal schemas by itself, so the type is stated here, once, for every word list.
 */
export function literals<const T extends readonly string[]>(values: T): TUnion<{ [K in keyof T]: TLiteral<T[K]> } & TLiteral[]> {
  return Type.Union(values.map((value) => Type.Literal(value))) as TUnion<{ [K in keyof T]: TLiteral<T[K]> } & TLiteral[]>;
}

/** The area codes, one definition each: province (2 digits), district (4), subdistrict (6). */
export const ProvinceCode = Type.String({ pattern: '^[0-9]{2}$', description: 'Province code (2 digits)' });
export const DistrictCode = Type.String({ pattern: '^[0-9]{4}$', description: 'District code (4 digits)' });
export const SubdistrictCode = Type.String({ pattern: '^[0-9]{6}$', description: 'Subdistrict code (6 digits)' });

/**
 * The schema keyword naming the stable code a field's implausible values are refused with: the
 * API answers a range or length violation of that field as 422 with this code (api/errors.ts),
 * not as a 400 shape error. An OpenAPI extension, so the published document carries it too.
 */
export const REFUSAL_CODE_KEYWORD = 'x-refusal-code';
export const refusedAs = (code: RejectionCode): Record<string, RejectionCode> => ({ [REFUSAL_CODE_KEYWORD]: code });

/** Baht: non-negative, at most 10 million (two decimals at most: checked by workflows/plausibility.ts). */
export const Baht = Type.Number({ minimum: 0, maximum: 10_000_000, description: 'Baht, at most two decimals', ...refusedAs('AMOUNT_INVALID') });
/** A count of items handed over. */
export const ItemCount = Type.Integer({ minimum: 0, maximum: 100_000, ...refusedAs('AMOUNT_INVALID') });
