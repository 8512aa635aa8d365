import type { Role } from '../workflows/roles';

/**
 * The page each role opens on (`#/`) and the request that page makes first. Shared by the web UI
 * (which starts that request with the app: web/src/landing-data.ts) and the API (which writes its
 * answer into the page itself on a signed-in navigation: api/plugins/first-screen.ts); the two must
 * name the same request, or the page would ask again.
 */
export type LandingPage = 'tasks' | 'dashboard' | 'inbox';

export const landingPage = (role: Role): LandingPage => (role === 'agency' ? 'tasks' : role === 'supervisor' ? 'dashboard' : 'inbox');

/** The path of each landing page's first request, as the page builds it (test/web/landing.test.ts checks). */
export const LANDING_DATA_PATH: Record<LandingPage, string> = {
  inbox: '/inbox?limit=100',
  tasks: '/inbox?kind=task&limit=100',
  dashboard: '/dashboard',
};
