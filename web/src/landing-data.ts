import { qs } from './api';
import type { AreaFilterValue } from './components/area-filter';
import { landingPage } from './session';
import type { Role } from './types';

/**
 * The first request of each landing page, built in one place so the app can start it while the
 * page's code is still on its way (main.tsx) and the page then takes that answer (api.prefetch):
 * on a slow line that is one round trip less before the first screen.
 */
export const inboxPath = (filters: { due?: string; kind?: string }) => `/inbox${qs({ ...filters, limit: 100 })}`;
export const dashboardPath = (area: AreaFilterValue) => `/dashboard${qs({ ...area })}`;

export function landingDataPath(role: Role): string {
  const page = landingPage(role);
  return page === 'dashboard' ? dashboardPath({}) : page === 'tasks' ? inboxPath({ kind: 'task' }) : inboxPath({});
}
