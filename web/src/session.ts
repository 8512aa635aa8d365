import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Principal, Reference, Role } from './types';

/** Who is signed in, and the reference data every page labels with. */
export interface Session {
  user: Principal;
  reference: Reference;
  signOut(): void;
}
export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/** Which pages each role works in; the API enforces the same lines (403), this only hides dead ends. */
export const PAGE_ROLES = {
  inbox: ['mentor', 'operationsTeam', 'district', 'province', 'supervisor', 'admin'],
  tasks: ['agency'],
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

/** Name of an agency, district or other coded thing in the current language. */
export function nameOf(items: Array<{ code: string; nameTh: string; nameEn: string | null }>, code: string | null | undefined, lang: string): string {
  if (!code) return '–';
  const item = items.find((i) => i.code === code);
  if (!item) return code;
  return lang === 'en' && item.nameEn ? item.nameEn : item.nameTh;
}
