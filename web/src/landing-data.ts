import { qs } from './api';
import { LANDING_DATA_PATH, type LandingPage } from '../../common/landing';
import { landingPage } from './session';
import type { Role } from './types';

/**
 * The first request of each landing page, built in one place so the app can start it while the
 * page's code is still on its way (main.tsx) and the page then takes that answer (api.prefetch):
 * on a slow line that is one round trip less before the first screen.
 */
export const INBOX_PAGE = 100;
export const inboxPath = (filters: { due?: string; kind?: string; offset?: number }) => `/inbox${qs({ ...filters, limit: INBOX_PAGE })}`;
// The area filter's value (components/area-filter.tsx), spelt out so that the API's tests can import this file.
export const dashboardPath = (area: { provinceCode?: string; districtCode?: string; subdistrictCode?: string }) => `/dashboard${qs({ ...area })}`;

/** The same paths the API embeds the answer of (common/landing.ts; test/web/landing.test.ts checks the pages build them). */
export const landingDataPath = (role: Role): string => LANDING_DATA_PATH[landingPage(role)];

const LAST_LANDING = 'kaejon.landing';

/**
 * The landing page of whoever last used the app on this phone ('inbox', 'dashboard' or 'tasks':
 * nothing personal), so that an opening from the service worker's shell can ask for that page's
 * data beside /auth/me instead of after it. Forgotten at sign-out.
 */
export function lastLanding(): LandingPage | undefined {
  try {
    const page = localStorage.getItem(LAST_LANDING);
    return page && Object.keys(LANDING_DATA_PATH).includes(page) ? (page as LandingPage) : undefined;
  } catch {
    return undefined;
  }
}

export function rememberLanding(page: LandingPage | undefined): void {
  try {
    if (page) localStorage.setItem(LAST_LANDING, page);
    else localStorage.removeItem(LAST_LANDING);
  } catch {
    // Private mode: the next opening just asks after /auth/me.
  }
}
