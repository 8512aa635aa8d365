/**
 * Fiscal years as officials name them: Buddhist era (พ.ศ. = C.E. + 543), 1 October to 30 September,
 * so fiscal 2570 runs from 1 October 2026 to 30 September 2027 (docs/PROGRAM.md, "Dates and language").
 * Days are Bangkok days: the logbook stores the day an activity happened (a date), the other tables
 * store instants, and both are bounded by the same Bangkok midnight.
 */

/** Thailand keeps UTC+7 all year. */
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
export const BUDDHIST_ERA_OFFSET = 543;
/** Years below this are Christian-era years typed by mistake (2026 is not พ.ศ. 2026). */
export const MIN_BUDDHIST_YEAR = 2400;
export const MAX_BUDDHIST_YEAR = 2800;

const THAI_MONTHS = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];

export interface FiscalYear {
  /** The Buddhist-era fiscal year, e.g. 2570. */
  year: number;
  /** First day, inclusive (Gregorian, YYYY-MM-DD): '2026-10-01'. */
  firstDay: string;
  /** Last day, inclusive: '2027-09-30'. */
  lastDay: string;
  /** The day after the last: the exclusive bound for date columns. */
  endDay: string;
  /** Bangkok midnight of the first day, and of the day after the last (exclusive), for timestamps. */
  start: Date;
  end: Date;
}

export function fiscalYear(year: number): FiscalYear {
  // Fiscal 2570 ends in the Gregorian year 2027 and starts in October 2026.
  const endsIn = year - BUDDHIST_ERA_OFFSET;
  return {
    year,
    firstDay: `${endsIn - 1}-10-01`,
    lastDay: `${endsIn}-09-30`,
    endDay: `${endsIn}-10-01`,
    start: new Date(Date.UTC(endsIn - 1, 9, 1) - BANGKOK_OFFSET_MS),
    end: new Date(Date.UTC(endsIn, 9, 1) - BANGKOK_OFFSET_MS),
  };
}

/** The fiscal year an instant falls in, in Bangkok. */
export function fiscalYearOf(instant: Date): number {
  const bangkok = new Date(instant.getTime() + BANGKOK_OFFSET_MS);
  const year = bangkok.getUTCFullYear() + (bangkok.getUTCMonth() >= 9 ? 1 : 0);
  return year + BUDDHIST_ERA_OFFSET;
}

export interface FiscalMonth {
  /** Gregorian 'YYYY-MM', as the database groups it. */
  month: string;
  /** 'ต.ค. 2569': the label officials read. */
  labelTh: string;
}

/** The twelve months of a fiscal year, October first. */
export function monthsOf(fy: FiscalYear): FiscalMonth[] {
  const startYear = fy.year - BUDDHIST_ERA_OFFSET - 1;
  return Array.from({ length: 12 }, (_, i) => {
    const monthIndex = (9 + i) % 12;
    const year = startYear + (9 + i >= 12 ? 1 : 0);
    return { month: `${year}-${String(monthIndex + 1).padStart(2, '0')}`, labelTh: `${THAI_MONTHS[monthIndex]} ${year + BUDDHIST_ERA_OFFSET}` };
  });
}
