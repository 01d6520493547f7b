// The Origin allow-list, shared by the HTTP layer (CSRF defence) and the WebSocket upgrade
// (cross-site WebSocket hijacking): a browser always sends Origin on a WebSocket upgrade and
// on cross-site requests; the server's own origin is always allowed.

/**
 * True when `origin` may talk to this server: absent (not a browser), the same host as the
 * request's Host header, or on the configured allow-list (exact `scheme://host[:port]`).
 */
export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowList: readonly string[]): boolean {
  if (origin === undefined) return true
  if (allowList.includes(origin)) return true
  if (!host) return false
  let parsed: URL
  try {
    parsed = new URL(origin)
  } catch {
    return false
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false
  return parsed.host === host.toLowerCase()
}
