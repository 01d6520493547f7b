// The one authorization layer. `guard` runs before every /api route: Origin allow-list, JSON
// content type (another only on RAW_BODY_ROUTES: the CSV import), authentication (cookie or bearer token, resolved once), CSRF for
// cookie-authenticated state changes, session renewal. Routes then ask:
//   requireUser(c)                         → 401 unauthenticated when anonymous
//   requireMember(c, initiativeId)         → 404 not_found for non-members (existence is not revealed)
//   requireAction(c, initiativeId, action) → 403 forbidden when the role may not (roleMay)
import type { Context, MiddlewareHandler } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { IMPORT_MAX_BYTES, roleMay, type Action } from '@common-ground/domain'
import type { AccessGate, Principal } from '../access/AccessGate.ts'
import { sessionCookie } from '../auth/cookies.ts'
import { CSRF_HEADER, isCsrfTokenValid, isStateChanging } from '../auth/csrf.ts'
import { isOriginAllowed } from '../access/origin.ts'
import type { Directory } from '../directory/Directory.ts'
import type { Actor, InitiativeRecord, MembershipRecord } from '../directory/types.ts'
import { ApiError } from './ApiError.ts'

export interface AuthState {
  principal: Principal | null
  via: 'session' | 'token' | null
  /** The session secret from the cookie, when the session authenticated the request. */
  sessionSecret: string | null
  ip: string | null
}

export type AppEnv = { Variables: { auth: AuthState; directory: Directory } }
export type AppContext = Context<AppEnv>

export interface GuardOptions {
  directory: Directory
  allowedOrigins: readonly string[]
  cookieSecure: boolean
}

/** The routes whose body is not JSON (the one exception: the CSV import), with their media type and size limit. */
export const RAW_BODY_ROUTES: readonly { method: string; path: RegExp; contentType: string; maxBytes: number }[] = [
  { method: 'POST', path: /^\/api\/initiatives\/[^/]+\/measurements\/import$/, contentType: 'text/csv', maxBytes: IMPORT_MAX_BYTES },
]

export function rawBodyRoute(method: string, path: string): (typeof RAW_BODY_ROUTES)[number] | undefined {
  return RAW_BODY_ROUTES.find((r) => r.method === method && r.path.test(path))
}

/** Routes that start a new session accept a cookie request without the CSRF header (a reset link's token is its own proof). */
const CSRF_EXEMPT = new Set(['/api/auth/login', '/api/auth/signup'])
const CSRF_EXEMPT_PATTERN = /^\/api\/password-resets\/[^/]+$/

export function guard(options: GuardOptions): MiddlewareHandler<AppEnv> {
  const { directory } = options
  return async (c, next) => {
    if (!isOriginAllowed(c.req.header('origin'), c.req.header('host'), options.allowedOrigins)) {
      throw new ApiError(403, 'origin_not_allowed', 'Requests from this origin are not allowed.')
    }
    const method = c.req.method
    if (method !== 'GET' && method !== 'HEAD' && hasBody(c)) {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
      const expected = rawBodyRoute(method, c.req.path)?.contentType ?? 'application/json'
      if (type !== expected) throw new ApiError(415, 'unsupported_media_type', `The request body must be ${expected}.`)
    }
    let ip: string | null
    try {
      ip = getConnInfo(c).remote.address ?? null
    } catch {
      ip = null
    }
    const authorization = c.req.header('authorization')
    const auth = directory.resolve({ cookie: c.req.header('cookie'), authorization })
    // A presented token that proves nothing is refused (as on the WebSocket); a stale cookie
    // only makes the caller anonymous.
    if (authorization !== undefined && auth === null) throw new ApiError(401, 'unauthenticated', 'The bearer token is unknown, expired or revoked.')
    c.set('directory', directory)
    c.set('auth', { principal: auth?.principal ?? null, via: auth?.via ?? null, sessionSecret: auth?.sessionSecret ?? null, ip })
    if (auth?.via === 'session' && auth.sessionSecret) {
      if (
        isStateChanging(method) &&
        !CSRF_EXEMPT.has(c.req.path) &&
        !CSRF_EXEMPT_PATTERN.test(c.req.path) &&
        !isCsrfTokenValid(auth.sessionSecret, c.req.header(CSRF_HEADER))
      ) {
        throw new ApiError(403, 'csrf_failed', 'The X-CSRF-Token header is missing or wrong.')
      }
      if (await directory.renewSession(auth.sessionSecret)) {
        c.header('Set-Cookie', sessionCookie(auth.sessionSecret, { secure: options.cookieSecure }), { append: true })
      }
    }
    await next()
  }
}

function hasBody(c: Context): boolean {
  const length = c.req.header('content-length')
  if (length !== undefined) return Number(length) > 0
  return c.req.header('transfer-encoding') !== undefined
}

export function auth(c: AppContext): AuthState {
  return c.get('auth')
}

export function requireUser(c: AppContext): Principal {
  const principal = c.get('auth').principal
  if (!principal) throw new ApiError(401, 'unauthenticated', 'Sign in first.')
  return principal
}

export interface MemberContext {
  principal: Principal
  initiative: InitiativeRecord
  membership: MembershipRecord
}

export function requireMember(c: AppContext, initiativeId: string): MemberContext {
  const principal = requireUser(c)
  const directory = c.get('directory')
  const initiative = directory.initiative(initiativeId)
  const membership = initiative ? directory.membership(initiative.id, principal.userId) : undefined
  if (!initiative || !membership) throw new ApiError(404, 'not_found', 'No such initiative.')
  return { principal, initiative, membership }
}

export function requireAction(c: AppContext, initiativeId: string, action: Action): MemberContext {
  const member = requireMember(c, initiativeId)
  if (!roleMay(member.membership.role, action)) throw new ApiError(403, 'forbidden', 'Your role does not allow this.')
  return member
}

/** Who performs this request, for the audit log. */
export function actorOf(c: AppContext): Actor & { userId: string } {
  const state = c.get('auth')
  return { userId: requireUser(c).userId, ip: state.ip }
}

export function ipOf(c: AppContext): string | null {
  return c.get('auth').ip
}

export type { AccessGate }
