// Keeps the scanner's own files (page, scripts, styles, QR decoder) so /scan opens with no signal
// once it has been opened online. Network first, so a new version is picked up whenever online.
// Nothing from a scan or from anyone's record passes through here: only the app's own files.
const CACHE = 'redbag-app-v1';
const appFile = (url) => url.origin === self.location.origin && (url.pathname.startsWith('/assets/') || ['/', '/scan', '/red-bag-logo.svg', '/manifest.webmanifest', '/scan/trust-list.json'].includes(url.pathname));

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || !appFile(url)) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(event.request, copy));
        }
        return response;
      })
      .catch(() => caches.match(event.request).then((hit) => hit ?? Response.error())),
  );
});
