import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';

/**
 * Named activity presets. Projections and lookups are short and retried without limit: a
 * PostgreSQL outage delays the read model, it never loses a transition.
 */
export const shortActivity: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};

/**
 * The read-model projection runs first as a local activity: inside the workflow task that made the
 * change, so the change and its projection cost one task and one marker event instead of a task,
 * three activity events and a second task, and an update answers once its row is written. Two
 * quick attempts only: a projection that keeps failing is handed to the `shortActivity`, whose
 * retries a supervisor sees as an incident and can run again (POST /supervisor/incidents/:id/retry).
 */
export const localProjection: LocalActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 2 },
};
