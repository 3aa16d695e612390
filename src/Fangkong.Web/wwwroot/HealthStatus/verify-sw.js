// Lets a checkpoint phone reopen the verifier with no network: the verifier page and the static assets
// it needs are kept in the Cache API; everything else under /HealthStatus (staff pages with personal
// data) and the API pass straight through and are never cached.
const CACHE = 'fk-healthcode-verify-v1';
const PAGE = '/HealthStatus/Verify';
const SHELL = [PAGE, '/css/site.css', '/css/healthcode.css', '/js/healthcode-verify.js', '/lib/htmx/htmx.min.js'];

self.addEventListener('install', (e) => {
    e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
    e.waitUntil(caches.keys()
        .then((names) => Promise.all(names.filter((n) => n.startsWith('fk-healthcode-') && n !== CACHE).map((n) => caches.delete(n))))
        .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (e) => {
    const url = new URL(e.request.url);
    if (e.request.method !== 'GET' || url.origin !== self.location.origin) return;
    const page = url.pathname.toLowerCase() === PAGE.toLowerCase();
    const asset = /^\/(css|js|lib)\//.test(url.pathname);
    if (!page && !asset) return;
    // Network first, so an online phone always gets the current page and scripts; the cache answers offline.
    e.respondWith(fetch(e.request)
        .then((response) => {
            if (response.ok) {
                const copy = response.clone();
                caches.open(CACHE).then((c) => c.put(page ? PAGE : url.pathname, copy));
            }
            return response;
        })
        .catch(() => caches.match(page ? PAGE : url.pathname, { ignoreSearch: true })));
});
