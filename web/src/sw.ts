/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';

/**
 * The service worker (built by api/plugins/web.ts with the page's asset list): the app shell is
 * precached so the app opens without signal, and every page address opens that shell. The
 * reference data is answered from the network when there is one, else from the last copy. The
 * caseload and the outbox live in IndexedDB (web/src/offline/db.ts), not here.
 */
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
registerRoute(new NavigationRoute(createHandlerBoundToURL('/'), { denylist: [/^\/(docs|api|health)/] }));
registerRoute(({ url }) => url.pathname === '/reference', new NetworkFirst({ cacheName: 'kaejon-data-reference', networkTimeoutSeconds: 5 }));

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
