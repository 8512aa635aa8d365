import type { ErrorCode } from '../../domain/error-codes';
import type { errorCodesTh, errorWordsTh } from './errors-th';

export interface ErrorDictionary {
  codes: typeof errorCodesTh;
  fields: Record<string, string>;
  words: typeof errorWordsTh;
}

/** What the UI knows of a failed request: the server's status, code and field (never its message). */
export interface ErrorFacts {
  status: number;
  code?: string;
  field?: string;
}

const isKnown = (codes: Record<ErrorCode, string>, code: string | undefined): code is ErrorCode => !!code && Object.hasOwn(codes, code);

/**
 * The sentence a user reads for an error, looked up from its code, and the field it concerns in
 * words ("เลขประจำตัวประชาชน · สมาชิกคนที่ 2"); status 0 is a network failure. A code this UI does
 * not know yet (a newer server) still gets a sentence by its status, never the server's text.
 */
export function errorText(error: ErrorFacts, dictionary: ErrorDictionary): { text: string; field?: string } {
  const { codes, words } = dictionary;
  if (error.status === 0) return { text: words.network };
  const text = isKnown(codes, error.code) ? codes[error.code] : error.status === 404 ? codes.NOT_FOUND : error.status >= 500 ? codes.INTERNAL : words.generic;
  const field = fieldWords(error.field, dictionary);
  return field ? { text, field } : { text };
}

/**
 * `body.household.members[1].nationalId` → "เลขประจำตัวประชาชน · สมาชิกคนที่ 2". Parts that mean
 * nothing to a user (headers, the url) are left out.
 */
export function fieldWords(path: string | undefined, { fields, words }: ErrorDictionary): string | undefined {
  if (!path || /^(headers|url)\b/.test(path)) return undefined;
  const parts = [...path.matchAll(/([A-Za-z]+)(?:\[(\d+)\])?/g)].map((m) => ({ name: m[1], index: m[2] === undefined ? undefined : Number(m[2]) + 1 }));
  const named = [...parts].reverse().find((p) => fields[p.name]);
  if (!named) return undefined;
  const where = parts
    .filter((p) => p !== named && p.index !== undefined)
    .map((p) => (p.name === 'members' ? words.member(p.index!) : words.entry(p.index!)));
  const own = named.index !== undefined ? [named.name === 'members' ? words.member(named.index) : words.entry(named.index)] : [];
  return [fields[named.name], ...where, ...own].join(' · ');
}
