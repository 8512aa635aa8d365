import { TPMAP_INDICATOR_CODES } from '../../db/reference/indicators';
import type { SurveyResultSignal } from '../../workflows/household-case/messages';
import type { RowProblem } from './target-rows';

/**
 * One staged row of the annual survey result: whose case it is and the surveyResult signal it
 * becomes. Years are Buddhist-era (พ.ศ.): a Gregorian year is the common slip, and is named so.
 */
export type SurveyRowResult = { householdId: string; idField: string; signal: SurveyResultSignal; problem?: undefined } | { problem: RowProblem };

const INDICATORS: ReadonlySet<string> = new Set(TPMAP_INDICATOR_CODES);
const PASSED: Record<string, boolean> = { true: true, '1': true, yes: true, pass: true, passed: true, ผ่าน: true, false: false, '0': false, no: false, fail: false, failed: false, ไม่ผ่าน: false };
/** พ.ศ. 2400 is 1857 C.E.: anything below is a Gregorian year (or not a year). */
const FIRST_BE_YEAR = 2400;
const LAST_BE_YEAR = 2700;

export function surveyRowToSignal(data: Record<string, string>): SurveyRowResult {
  const houseCode = data.house_code?.trim();
  const householdId = houseCode || data.household_id?.trim();
  const idField = houseCode ? 'house_code' : data.household_id !== undefined ? 'household_id' : 'house_code';
  if (!householdId) return { problem: { field: idField, reason: 'the row names no household: give house_code or household_id' } };
  if (!/^[A-Za-z0-9-]{1,60}$/.test(householdId)) return { problem: { field: idField, reason: `${idField} "${householdId}" is not a household key` } };

  const yearText = data.year?.trim() ?? '';
  const year = /^[0-9]{4}$/.test(yearText) ? Number(yearText) : NaN;
  if (Number.isNaN(year)) return { problem: { field: 'year', reason: `year must be a Buddhist-era year such as 2570, not "${yearText}"` } };
  if (year < FIRST_BE_YEAR) return { problem: { field: 'year', reason: `year ${year} looks like a Gregorian (C.E.) year: give the Buddhist-era year (${year + 543})` } };
  if (year > LAST_BE_YEAR) return { problem: { field: 'year', reason: `year ${year} is not a survey year` } };

  const passedText = (data.passed ?? '').trim().toLowerCase();
  const passed = PASSED[passedText];
  if (passed === undefined) return { problem: { field: 'passed', reason: `passed must be true/false, 1/0 or ผ่าน/ไม่ผ่าน, not "${data.passed ?? ''}"` } };

  const failedIndicators = [...new Set((data.failed_indicators ?? '').split('|').map((c) => c.trim().toUpperCase()).filter(Boolean))];
  const unknown = failedIndicators.find((code) => !INDICATORS.has(code));
  if (unknown) return { problem: { field: 'failed_indicators', reason: `${unknown} is not a TPMAP indicator (H1..H4, L1..L4, E1..E4, I1..I3, A1, A2)` } };

  return { householdId, idField, signal: { year, passed, failedIndicators } };
}
