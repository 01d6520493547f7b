// People for tests against an enforcing server, made only through the public HTTP API
// (docs/api.md): sign up, create initiatives and partners, invite, accept, mint tokens.
import type { Role } from '@common-ground/domain'

export interface Account {
  email: string
  password: string
  userId: string
  /** `cg_session=…` for a Cookie header. */
  cookie: string
  csrfToken: string
}

export interface ApiAnswer<T = any> {
  status: number
  body: T
  headers: Headers
}

let counter = 0

/** One API call; cookie callers send the CSRF token on state-changing methods. */
export async function api<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { as?: Account | null; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (options.as) {
    headers.cookie = options.as.cookie
    if (method !== 'GET') headers['x-csrf-token'] = options.as.csrfToken
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  const response = await fetch(baseUrl + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers }
}

function sessionCookie(headers: Headers): string {
  const setCookie = headers.getSetCookie().find((c) => c.startsWith('cg_session='))
  if (!setCookie) throw new Error('no session cookie in the answer')
  return setCookie.split(';', 1)[0]!
}

/** Signs up a fresh account (unique email). */
export async function signUp(baseUrl: string, name = 'Test Person'): Promise<Account> {
  const email = `person${++counter}-${process.pid}-${Date.now()}@example.org`
  const password = `pw-${Math.random().toString(36).slice(2)}-long`
  const answer = await api(baseUrl, 'POST', '/api/auth/signup', { body: { email, password, name } })
  if (answer.status !== 201) throw new Error(`signup: ${answer.status} ${JSON.stringify(answer.body)}`)
  return { email, password, userId: answer.body.user.id, cookie: sessionCookie(answer.headers), csrfToken: answer.body.csrfToken }
}

/** Signs in an existing account (a new session). */
export async function signIn(baseUrl: string, email: string, password: string): Promise<Account> {
  const answer = await api(baseUrl, 'POST', '/api/auth/login', { body: { email, password } })
  if (answer.status !== 200) throw new Error(`login: ${answer.status} ${JSON.stringify(answer.body)}`)
  return { email, password, userId: answer.body.user.id, cookie: sessionCookie(answer.headers), csrfToken: answer.body.csrfToken }
}

export async function createInitiative(baseUrl: string, as: Account, name = 'Test initiative'): Promise<{ id: string; agenda: string }> {
  const answer = await api(baseUrl, 'POST', '/api/initiatives', { as, body: { name, languages: ['en', 'he'] } })
  if (answer.status !== 201) throw new Error(`create initiative: ${answer.status} ${JSON.stringify(answer.body)}`)
  const initiative = answer.body.initiative
  const agenda = initiative.documents.find((d: { kind: string }) => d.kind === 'agenda').name as string
  return { id: initiative.id, agenda }
}

export async function createPartner(
  baseUrl: string,
  as: Account,
  initiativeId: string,
  name: string,
  sector = 'nonprofit',
): Promise<{ id: string; documentName: string }> {
  const answer = await api(baseUrl, 'POST', `/api/initiatives/${initiativeId}/partners`, { as, body: { name, sector } })
  if (answer.status !== 201) throw new Error(`create partner: ${answer.status} ${JSON.stringify(answer.body)}`)
  return { id: answer.body.partner.id, documentName: answer.body.partner.documentName }
}

/** Invites a fresh account into the initiative with a role and has it accept. */
export async function addMember(baseUrl: string, backbone: Account, initiativeId: string, role: Role, partnerId?: string): Promise<Account> {
  const invite = await api(baseUrl, 'POST', `/api/initiatives/${initiativeId}/invitations`, { as: backbone, body: { role, partnerId } })
  if (invite.status !== 201) throw new Error(`invite: ${invite.status} ${JSON.stringify(invite.body)}`)
  const person = await signUp(baseUrl, `${role} person`)
  const accept = await api(baseUrl, 'POST', `/api/invitations/${invite.body.token}/accept`, { as: person })
  if (accept.status !== 200) throw new Error(`accept: ${accept.status} ${JSON.stringify(accept.body)}`)
  return person
}

export async function createToken(baseUrl: string, as: Account, name = 'script'): Promise<{ id: string; secret: string }> {
  const answer = await api(baseUrl, 'POST', '/api/me/tokens', { as, body: { name } })
  if (answer.status !== 201) throw new Error(`create token: ${answer.status} ${JSON.stringify(answer.body)}`)
  return { id: answer.body.token.id, secret: answer.body.secret }
}
