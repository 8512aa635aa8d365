import type { CasePolicy } from '../domain/contract/policy';

/**
 * The timing policy of a case. Every duration is a setting per province (docs/PROGRAM.md,
 * "Policy settings"; the schema is domain/contract/policy.ts); a case keeps the version it started
 * with until an explicit migration moves it.
 */
export type { CasePolicy };

export const DEFAULT_CORRECTION_DAYS = 7;

export const DEFAULT_POLICY: CasePolicy = {
  version: 'default-1',
  provinceCode: null,
  dueDays: { verification: 30, analysis: 30, districtAssignment: 45, assistance: 90 },
  reminderDaysBefore: 7,
  reescalateAfterDays: 30,
  followUpMonths: [1, 3, 12],
  welfareFollowUpMonths: 12,
  districtMeetingCron: '0 9 1 * *',
  correctionDays: DEFAULT_CORRECTION_DAYS,
};

export function correctionDaysOf(policy: Pick<CasePolicy, 'correctionDays'>): number {
  return policy.correctionDays ?? DEFAULT_CORRECTION_DAYS;
}
