// The directory: accounts, sessions, personal access tokens, initiatives, partners,
// memberships and invitations, in a lowdb file (<dataDir>/directory.json), plus the audit log.
// Every mutation changes memory synchronously (so check-then-act is atomic) and resolves only
// after the file was rewritten atomically (lowdb: temp file + rename); writes are serialized.
// It is also the AccessGate both doors ask: authentication and the document access matrix are
// synchronous in-memory lookups.
import path from 'node:path'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import {
  SECTOR_COLORS,
  documentAccess as accessMatrix,
  documentExists,
  initiativeDocuments,
  parseDocumentName,
  type DocumentAccess,
  type DocumentKind,
  type InitiativeScope,
  type Language,
  type PublishableKind,
  type Role,
  type Sector,
} from '@common-ground/domain'
import type { AccessChange, AccessGate, PresentedCredentials, Principal } from '../access/AccessGate.ts'
import { SESSION_COOKIE, SESSION_TTL_MS, readCookie } from '../auth/cookies.ts'
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../auth/password.ts'
import { TOKEN_PREFIX, newPersonalToken, randomId, randomSecret, sha256 } from '../auth/secrets.ts'
import { ApiError } from '../http/ApiError.ts'
import type { Logger } from '../logger.ts'
import { AuditLog, type AuditEntry, type AuditTarget } from './AuditLog.ts'
import {
  emptyDirectory,
  type Actor,
  type DirectoryData,
  type InitiativeRecord,
  type InvitationRecord,
  type InvitationStatus,
  type MembershipRecord,
  type PartnerRecord,
  type SessionRecord,
  type TokenRecord,
  type UserRecord,
} from './types.ts'

const DAY_MS = 24 * 60 * 60 * 1000
/** A session's expiry is pushed forward at most once per this interval (each push is a write). */
const SESSION_RENEW_AFTER_MS = DAY_MS

/** How a request or upgrade was authenticated. */
export interface Authentication {
  principal: Principal
  via: 'session' | 'token'
  /** The session secret from the cookie (for the CSRF token), when via a session. */
  sessionSecret: string | null
}

export interface DirectoryOptions {
  dataDir: string
  logger: Logger
  /** The clock (ms since the epoch); tests move it to expire sessions, tokens and invitations. */
  now?: () => number
}

export interface InitiativeDocument {
  name: string
  kind: DocumentKind
  partnerId?: string
}

export class Directory implements AccessGate {
  private readonly listeners = new Set<(change: AccessChange) => void>()
  private readonly tokensByHash = new Map<string, TokenRecord>()
  private readonly usersByEmail = new Map<string, UserRecord>()
  /** Session id → session hash (the key in data.sessions). */
  private readonly sessionHashById = new Map<string, string>()
  private readonly invitationsByHash = new Map<string, InvitationRecord>()
  private writing: Promise<void> = Promise.resolve()
  private lazyWrite: NodeJS.Timeout | null = null
  readonly now: () => number

  private constructor(
    private readonly db: Low<DirectoryData>,
    readonly audit: AuditLog,
    private readonly logger: Logger,
    now: () => number,
  ) {
    this.now = now
    for (const user of Object.values(db.data.users)) this.usersByEmail.set(user.email, user)
    for (const token of Object.values(db.data.tokens)) this.tokensByHash.set(token.hash, token)
    for (const session of Object.values(db.data.sessions)) this.sessionHashById.set(session.id, session.hash)
    for (const invitation of Object.values(db.data.invitations)) this.invitationsByHash.set(invitation.tokenHash, invitation)
  }

  static async open(options: DirectoryOptions): Promise<Directory> {
    const db = new Low<DirectoryData>(new JSONFile<DirectoryData>(path.join(options.dataDir, 'directory.json')), emptyDirectory())
    await db.read()
    db.data = { ...emptyDirectory(), ...db.data }
    const audit = await AuditLog.open(path.join(options.dataDir, 'audit.jsonl'), options.logger)
    return new Directory(db, audit, options.logger, options.now ?? Date.now)
  }

  private get data(): DirectoryData {
    return this.db.data
  }

  private iso(offsetMs = 0): string {
    return new Date(this.now() + offsetMs).toISOString()
  }

  /** True when nothing was ever created (no accounts, no initiatives). */
  get isEmpty(): boolean {
    return Object.keys(this.data.users).length === 0 && Object.keys(this.data.initiatives).length === 0
  }

  // ——— persistence ———

  /** Writes the whole file (atomically); serialized behind earlier writes. */
  private save(): Promise<void> {
    if (this.lazyWrite) {
      clearTimeout(this.lazyWrite)
      this.lazyWrite = null
    }
    const written = this.writing.then(() => this.db.write())
    this.writing = written.catch((error: unknown) => this.logger.error('directory write failed', { error }))
    return written
  }

  /** For bookkeeping that need not be durable at once (token last-used times). */
  private saveLater(): void {
    this.lazyWrite ??= setTimeout(() => {
      this.lazyWrite = null
      void this.save().catch(() => {})
    }, 5_000)
    this.lazyWrite.unref()
  }

  private record(action: string, actor: Actor, fields: { initiativeId?: string | null; subjectUserId?: string | null; target?: AuditTarget | null; details?: Record<string, unknown> }): Promise<AuditEntry> {
    return this.audit.append({
      at: this.iso(),
      action,
      actorId: actor.userId,
      initiativeId: fields.initiativeId ?? null,
      subjectUserId: fields.subjectUserId ?? null,
      target: fields.target ?? null,
      details: fields.details ?? {},
      ip: actor.ip,
    })
  }

  private async commit(...audit: Promise<AuditEntry>[]): Promise<void> {
    await Promise.all([this.save(), ...audit])
  }

  /** Writes pending bookkeeping now and waits for every write in flight. */
  async flush(): Promise<void> {
    if (this.lazyWrite) await this.save().catch(() => {})
    await this.writing
    await this.audit.flush()
  }

  async close(): Promise<void> {
    await this.flush()
  }

  private emit(change: AccessChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change)
      } catch (error) {
        this.logger.error('access change listener failed', { error })
      }
    }
  }

  // ——— AccessGate ———

  onAccessChange(listener: (change: AccessChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  authenticate(credentials: PresentedCredentials): Principal | null {
    return this.resolve(credentials)?.principal ?? null
  }

  /** Like authenticate, plus how the caller was authenticated (the HTTP layer needs it for CSRF). */
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
    const now = this.iso()
    // Minute resolution is enough and keeps a busy script from causing a write per request.
    if (token.lastUsedAt === null || token.lastUsedAt.slice(0, 16) !== now.slice(0, 16)) {
      token.lastUsedAt = now
      this.saveLater()
    }
    return { principal: this.principalOf(user, 'token', token.id), via: 'token', sessionSecret: null }
  }

  private bySession(secret: string): Authentication | null {
    const session = this.data.sessions[sha256(secret)]
    if (!session || !this.sessionLive(session)) return null
    const user = this.data.users[session.userId]
    if (!user) return null
    return { principal: this.principalOf(user, 'session', session.id), via: 'session', sessionSecret: secret }
  }

  private principalOf(user: UserRecord, type: 'session' | 'token', id: string): Principal {
    return { userId: user.id, email: user.email, name: user.name, credential: { type, id } }
  }

  private sessionLive(session: SessionRecord): boolean {
    return Date.parse(session.expiresAt) > this.now()
  }

  private tokenLive(token: TokenRecord): boolean {
    return token.expiresAt === null || Date.parse(token.expiresAt) > this.now()
  }

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

  documentAccess(documentName: string, principal: Principal | null): DocumentAccess {
    const ref = parseDocumentName(documentName)
    if (!ref) return 'none'
    const initiative = this.data.initiatives[ref.initiativeId]
    if (!initiative) return 'none'
    if (!documentExists(ref, this.scopeOf(initiative.id))) return 'none'
    const membership = principal ? this.membership(initiative.id, principal.userId) : undefined
    return accessMatrix(ref, {
      role: membership?.role ?? null,
      partnerId: membership?.partnerId ?? null,
      published: (initiative.published as readonly string[]).includes(ref.kind),
    })
  }

  // ——— accounts ———

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
    const user: UserRecord = { id: randomId(12), email, name: input.name.trim(), language: input.language, passwordHash, createdAt: this.iso() }
    this.data.users[user.id] = user
    this.usersByEmail.set(email, user)
    await this.commit(this.record('auth.signup', { userId: user.id, ip: actor.ip }, { subjectUserId: user.id, target: { type: 'user', id: user.id } }))
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
    await this.record('auth.signin_failed', { userId: null, ip }, { subjectUserId: user.id, target: { type: 'user', id: user.id } })
    return null
  }

  /** Starts a session; returns the secret for the cookie (stored only as its hash). */
  async createSession(userId: string, actor: Omit<Actor, 'userId'>, action: 'auth.signin' | null = 'auth.signin'): Promise<{ secret: string; session: SessionRecord }> {
    const secret = randomSecret()
    const session: SessionRecord = { id: randomId(12), hash: sha256(secret), userId, createdAt: this.iso(), expiresAt: this.iso(SESSION_TTL_MS) }
    this.data.sessions[session.hash] = session
    this.sessionHashById.set(session.id, session.hash)
    this.pruneExpired()
    await this.commit(...(action ? [this.record(action, { userId, ip: actor.ip }, { subjectUserId: userId, target: { type: 'user', id: userId } })] : []))
    return { secret, session }
  }

  /** Pushes a used session's expiry forward (at most once a day); true when it did. */
  async renewSession(secret: string): Promise<boolean> {
    const session = this.data.sessions[sha256(secret)]
    if (!session || !this.sessionLive(session)) return false
    if (Date.parse(session.expiresAt) - this.now() > SESSION_TTL_MS - SESSION_RENEW_AFTER_MS) return false
    session.expiresAt = this.iso(SESSION_TTL_MS)
    await this.save()
    return true
  }

  async endSession(secret: string, actor: Actor): Promise<void> {
    const hash = sha256(secret)
    const session = this.data.sessions[hash]
    if (!session) return
    delete this.data.sessions[hash]
    this.sessionHashById.delete(session.id)
    await this.commit(this.record('auth.signout', actor, { subjectUserId: session.userId, target: { type: 'user', id: session.userId } }))
    this.emit({ type: 'credential', credentialId: session.id })
  }

  private pruneExpired(): void {
    for (const [hash, session] of Object.entries(this.data.sessions)) {
      if (this.sessionLive(session)) continue
      delete this.data.sessions[hash]
      this.sessionHashById.delete(session.id)
    }
  }

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
      createdAt: this.iso(),
      lastUsedAt: null,
      expiresAt: input.expiresInDays === null ? null : this.iso(input.expiresInDays * DAY_MS),
    }
    this.data.tokens[token.id] = token
    this.tokensByHash.set(token.hash, token)
    await this.commit(this.record('token.created', actor, { subjectUserId: userId, target: { type: 'token', id: token.id }, details: { name: token.name } }))
    return { token, secret }
  }

  async revokeToken(userId: string, tokenId: string, actor: Actor): Promise<void> {
    const token = this.data.tokens[tokenId]
    if (!token || token.userId !== userId) throw new ApiError(404, 'not_found', 'No such token.')
    delete this.data.tokens[tokenId]
    this.tokensByHash.delete(token.hash)
    await this.commit(this.record('token.revoked', actor, { subjectUserId: userId, target: { type: 'token', id: tokenId }, details: { name: token.name } }))
    this.emit({ type: 'credential', credentialId: tokenId })
  }

  // ——— initiatives ———

  initiative(id: string): InitiativeRecord | undefined {
    return this.data.initiatives[id]
  }

  membership(initiativeId: string, userId: string): MembershipRecord | undefined {
    return this.data.memberships.find((m) => m.initiativeId === initiativeId && m.userId === userId)
  }

  membershipsOf(userId: string): MembershipRecord[] {
    return this.data.memberships.filter((m) => m.userId === userId)
  }

  members(initiativeId: string): MembershipRecord[] {
    return this.data.memberships.filter((m) => m.initiativeId === initiativeId)
  }

  /** What documents of an initiative can belong to (the document-kind registry asks). */
  scopeOf(initiativeId: string): InitiativeScope {
    return { initiativeId, partnerIds: this.partners(initiativeId).map((p) => p.id) }
  }

  /** The documents an initiative owns, by the document-kind registry (packages/domain). */
  documentsOf(initiativeId: string): InitiativeDocument[] {
    return initiativeDocuments(this.scopeOf(initiativeId)).map(({ name, kind, partnerId }) => ({ name, kind, ...(partnerId !== undefined ? { partnerId } : {}) }))
  }

  async createInitiative(
    input: { name: string; description: string; languages: Language[]; geography: string; id?: string },
    actor: Actor & { userId: string },
  ): Promise<InitiativeRecord> {
    let id = input.id ?? randomId(10)
    while (!input.id && this.data.initiatives[id]) id = randomId(10)
    if (this.data.initiatives[id]) throw new ApiError(409, 'conflict', 'An initiative with that id exists.')
    const initiative: InitiativeRecord = {
      id,
      name: input.name.trim(),
      description: input.description.trim(),
      languages: [...new Set(input.languages)],
      geography: input.geography.trim(),
      createdAt: this.iso(),
      createdBy: actor.userId,
      published: [],
    }
    this.data.initiatives[id] = initiative
    this.data.memberships.push({ initiativeId: id, userId: actor.userId, role: 'backbone', partnerId: null, joinedAt: initiative.createdAt })
    await this.commit(this.record('initiative.created', actor, { initiativeId: id, target: { type: 'initiative', id }, details: { name: initiative.name } }))
    this.emit({ type: 'membership', initiativeId: id, userId: actor.userId })
    return initiative
  }

  async updateInitiative(id: string, changes: Partial<Pick<InitiativeRecord, 'name' | 'description' | 'languages' | 'geography'>>, actor: Actor): Promise<InitiativeRecord> {
    const initiative = this.mustInitiative(id)
    const changed: string[] = []
    for (const key of ['name', 'description', 'geography'] as const) {
      const value = changes[key]
      if (value !== undefined && value.trim() !== initiative[key]) {
        initiative[key] = value.trim()
        changed.push(key)
      }
    }
    if (changes.languages !== undefined) {
      initiative.languages = [...new Set(changes.languages)]
      changed.push('languages')
    }
    await this.commit(this.record('initiative.updated', actor, { initiativeId: id, target: { type: 'initiative', id }, details: { fields: changed } }))
    return initiative
  }

  async setPublished(id: string, kind: PublishableKind, published: boolean, actor: Actor): Promise<InitiativeRecord> {
    const initiative = this.mustInitiative(id)
    const was = initiative.published.includes(kind)
    if (was === published) return initiative
    initiative.published = published ? [...initiative.published, kind] : initiative.published.filter((k) => k !== kind)
    await this.commit(this.record(published ? 'initiative.published' : 'initiative.unpublished', actor, { initiativeId: id, target: { type: 'initiative', id }, details: { kind } }))
    this.emit({ type: 'initiative', initiativeId: id })
    return initiative
  }

  private mustInitiative(id: string): InitiativeRecord {
    const initiative = this.data.initiatives[id]
    if (!initiative) throw new ApiError(404, 'not_found', 'No such initiative.')
    return initiative
  }

  // ——— partners ———

  partners(initiativeId: string): PartnerRecord[] {
    return Object.values(this.data.partners)
      .filter((p) => p.initiativeId === initiativeId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name))
  }

  partner(initiativeId: string, partnerId: string): PartnerRecord | undefined {
    const partner = this.data.partners[partnerId]
    return partner && partner.initiativeId === initiativeId ? partner : undefined
  }

  executivesOf(partnerId: string): MembershipRecord[] {
    return this.data.memberships.filter((m) => m.role === 'partner' && m.partnerId === partnerId)
  }

  async createPartner(initiativeId: string, input: { name: string; sector: Sector; website: string; color: string | null; id?: string }, actor: Actor): Promise<PartnerRecord> {
    this.mustInitiative(initiativeId)
    let id = input.id ?? randomId(10)
    while (!input.id && this.data.partners[id]) id = randomId(10)
    if (this.data.partners[id]) throw new ApiError(409, 'conflict', 'A partner with that id exists.')
    const partner: PartnerRecord = {
      id,
      initiativeId,
      name: input.name.trim(),
      sector: input.sector,
      website: input.website.trim(),
      color: input.color ?? SECTOR_COLORS[input.sector],
      createdAt: this.iso(),
    }
    this.data.partners[id] = partner
    await this.commit(this.record('partner.created', actor, { initiativeId, target: { type: 'partner', id }, details: { name: partner.name, sector: partner.sector } }))
    return partner
  }

  async updatePartner(initiativeId: string, partnerId: string, changes: Partial<Pick<PartnerRecord, 'name' | 'sector' | 'website' | 'color'>>, actor: Actor): Promise<PartnerRecord> {
    const partner = this.partner(initiativeId, partnerId)
    if (!partner) throw new ApiError(404, 'not_found', 'No such partner.')
    const changed: string[] = []
    for (const key of ['name', 'sector', 'website', 'color'] as const) {
      const value = changes[key]
      if (value !== undefined && value !== partner[key]) {
        ;(partner as unknown as Record<string, string>)[key] = typeof value === 'string' ? value.trim() : value
        changed.push(key)
      }
    }
    await this.commit(this.record('partner.updated', actor, { initiativeId, target: { type: 'partner', id: partnerId }, details: { fields: changed } }))
    return partner
  }

  async deletePartner(initiativeId: string, partnerId: string, actor: Actor): Promise<void> {
    const partner = this.partner(initiativeId, partnerId)
    if (!partner) throw new ApiError(404, 'not_found', 'No such partner.')
    if (this.executivesOf(partnerId).length > 0) {
      throw new ApiError(409, 'partner_has_executives', 'Partner executives are still bound to this partner; change their role first.')
    }
    delete this.data.partners[partnerId]
    const at = this.iso()
    // Pending invitations for its executives can no longer be accepted.
    for (const invitation of Object.values(this.data.invitations)) {
      if (invitation.partnerId === partnerId && this.invitationStatus(invitation) === 'pending') invitation.revokedAt = at
    }
    await this.commit(this.record('partner.deleted', actor, { initiativeId, target: { type: 'partner', id: partnerId }, details: { name: partner.name } }))
    this.emit({ type: 'initiative', initiativeId })
  }

  // ——— members ———

  private backboneCount(initiativeId: string): number {
    return this.data.memberships.filter((m) => m.initiativeId === initiativeId && m.role === 'backbone').length
  }

  async changeRole(initiativeId: string, userId: string, role: Role, partnerId: string | null, actor: Actor): Promise<MembershipRecord> {
    const membership = this.membership(initiativeId, userId)
    if (!membership) throw new ApiError(404, 'not_found', 'No such member.')
    if (role === 'partner' && (!partnerId || !this.partner(initiativeId, partnerId))) {
      throw new ApiError(400, 'validation_failed', 'The partner does not exist in this initiative.', { fields: { partnerId: 'not_found' } })
    }
    if (membership.role === 'backbone' && role !== 'backbone' && this.backboneCount(initiativeId) <= 1) {
      throw new ApiError(409, 'last_backbone', 'An initiative needs at least one backbone staff member.')
    }
    const before = { role: membership.role, partnerId: membership.partnerId }
    membership.role = role
    membership.partnerId = role === 'partner' ? partnerId : null
    await this.commit(
      this.record('member.role_changed', actor, {
        initiativeId,
        target: { type: 'member', id: userId },
        details: { from: before, to: { role: membership.role, partnerId: membership.partnerId } },
      }),
    )
    this.emit({ type: 'membership', initiativeId, userId })
    return membership
  }

  async removeMember(initiativeId: string, userId: string, actor: Actor): Promise<void> {
    const index = this.data.memberships.findIndex((m) => m.initiativeId === initiativeId && m.userId === userId)
    if (index < 0) throw new ApiError(404, 'not_found', 'No such member.')
    const membership = this.data.memberships[index]!
    if (membership.role === 'backbone' && this.backboneCount(initiativeId) <= 1) {
      throw new ApiError(409, 'last_backbone', 'An initiative needs at least one backbone staff member.')
    }
    this.data.memberships.splice(index, 1)
    const left = actor.userId === userId
    await this.commit(
      this.record(left ? 'member.left' : 'member.removed', actor, { initiativeId, target: { type: 'member', id: userId }, details: { role: membership.role, partnerId: membership.partnerId } }),
    )
    this.emit({ type: 'membership', initiativeId, userId })
  }

  // ——— invitations ———

  invitations(initiativeId: string): InvitationRecord[] {
    return Object.values(this.data.invitations)
      .filter((i) => i.initiativeId === initiativeId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  invitationStatus(invitation: InvitationRecord): InvitationStatus {
    if (invitation.revokedAt) return 'revoked'
    if (invitation.acceptedAt) return 'accepted'
    if (Date.parse(invitation.expiresAt) <= this.now()) return 'expired'
    return 'pending'
  }

  invitationByToken(token: string): InvitationRecord | undefined {
    return this.invitationsByHash.get(sha256(token))
  }

  async createInvitation(
    initiativeId: string,
    input: { role: Role; partnerId: string | null; email: string | null; expiresInDays: number },
    actor: Actor & { userId: string },
  ): Promise<{ invitation: InvitationRecord; token: string }> {
    this.mustInitiative(initiativeId)
    if (input.role === 'partner' && (!input.partnerId || !this.partner(initiativeId, input.partnerId))) {
      throw new ApiError(400, 'validation_failed', 'The partner does not exist in this initiative.', { fields: { partnerId: 'not_found' } })
    }
    const token = randomSecret()
    const invitation: InvitationRecord = {
      id: randomId(12),
      initiativeId,
      tokenHash: sha256(token),
      role: input.role,
      partnerId: input.role === 'partner' ? input.partnerId : null,
      email: input.email ? normalizeEmail(input.email) : null,
      createdAt: this.iso(),
      createdBy: actor.userId,
      expiresAt: this.iso(input.expiresInDays * DAY_MS),
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
    }
    this.data.invitations[invitation.id] = invitation
    this.invitationsByHash.set(invitation.tokenHash, invitation)
    await this.commit(
      this.record('invitation.created', actor, {
        initiativeId,
        target: { type: 'invitation', id: invitation.id },
        details: { role: invitation.role, partnerId: invitation.partnerId, email: invitation.email, expiresAt: invitation.expiresAt },
      }),
    )
    return { invitation, token }
  }

  async revokeInvitation(initiativeId: string, invitationId: string, actor: Actor): Promise<void> {
    const invitation = this.data.invitations[invitationId]
    if (!invitation || invitation.initiativeId !== initiativeId) throw new ApiError(404, 'not_found', 'No such invitation.')
    const status = this.invitationStatus(invitation)
    if (status === 'accepted') throw new ApiError(409, 'invitation_used', 'The invitation was already accepted.')
    if (status === 'revoked') return
    invitation.revokedAt = this.iso()
    await this.commit(this.record('invitation.revoked', actor, { initiativeId, target: { type: 'invitation', id: invitationId } }))
  }

  async acceptInvitation(token: string, actor: Actor & { userId: string }): Promise<MembershipRecord> {
    const invitation = this.invitationByToken(token)
    if (!invitation || !this.data.initiatives[invitation.initiativeId]) throw new ApiError(404, 'invitation_not_found', 'No such invitation.')
    switch (this.invitationStatus(invitation)) {
      case 'revoked':
        throw new ApiError(410, 'invitation_revoked', 'This invitation was revoked.')
      case 'accepted':
        throw new ApiError(410, 'invitation_used', 'This invitation was already used.')
      case 'expired':
        throw new ApiError(410, 'invitation_expired', 'This invitation has expired.')
      case 'pending':
        break
    }
    if (this.membership(invitation.initiativeId, actor.userId)) throw new ApiError(409, 'already_member', 'You are already a member of this initiative.')
    const at = this.iso()
    invitation.acceptedAt = at
    invitation.acceptedBy = actor.userId
    const membership: MembershipRecord = { initiativeId: invitation.initiativeId, userId: actor.userId, role: invitation.role, partnerId: invitation.partnerId, joinedAt: at }
    this.data.memberships.push(membership)
    await this.commit(
      this.record('invitation.accepted', actor, {
        initiativeId: invitation.initiativeId,
        target: { type: 'invitation', id: invitation.id },
        details: { role: membership.role, partnerId: membership.partnerId },
      }),
    )
    this.emit({ type: 'membership', initiativeId: invitation.initiativeId, userId: actor.userId })
    return membership
  }

  /** Test and maintenance hook: changes an invitation's expiry (e.g. into the past). */
  async setInvitationExpiry(invitationId: string, expiresAt: Date): Promise<void> {
    const invitation = this.data.invitations[invitationId]
    if (!invitation) throw new ApiError(404, 'not_found', 'No such invitation.')
    invitation.expiresAt = expiresAt.toISOString()
    await this.save()
  }

  // ——— audit ———

  queryAudit(initiativeId: string, filters: { actionPrefix?: string; actorId?: string; since?: string; until?: string; limit: number }): AuditEntry[] {
    const memberIds = new Set(this.members(initiativeId).map((m) => m.userId))
    return this.audit.query({ initiativeId, memberIds, ...filters })
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

function emailTaken(): ApiError {
  return new ApiError(409, 'email_taken', 'An account with this email exists.', { fields: { email: 'taken' } })
}
