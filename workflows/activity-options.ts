import type { ActivityOptions } from '@temporalio/workflow';

/**
 * Named activity presets. Projections and lookups are short and retried without limit: a
 * PostgreSQL outage delays the read model, it never loses a transition.
 */
export const shortActivity: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};
