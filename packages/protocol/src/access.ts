// Who may do what: roles, sectors, the documents an initiative owns, and the document access
// matrix. One source for the server (enforcement) and the client (what the UI offers).
// docs/permissions.md is the human-readable form of the same tables.

/** A person's role in one initiative. The public has no role (no membership, maybe no account). */
export const ROLES = ['backbone', 'partner', 'participant'] as const
export type Role = (typeof ROLES)[number]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

export const SECTORS = [
  'government',
  'business',
  'nonprofit',
  'philanthropy',
  'education',
  'health',
  'community',
  'academia',
  'other',
] as const
export type Sector = (typeof SECTORS)[number]

export function isSector(value: unknown): value is Sector {
  return typeof value === 'string' && (SECTORS as readonly string[]).includes(value)
}

export const LANGUAGES = ['he', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

/**
 * The kinds of Yjs document an initiative owns, and their names:
 * - `agenda`:  `i/<initiativeId>/agenda` — the common agenda;
 * - `partner`: `i/<initiativeId>/partners/<partnerId>` — one partner organisation's page
 *   (what it contributes), edited by that partner's executives.
 * Later features add kinds here (activity map, meeting agendas, glossary, measurement).
 */
export const DOCUMENT_KINDS = ['agenda', 'partner'] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

/** Document kinds the backbone can publish to the public. */
export const PUBLISHABLE_KINDS = ['agenda'] as const satisfies readonly DocumentKind[]
export type PublishableKind = (typeof PUBLISHABLE_KINDS)[number]

export function isPublishableKind(value: unknown): value is PublishableKind {
  return typeof value === 'string' && (PUBLISHABLE_KINDS as readonly string[]).includes(value)
}

export const INITIATIVE_DOCUMENT_PREFIX = 'i'

/** Initiative and partner ids: lowercase letters, digits and `-`, 1–40 characters. */
const ID = /^[a-z0-9][a-z0-9-]{0,39}$/

export function isEntityId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value)
}

export interface DocumentRef {
  initiativeId: string
  kind: DocumentKind
  /** The partner, for kind `partner`. */
  partnerId?: string
}

export function documentNameOf(ref: DocumentRef): string {
  if (ref.kind === 'partner') return `${INITIATIVE_DOCUMENT_PREFIX}/${ref.initiativeId}/partners/${ref.partnerId}`
  return `${INITIATIVE_DOCUMENT_PREFIX}/${ref.initiativeId}/${ref.kind}`
}

export function agendaDocumentName(initiativeId: string): string {
  return documentNameOf({ initiativeId, kind: 'agenda' })
}

export function partnerDocumentName(initiativeId: string, partnerId: string): string {
  return documentNameOf({ initiativeId, kind: 'partner', partnerId })
}

/** The initiative document a name refers to, or null when the name belongs to no initiative. */
export function parseDocumentName(name: string): DocumentRef | null {
  const parts = name.split('/')
  if (parts[0] !== INITIATIVE_DOCUMENT_PREFIX || !isEntityId(parts[1])) return null
  const initiativeId = parts[1]
  if (parts.length === 3 && parts[2] === 'agenda') return { initiativeId, kind: 'agenda' }
  if (parts.length === 4 && parts[2] === 'partners' && isEntityId(parts[3])) return { initiativeId, kind: 'partner', partnerId: parts[3] }
  return null
}

export type DocumentAccess = 'edit' | 'read' | 'none'

/** What a caller is, relative to one initiative. */
export interface Standing {
  /** null: not a member (anonymous, or signed in without a membership). */
  role: Role | null
  /** The partner a partner executive is bound to. */
  partnerId: string | null
  /** Whether the backbone published this document kind to the public. */
  published: boolean
}

/**
 * The document access matrix (docs/permissions.md):
 *
 * | kind    | backbone | partner executive        | participant | public            |
 * |---------|----------|--------------------------|-------------|-------------------|
 * | agenda  | edit     | edit                     | read        | read if published |
 * | partner | edit     | edit own partner, else read | read     | none              |
 */
export function documentAccess(ref: DocumentRef, standing: Standing): DocumentAccess {
  switch (standing.role) {
    case 'backbone':
      return 'edit'
    case 'partner':
      if (ref.kind === 'agenda') return 'edit'
      return ref.partnerId !== undefined && ref.partnerId === standing.partnerId ? 'edit' : 'read'
    case 'participant':
      return 'read'
    case null:
      return ref.kind === 'agenda' && standing.published ? 'read' : 'none'
  }
}

/**
 * Initiative-level actions (HTTP). `own partner` actions are checked against the target partner
 * by the route; here they say which roles may attempt them at all.
 */
export const ACTIONS = {
  'initiative.read': ['backbone', 'partner', 'participant'],
  'initiative.update': ['backbone'],
  'initiative.publish': ['backbone'],
  'partner.create': ['backbone'],
  /** Partner executives only for their own partner. */
  'partner.update': ['backbone', 'partner'],
  'partner.delete': ['backbone'],
  'member.read': ['backbone', 'partner', 'participant'],
  'member.update': ['backbone'],
  'member.remove': ['backbone'],
  'invitation.read': ['backbone'],
  'invitation.create': ['backbone'],
  'invitation.revoke': ['backbone'],
  'audit.read': ['backbone'],
} as const satisfies Record<string, readonly Role[]>
export type Action = keyof typeof ACTIONS

export function roleMay(role: Role | null, action: Action): boolean {
  return role !== null && (ACTIONS[action] as readonly Role[]).includes(role)
}
