// The directory: accounts, sessions, personal access tokens, initiatives, partners,
// memberships and invitations, in a lowdb file (<dataDir>/directory.json), plus the audit log.
// This facade is what the rest of the server uses; each concern lives in its own file
// (directoryStore, accounts, initiatives, invitations, access). Every mutation changes memory
// synchronously (so check-then-act is atomic) and resolves only after the file and its audit
// entry are durable (fsynced). It is also the AccessGate both doors ask: authentication and the
// document access matrix are synchronous in-memory lookups. Broken rules throw DomainError.
import path from 'node:path'
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
import type {
  Actor,
  InitiativeRecord,
  InvitationRecord,
  InvitationStatus,
  MembershipRecord,
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

  private constructor(private readonly ctx: DirectoryContext) {
    this.now = ctx.now
    this.audit = ctx.audit
    this.accounts = new Accounts(ctx)
    this.initiatives = new Initiatives(ctx)
    this.invites = new Invitations(ctx, this.initiatives)
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

  // ——— initiatives, partners, members (initiatives.ts) ———

  initiative(id: string): InitiativeRecord | undefined {
    return this.initiatives.initiative(id)
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
