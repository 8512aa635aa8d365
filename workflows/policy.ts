/**
 * The timing policy of a case. Every duration is a setting per province (docs/PROGRAM.md,
 * "Policy settings"); a case keeps the version it started with until an explicit migration moves it.
 */
export interface CasePolicy {
  version: string;
  provinceCode: string | null;
  dueDays: {
    verification: number;
    analysis: number;
    districtAssignment: number;
    assistance: number;
  };
  /** A reminder goes to the step's owner this many days before the due date. */
  reminderDaysBefore: number;
  /** Still overdue this many days after the first escalation: escalate again. */
  reescalateAfterDays: number;
  /** Follow-up visits, in months after the last task ends. */
  followUpMonths: number[];
  /** Long-term welfare track: one follow-up a year. */
  welfareFollowUpMonths: number;
  /** District meeting cadence, as a cron expression (monthly by default). */
  districtMeetingCron: string;
  /**
   * How many days the author of a record (or an agency, of its activity) may correct it alone;
   * after that the district corrects it, with a reason. Absent in policies of cases started
   * before corrections existed: they read the default (`correctionDaysOf`).
   */
  correctionDays?: number;
}

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
