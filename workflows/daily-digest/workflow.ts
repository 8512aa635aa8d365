import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { DigestRunResult } from './messages';

const { sendDailyDigests } = proxyActivities<Activities>({
  // One activity walks every recipient, heartbeating: a worker that dies mid-run is noticed within
  // the heartbeat timeout, and the retry sends only the digests not yet marked sent.
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 minute', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 8 },
});

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The Bangkok calendar day of an instant (Thailand keeps UTC+7 all year). */
export function bangkokDay(epochMs: number): string {
  return new Date(epochMs + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Started by the daily Schedule. The day is the workflow's own start time in Bangkok (Date.now()
 * is deterministic in a workflow), so a run retried past midnight still sends the day it began.
 */
export async function dailyDigestWorkflow(): Promise<DigestRunResult> {
  return sendDailyDigests(bangkokDay(Date.now()));
}
