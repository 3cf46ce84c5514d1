/// <reference lib="webworker" />
// The offline shell for the browser-tab (loopback) mode. Assets are precached; navigations go to the network
// first — index.html carries the host's per-launch token — and fall back to the precached copy with no network.
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

self.skipWaiting();
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
cleanupOutdatedCaches();
// No directory index: "/" must reach the network-first route below, not the precached index.html.
precacheAndRoute(self.__WB_MANIFEST, { directoryIndex: '__no-directory-index__', ignoreURLParametersMatching: [/.*/] });

const network = new NetworkFirst({ cacheName: 'qabyldau-shell', networkTimeoutSeconds: 4 });
registerRoute(
  new NavigationRoute(async (options) => {
    try {
      return await network.handle(options);
    } catch {
      return (await matchPrecache('index.html')) ?? Response.error();
    }
  }),
);
