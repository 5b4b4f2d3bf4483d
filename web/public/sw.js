/*
 * The online hall's service worker: keeps the app shell (index.html, the hashed build assets,
 * manifest and icons) so the hall starts offline. Never caches /api, /tiles, /ogc or /docs:
 * applicant data and case states must always come from the server.
 */
const SHELL = 'landgov-shell-v1';
const PRECACHE = ['/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png'];
const NEVER = /^\/(api|tiles|ogc|docs)(\/|$)/;

/** The shell plus the entry script and styles index.html names (hashed file names change per build). */
async function precache() {
  const cache = await caches.open(SHELL);
  await cache.addAll(PRECACHE);
  // The server answers page routes with index.html only to a browser asking for HTML.
  const index = await fetch('/', { headers: { accept: 'text/html' }, cache: 'no-cache' });
  if (!index.ok) throw new Error(`app shell: HTTP ${index.status}`);
  await cache.put('/', index.clone());
  const html = await index.text();
  const assets = [...new Set(html.match(/\/assets\/[^"'\s>]+/g) || [])];
  await cache.addAll(assets);
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NEVER.test(url.pathname)) return;

  if (request.mode === 'navigate') {
    // Pages: the network first (a new release is seen at once), the cached shell when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(SHELL).then((cache) => cache.put('/', copy));
          }
          return response;
        })
        .catch(() => caches.match('/').then((cached) => cached || Response.error())),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/') || PRECACHE.includes(url.pathname)) {
    // Build assets are content-hashed, so a cached copy is never stale.
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(SHELL).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});
