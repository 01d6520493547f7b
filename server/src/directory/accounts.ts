// Accounts, sessions and personal access tokens: sign-up, password checks, sessions (renewed
// while used), tokens (stored as hashes), and authentication of presented credentials — all
// synchronous in-memory lookups; mutations finish through the context's durable commit.
import { DomainError, FORMER_MEMBER_NAME, type Language } from '@common-ground/domain'
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

export function wrongPassword(): DomainError {
  return new DomainError('forbidden', 'wrong_password', 'The password is wrong.')
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
    for (const user of Object.values(this.data.users)) if (!user.deletedAt) this.usersByEmail.set(user.email, user)
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

  /** Ends every session of the person except `keepSessionId`; returns the ids ended (the caller emits and commits). */
  dropSessionsOf(userId: string, keepSessionId: string | null = null): string[] {
    const ended: string[] = []
    for (const [hash, session] of Object.entries(this.data.sessions)) {
      if (session.userId !== userId || session.id === keepSessionId) continue
      delete this.data.sessions[hash]
      this.sessionHashById.delete(session.id)
      if (this.sessionLive(session)) ended.push(session.id)
    }
    return ended
  }

  /** Ends every session of the person (the caller's included); their live connections close. */
  async endAllSessions(userId: string, actor: Actor): Promise<number> {
    const ended = this.dropSessionsOf(userId)
    await this.ctx.commit(
      this.ctx.record('auth.sessions_revoked', actor, { subjectUserId: userId, target: { type: 'user', id: userId }, details: { sessions: ended.length } }),
    )
    for (const id of ended) this.ctx.emit({ type: 'credential', credentialId: id })
    return ended.length
  }

  // ——— the account itself ———

  /** The live account, or not_found (deleted or unknown). */
  private mustUser(userId: string): UserRecord {
    const user = this.data.users[userId]
    if (!user || user.deletedAt) throw new DomainError('not_found', 'not_found', 'No such account.')
    return user
  }

  /** Throws wrong_password unless `password` is the account's. */
  async checkPassword(userId: string, password: string): Promise<UserRecord> {
    const user = this.mustUser(userId)
    if (!(await verifyPassword(password, user.passwordHash))) throw wrongPassword()
    return user
  }

  /** Keeps the person's presence colour with the account (not audited: it is a display preference). */
  async updateColor(userId: string, color: string): Promise<UserRecord> {
    const user = this.mustUser(userId)
    if (user.color === color) return user
    user.color = color
    await this.ctx.commit()
    return user
  }

  async updateName(userId: string, name: string, actor: Actor): Promise<UserRecord> {
    const user = this.mustUser(userId)
    const next = name.trim()
    if (next === user.name) return user
    user.name = next
    await this.ctx.commit(this.ctx.record('auth.name_changed', actor, { subjectUserId: userId, target: { type: 'user', id: userId } }))
    return user
  }

  /**
   * Sets a new password after checking the current one; every other session of the person ends
   * (`keepSessionId`: the caller's, which stays). Personal access tokens stay valid.
   */
  async changePassword(userId: string, current: string, next: string, keepSessionId: string | null, actor: Actor): Promise<void> {
    await this.checkPassword(userId, current)
    const hash = await hashPassword(next)
    const user = this.mustUser(userId)
    user.passwordHash = hash
    const ended = this.dropSessionsOf(userId, keepSessionId)
    await this.ctx.commit(
      this.ctx.record('auth.password_changed', actor, {
        subjectUserId: userId,
        target: { type: 'user', id: userId },
        details: { sessionsEnded: ended.length },
      }),
    )
    for (const id of ended) this.ctx.emit({ type: 'credential', credentialId: id })
  }

  /** Sets a password without the old one (a reset link was checked by the caller); ends every session. Returns the ended session ids. */
  setPasswordHash(userId: string, passwordHash: string): string[] {
    const user = this.mustUser(userId)
    user.passwordHash = passwordHash
    return this.dropSessionsOf(userId)
  }

  /**
   * Anonymises the account in memory (the caller checked the rules and commits): name and email
   * gone, the password unusable, sessions and tokens revoked; the id and the record stay so that
   * history, audit entries and endorsements still resolve to "Former member". Returns the revoked
   * credential ids (to emit after the commit).
   */
  anonymise(userId: string): string[] {
    const user = this.mustUser(userId)
    this.usersByEmail.delete(user.email)
    user.name = FORMER_MEMBER_NAME
    user.email = ''
    user.passwordHash = ''
    user.deletedAt = this.ctx.iso()
    const revoked = this.dropSessionsOf(userId)
    for (const token of Object.values(this.data.tokens)) {
      if (token.userId !== userId) continue
      delete this.data.tokens[token.id]
      this.tokensByHash.delete(token.hash)
      revoked.push(token.id)
    }
    return revoked
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
