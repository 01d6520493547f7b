// The shape of the HTTP authorization matrix (authzMatrix.test.ts): the callers, one row per
// route and case with the status each caller gets, shorthands for the common columns, and the one
// call every cell makes (JSON or CSV bodies; JSON, CSV or HTML answers).
import type { Account } from './accounts.ts'

export type CallerName = 'backbone' | 'executive' | 'participant' | 'outsider' | 'anonymous'
export const CALLERS: CallerName[] = ['backbone', 'executive', 'participant', 'outsider', 'anonymous']
/** The callers who are members of the matrix initiative, and the role each has there. */
export const MEMBER_ROLES = { backbone: 'backbone', executive: 'partner', participant: 'participant' } as const

export interface Caller {
  name: CallerName
  account: Account | null
  /** The caller's personal access token (none for anonymous). */
  token: string | null
}

export interface Request {
  method: string
  path: string
  body?: unknown
  /** A text/csv body instead of JSON (the measurement import). */
  csv?: string
}

export interface Row {
  route: string
  /** The operation id (API_OPERATIONS) the row exercises, when the route alone is ambiguous. */
  operation?: string
  /** Builds the request; may first create what it consumes (as the backbone, through the API). */
  request: (caller: Caller, via: 'cookie' | 'token') => Promise<Request> | Request
  expect: Record<CallerName, number>
  /** Extra checks of a successful answer (`body` is the parsed JSON, or the text of any other answer). */
  check?: (body: any, caller: CallerName, contentType: string) => void
  /** The error code of a 404 when it is not the generic `not_found` (per caller when it differs). */
  notFoundCode?: string | ((caller: CallerName) => string)
  /** A row about a rule beyond the action's roles (a missing record, another partner's data): its statuses need not follow them. */
  notAboutRoles?: boolean
  /** The request changes the caller's own account (password, sessions, deletion): each cell gets a fresh account (and token) of its own. */
  ownAccount?: boolean
  /** Restores what the request changed for the rows after it. */
  after?: (caller: Caller, status: number) => Promise<void>
}

export const ALL = (status: number): Record<CallerName, number> => ({
  backbone: status,
  executive: status,
  participant: status,
  outsider: status,
  anonymous: status,
})
export const SIGNED_IN = (status: number): Record<CallerName, number> => ({ ...ALL(status), anonymous: 401 })
export const MEMBERS = (status: number): Record<CallerName, number> => ({
  backbone: status,
  executive: status,
  participant: status,
  outsider: 404,
  anonymous: 401,
})
export const BACKBONE = (status: number): Record<CallerName, number> => ({ backbone: status, executive: 403, participant: 403, outsider: 404, anonymous: 401 })

export interface MatrixAnswer {
  status: number
  contentType: string
  body: any
}

/** One cell's request: with the session cookie (and the CSRF token on state-changing methods) or a bearer token. */
export async function matrixCall(baseUrl: string, request: Request, auth: { as?: Account | null; token?: string }): Promise<MatrixAnswer> {
  const headers: Record<string, string> = { accept: 'application/json' }
  let body: string | undefined
  if (request.csv !== undefined) {
    headers['content-type'] = 'text/csv; charset=utf-8'
    body = request.csv
  } else if (request.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(request.body)
  }
  if (auth.as) {
    headers.cookie = auth.as.cookie
    if (request.method !== 'GET') headers['x-csrf-token'] = auth.as.csrfToken
  }
  if (auth.token) headers.authorization = `Bearer ${auth.token}`
  const response = await fetch(baseUrl + request.path, { method: request.method, headers, body })
  const contentType = response.headers.get('content-type') ?? ''
  const text = await response.text()
  return { status: response.status, contentType, body: contentType.includes('json') && text ? JSON.parse(text) : text }
}

/** `GET /api/initiatives/{id}` and `GET /api/initiatives/:id (own)` both as `GET /api/initiatives/:`. */
export function routeShape(route: string): string {
  return route
    .replace(/ \(.*\)$/, '')
    .replace(/\{[^}]+\}|:[A-Za-z]+/g, ':')
    .replace(/\?.*$/, '')
}
