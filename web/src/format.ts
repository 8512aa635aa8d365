import { fiscalYearOf } from '../../domain/fiscal-year';
import type { Lang } from './i18n';

/**
 * Dates as officials read them: the Buddhist era (พ.ศ.) in Thai, always in Bangkok time. The
 * platform's Intl calendars do the era arithmetic, so there is no hand-written "+ 543" to get wrong.
 */
const BANGKOK = 'Asia/Bangkok';
const locale = (lang: Lang) => (lang === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB');
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}:${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lang), { timeZone: BANGKOK, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** '21 พ.ย. 2569' / '21 Nov 2026'. A date-only value ('2026-11-21') is that calendar day. */
export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '–';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+07:00`) : new Date(value);
  return Number.isNaN(date.getTime()) ? value : formatter(lang, { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

export function formatDateTime(value: string | null | undefined, lang: Lang): string {
  if (!value) return '–';
  return formatter(lang, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(value));
}

export function formatNumber(value: number, lang: Lang, digits = 0): string {
  return new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}

/**
 * Baht as an official writes it: whole baht without decimals ("1,500"), otherwise exactly two
 * ("1,500.50", never "1,500.5").
 */
export function formatBaht(value: number, lang: Lang): string {
  const whole = Number.isInteger(Math.round(value * 100) / 100);
  const digits = whole ? 0 : 2;
  return new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A Gregorian year shown in the user's era: 1980 → 2523 in Thai. */
export function formatYear(gregorianYear: number | null | undefined, lang: Lang): string {
  if (!gregorianYear) return '–';
  // The column heading names the era; the cell shows the number alone.
  return formatter(lang, { year: 'numeric' }).formatToParts(new Date(Date.UTC(gregorianYear, 6, 1))).find((p) => p.type === 'year')?.value ?? String(gregorianYear);
}

function bangkokParts(now: Date): { year: number; month: number; day: number } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: BANGKOK, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(now).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/** Today in Bangkok as YYYY-MM-DD (Gregorian), what the API's date fields take. */
export function todayIso(now = new Date()): string {
  const { year, month, day } = bangkokParts(now);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The Buddhist-era fiscal year (October–September) that `now` falls in: 21 Nov 2026 → 2570. */
export function currentFiscalYear(now = new Date()): number {
  return fiscalYearOf(now);
}

/** The fiscal years a report page offers: this one and the four before it. */
export function recentFiscalYears(now = new Date()): number[] {
  const current = currentFiscalYear(now);
  return [0, 1, 2, 3, 4].map((back) => current - back);
}

export function isPast(value: string | null | undefined, now = Date.now()): boolean {
  return !!value && new Date(value).getTime() < now;
}
