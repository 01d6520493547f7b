// Registers the service worker that keeps the app shell available offline (built app only).
declare const __SERVICE_WORKER__: boolean

export function registerServiceWorker(): void {
  if (!__SERVICE_WORKER__ || !('serviceWorker' in navigator)) return
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without it the app still works online; offline reloads will not.
    })
  })
}
