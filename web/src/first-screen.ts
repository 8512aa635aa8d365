import type { Principal, Reference } from './types';

/**
 * What the server wrote into the page for a signed-in navigation (api/plugins/first-screen.ts):
 * the user (GET /auth/me), the reference data and the landing page's first answer, so the first
 * screen needs no request of its own. Absent when signed out, and in the service worker's shell.
 */
export interface FirstScreenData {
  user: Principal;
  reference: Reference;
  landing?: { path: string; data: unknown };
}

/** The embedded JSON as the browser reads it, and the server too when it renders that screen (server-render.tsx). */
export function parseFirstScreen(text: string): FirstScreenData | undefined {
  try {
    const data = JSON.parse(text) as FirstScreenData;
    return data.user && data.reference ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Taken once and removed from the document: after sign-out nothing of it stays reachable. */
export function takeFirstScreen(): FirstScreenData | undefined {
  const element = document.getElementById('first-screen');
  if (!element) return undefined;
  element.remove();
  return parseFirstScreen(element.textContent ?? '');
}
