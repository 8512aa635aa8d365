import type { LandingPage as Landing } from '../../common/landing';

/**
 * Fetches a landing page's code and every chunk it imports at once (`modulepreload`), instead of
 * the page's chunk first and the chunks it imports one round trip later: on a slow line that is
 * half a second. The server lists each landing page's files in index.html (api/plugins/web.ts);
 * the inbox's are already preloaded there, as most roles land on it.
 */
export function preloadLanding(page: Landing): void {
  const files = landingChunks()[page] ?? [];
  for (const href of files) {
    if (document.querySelector(`link[rel="modulepreload"][href="${href}"]`)) continue;
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    document.head.appendChild(link);
  }
}

function landingChunks(): Partial<Record<Landing, string[]>> {
  try {
    return JSON.parse(document.getElementById('landing-chunks')?.textContent ?? '{}') as Partial<Record<Landing, string[]>>;
  } catch {
    return {};
  }
}
