import { UTCDate } from '@date-fns/utc';
import { addHours, format } from 'date-fns';
import { raise, refusal, requireDate, type Refusal } from './rejections';

/**
 * Values that are well formed but cannot be true: a visit tomorrow, an activity before the case
 * existed, a member born in 2090, a baht amount in tenths of a satang. The API checks them at the
 * edge and the workflow validators check them again, both through these functions, so the two
 * answer with the same code and field (docs/API.md, "Plausibility").
 *
 * Pure and given the clock: a workflow passes its own deterministic time (`new Date()` in the
 * sandbox is the workflow task's time), the API the server's.
 */

/** Thailand keeps UTC+7 all year (no daylight saving since 1920). */
const BANGKOK_UTC_OFFSET_HOURS = 7;
/** Nobody in a household is older than this. */
export const HUMAN_LIFESPAN_YEARS = 120;
export const MAX_BAHT = 10_000_000;

/** The calendar day in Bangkok of an instant (ISO text or epoch ms): what "today" means to an official. */
export function bangkokDay(instant: string | number | Date): string {
  return format(addHours(new UTCDate(typeof instant === 'string' ? Date.parse(instant) : instant), BANGKOK_UTC_OFFSET_HOURS), 'yyyy-MM-dd');
}

/** The Gregorian year in Bangkok of an instant. */
export function bangkokYear(instant: string | number | Date): number {
  return Number(bangkokDay(instant).slice(0, 4));
}

/**
 * A day someone says something happened (YYYY-MM-DD, already a real day): not after today in
 * Bangkok, and not before the case opened (its Bangkok day), when that is known.
 */
export function pastDayRefusal(day: string, field: string, now: string | number | Date, caseOpenedAt?: string | null): Refusal | null {
  const today = bangkokDay(now);
  if (day > today) return refusal('input', 'DATE_IN_FUTURE', `${field}: ${day} is after today (${today}, Bangkok)`, field);
  if (caseOpenedAt) {
    const opened = bangkokDay(caseOpenedAt);
    if (day < opened) return refusal('input', 'DATE_BEFORE_CASE', `${field}: ${day} is before the case opened (${opened})`, field);
  }
  return null;
}

/** A birth year (Gregorian) within a human lifespan of this year in Bangkok. */
export function birthYearRefusal(year: unknown, field: string, now: string | number | Date): Refusal | null {
  if (year === undefined) return null;
  const thisYear = bangkokYear(now);
  const ok = typeof year === 'number' && Number.isInteger(year) && year <= thisYear && year >= thisYear - HUMAN_LIFESPAN_YEARS;
  return ok ? null : refusal('input', 'BIRTH_YEAR_IMPLAUSIBLE', `${field} must be a Gregorian year from ${thisYear - HUMAN_LIFESPAN_YEARS} to ${thisYear}`, field);
}

/**
 * An amount: a finite number from 0 to 10,000,000; baht with at most two decimals (satang), items
 * whole. Two decimals: the amount is the number nearest some whole count of satang divided by 100
 * (0.29 is not exactly 29 / 100 in binary floating point, but it is that nearest number).
 */
export function amountRefusal(value: unknown, field: string, unit: 'baht' | 'items'): Refusal | null {
  const inRange = typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_BAHT;
  const precise = inRange && (unit === 'items' ? Number.isInteger(value) : Math.round(value * 100) / 100 === value);
  if (precise) return null;
  const what = unit === 'items' ? 'a whole number' : 'an amount in baht with at most two decimals';
  return refusal('input', 'AMOUNT_INVALID', `${field} must be ${what}, from 0 to 10,000,000`, field);
}

/** The validators' form: throws the refusal (an update rejected this way leaves no history). */
export function requireAmount(value: unknown, field: string, unit: 'baht' | 'items'): void {
  const refused = amountRefusal(value, field, unit);
  if (refused) raise(refused);
}

/** A real day (YYYY-MM-DD) that is not after today in Bangkok nor before the case opened. */
export function requirePastDay(value: unknown, field: string, now: string | number | Date, caseOpenedAt?: string | null): void {
  requireDate(value, field);
  const refused = pastDayRefusal(value as string, field, now, caseOpenedAt);
  if (refused) raise(refused);
}
