import { ApplicationFailure } from '@temporalio/common';

/**
 * Why a request was refused, as data: a stable machine `code` the UI translates, and the `field`
 * it concerns. The workflows' update validators throw these; the API adds its own edge checks
 * (reference codes, real dates) with the same codes, so a client learns one list.
 *
 * Codes are part of the public contract: add new ones, never rename or reuse one.
 */
export const REJECTION_CODES = [
  // 403: the caller's role or agency may not do this.
  'FORBIDDEN_ROLE',
  /** The case's problems are assigned by the other level (district vs. province). */
  'WRONG_LEVEL',
  /** The task belongs to another agency. */
  'WRONG_AGENCY',
  /** Corrections: only the author corrects alone, and only within the policy's window. */
  'NOT_AUTHOR',
  'CORRECTION_WINDOW_OVER',
  /** In an emergency, the province's policy names who records urgent relief (docs/PROGRAM.md, "Emergencies"). */
  'EMERGENCY_APPROVER_ONLY',
  // 409: not possible in the state the case, task or meeting is in now.
  'WRONG_STAGE',
  'CASE_PAUSED',
  'NOT_PAUSED',
  'ALREADY_ESCALATED',
  'NOT_ESCALATED',
  'ANALYSIS_MISSING',
  'NOT_ALL_SOLVED',
  'TASK_ENDED',
  'TASK_PAUSED',
  'MEETING_CLOSED',
  'CASE_ENDED',
  /** A voided entry cannot be amended or voided again. */
  'ALREADY_VOIDED',
  // 422: values that do not fit.
  'REQUIRED',
  'INVALID_VALUE',
  'OUT_OF_RANGE',
  'INVALID_DATE',
  'UNKNOWN_PROBLEM',
  'PROBLEM_NOT_OPEN',
  'DUPLICATE_ENTRY',
  'SAME_CASE',
  'SAME_AREA',
  'SAME_POLICY',
  'USE_VERIFICATION',
  'CONFLICTING_DECISION',
  // 422: well formed but implausible (workflows/plausibility.ts), at the API and in the validators.
  /** A day after today in Bangkok (an activity or visit that has not happened yet). */
  'DATE_IN_FUTURE',
  /** A day before the case opened. */
  'DATE_BEFORE_CASE',
  /** A birth year outside a human lifespan (this year − 120 .. this year). */
  'BIRTH_YEAR_IMPLAUSIBLE',
  /** A household without a single member. */
  'NO_MEMBERS',
  /** A TPMAP target that fails no indicator. */
  'NO_FAILED_INDICATOR',
  /** A negative, too large or too precise amount (baht: at most two decimals; items: whole). */
  'AMOUNT_INVALID',
  // 422 from corrections.
  'REASON_REQUIRED',
  'UNKNOWN_ENTRY',
  'NOTHING_TO_CHANGE',
  /** Voiding the last activity of a completed task needs a note saying it was done without cost. */
  'LAST_ACTIVITY',
  /** A household that is helped keeps at least one problem. */
  'LAST_PROBLEM',
  /** A task completed with nothing in its logbook and no "done without cost" note. */
  'TASK_NO_ACTIVITY',
  // 422 from the API's checks against reference data and the read model.
  'UNKNOWN_CODE',
  'AREA_MISMATCH',
  'DIMENSION_MISMATCH',
  'UNKNOWN_CASE',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** ApplicationFailure types, which the API maps to HTTP: wrong stage → 409, wrong role → 403, bad values → 422. */
export const REJECTION = { stage: 'InvalidStage', role: 'Forbidden', input: 'InvalidInput' } as const;
export type RejectionKind = keyof typeof REJECTION;

/** What a rejection carries in `ApplicationFailure.details[0]`. */
export interface RejectionDetail {
  code: RejectionCode;
  /** The path in the update's input (`results[0].problemId`); absent when no one field is at fault. */
  field?: string;
}

export interface Refusal extends RejectionDetail {
  kind: RejectionKind;
  message: string;
}

export function refusal(kind: RejectionKind, code: RejectionCode, message: string, field?: string): Refusal {
  return { kind, code, message, ...(field !== undefined ? { field } : {}) };
}

/** Throws the refusal from an update validator: the update is rejected and leaves no history. */
export function raise(r: Refusal): never {
  const detail: RejectionDetail = { code: r.code, ...(r.field !== undefined ? { field: r.field } : {}) };
  throw ApplicationFailure.create({ type: REJECTION[r.kind], message: r.message, nonRetryable: true, details: [detail] });
}

export function reject(kind: RejectionKind, code: RejectionCode, message: string, field?: string): never {
  raise(refusal(kind, code, message, field));
}

/** At most a short excerpt of what the caller sent: a message never echoes input without bound. */
export function excerpt(value: unknown, max = 40): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** YYYY-MM-DD naming a day that exists (no 2026-02-31), Gregorian 1900–2099. Pure: safe in workflows. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^((?:19|20)\d{2})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An ISO 8601 instant with its offset (2026-12-01T03:00:00.000Z), as JSON and `toISOString` write it. Pure: safe in workflows. */
export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * The time a visit or an activity was recorded on the phone, as its own time: never later than
 * the server's clock (a phone whose clock runs ahead records "now"). Without one, it is `now`.
 */
export function deviceTime(recordedOnDevice: string | undefined, now: string): string {
  if (!isInstant(recordedOnDevice)) return now;
  const device = new Date(recordedOnDevice).toISOString();
  return device < now ? device : now;
}

export function optionalInstant(value: unknown, field: string): void {
  if (value !== undefined && !isInstant(value)) reject('input', 'INVALID_DATE', `${field}: ${excerpt(value, 40)} is not a date and time (ISO 8601)`, field);
}

// ---- small checks the validators share (each throws a 422 naming the field) ----

export function requireText(value: unknown, field: string): void {
  if (typeof value !== 'string' || !value.trim()) reject('input', 'REQUIRED', `${field} is required`, field);
}

export function optionalText(value: unknown, field: string): void {
  if (value !== undefined && typeof value !== 'string') reject('input', 'INVALID_VALUE', `${field} must be text`, field);
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): asserts value is T {
  if (value === undefined || value === null) reject('input', 'REQUIRED', `${field} is required`, field);
  if (!allowed.includes(value as T)) reject('input', 'INVALID_VALUE', `${field}: ${excerpt(value)} is not one of ${allowed.join(', ')}`, field);
}

export function requireList(value: unknown, field: string, max: number): asserts value is unknown[] {
  if (!Array.isArray(value)) reject('input', 'REQUIRED', `${field} must be a list`, field);
  if (value.length > max) reject('input', 'OUT_OF_RANGE', `${field}: at most ${max} entries`, field);
}

export function requireDate(value: unknown, field: string, optional = false): void {
  if (optional && value === undefined) return;
  if (!isCalendarDate(value)) reject('input', 'INVALID_DATE', `${field}: ${excerpt(value, 20)} is not a calendar day (YYYY-MM-DD, Gregorian)`, field);
}

/** Province, district and subdistrict codes that nest (DOPA geocodes: each code starts with its parent's). */
export function requireArea(value: unknown, field: string): void {
  const area = value as { provinceCode?: unknown; districtCode?: unknown; subdistrictCode?: unknown } | undefined;
  if (!area || typeof area !== 'object') reject('input', 'REQUIRED', `${field} is required`, field);
  const digits = { provinceCode: 2, districtCode: 4, subdistrictCode: 6 } as const;
  // Applying an area copies it onto the household: nothing but the three codes may ride along.
  const extra = Object.keys(area).find((key) => !(key in digits));
  if (extra !== undefined) reject('input', 'INVALID_VALUE', `${field}: unexpected ${excerpt(extra)}`, `${field}.${excerpt(extra)}`);
  for (const [key, n] of Object.entries(digits)) {
    const code = (area as Record<string, unknown>)[key];
    if (typeof code !== 'string' || !new RegExp(`^\\d{${n}}$`).test(code)) reject('input', 'INVALID_VALUE', `${field}.${key} must be ${n} digits`, `${field}.${key}`);
  }
  const { provinceCode, districtCode, subdistrictCode } = area as { provinceCode: string; districtCode: string; subdistrictCode: string };
  if (!districtCode.startsWith(provinceCode)) reject('input', 'AREA_MISMATCH', `district ${districtCode} is not in province ${provinceCode}`, `${field}.districtCode`);
  if (!subdistrictCode.startsWith(districtCode)) reject('input', 'AREA_MISMATCH', `subdistrict ${subdistrictCode} is not in district ${districtCode}`, `${field}.subdistrictCode`);
}
