// Accounts, sessions and personal access tokens: sign-up, password checks, sessions (renewed
// while used), tokens (stored as hashes), and authentication of presented credentials — all
// synchronous in-memory lookups; mutations finish through the context's durable commit.
import { DomainError, type Language } from '@common-ground/domain'
import type { Principal, PresentedCredentials } from '../access/AccessGate.ts'
import { SESSION_COOKIE, SESSION_TTL_MS, readCookie } from '../auth/cookies.ts'
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../auth/password.ts'
import { TOKEN_PREFIX, newPersonalToken, randomId, randomSecret, sha256 } from '../auth/secrets.ts'
import { DAY_MS, type DirectoryContext } from './context.ts'
import type { Actor, DirectoryData, SessionRecord, TokenRecord, UserRecord } from './types.ts'

/** A session's expiry is pushed forward at most once per this interval (each push is a write). */
const SESSION_RENEW_AFTER_MS = DAY_MS

/** How a request or upgrade was authenticated. */
export interface Authentication {
  principal: Principal
  via: 'session' | 'token'
  /** The session secret from the cookie (for the CSRF token), when via a session. */
  sessionSecret: string | null
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

function emailTaken(): DomainError {
  return new DomainError('conflict', 'email_taken', 'An account with this email exists.', { fields: { email: 'taken' } })
}

export class Accounts {
  private readonly tokensByHash = new Map<string, TokenRecord>()
  private readonly usersByEmail = new Map<string, UserRecord>()
  /** Session id → session hash (the key in data.sessions). */
  private readonly sessionHashById = new Map<string, string>()

  constructor(private readonly ctx: DirectoryContext) {
    for (const user of Object.values(this.data.users)) this.usersByEmail.set(user.email, user)
    for (const token of Object.values(this.data.tokens)) this.tokensByHash.set(token.hash, token)
    for (const session of Object.values(this.data.sessions)) this.sessionHashById.set(session.id, session.hash)
  }

  private get data(): DirectoryData {
    return this.ctx.data
  }

  // ——— authentication ———

  /** The principal the credentials prove and how, or null (missing, unknown, expired or revoked). */
  resolve(credentials: PresentedCredentials): Authentication | null {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(credentials.authorization ?? '')?.[1]
    const presentedToken = bearer ?? credentials.token
    if (presentedToken !== undefined) return this.byToken(presentedToken)
    const secret = readCookie(credentials.cookie, SESSION_COOKIE)
    if (secret) return this.bySession(secret)
    return null
  }

  private byToken(secret: string): Authentication | null {
    if (!secret.startsWith(TOKEN_PREFIX)) return null
    const token = this.tokensByHash.get(sha256(secret))
    if (!token || !this.tokenLive(token)) return null
    const user = this.data.users[token.userId]
    if (!user) return null
    const now = this.ctx.iso()
    // Minute resolution is enough and keeps a busy script from causing a write per request.
    if (token.lastUsedAt === null || token.lastUsedAt.slice(0, 16) !== now.slice(0, 16)) {
      token.lastUsedAt = now
      this.ctx.store.saveLater()
    }
    return { principal: principalOf(user, 'token', token.id), via: 'token', sessionSecret: null }
  }

  private bySession(secret: string): Authentication | null {
    const session = this.data.sessions[sha256(secret)]
    if (!session || !this.sessionLive(session)) return null
    const user = this.data.users[session.userId]
    if (!user) return null
    return { principal: principalOf(user, 'session', session.id), via: 'session', sessionSecret: secret }
  }

  private sessionLive(session: SessionRecord): boolean {
    return Date.parse(session.expiresAt) > this.ctx.now()
  }

  private tokenLive(token: TokenRecord): boolean {
    return token.expiresAt === null || Date.parse(token.expiresAt) > this.ctx.now()
  }

  /** True while the principal's session or token is still valid. */
  isCredentialValid(principal: Principal): boolean {
    const { type, id } = principal.credential
    if (type === 'token') {
      const token = this.data.tokens[id]
      return token !== undefined && token.userId === principal.userId && this.tokenLive(token)
    }
    const hash = this.sessionHashById.get(id)
    const session = hash === undefined ? undefined : this.data.sessions[hash]
    return session !== undefined && session.userId === principal.userId && this.sessionLive(session)
  }

  // ——— users ———

  user(id: string): UserRecord | undefined {
    return this.data.users[id]
  }

  userByEmail(email: string): UserRecord | undefined {
    return this.usersByEmail.get(normalizeEmail(email))
  }

  async createUser(input: { email: string; password: string; name: string; language: Language }, actor: Omit<Actor, 'userId'>): Promise<UserRecord> {
    const email = normalizeEmail(input.email)
    if (this.usersByEmail.has(email)) throw emailTaken()
    const passwordHash = await hashPassword(input.password)
    // Checked again: another sign-up for the same email may have finished while we hashed.
    if (this.usersByEmail.has(email)) throw emailTaken()
    const user: UserRecord = { id: randomId(12), email, name: input.name.trim(), language: input.language, passwordHash, createdAt: this.ctx.iso() }
    this.data.users[user.id] = user
    this.usersByEmail.set(email, user)
    await this.ctx.commit(this.ctx.record('auth.signup', { userId: user.id, ip: actor.ip }, { subjectUserId: user.id, target: { type: 'user', id: user.id } }))
    return user
  }

  /** The account the email and password prove, or null. Audits failures against known accounts. */
  async verifyCredentials(email: string, password: string, ip: string | null): Promise<UserRecord | null> {
    const user = this.userByEmail(email)
    if (!user) {
      await verifyAgainstDummy(password)
      return null
    }
    if (await verifyPassword(password, user.passwordHash)) return user
    await this.ctx.record('auth.signin_failed', { userId: null, ip }, { subjectUserId: user.id, target: { type: 'user', id: user.id } })
    return null
  }

  // ——— sessions ———

  /** Starts a session; returns the secret for the cookie (stored only as its hash). */
  async createSession(
    userId: string,
    actor: Omit<Actor, 'userId'>,
    action: 'auth.signin' | null = 'auth.signin',
  ): Promise<{ secret: string; session: SessionRecord }> {
    const secret = randomSecret()
    const session: SessionRecord = { id: randomId(12), hash: sha256(secret), userId, createdAt: this.ctx.iso(), expiresAt: this.ctx.iso(SESSION_TTL_MS) }
    this.data.sessions[session.hash] = session
    this.sessionHashById.set(session.id, session.hash)
    this.pruneExpired()
    await this.ctx.commit(
      ...(action ? [this.ctx.record(action, { userId, ip: actor.ip }, { subjectUserId: userId, target: { type: 'user', id: userId } })] : []),
    )
    return { secret, session }
  }

  /** Pushes a used session's expiry forward (at most once a day); true when it did. */
  async renewSession(secret: string): Promise<boolean> {
    const session = this.data.sessions[sha256(secret)]
    if (!session || !this.sessionLive(session)) return false
    if (Date.parse(session.expiresAt) - this.ctx.now() > SESSION_TTL_MS - SESSION_RENEW_AFTER_MS) return false
    session.expiresAt = this.ctx.iso(SESSION_TTL_MS)
    await this.ctx.store.save()
    return true
  }

  async endSession(secret: string, actor: Actor): Promise<void> {
    const hash = sha256(secret)
    const session = this.data.sessions[hash]
    if (!session) return
    delete this.data.sessions[hash]
    this.sessionHashById.delete(session.id)
    await this.ctx.commit(this.ctx.record('auth.signout', actor, { subjectUserId: session.userId, target: { type: 'user', id: session.userId } }))
    this.ctx.emit({ type: 'credential', credentialId: session.id })
  }

  private pruneExpired(): void {
    for (const [hash, session] of Object.entries(this.data.sessions)) {
      if (this.sessionLive(session)) continue
      delete this.data.sessions[hash]
      this.sessionHashById.delete(session.id)
    }
  }

  // ——— personal access tokens ———

  listTokens(userId: string): TokenRecord[] {
    return Object.values(this.data.tokens)
      .filter((t) => t.userId === userId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  async createToken(userId: string, input: { name: string; expiresInDays: number | null }, actor: Actor): Promise<{ token: TokenRecord; secret: string }> {
    const secret = newPersonalToken()
    const token: TokenRecord = {
      id: randomId(12),
      userId,
      name: input.name.trim(),
      hash: sha256(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      createdAt: this.ctx.iso(),
      lastUsedAt: null,
      expiresAt: input.expiresInDays === null ? null : this.ctx.iso(input.expiresInDays * DAY_MS),
    }
    this.data.tokens[token.id] = token
    this.tokensByHash.set(token.hash, token)
    await this.ctx.commit(
      this.ctx.record('token.created', actor, { subjectUserId: userId, target: { type: 'token', id: token.id }, details: { name: token.name } }),
    )
    return { token, secret }
  }

  async revokeToken(userId: string, tokenId: string, actor: Actor): Promise<void> {
    const token = this.data.tokens[tokenId]
    if (!token || token.userId !== userId) throw new DomainError('not_found', 'not_found', 'No such token.')
    delete this.data.tokens[tokenId]
    this.tokensByHash.delete(token.hash)
    await this.ctx.commit(
      this.ctx.record('token.revoked', actor, { subjectUserId: userId, target: { type: 'token', id: tokenId }, details: { name: token.name } }),
    )
    this.ctx.emit({ type: 'credential', credentialId: tokenId })
  }
}

function principalOf(user: UserRecord, type: 'session' | 'token', id: string): Principal {
  return { userId: user.id, email: user.email, name: user.name, credential: { type, id } }
}
