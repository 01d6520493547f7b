// What the API answers: records turned into the domain's answer types (packages/domain/src/api/;
// a drift fails the type check) — never a secret, never a hash.
import {
  missingSectors,
  SECTORS,
  partnerDocumentName,
  type AccessToken,
  type AuditEntry as AuditEntryView,
  type Initiative,
  type InitiativeDocument,
  type Invitation,
  type Member,
  type Partner,
  type Sector,
  type SectorCoverage,
  type User,
} from '@common-ground/domain'
import type { Principal } from '../access/AccessGate.ts'
import type { AuditEntry } from '../directory/AuditLog.ts'
import type { Directory } from '../directory/Directory.ts'
import type { InitiativeRecord, InvitationRecord, MembershipRecord, PartnerRecord, TokenRecord, UserRecord } from '../directory/types.ts'

export function userView(user: UserRecord): User {
  return { id: user.id, email: user.email, name: user.name, language: user.language, color: user.color ?? null }
}

export function tokenView(token: TokenRecord): AccessToken {
  return { id: token.id, name: token.name, prefix: token.prefix, createdAt: token.createdAt, lastUsedAt: token.lastUsedAt, expiresAt: token.expiresAt }
}

export function initiativeView(directory: Directory, initiative: InitiativeRecord, principal: Principal): Initiative {
  const membership = directory.membership(initiative.id, principal.userId)
  return {
    id: initiative.id,
    name: initiative.name,
    description: initiative.description,
    languages: initiative.languages,
    geography: initiative.geography,
    createdAt: initiative.createdAt,
    published: initiative.published,
    role: membership?.role ?? null,
    partnerId: membership?.partnerId ?? null,
    documents: directory
      .documentsOf(initiative.id)
      .map((doc) => ({ ...doc, access: directory.documentAccess(doc.name, principal) }))
      .filter((doc): doc is InitiativeDocument => doc.access !== 'none'),
  }
}

export function partnerView(directory: Directory, partner: PartnerRecord): Partner {
  return {
    id: partner.id,
    initiativeId: partner.initiativeId,
    name: partner.name,
    sector: partner.sector,
    website: partner.website,
    color: partner.color,
    documentName: partnerDocumentName(partner.initiativeId, partner.id),
    memberCount: directory.executivesOf(partner.id).length,
  }
}

/** Which sectors are at the table (all nine, in order) and which are missing (never `other`). */
export function sectorCoverage(partners: PartnerRecord[]): SectorCoverage {
  const coverage = SECTORS.map((sector: Sector) => ({ sector, partnerIds: partners.filter((p) => p.sector === sector).map((p) => p.id) }))
  return { coverage, missing: missingSectors(partners.map((p) => p.sector)) }
}

export function memberView(directory: Directory, membership: MembershipRecord): Member {
  const user = directory.user(membership.userId)
  return {
    userId: membership.userId,
    name: user?.name ?? '',
    email: user?.email ?? '',
    role: membership.role,
    partnerId: membership.partnerId,
    joinedAt: membership.joinedAt,
  }
}

export function invitationView(directory: Directory, invitation: InvitationRecord): Invitation {
  return {
    id: invitation.id,
    role: invitation.role,
    partnerId: invitation.partnerId,
    email: invitation.email,
    createdAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
    createdBy: invitation.createdBy,
    status: directory.invitationStatus(invitation),
    acceptedBy: invitation.acceptedBy,
  }
}

export function auditView(directory: Directory, entry: AuditEntry): AuditEntryView {
  const actor = entry.actorId ? directory.user(entry.actorId) : undefined
  return {
    id: entry.id,
    at: entry.at,
    action: entry.action,
    actor: entry.actorId ? { id: entry.actorId, name: actor?.name ?? '', email: actor?.email ?? '' } : null,
    target: entry.target,
    details: entry.details,
    ip: entry.ip,
  }
}
