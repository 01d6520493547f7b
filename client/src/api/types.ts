// The shapes of the HTTP API's answers (docs/api.md).
import type { DocumentKind, Language, Role, Sector } from '@common-ground/domain'

export interface User {
  id: string
  email: string
  name: string
  language: Language | string
}

export interface Membership {
  initiativeId: string
  role: Role
  partnerId: string | null
}

export interface Me {
  /** null: not signed in (servers may answer 401 instead). */
  user: User | null
  csrfToken: string | null
  memberships: Membership[]
}

export interface InitiativeDocument {
  name: string
  kind: DocumentKind
  partnerId?: string
  access: 'edit' | 'read'
}

export interface Initiative {
  id: string
  name: string
  description: string
  languages: Language[]
  geography: string
  createdAt: string
  published: string[]
  role: Role
  partnerId: string | null
  documents: InitiativeDocument[]
}

export interface Partner {
  id: string
  initiativeId: string
  name: string
  sector: Sector
  website: string
  color: string
  documentName: string
  memberCount: number
}

export interface Coverage {
  sector: Sector
  partnerIds: string[]
}

export interface Member {
  userId: string
  name: string
  email: string
  role: Role
  partnerId: string | null
  joinedAt: string
}

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked'

export interface Invitation {
  id: string
  role: Role
  partnerId: string | null
  email: string | null
  createdAt: string
  expiresAt: string
  createdBy: string | { id: string; name: string } | null
  status: InvitationStatus
  acceptedBy: string | { id: string; name: string } | null
}

export interface InvitationPreview {
  initiative: { id: string; name: string }
  role: Role
  partner: { id: string; name: string } | null
  expiresAt: string
  status: InvitationStatus
}

export interface AuditEntry {
  id: string
  at: string
  action: string
  actor: { id: string; name: string; email: string } | null
  target: unknown
  details: unknown
  ip: string | null
}

export interface AccessToken {
  id: string
  name: string
  prefix: string
  createdAt: string
  lastUsedAt: string | null
  expiresAt: string | null
}

export interface DocumentAccessAnswer {
  document: string
  access: 'edit' | 'read'
  initiativeId: string | null
  kind: string | null
}

export interface PublicInitiative {
  initiative: { id: string; name: string; description: string; languages: Language[]; geography: string }
  documents: { name: string; kind: DocumentKind }[]
}
