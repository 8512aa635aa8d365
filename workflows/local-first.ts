import { isCancellation, TemporalFailure } from '@temporalio/workflow';

/**
 * A projection run first as a local activity (inside the workflow task that made the change, so an
 * update answers once the read model holds it), handed to the ordinary activity when its quick
 * local attempts fail: there it retries without limit, where a supervisor sees it as an incident
 * (activity-options.ts, `localProjection`).
 */
export async function localFirst<S>(state: S, local: (s: S) => Promise<void>, activity: (s: S) => Promise<void>): Promise<void> {
  try {
    await local(state);
  } catch (error) {
    // A local activity's failure arrives as the activity's own failure (not wrapped in ActivityFailure).
    if (!(error instanceof TemporalFailure) || isCancellation(error)) throw error;
    await activity(state);
  }
}
