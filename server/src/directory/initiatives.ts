// Initiatives, their partners and their members: the records, the documents an initiative owns
// (by the document-kind registry), and the rules (at least one backbone member, no partner
// deleted while executives are bound to it). Broken rules throw DomainError.
import {
  DomainError,
  SECTOR_COLORS,
  initiativeDocuments,
  type DocumentKind,
  type InitiativeScope,
  type Language,
  type PublicationTarget,
  type Role,
  type Sector,
} from '@common-ground/domain'
import { randomId } from '../auth/secrets.ts'
import type { DirectoryContext } from './context.ts'
import { invitationStatusAt, type Actor, type DirectoryData, type InitiativeRecord, type MembershipRecord, type PartnerRecord } from './types.ts'

export interface InitiativeDocument {
  name: string
  kind: DocumentKind
  partnerId?: string
  meetingId?: string
}

/** What a module adds to an initiative's scope (the meetings module: its meeting ids). */
export type ScopeSource = (initiativeId: string) => Partial<Omit<InitiativeScope, 'initiativeId' | 'partnerIds'>>

/** The one error for a partner id that does not belong to the initiative (role changes, invitations). */
export function unknownPartner(): DomainError {
  return new DomainError('invalid', 'validation_failed', 'The partner does not exist in this initiative.', { fields: { partnerId: 'not_found' } })
}

function lastBackbone(): DomainError {
  return new DomainError('conflict', 'last_backbone', 'An initiative needs at least one backbone staff member.')
}

export class Initiatives {
  private readonly scopeSources: ScopeSource[] = []

  constructor(private readonly ctx: DirectoryContext) {}

  /** Adds what a module keeps to every scope (documents of its kinds exist once listed there); returns the removal. */
  addScopeSource(source: ScopeSource): () => void {
    this.scopeSources.push(source)
    return () => {
      const index = this.scopeSources.indexOf(source)
      if (index >= 0) this.scopeSources.splice(index, 1)
    }
  }

  private get data(): DirectoryData {
    return this.ctx.data
  }

  // ——— initiatives ———

  initiative(id: string): InitiativeRecord | undefined {
    return this.data.initiatives[id]
  }

  /** Initiatives that published something (a document or the report card), by name. */
  publishedInitiatives(): InitiativeRecord[] {
    return Object.values(this.data.initiatives)
      .filter((initiative) => initiative.published.length > 0)
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  /** The initiative, or a not_found DomainError. */
  mustInitiative(id: string): InitiativeRecord {
    const initiative = this.data.initiatives[id]
    if (!initiative) throw new DomainError('not_found', 'not_found', 'No such initiative.')
    return initiative
  }

  /** What documents of an initiative can belong to (the document-kind registry asks). */
  scopeOf(initiativeId: string): InitiativeScope {
    const scope: InitiativeScope = { initiativeId, partnerIds: this.partners(initiativeId).map((p) => p.id) }
    return this.scopeSources.length === 0 ? scope : Object.assign(scope, ...this.scopeSources.map((source) => source(initiativeId)))
  }

  /** The documents an initiative owns, by the document-kind registry (packages/domain). */
  documentsOf(initiativeId: string): InitiativeDocument[] {
    return initiativeDocuments(this.scopeOf(initiativeId)).map(({ name, kind, partnerId, meetingId }) => ({
      name,
      kind,
      ...(partnerId !== undefined ? { partnerId } : {}),
      ...(meetingId !== undefined ? { meetingId } : {}),
    }))
  }

  async createInitiative(
    input: { name: string; description: string; languages: Language[]; geography: string; id?: string },
    actor: Actor & { userId: string },
  ): Promise<InitiativeRecord> {
    let id = input.id ?? randomId(10)
    while (!input.id && this.data.initiatives[id]) id = randomId(10)
    if (this.data.initiatives[id]) throw new DomainError('conflict', 'conflict', 'An initiative with that id exists.')
    const initiative: InitiativeRecord = {
      id,
      name: input.name.trim(),
      description: input.description.trim(),
      languages: [...new Set(input.languages)],
      geography: input.geography.trim(),
      createdAt: this.ctx.iso(),
      createdBy: actor.userId,
      published: [],
    }
    this.data.initiatives[id] = initiative
    this.data.memberships.push({ initiativeId: id, userId: actor.userId, role: 'backbone', partnerId: null, joinedAt: initiative.createdAt })
    await this.ctx.commit(
      this.ctx.record('initiative.created', actor, { initiativeId: id, target: { type: 'initiative', id }, details: { name: initiative.name } }),
    )
    this.ctx.emit({ type: 'membership', initiativeId: id, userId: actor.userId })
    return initiative
  }

  async updateInitiative(
    id: string,
    changes: Partial<Pick<InitiativeRecord, 'name' | 'description' | 'languages' | 'geography'>>,
    actor: Actor,
  ): Promise<InitiativeRecord> {
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
    await this.ctx.commit(this.ctx.record('initiative.updated', actor, { initiativeId: id, target: { type: 'initiative', id }, details: { fields: changed } }))
    return initiative
  }

  async setPublished(id: string, kind: PublicationTarget, published: boolean, actor: Actor): Promise<InitiativeRecord> {
    const initiative = this.mustInitiative(id)
    const was = initiative.published.includes(kind)
    if (was === published) return initiative
    initiative.published = published ? [...initiative.published, kind] : initiative.published.filter((k) => k !== kind)
    await this.ctx.commit(
      this.ctx.record(published ? 'initiative.published' : 'initiative.unpublished', actor, {
        initiativeId: id,
        target: { type: 'initiative', id },
        details: { kind },
      }),
    )
    this.ctx.emit({ type: 'initiative', initiativeId: id })
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

  async createPartner(
    initiativeId: string,
    input: { name: string; sector: Sector; website: string; color: string | null; id?: string },
    actor: Actor,
  ): Promise<PartnerRecord> {
    this.mustInitiative(initiativeId)
    let id = input.id ?? randomId(10)
    while (!input.id && this.data.partners[id]) id = randomId(10)
    if (this.data.partners[id]) throw new DomainError('conflict', 'conflict', 'A partner with that id exists.')
    const partner: PartnerRecord = {
      id,
      initiativeId,
      name: input.name.trim(),
      sector: input.sector,
      website: input.website.trim(),
      color: input.color ?? SECTOR_COLORS[input.sector],
      createdAt: this.ctx.iso(),
    }
    this.data.partners[id] = partner
    await this.ctx.commit(
      this.ctx.record('partner.created', actor, { initiativeId, target: { type: 'partner', id }, details: { name: partner.name, sector: partner.sector } }),
    )
    return partner
  }

  async updatePartner(
    initiativeId: string,
    partnerId: string,
    changes: Partial<Pick<PartnerRecord, 'name' | 'sector' | 'website' | 'color'>>,
    actor: Actor,
  ): Promise<PartnerRecord> {
    const partner = this.partner(initiativeId, partnerId)
    if (!partner) throw new DomainError('not_found', 'not_found', 'No such partner.')
    const changed: string[] = []
    for (const key of ['name', 'sector', 'website', 'color'] as const) {
      const value = changes[key]
      if (value !== undefined && value !== partner[key]) {
        ;(partner as unknown as Record<string, string>)[key] = typeof value === 'string' ? value.trim() : value
        changed.push(key)
      }
    }
    await this.ctx.commit(this.ctx.record('partner.updated', actor, { initiativeId, target: { type: 'partner', id: partnerId }, details: { fields: changed } }))
    return partner
  }

  async deletePartner(initiativeId: string, partnerId: string, actor: Actor): Promise<void> {
    const partner = this.partner(initiativeId, partnerId)
    if (!partner) throw new DomainError('not_found', 'not_found', 'No such partner.')
    if (this.executivesOf(partnerId).length > 0) {
      throw new DomainError('conflict', 'partner_has_executives', 'Partner executives are still bound to this partner; change their role first.')
    }
    delete this.data.partners[partnerId]
    const at = this.ctx.iso()
    // Pending invitations for its executives can no longer be accepted.
    for (const invitation of Object.values(this.data.invitations)) {
      if (invitation.partnerId === partnerId && invitationStatusAt(invitation, this.ctx.now()) === 'pending') invitation.revokedAt = at
    }
    await this.ctx.commit(
      this.ctx.record('partner.deleted', actor, { initiativeId, target: { type: 'partner', id: partnerId }, details: { name: partner.name } }),
    )
    this.ctx.emit({ type: 'initiative', initiativeId })
  }

  // ——— members ———

  membership(initiativeId: string, userId: string): MembershipRecord | undefined {
    return this.data.memberships.find((m) => m.initiativeId === initiativeId && m.userId === userId)
  }

  membershipsOf(userId: string): MembershipRecord[] {
    return this.data.memberships.filter((m) => m.userId === userId)
  }

  members(initiativeId: string): MembershipRecord[] {
    return this.data.memberships.filter((m) => m.initiativeId === initiativeId)
  }

  private backboneCount(initiativeId: string): number {
    return this.data.memberships.filter((m) => m.initiativeId === initiativeId && m.role === 'backbone').length
  }

  /** The initiatives where the person is the only backbone member (they may not leave them, nor delete their account). */
  soleBackboneOf(userId: string): string[] {
    return this.membershipsOf(userId)
      .filter((m) => m.role === 'backbone' && this.backboneCount(m.initiativeId) <= 1)
      .map((m) => m.initiativeId)
  }

  /** Removes every membership of the person in memory (the caller checked soleBackboneOf, commits and emits); returns them. */
  dropMembershipsOf(userId: string): MembershipRecord[] {
    const removed = this.membershipsOf(userId)
    this.data.memberships = this.data.memberships.filter((m) => m.userId !== userId)
    return removed
  }

  async changeRole(initiativeId: string, userId: string, role: Role, partnerId: string | null, actor: Actor): Promise<MembershipRecord> {
    const membership = this.membership(initiativeId, userId)
    if (!membership) throw new DomainError('not_found', 'not_found', 'No such member.')
    if (role === 'partner' && (!partnerId || !this.partner(initiativeId, partnerId))) throw unknownPartner()
    if (membership.role === 'backbone' && role !== 'backbone' && this.backboneCount(initiativeId) <= 1) throw lastBackbone()
    const before = { role: membership.role, partnerId: membership.partnerId }
    membership.role = role
    membership.partnerId = role === 'partner' ? partnerId : null
    await this.ctx.commit(
      this.ctx.record('member.role_changed', actor, {
        initiativeId,
        target: { type: 'member', id: userId },
        details: { from: before, to: { role: membership.role, partnerId: membership.partnerId } },
      }),
    )
    this.ctx.emit({ type: 'membership', initiativeId, userId })
    return membership
  }

  async removeMember(initiativeId: string, userId: string, actor: Actor): Promise<void> {
    const index = this.data.memberships.findIndex((m) => m.initiativeId === initiativeId && m.userId === userId)
    if (index < 0) throw new DomainError('not_found', 'not_found', 'No such member.')
    const membership = this.data.memberships[index]!
    if (membership.role === 'backbone' && this.backboneCount(initiativeId) <= 1) throw lastBackbone()
    this.data.memberships.splice(index, 1)
    const left = actor.userId === userId
    await this.ctx.commit(
      this.ctx.record(left ? 'member.left' : 'member.removed', actor, {
        initiativeId,
        target: { type: 'member', id: userId },
        details: { role: membership.role, partnerId: membership.partnerId },
      }),
    )
    this.ctx.emit({ type: 'membership', initiativeId, userId })
  }
}
