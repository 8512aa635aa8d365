import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { landingPage } from '../../common/landing';
import type { Principal, Reference, Role } from './types';

/** Who is signed in, and the reference data every page labels with. */
export interface Session {
  user: Principal;
  reference: Reference;
  /** Signs out; `confirmLoss` is asked first when recorded actions are still waiting to be sent. */
  signOut(confirmLoss: (waiting: number) => Promise<boolean>): void;
}
export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/**
 * Which pages each role works in; the API enforces the same lines (403), this only hides dead ends.
 * The order is the menu's: on a phone the first four sit on the bottom bar (layout.tsx).
 */
export const PAGE_ROLES = {
  inbox: ['mentor', 'operationsTeam', 'district', 'province', 'supervisor', 'admin'],
  tasks: ['agency'],
  dashboard: ['district', 'province', 'supervisor', 'admin'],
  households: ['mentor', 'operationsTeam', 'district', 'province', 'agency', 'supervisor', 'admin'],
  meetings: ['district', 'province', 'supervisor', 'admin'],
  supervisor: ['district', 'province', 'supervisor', 'admin'],
  imports: ['operationsTeam', 'district', 'province', 'supervisor', 'admin'],
  reports: ['mentor', 'operationsTeam', 'district', 'province', 'agency', 'supervisor', 'admin'],
  users: ['admin'],
  policies: ['province', 'supervisor', 'admin'],
  notifications: ['mentor', 'operationsTeam', 'district', 'province', 'agency', 'supervisor', 'admin'],
} satisfies Record<string, Role[]>;
export type PageKey = keyof typeof PAGE_ROLES;

export const mayUse = (role: Role, page: PageKey): boolean => (PAGE_ROLES[page] as Role[]).includes(role);

/** The page `#/` opens: an agency works from its tasks, a supervisor (who has no cases of its own) from the dashboard. */
// The API embeds the landing page's data in the page, so the rule lives where both can read it.
export { landingPage };

export const PAGE_PATHS: Record<PageKey, string> = {
  inbox: '/inbox',
  tasks: '/tasks',
  dashboard: '/dashboard',
  households: '/households',
  meetings: '/meetings',
  supervisor: '/supervisor',
  imports: '/imports',
  reports: '/reports',
  users: '/users',
  policies: '/policies',
  notifications: '/notifications',
};

/** The menu entry a location belongs to (`/households/x` is under households), for the active marker. */
export function pageOfLocation(location: string, role: Role): PageKey | undefined {
  if (location === '/' || location === '') return landingPage(role);
  return (Object.keys(PAGE_PATHS) as PageKey[]).find((page) => location === PAGE_PATHS[page] || location.startsWith(`${PAGE_PATHS[page]}/`));
}

/** Name of an agency, district or other coded thing in the current language. */
export function nameOf(items: Array<{ code: string; nameTh: string; nameEn: string | null }>, code: string | null | undefined, lang: string): string {
  if (!code) return '–';
  const item = items.find((i) => i.code === code);
  if (!item) return code;
  return lang === 'en' && item.nameEn ? item.nameEn : item.nameTh;
}
