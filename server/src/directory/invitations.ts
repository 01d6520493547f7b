// Invitations to an initiative: created with a secret link token (stored as its hash), revoked,
// accepted once (becoming a membership), expiring with the directory's clock.
import { DomainError, type Role } from '@common-ground/domain'
import { randomId, randomSecret, sha256 } from '../auth/secrets.ts'
import { normalizeEmail } from './accounts.ts'
import { DAY_MS, type DirectoryContext } from './context.ts'
import { unknownPartner, type Initiatives } from './initiatives.ts'
import { invitationStatusAt, type Actor, type DirectoryData, type InvitationRecord, type InvitationStatus, type MembershipRecord } from './types.ts'

export class Invitations {
  private readonly invitationsByHash = new Map<string, InvitationRecord>()

  constructor(
    private readonly ctx: DirectoryContext,
    private readonly initiatives: Initiatives,
  ) {
    for (const invitation of Object.values(this.data.invitations)) this.invitationsByHash.set(invitation.tokenHash, invitation)
  }

  private get data(): DirectoryData {
    return this.ctx.data
  }

  invitations(initiativeId: string): InvitationRecord[] {
    return Object.values(this.data.invitations)
      .filter((i) => i.initiativeId === initiativeId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  invitationStatus(invitation: InvitationRecord): InvitationStatus {
    return invitationStatusAt(invitation, this.ctx.now())
  }

  invitationByToken(token: string): InvitationRecord | undefined {
    return this.invitationsByHash.get(sha256(token))
  }

  async createInvitation(
    initiativeId: string,
    input: { role: Role; partnerId: string | null; email: string | null; expiresInDays: number },
    actor: Actor & { userId: string },
  ): Promise<{ invitation: InvitationRecord; token: string }> {
    this.initiatives.mustInitiative(initiativeId)
    if (input.role === 'partner' && (!input.partnerId || !this.initiatives.partner(initiativeId, input.partnerId))) throw unknownPartner()
    const token = randomSecret()
    const invitation: InvitationRecord = {
      id: randomId(12),
      initiativeId,
      tokenHash: sha256(token),
      role: input.role,
      partnerId: input.role === 'partner' ? input.partnerId : null,
      email: input.email ? normalizeEmail(input.email) : null,
      createdAt: this.ctx.iso(),
      createdBy: actor.userId,
      expiresAt: this.ctx.iso(input.expiresInDays * DAY_MS),
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
    }
    this.data.invitations[invitation.id] = invitation
    this.invitationsByHash.set(invitation.tokenHash, invitation)
    await this.ctx.commit(
      this.ctx.record('invitation.created', actor, {
        initiativeId,
        target: { type: 'invitation', id: invitation.id },
        details: { role: invitation.role, partnerId: invitation.partnerId, email: invitation.email, expiresAt: invitation.expiresAt },
      }),
    )
    return { invitation, token }
  }

  async revokeInvitation(initiativeId: string, invitationId: string, actor: Actor): Promise<void> {
    const invitation = this.data.invitations[invitationId]
    if (!invitation || invitation.initiativeId !== initiativeId) throw new DomainError('not_found', 'not_found', 'No such invitation.')
    const status = this.invitationStatus(invitation)
    if (status === 'accepted') throw new DomainError('conflict', 'invitation_used', 'The invitation was already accepted.')
    if (status === 'revoked') return
    invitation.revokedAt = this.ctx.iso()
    await this.ctx.commit(this.ctx.record('invitation.revoked', actor, { initiativeId, target: { type: 'invitation', id: invitationId } }))
  }

  async acceptInvitation(token: string, actor: Actor & { userId: string }): Promise<MembershipRecord> {
    const invitation = this.invitationByToken(token)
    if (!invitation || !this.initiatives.initiative(invitation.initiativeId)) throw new DomainError('not_found', 'invitation_not_found', 'No such invitation.')
    switch (this.invitationStatus(invitation)) {
      case 'revoked':
        throw new DomainError('gone', 'invitation_revoked', 'This invitation was revoked.')
      case 'accepted':
        throw new DomainError('gone', 'invitation_used', 'This invitation was already used.')
      case 'expired':
        throw new DomainError('gone', 'invitation_expired', 'This invitation has expired.')
      case 'pending':
        break
    }
    if (this.initiatives.membership(invitation.initiativeId, actor.userId)) {
      throw new DomainError('conflict', 'already_member', 'You are already a member of this initiative.')
    }
    const at = this.ctx.iso()
    invitation.acceptedAt = at
    invitation.acceptedBy = actor.userId
    const membership: MembershipRecord = {
      initiativeId: invitation.initiativeId,
      userId: actor.userId,
      role: invitation.role,
      partnerId: invitation.partnerId,
      joinedAt: at,
    }
    this.data.memberships.push(membership)
    await this.ctx.commit(
      this.ctx.record('invitation.accepted', actor, {
        initiativeId: invitation.initiativeId,
        target: { type: 'invitation', id: invitation.id },
        details: { role: membership.role, partnerId: membership.partnerId },
      }),
    )
    this.ctx.emit({ type: 'membership', initiativeId: invitation.initiativeId, userId: actor.userId })
    return membership
  }

  /** Test and maintenance hook: changes an invitation's expiry (e.g. into the past). */
  async setInvitationExpiry(invitationId: string, expiresAt: Date): Promise<void> {
    const invitation = this.data.invitations[invitationId]
    if (!invitation) throw new DomainError('not_found', 'not_found', 'No such invitation.')
    invitation.expiresAt = expiresAt.toISOString()
    await this.ctx.store.save()
  }
}
