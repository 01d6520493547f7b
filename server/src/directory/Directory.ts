// The directory: accounts, sessions, personal access tokens, initiatives, partners,
// memberships and invitations, in a lowdb file (<dataDir>/directory.json), plus the audit log.
// This facade is what the rest of the server uses; each concern lives in its own file
// (directoryStore, accounts, initiatives, invitations, access). Every mutation changes memory
// synchronously (so check-then-act is atomic) and resolves only after the file and its audit
// entry are durable (fsynced). It is also the AccessGate both doors ask: authentication and the
// document access matrix are synchronous in-memory lookups. Broken rules throw DomainError.
import path from 'node:path'
import { DomainError } from '@common-ground/domain'
import type { DocumentAccess, UpdateGuard, InitiativeScope, Language, PublicationTarget, Role, Sector } from '@common-ground/domain'
import type { AccessChange, AccessGate, PresentedCredentials, Principal } from '../access/AccessGate.ts'
import type { Logger } from '../logger.ts'
import { documentAccessOf, writeGuardOf } from './access.ts'
import { Accounts, type Authentication } from './accounts.ts'
import { AuditLog, type AuditEntry } from './AuditLog.ts'
import { DirectoryContext } from './context.ts'
import { DirectoryStore } from './directoryStore.ts'
import { Initiatives, type InitiativeDocument, type ScopeSource } from './initiatives.ts'
import { Invitations } from './invitations.ts'
import { PasswordResets } from './passwordResets.ts'
import type {
  Actor,
  InitiativeRecord,
  InvitationRecord,
  InvitationStatus,
  MembershipRecord,
  PasswordResetRecord,
  PartnerRecord,
  SessionRecord,
  TokenRecord,
  UserRecord,
} from './types.ts'

export { normalizeEmail, type Authentication } from './accounts.ts'
export type { InitiativeDocument, ScopeSource } from './initiatives.ts'

export interface DirectoryOptions {
  dataDir: string
  logger: Logger
  /** The clock (ms since the epoch); tests move it to expire sessions, tokens and invitations. */
  now?: () => number
}

type AuditFilters = { actionPrefix?: string; actorId?: string; since?: string; until?: string; limit: number }

export class Directory implements AccessGate {
  readonly now: () => number
  readonly audit: AuditLog
  private readonly accounts: Accounts
  private readonly initiatives: Initiatives
  private readonly invites: Invitations
  private readonly resets: PasswordResets

  private constructor(private readonly ctx: DirectoryContext) {
    this.now = ctx.now
    this.audit = ctx.audit
    this.accounts = new Accounts(ctx)
    this.initiatives = new Initiatives(ctx)
    this.invites = new Invitations(ctx, this.initiatives)
    this.resets = new PasswordResets(ctx, this.accounts, this.initiatives)
  }

  static async open(options: DirectoryOptions): Promise<Directory> {
    const store = await DirectoryStore.open(options.dataDir, options.logger)
    const audit = await AuditLog.open(path.join(options.dataDir, 'audit.jsonl'), options.logger)
    return new Directory(new DirectoryContext(store, audit, options.logger, options.now ?? Date.now))
  }

  /** True when nothing was ever created (no accounts, no initiatives). */
  get isEmpty(): boolean {
    const data = this.ctx.data
    return Object.keys(data.users).length === 0 && Object.keys(data.initiatives).length === 0
  }

  /** Writes pending bookkeeping now and waits for every write in flight. */
  async flush(): Promise<void> {
    await this.ctx.store.flush()
    await this.audit.flush()
  }

  async close(): Promise<void> {
    await this.ctx.store.flush()
    await this.audit.close()
  }

  // ——— AccessGate ———

  onAccessChange(listener: (change: AccessChange) => void): () => void {
    return this.ctx.changes.on(listener)
  }

  authenticate(credentials: PresentedCredentials): Principal | null {
    return this.accounts.resolve(credentials)?.principal ?? null
  }

  /** Like authenticate, plus how the caller was authenticated (the HTTP layer needs it for CSRF). */
  resolve(credentials: PresentedCredentials): Authentication | null {
    return this.accounts.resolve(credentials)
  }

  isCredentialValid(principal: Principal): boolean {
    return this.accounts.isCredentialValid(principal)
  }

  documentAccess(documentName: string, principal: Principal | null): DocumentAccess {
    return documentAccessOf(this.initiatives, documentName, principal)
  }

  writeGuard(documentName: string, principal: Principal | null): UpdateGuard | null {
    return writeGuardOf(this.initiatives, documentName, principal)
  }

  // ——— accounts, sessions, tokens (accounts.ts) ———

  user(id: string): UserRecord | undefined {
    return this.accounts.user(id)
  }

  userByEmail(email: string): UserRecord | undefined {
    return this.accounts.userByEmail(email)
  }

  createUser(input: { email: string; password: string; name: string; language: Language }, actor: Omit<Actor, 'userId'>): Promise<UserRecord> {
    return this.accounts.createUser(input, actor)
  }

  /** The account the email and password prove, or null. Audits failures against known accounts. */
  verifyCredentials(email: string, password: string, ip: string | null): Promise<UserRecord | null> {
    return this.accounts.verifyCredentials(email, password, ip)
  }

  /** Starts a session; returns the secret for the cookie (stored only as its hash). */
  createSession(
    userId: string,
    actor: Omit<Actor, 'userId'>,
    action: 'auth.signin' | null = 'auth.signin',
  ): Promise<{ secret: string; session: SessionRecord }> {
    return this.accounts.createSession(userId, actor, action)
  }

  /** Pushes a used session's expiry forward (at most once a day); true when it did. */
  renewSession(secret: string): Promise<boolean> {
    return this.accounts.renewSession(secret)
  }

  endSession(secret: string, actor: Actor): Promise<void> {
    return this.accounts.endSession(secret, actor)
  }

  listTokens(userId: string): TokenRecord[] {
    return this.accounts.listTokens(userId)
  }

  createToken(userId: string, input: { name: string; expiresInDays: number | null }, actor: Actor): Promise<{ token: TokenRecord; secret: string }> {
    return this.accounts.createToken(userId, input, actor)
  }

  revokeToken(userId: string, tokenId: string, actor: Actor): Promise<void> {
    return this.accounts.revokeToken(userId, tokenId, actor)
  }

  // ——— one's own account (accounts.ts, passwordResets.ts) ———

  updateColor(userId: string, color: string): Promise<UserRecord> {
    return this.accounts.updateColor(userId, color)
  }

  updateName(userId: string, name: string, actor: Actor): Promise<UserRecord> {
    return this.accounts.updateName(userId, name, actor)
  }

  /** Checks the current password (wrong_password), sets the next; every session but `keepSessionId` ends. */
  changePassword(userId: string, current: string, next: string, keepSessionId: string | null, actor: Actor): Promise<void> {
    return this.accounts.changePassword(userId, current, next, keepSessionId, actor)
  }

  /** Ends every session of the person; returns how many. */
  endAllSessions(userId: string, actor: Actor): Promise<number> {
    return this.accounts.endAllSessions(userId, actor)
  }

  /**
   * Deletes the account after checking the password (wrong_password) and that the person is
   * nobody's last backbone member (last_backbone): memberships removed, the record anonymised
   * (its id stays on history, audit entries and endorsements), sessions, tokens and reset links
   * revoked. Audited once per initiative the person was in (so its backbone sees it), or once
   * for the account when there was none.
   */
  async deleteAccount(userId: string, password: string, actor: Actor): Promise<void> {
    await this.accounts.checkPassword(userId, password)
    // From here on synchronous until the commit: the rules hold for what is written.
    const sole = this.initiatives.soleBackboneOf(userId)
    if (sole.length > 0) {
      throw new DomainError('conflict', 'last_backbone', 'You are the only backbone staff member of an initiative: hand the role to someone first.', {
        fields: { initiatives: sole.join(',') },
      })
    }
    const memberships = this.initiatives.dropMembershipsOf(userId)
    const revoked = this.accounts.anonymise(userId)
    this.resets.revokeFor(userId)
    const target = { type: 'user', id: userId } as const
    const entries =
      memberships.length === 0
        ? [this.ctx.record('auth.account_deleted', actor, { subjectUserId: userId, target })]
        : memberships.map((m) =>
            this.ctx.record('auth.account_deleted', actor, {
              initiativeId: m.initiativeId,
              subjectUserId: userId,
              target,
              details: { role: m.role, partnerId: m.partnerId },
            }),
          )
    await this.ctx.commit(...entries)
    for (const id of revoked) this.ctx.emit({ type: 'credential', credentialId: id })
    for (const m of memberships) this.ctx.emit({ type: 'membership', initiativeId: m.initiativeId, userId })
  }

  /** A one-time reset link for a member of the initiative; the token is shown once. */
  issuePasswordReset(initiativeId: string, userId: string, actor: Actor & { userId: string }): Promise<{ token: string; reset: PasswordResetRecord }> {
    return this.resets.issue(initiativeId, userId, actor)
  }

  /** The reset link's person, or reset_not_found / reset_expired / reset_used. */
  passwordReset(token: string): { reset: PasswordResetRecord; user: UserRecord } {
    return this.resets.check(token)
  }

  /** Sets the password through a reset link; every session of the person ends. */
  usePasswordReset(token: string, password: string, ip: string | null): Promise<UserRecord> {
    return this.resets.use(token, password, ip)
  }

  // ——— initiatives, partners, members (initiatives.ts) ———

  initiative(id: string): InitiativeRecord | undefined {
    return this.initiatives.initiative(id)
  }

  publishedInitiatives(): InitiativeRecord[] {
    return this.initiatives.publishedInitiatives()
  }

  membership(initiativeId: string, userId: string): MembershipRecord | undefined {
    return this.initiatives.membership(initiativeId, userId)
  }

  membershipsOf(userId: string): MembershipRecord[] {
    return this.initiatives.membershipsOf(userId)
  }

  members(initiativeId: string): MembershipRecord[] {
    return this.initiatives.members(initiativeId)
  }

  /** What documents of an initiative can belong to (the document-kind registry asks). */
  scopeOf(initiativeId: string): InitiativeScope {
    return this.initiatives.scopeOf(initiativeId)
  }

  /** A module's part of every scope (the meetings module: its meeting ids); returns the removal. */
  addScopeSource(source: ScopeSource): () => void {
    return this.initiatives.addScopeSource(source)
  }

  /** The documents an initiative owns, by the document-kind registry (packages/domain). */
  documentsOf(initiativeId: string): InitiativeDocument[] {
    return this.initiatives.documentsOf(initiativeId)
  }

  createInitiative(
    input: { name: string; description: string; languages: Language[]; geography: string; id?: string },
    actor: Actor & { userId: string },
  ): Promise<InitiativeRecord> {
    return this.initiatives.createInitiative(input, actor)
  }

  updateInitiative(
    id: string,
    changes: Partial<Pick<InitiativeRecord, 'name' | 'description' | 'languages' | 'geography'>>,
    actor: Actor,
  ): Promise<InitiativeRecord> {
    return this.initiatives.updateInitiative(id, changes, actor)
  }

  setPublished(id: string, kind: PublicationTarget, published: boolean, actor: Actor): Promise<InitiativeRecord> {
    return this.initiatives.setPublished(id, kind, published, actor)
  }

  partners(initiativeId: string): PartnerRecord[] {
    return this.initiatives.partners(initiativeId)
  }

  partner(initiativeId: string, partnerId: string): PartnerRecord | undefined {
    return this.initiatives.partner(initiativeId, partnerId)
  }

  executivesOf(partnerId: string): MembershipRecord[] {
    return this.initiatives.executivesOf(partnerId)
  }

  createPartner(
    initiativeId: string,
    input: { name: string; sector: Sector; website: string; color: string | null; id?: string },
    actor: Actor,
  ): Promise<PartnerRecord> {
    return this.initiatives.createPartner(initiativeId, input, actor)
  }

  updatePartner(
    initiativeId: string,
    partnerId: string,
    changes: Partial<Pick<PartnerRecord, 'name' | 'sector' | 'website' | 'color'>>,
    actor: Actor,
  ): Promise<PartnerRecord> {
    return this.initiatives.updatePartner(initiativeId, partnerId, changes, actor)
  }

  deletePartner(initiativeId: string, partnerId: string, actor: Actor): Promise<void> {
    return this.initiatives.deletePartner(initiativeId, partnerId, actor)
  }

  changeRole(initiativeId: string, userId: string, role: Role, partnerId: string | null, actor: Actor): Promise<MembershipRecord> {
    return this.initiatives.changeRole(initiativeId, userId, role, partnerId, actor)
  }

  removeMember(initiativeId: string, userId: string, actor: Actor): Promise<void> {
    return this.initiatives.removeMember(initiativeId, userId, actor)
  }

  // ——— invitations (invitations.ts) ———

  invitations(initiativeId: string): InvitationRecord[] {
    return this.invites.invitations(initiativeId)
  }

  invitationStatus(invitation: InvitationRecord): InvitationStatus {
    return this.invites.invitationStatus(invitation)
  }

  invitationByToken(token: string): InvitationRecord | undefined {
    return this.invites.invitationByToken(token)
  }

  createInvitation(
    initiativeId: string,
    input: { role: Role; partnerId: string | null; email: string | null; expiresInDays: number },
    actor: Actor & { userId: string },
  ): Promise<{ invitation: InvitationRecord; token: string }> {
    return this.invites.createInvitation(initiativeId, input, actor)
  }

  revokeInvitation(initiativeId: string, invitationId: string, actor: Actor): Promise<void> {
    return this.invites.revokeInvitation(initiativeId, invitationId, actor)
  }

  acceptInvitation(token: string, actor: Actor & { userId: string }): Promise<MembershipRecord> {
    return this.invites.acceptInvitation(token, actor)
  }

  /** Test and maintenance hook: changes an invitation's expiry (e.g. into the past). */
  setInvitationExpiry(invitationId: string, expiresAt: Date): Promise<void> {
    return this.invites.setInvitationExpiry(invitationId, expiresAt)
  }

  // ——— audit ———

  queryAudit(initiativeId: string, filters: AuditFilters): AuditEntry[] {
    const memberIds = new Set(this.members(initiativeId).map((m) => m.userId))
    return this.audit.query({ initiativeId, memberIds, ...filters })
  }
}
