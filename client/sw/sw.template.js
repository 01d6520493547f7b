// Service worker (template; the build fills in the file list): serves the app shell from a
// cache so the editor opens, and IndexedDB edits survive a reload, while offline.
const PRECACHE = __PRECACHE__
const VERSION = __VERSION__
const CACHE = `cg-shell-${VERSION}`

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('cg-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  )
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/sync/')) return
  if (request.mode === 'navigate') {
    // App shell: every screen is index.html; the router reads the path.
    event.respondWith(caches.match('/', { cacheName: CACHE }).then((hit) => hit ?? fetch(request)))
    return
  }
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit ?? fetch(request)))
})
