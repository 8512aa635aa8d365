/** The daily digest (docs/API.md, "Notifications"): a Schedule starts one run a day. */
export const DAILY_DIGEST_SCHEDULE_ID = 'daily-digest';

export interface DigestRunResult {
  /** The Bangkok day the run sends for (YYYY-MM-DD). */
  day: string;
  recipients: number;
  sent: number;
  /** Already had this day's digest: the Schedule fired twice, or the activity was retried. */
  alreadySent: number;
  nothingToSend: number;
}
