// CSRF tokens for cookie-authenticated requests. The token is derived from the session id
// (which only the session's holder knows), so nothing extra is stored and the session hash on
// disk does not reveal it.
import { createHash } from 'node:crypto'
import { safeEqual } from './secrets.ts'

export const CSRF_HEADER = 'x-csrf-token'

export function csrfTokenFor(sessionId: string): string {
  return createHash('sha256').update('cg-csrf\0').update(sessionId).digest('base64url')
}

export function isCsrfTokenValid(sessionId: string, presented: string | undefined): boolean {
  return presented !== undefined && safeEqual(csrfTokenFor(sessionId), presented)
}

/** Methods that change state and therefore need the CSRF token when a cookie authenticates them. */
export function isStateChanging(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS'
}
