// The editor's service worker: caches every file of the build on the first visit, then answers
// from the cache, so the editor reloads and works with the network off. A new build has a new
// cache version; the old cache is dropped when the new worker takes over.
const CACHE = __CACHE_VERSION__;
const FILES = __PRECACHE_FILES__;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Pages: the network when it answers (a new build shows up), else the cached app shell.
    if (request.mode === 'navigate') {
      try {
        return await fetch(request);
      } catch {
        return (await cache.match('./')) ?? Response.error();
      }
    }
    // The backend's health, asked at start: with the network off it is "offline", an answer
    // the editor reads (not a failed request).
    if (new URL(request.url).pathname.endsWith('/health')) {
      try {
        return await fetch(request);
      } catch {
        return Response.json({ ok: false, offline: true });
      }
    }
    return (await cache.match(request)) ?? fetch(request);
  })());
});
