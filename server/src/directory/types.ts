// What the directory stores (directory.json). Secrets never appear here: sessions, tokens and
// invitations are kept as SHA-256 hashes, passwords as scrypt hashes. Plus an invitation's status.
import type { Language, PublicationTarget, Role, Sector } from '@common-ground/domain'

export interface UserRecord {
  id: string
  /** Lowercased and trimmed. */
  email: string
  name: string
  language: Language
  /** `scrypt$N$r$p$salt$hash` (auth/password.ts). */
  passwordHash: string
  /** The presence colour the person chose (`#rrggbb`), or absent. */
  color?: string
  createdAt: string
  /** Set when the person deleted their account: name, email and password are gone, the id stays on their contributions. */
  deletedAt?: string
}

export interface PasswordResetRecord {
  id: string
  /** SHA-256 (hex) of the token from the link. */
  hash: string
  userId: string
  /** The initiative whose backbone staff issued it, and who. */
  initiativeId: string
  createdBy: string
  createdAt: string
  expiresAt: string
  /** When it was used, or replaced by a newer link (then it no longer works either). */
  usedAt: string | null
}

export interface SessionRecord {
  /** Public id (used as the credential id for live connections); not the secret. */
  id: string
  /** SHA-256 (hex) of the session secret held in the cookie. */
  hash: string
  userId: string
  createdAt: string
  /** ISO; renewed while the session is used. */
  expiresAt: string
}

export interface TokenRecord {
  id: string
  userId: string
  name: string
  /** SHA-256 (hex) of the whole token `cgp_…`. */
  hash: string
  /** The first characters of the token, to recognise it in lists (`cgp_AbCd12`). */
  prefix: string
  createdAt: string
  lastUsedAt: string | null
  /** ISO, or null for no expiry. */
  expiresAt: string | null
}

export interface InitiativeRecord {
  id: string
  name: string
  description: string
  languages: Language[]
  geography: string
  createdAt: string
  createdBy: string
  published: PublicationTarget[]
}

export interface PartnerRecord {
  id: string
  initiativeId: string
  name: string
  sector: Sector
  website: string
  color: string
  createdAt: string
}

export interface MembershipRecord {
  initiativeId: string
  userId: string
  role: Role
  /** The partner a partner executive represents; null for other roles. */
  partnerId: string | null
  joinedAt: string
}

export interface InvitationRecord {
  id: string
  initiativeId: string
  /** SHA-256 (hex) of the invitation token from the link. */
  tokenHash: string
  role: Role
  partnerId: string | null
  /** Who the backbone meant it for (informational; anyone holding the link can accept it). */
  email: string | null
  createdAt: string
  createdBy: string
  expiresAt: string
  acceptedAt: string | null
  acceptedBy: string | null
  revokedAt: string | null
}

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked'

/** An invitation's status at `nowMs` (ms since the epoch). */
export function invitationStatusAt(invitation: InvitationRecord, nowMs: number): InvitationStatus {
  if (invitation.revokedAt) return 'revoked'
  if (invitation.acceptedAt) return 'accepted'
  if (Date.parse(invitation.expiresAt) <= nowMs) return 'expired'
  return 'pending'
}

export interface DirectoryData {
  version: 1
  users: Record<string, UserRecord>
  /** Keyed by the session hash. */
  sessions: Record<string, SessionRecord>
  tokens: Record<string, TokenRecord>
  initiatives: Record<string, InitiativeRecord>
  partners: Record<string, PartnerRecord>
  memberships: MembershipRecord[]
  invitations: Record<string, InvitationRecord>
  /** Keyed by the token hash. */
  passwordResets: Record<string, PasswordResetRecord>
}

export function emptyDirectory(): DirectoryData {
  return { version: 1, users: {}, sessions: {}, tokens: {}, initiatives: {}, partners: {}, memberships: [], invitations: {}, passwordResets: {} }
}

/** Who performs a mutation, for the audit log. */
export interface Actor {
  userId: string | null
  ip: string | null
}
