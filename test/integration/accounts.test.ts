// Accounts over real HTTP: sign-up, sign-in, sign-out, /api/me; the session cookie's flags;
// CSRF, Origin and content-type defences; sign-in rate limits; personal access tokens; and
// what lands on disk: no password, session id, token or invitation link in clear.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createInitiative, createToken, signIn, signUp, type Account } from './helpers/accounts.ts'
import { startTestServer, type TestServer } from './helpers/server.ts'

let server: TestServer
let url: string
let clockOffsetMs = 0

beforeAll(async () => {
  server = await startTestServer({ access: 'enforced', allowedOrigins: ['https://app.example.org'], clock: () => Date.now() + clockOffsetMs })
  url = server.url
})

function cookieOf(headers: Headers): string {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('cg_session='))
  if (!cookie) throw new Error('no session cookie')
  return cookie
}

async function raw(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(url + path, { method, headers: init.headers, body: init.body })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null }
}

describe('sign-up, sign-in, sign-out', () => {
  it('signs up, answers the user and a CSRF token, and sets an HttpOnly SameSite=Lax session cookie', async () => {
    const answer = await raw('POST', '/api/auth/signup', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: '  Shira@Example.ORG ', password: 'a-long-password', name: 'Shira Cohen', language: 'he' }),
    })
    expect(answer.status).toBe(201)
    expect(answer.body.user).toEqual({ id: expect.any(String), email: 'shira@example.org', name: 'Shira Cohen', language: 'he', color: null })
    expect(answer.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const cookie = cookieOf(answer.headers)
    const attributes = cookie.split(';').map((part) => part.trim())
    expect(attributes[0]).toMatch(/^cg_session=[A-Za-z0-9_-]{43}$/)
    expect(attributes).toContain('HttpOnly')
    expect(attributes).toContain('SameSite=Lax')
    expect(attributes).toContain('Path=/')
    expect(attributes).toContain(`Max-Age=${30 * 24 * 3600}`)
    expect(attributes).not.toContain('Secure')

    const me = await api(url, 'GET', '/api/me', { headers: { cookie: attributes[0]! } })
    expect(me.status).toBe(200)
    expect(me.body).toEqual({ user: answer.body.user, csrfToken: answer.body.csrfToken, memberships: [] })
  })

  it('refuses a taken email (any case) with 409 email_taken, and bad fields with 400 validation_failed', async () => {
    const person = await signUp(url, 'Taken')
    const again = await api(url, 'POST', '/api/auth/signup', { body: { email: person.email.toUpperCase(), password: 'another-password', name: 'X' } })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('email_taken')
    const bad = await api(url, 'POST', '/api/auth/signup', { body: { email: 'nope', password: 'short', name: '', language: 'fr' } })
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatchObject({
      code: 'validation_failed',
      message: expect.any(String),
      fields: { email: 'invalid_email', password: 'too_short', name: 'too_short', language: 'invalid_value' },
    })
    const missing = await api(url, 'POST', '/api/auth/signup', { body: {} })
    expect(missing.body.error.fields).toEqual({ email: 'required', password: 'required', name: 'required' })
  })

  it('signs in with the right password (a new session) and refuses a wrong one or an unknown email alike', async () => {
    const person = await signUp(url, 'Avi Mizrahi')
    const session = await signIn(url, person.email, person.password)
    expect(session.cookie).not.toBe(person.cookie)
    for (const body of [
      { email: person.email, password: 'wrong-password' },
      { email: 'nobody@example.org', password: person.password },
    ]) {
      const answer = await api(url, 'POST', '/api/auth/login', { body })
      expect(answer.status).toBe(401)
      expect(answer.body.error.code).toBe('invalid_credentials')
      expect(answer.headers.getSetCookie()).toEqual([])
    }
  })

  it('signs out: 204, the cookie is cleared and the session no longer works; other sessions keep working', async () => {
    const person = await signUp(url, 'Leaving Soon')
    const other = await signIn(url, person.email, person.password)
    const out = await api(url, 'POST', '/api/auth/logout', { as: person })
    expect(out.status).toBe(204)
    const cleared = cookieOf(out.headers)
    expect(cleared).toMatch(/^cg_session=;/)
    expect(cleared).toContain('Max-Age=0')
    expect((await api(url, 'GET', '/api/me', { as: person })).status).toBe(401)
    expect((await api(url, 'GET', '/api/me', { as: other })).status).toBe(200)
    expect((await api(url, 'POST', '/api/auth/logout')).status).toBe(401)
  })

  it('anonymous /api/me is 401 unauthenticated', async () => {
    const answer = await api(url, 'GET', '/api/me')
    expect(answer.status).toBe(401)
    expect(answer.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } })
  })

  it('a session expires after 30 days without use', async () => {
    const person = await signUp(url, 'Dormant')
    clockOffsetMs = 31 * 24 * 3600 * 1000
    try {
      expect((await api(url, 'GET', '/api/me', { as: person })).status).toBe(401)
    } finally {
      clockOffsetMs = 0
    }
  })

  it('a used session is renewed: the cookie is re-sent with a fresh 30-day lifetime', async () => {
    const person = await signUp(url, 'Regular')
    clockOffsetMs = 2 * 24 * 3600 * 1000
    try {
      const me = await api(url, 'GET', '/api/me', { as: person })
      expect(me.status).toBe(200)
      expect(cookieOf(me.headers)).toContain(`Max-Age=${30 * 24 * 3600}`)
      clockOffsetMs = 31 * 24 * 3600 * 1000
      // 31 days after sign-up but 29 after the renewal: still signed in.
      expect((await api(url, 'GET', '/api/me', { as: person })).status).toBe(200)
    } finally {
      clockOffsetMs = 0
    }
  })

  it('marks the cookie Secure when the server is configured so', async () => {
    const secure = await startTestServer({ access: 'enforced', cookieSecure: true })
    const answer = await api(secure.url, 'POST', '/api/auth/signup', { body: { email: 'secure@example.org', password: 'a-long-password', name: 'S' } })
    expect(cookieOf(answer.headers).split('; ')).toContain('Secure')
    await secure.stop()
  })
})

describe('request defences', () => {
  let person: Account
  beforeAll(async () => {
    person = await signUp(url, 'Defended')
  })

  it('refuses a cookie-authenticated state change without the CSRF header, or with a wrong one (403 csrf_failed)', async () => {
    for (const csrf of [undefined, 'wrong', person.csrfToken.slice(0, -1) + 'A']) {
      if (csrf === person.csrfToken) continue
      const headers: Record<string, string> = { cookie: person.cookie, 'content-type': 'application/json' }
      if (csrf) headers['x-csrf-token'] = csrf
      const answer = await raw('POST', '/api/initiatives', { headers, body: JSON.stringify({ name: 'Forged', languages: ['en'] }) })
      expect(answer.status).toBe(403)
      expect(answer.body.error.code).toBe('csrf_failed')
    }
    for (const [method, path] of [
      ['POST', '/api/auth/logout'],
      ['POST', '/api/me/tokens'],
      ['DELETE', '/api/me/tokens/whatever'],
    ]) {
      expect((await raw(method!, path!, { headers: { cookie: person.cookie } })).body.error.code).toBe('csrf_failed')
    }
    // Nothing was created, and the session still works.
    const list = await api(url, 'GET', '/api/initiatives', { as: person })
    expect(list.body.initiatives).toEqual([])
    // With the token it goes through.
    expect((await api(url, 'POST', '/api/initiatives', { as: person, body: { name: 'Real', languages: ['en'] } })).status).toBe(201)
  })

  it('needs no CSRF token for reads, nor for bearer-token callers', async () => {
    expect((await raw('GET', '/api/me', { headers: { cookie: person.cookie } })).status).toBe(200)
    const token = await createToken(url, person)
    const answer = await raw('POST', '/api/initiatives', {
      headers: { authorization: `Bearer ${token.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'By script', languages: ['he'] }),
    })
    expect(answer.status).toBe(201)
  })

  it('refuses a foreign Origin (403 origin_not_allowed), allows its own and the allow-list', async () => {
    const foreign = await api(url, 'GET', '/api/me', { as: person, headers: { origin: 'https://evil.example.com' } })
    expect(foreign.status).toBe(403)
    expect(foreign.body.error.code).toBe('origin_not_allowed')
    const forgedLogin = await api(url, 'POST', '/api/auth/login', {
      body: { email: person.email, password: person.password },
      headers: { origin: 'https://evil.example.com' },
    })
    expect(forgedLogin.status).toBe(403)
    expect((await api(url, 'GET', '/api/me', { as: person, headers: { origin: url } })).status).toBe(200)
    expect((await api(url, 'GET', '/api/me', { as: person, headers: { origin: 'https://app.example.org' } })).status).toBe(200)
    expect((await api(url, 'GET', '/api/me', { as: person, headers: { origin: 'null' } })).status).toBe(403)
  })

  it('refuses a body that is not JSON (415) and JSON that does not parse (400 invalid_json)', async () => {
    const form = await raw('POST', '/api/auth/login', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${encodeURIComponent(person.email)}&password=${encodeURIComponent(person.password)}`,
    })
    expect(form.status).toBe(415)
    expect(form.body.error.code).toBe('unsupported_media_type')
    const plain = await raw('POST', '/api/auth/login', {
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ email: person.email, password: person.password }),
    })
    expect(plain.status).toBe(415)
    const broken = await raw('POST', '/api/auth/login', { headers: { 'content-type': 'application/json' }, body: '{"email":' })
    expect(broken.status).toBe(400)
    expect(broken.body.error.code).toBe('invalid_json')
    const notObject = await raw('POST', '/api/auth/login', { headers: { 'content-type': 'application/json; charset=utf-8' }, body: '[1,2]' })
    expect(notObject.status).toBe(400)
    expect(notObject.body.error.code).toBe('validation_failed')
  })

  it('refuses bodies over 64 KB with 413 payload_too_large', async () => {
    const answer = await raw('POST', '/api/auth/login', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password: 'x'.repeat(70_000) }),
    })
    expect(answer.status).toBe(413)
    expect(answer.body.error.code).toBe('payload_too_large')
  })

  it('answers unknown API routes with a JSON 404', async () => {
    const answer = await api(url, 'GET', '/api/nothing-here')
    expect(answer.status).toBe(404)
    expect(answer.body.error.code).toBe('not_found')
  })
})

describe('sign-in rate limits', () => {
  it('after 10 failures for an account: 429 with Retry-After, even with the right password; other accounts are unaffected', async () => {
    const limited = await startTestServer({ access: 'enforced' })
    const victim = await signUp(limited.url, 'Victim')
    const bystander = await signUp(limited.url, 'Bystander')
    for (let i = 0; i < 10; i++) {
      const answer = await api(limited.url, 'POST', '/api/auth/login', { body: { email: victim.email, password: `guess-${i}` } })
      expect(answer.status).toBe(401)
    }
    const locked = await api(limited.url, 'POST', '/api/auth/login', { body: { email: victim.email, password: victim.password } })
    expect(locked.status).toBe(429)
    expect(locked.body.error.code).toBe('rate_limited')
    const retryAfter = Number(locked.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(800)
    expect(retryAfter).toBeLessThanOrEqual(900)
    expect((await api(limited.url, 'POST', '/api/auth/login', { body: { email: bystander.email, password: bystander.password } })).status).toBe(200)
    // The existing session of the locked account keeps working.
    expect((await api(limited.url, 'GET', '/api/me', { as: victim })).status).toBe(200)
    await limited.stop()
  })

  it('after 30 failures from one address: 429 for every account from it', async () => {
    const limited = await startTestServer({ access: 'enforced' })
    const person = await signUp(limited.url, 'Innocent')
    // One after the other: parallel scrypt runs on two cores are slower, not faster.
    for (let i = 0; i < 30; i++) {
      const answer = await api(limited.url, 'POST', '/api/auth/login', { body: { email: `spray${i}@example.org`, password: 'password1' } })
      expect(answer.status).toBe(401)
    }
    const blocked = await api(limited.url, 'POST', '/api/auth/login', { body: { email: person.email, password: person.password } })
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    await limited.stop()
  })
})

describe('personal access tokens', () => {
  it('creates (secret shown once), lists (never the secret), authenticates, and revokes (then 401)', async () => {
    const person = await signUp(url, 'Script Writer')
    const created = await api(url, 'POST', '/api/me/tokens', { as: person, body: { name: 'nightly export', expiresInDays: 30 } })
    expect(created.status).toBe(201)
    const secret: string = created.body.secret
    expect(secret).toMatch(/^cgp_[A-Za-z0-9_-]{43}$/)
    expect(created.body.token).toEqual({
      id: expect.any(String),
      name: 'nightly export',
      prefix: secret.slice(0, 10),
      createdAt: expect.any(String),
      lastUsedAt: null,
      expiresAt: expect.any(String),
    })

    const me = await api(url, 'GET', '/api/me', { token: secret })
    expect(me.status).toBe(200)
    expect(me.body.user.id).toBe(person.userId)
    expect(me.body.csrfToken).toBeNull()

    const list = await api(url, 'GET', '/api/me/tokens', { as: person })
    expect(list.body.tokens).toHaveLength(1)
    expect(list.body.tokens[0].lastUsedAt).not.toBeNull()
    expect(JSON.stringify(list.body)).not.toContain(secret.slice(10))

    // Someone else cannot revoke it.
    const stranger = await signUp(url, 'Stranger')
    expect((await api(url, 'DELETE', `/api/me/tokens/${created.body.token.id}`, { as: stranger })).status).toBe(404)

    expect((await api(url, 'DELETE', `/api/me/tokens/${created.body.token.id}`, { as: person })).status).toBe(204)
    const after = await api(url, 'GET', '/api/me', { token: secret })
    expect(after.status).toBe(401)
    expect(after.body.error.code).toBe('unauthenticated')
    expect((await api(url, 'GET', '/api/me/tokens', { as: person })).body.tokens).toEqual([])
  })

  it('an expired token is refused; a token without expiry keeps working', async () => {
    const person = await signUp(url, 'Expiring')
    const short = await api(url, 'POST', '/api/me/tokens', { as: person, body: { name: 'a day', expiresInDays: 1 } })
    const forever = await api(url, 'POST', '/api/me/tokens', { as: person, body: { name: 'forever' } })
    expect(forever.body.token.expiresAt).toBeNull()
    clockOffsetMs = 2 * 24 * 3600 * 1000
    try {
      expect((await api(url, 'GET', '/api/me', { token: short.body.secret })).status).toBe(401)
      expect((await api(url, 'GET', '/api/me', { token: forever.body.secret })).status).toBe(200)
    } finally {
      clockOffsetMs = 0
    }
  })

  it('validates the name and the lifetime', async () => {
    const person = await signUp(url, 'Validator')
    const answer = await api(url, 'POST', '/api/me/tokens', { as: person, body: { name: '', expiresInDays: 400 } })
    expect(answer.status).toBe(400)
    expect(answer.body.error.fields).toEqual({ name: 'too_short', expiresInDays: 'too_big' })
  })
})

describe('the audit log of accounts', () => {
  it("shows members' sign-ins, failed sign-ins and tokens to the backbone, filterable by action and actor", async () => {
    const backbone = await signUp(url, 'Auditor')
    const { id } = await createInitiative(url, backbone, 'Audited')
    await api(url, 'POST', '/api/auth/login', { body: { email: backbone.email, password: 'wrong-password' } })
    await signIn(url, backbone.email, backbone.password)
    await createToken(url, backbone, 'audited token')
    const all = await api(url, 'GET', `/api/initiatives/${id}/audit`, { as: backbone })
    const actions = all.body.entries.map((e: { action: string }) => e.action)
    expect(actions.slice(0, 4)).toEqual(['token.created', 'auth.signin', 'auth.signin_failed', 'initiative.created'])
    expect(actions).toContain('auth.signup')
    const signins = await api(url, 'GET', `/api/initiatives/${id}/audit?action=auth.signin`, { as: backbone })
    expect(new Set(signins.body.entries.map((e: { action: string }) => e.action))).toEqual(new Set(['auth.signin', 'auth.signin_failed']))
    const failed = signins.body.entries.find((e: { action: string }) => e.action === 'auth.signin_failed')
    expect(failed.actor).toBeNull()
    expect(failed.ip).toEqual(expect.any(String))
    const mine = await api(url, 'GET', `/api/initiatives/${id}/audit?actor=${backbone.userId}&limit=2`, { as: backbone })
    expect(mine.body.entries).toHaveLength(2)
    expect(mine.body.entries.every((e: { actor: { id: string } }) => e.actor.id === backbone.userId)).toBe(true)
    const future = await api(url, 'GET', `/api/initiatives/${id}/audit?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, {
      as: backbone,
    })
    expect(future.body.entries).toEqual([])
    const bad = await api(url, 'GET', `/api/initiatives/${id}/audit?limit=0&since=yesterday`, { as: backbone })
    expect(bad.status).toBe(400)
    expect(bad.body.error.fields).toEqual({ limit: 'too_small', since: 'invalid_format' })
    // Another initiative's backbone does not see this person's sign-ins.
    const stranger = await signUp(url, 'Other Backbone')
    const other = await createInitiative(url, stranger, 'Elsewhere')
    const theirs = await api(url, 'GET', `/api/initiatives/${other.id}/audit?action=auth.`, { as: stranger })
    expect(theirs.body.entries.every((e: { actor: { id: string } | null }) => e.actor?.id === stranger.userId)).toBe(true)
  })
})

describe('storage never holds a secret in clear', () => {
  it('directory.json and audit.jsonl contain no password, session id, token or invitation token; passwords are scrypt hashes', async () => {
    const secrets: string[] = []
    const backbone = await signUp(url, 'Keeper of Secrets')
    secrets.push(backbone.password, backbone.cookie.split('=')[1]!, backbone.csrfToken)
    const again = await signIn(url, backbone.email, backbone.password)
    secrets.push(again.cookie.split('=')[1]!)
    const token = await createToken(url, backbone, 'secret token')
    secrets.push(token.secret, token.secret.slice(4))
    const { id } = await createInitiative(url, backbone, 'Secretive')
    const invitation = await api(url, 'POST', `/api/initiatives/${id}/invitations`, { as: backbone, body: { role: 'participant', email: 'guest@example.org' } })
    secrets.push(invitation.body.token)
    const guest = await signUp(url, 'Guest')
    secrets.push(guest.password, guest.cookie.split('=')[1]!)
    await api(url, 'POST', `/api/invitations/${invitation.body.token}/accept`, { as: guest })
    // A failed sign-in with a password-like guess must not be logged either.
    await api(url, 'POST', '/api/auth/login', { body: { email: guest.email, password: 'my-other-password-123' } })
    secrets.push('my-other-password-123')
    // The token was used (last-used time) and the server flushed everything it has.
    await api(url, 'GET', '/api/me', { token: token.secret })
    await server.directory.flush()

    const directoryFile = await readFile(path.join(server.dataDir, 'directory.json'), 'utf8')
    const auditFile = await readFile(path.join(server.dataDir, 'audit.jsonl'), 'utf8')
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThanOrEqual(8)
      expect(directoryFile.includes(secret), `directory.json holds ${secret}`).toBe(false)
      expect(auditFile.includes(secret), `audit.jsonl holds ${secret}`).toBe(false)
    }
    const data = JSON.parse(directoryFile)
    const users = Object.values(data.users) as { email: string; passwordHash: string }[]
    expect(users.length).toBeGreaterThan(2)
    for (const user of users) expect(user.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    for (const session of Object.values(data.sessions) as { hash: string }[]) expect(session.hash).toMatch(/^[0-9a-f]{64}$/)
    for (const stored of Object.values(data.tokens) as { hash: string; prefix: string }[]) {
      expect(stored.hash).toMatch(/^[0-9a-f]{64}$/)
      expect(stored.prefix).toHaveLength(10)
    }
    for (const stored of Object.values(data.invitations) as { tokenHash: string }[]) expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/)
    // Every audit line is one JSON object.
    for (const line of auditFile.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow()
  })
})
