import type { Principal, Reference } from './types';

/**
 * What the server wrote into the page for a signed-in navigation (api/plugins/first-screen.ts):
 * the user (GET /auth/me), the reference data and the landing page's first answer, so the first
 * screen needs no request of its own. Absent when signed out, and in the service worker's shell.
 * Taken once and removed from the document: after sign-out nothing of it stays reachable.
 */
export interface FirstScreenData {
  user: Principal;
  reference: Reference;
  landing?: { path: string; data: unknown };
}

export function takeFirstScreen(): FirstScreenData | undefined {
  const element = document.getElementById('first-screen');
  if (!element) return undefined;
  element.remove();
  try {
    const data = JSON.parse(element.textContent ?? '') as FirstScreenData;
    return data.user && data.reference ? data : undefined;
  } catch {
    return undefined;
  }
}
