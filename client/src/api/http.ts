// JSON over fetch with the session cookie: sends X-CSRF-Token on state-changing requests and
// turns `{ error: { code, message, fields? } }` answers into an ApiError the screens translate.
// GET answers are kept per person (offline/apiCache.ts); when the server cannot be reached the
// last one is answered instead and reported as stale (offline/connectivity.ts).
import { isCacheable, loadAnswer, saveAnswer } from '../offline/apiCache.ts'
import { reportReachable, reportStale, reportUnreachable } from '../offline/connectivity.ts'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** A stable snake_case code (docs/api.md), or `network_error` / `unexpected_response`. */
    readonly code: string,
    message: string,
    /** Validation errors: field → code. */
    readonly fields: Record<string, string> = {},
    /** Seconds, from `Retry-After` (429). */
    readonly retryAfter: number | null = null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code)
}

let csrfToken: string | null = null

/** Set from sign-in, sign-up and GET /api/me; cleared at sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

let onUnauthenticated: (() => void) | null = null

/**
 * Called when an API call answers 401 (the session ended: signed out elsewhere, expired), so
 * the session store can find out and the screens send the person to sign in.
 */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  body?: unknown
  signal?: AbortSignal
}

export async function api<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken
  const cacheable = method === 'GET' && isCacheable(path)
  const unreachable = async (): Promise<T> => {
    reportUnreachable()
    const cached = cacheable ? await loadAnswer(path) : null
    if (options.signal?.aborted) throw new DOMException('Aborted', 'AbortError')
    if (!cached) throw new ApiError(0, 'network_error', 'The server could not be reached.')
    reportStale(path, cached.savedAt)
    return cached.body as T
  }
  // Known to be offline: do not ask (a failed request is a console error and answers nothing).
  if (!navigator.onLine) return unreachable()
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    })
  } catch (error) {
    if (options.signal?.aborted) throw error
    return unreachable()
  }
  // A proxy's "bad gateway" while the server restarts counts as not reachable.
  if (cacheable && (response.status === 502 || response.status === 503 || response.status === 504)) return unreachable()
  reportReachable(path)
  if (response.status === 204) return undefined as T
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = null
  }
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/api/me') && !path.startsWith('/api/auth/')) onUnauthenticated?.()
    const error = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error
    const retryAfter = Number(response.headers.get('retry-after'))
    throw new ApiError(
      response.status,
      typeof error?.code === 'string' ? error.code : `http_${response.status}`,
      typeof error?.message === 'string' ? error.message : response.statusText,
      error?.fields && typeof error.fields === 'object' ? (error.fields as Record<string, string>) : {},
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    )
  }
  if (body === null || typeof body !== 'object') throw new ApiError(response.status, 'unexpected_response', 'Unexpected answer.')
  if (cacheable) saveAnswer(path, body)
  return body as T
}
