import { format, isValid, parse } from 'date-fns';
import { BUDDHIST_ERA_OFFSET } from '../../domain/fiscal-year';
import type { Lang } from './i18n';

/**
 * Dates as officials type them: day/month/year, the year in the Buddhist era in Thai
 * ("31/03/2570"), Gregorian in English. The API takes and gives Gregorian YYYY-MM-DD; date-fns
 * does the calendar checks (no 31 April, 29 February only in leap years).
 */
const TYPED = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/;
const ISO = 'yyyy-MM-dd';

/** '2027-03-31' → '31/03/2570' (Thai) or '31/03/2027' (English); '' for no date. */
export function typedDate(iso: string, lang: Lang): string {
  const date = parse(iso, ISO, new Date(0));
  if (!iso || !isValid(date)) return '';
  const year = date.getFullYear() + (lang === 'th' ? BUDDHIST_ERA_OFFSET : 0);
  return `${format(date, 'dd/MM')}/${year}`;
}

/**
 * '31/03/2570' → '2027-03-31'; null for a day that does not exist or text that is not a date.
 * The era is converted before the calendar check, so 29/02/2567 (2024, a leap year) is a day.
 */
export function isoFromTyped(text: string, lang: Lang): string | null {
  const m = TYPED.exec(text);
  if (!m) return null;
  const year = Number(m[3]) - (lang === 'th' ? BUDDHIST_ERA_OFFSET : 0);
  if (year < 1900 || year > 2099) return null;
  const date = parse(`${m[1]}/${m[2]}/${year}`, 'd/M/yyyy', new Date(0));
  return isValid(date) ? format(date, ISO) : null;
}
