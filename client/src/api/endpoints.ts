// One function per HTTP API call the client makes (docs/api.md).
import type { Role, Sector } from '@common-ground/domain'
import { api } from './http.ts'
import type {
  AccessToken, AuditEntry, Coverage, DocumentAccessAnswer, Initiative, Invitation, InvitationPreview, Me, Member, Partner,
  PublicInitiative, User,
} from './types.ts'

const enc = encodeURIComponent
const signalOnly = (signal?: AbortSignal) => ({ signal })

// Accounts
export const getMe = (signal?: AbortSignal) => api<Me>('GET', '/api/me', signalOnly(signal))
export const login = (email: string, password: string) =>
  api<{ user: User; csrfToken: string }>('POST', '/api/auth/login', { body: { email, password } })
export const signup = (body: { email: string; password: string; name: string; language?: string }) =>
  api<{ user: User; csrfToken: string }>('POST', '/api/auth/signup', { body })
export const logout = () => api<void>('POST', '/api/auth/logout')

// Tokens
export const listTokens = (signal?: AbortSignal) => api<{ tokens: AccessToken[] }>('GET', '/api/me/tokens', signalOnly(signal))
export const createToken = (body: { name: string; expiresInDays?: number }) =>
  api<{ token: AccessToken; secret: string }>('POST', '/api/me/tokens', { body })
export const revokeToken = (id: string) => api<void>('DELETE', `/api/me/tokens/${enc(id)}`)

// Initiatives
export const listInitiatives = (signal?: AbortSignal) =>
  api<{ initiatives: Initiative[] }>('GET', '/api/initiatives', signalOnly(signal))
export interface InitiativeFields {
  name: string
  description: string
  languages: ('he' | 'en')[]
  geography: string
}
export const createInitiative = (body: InitiativeFields) => api<{ initiative: Initiative }>('POST', '/api/initiatives', { body })
export const getInitiative = (id: string, signal?: AbortSignal) =>
  api<{ initiative: Initiative }>('GET', `/api/initiatives/${enc(id)}`, signalOnly(signal))
export const updateInitiative = (id: string, body: Partial<InitiativeFields>) =>
  api<{ initiative: Initiative }>('PATCH', `/api/initiatives/${enc(id)}`, { body })
export const setPublication = (id: string, published: boolean) =>
  api<{ initiative: Initiative }>('PUT', `/api/initiatives/${enc(id)}/publication`, { body: { kind: 'agenda', published } })
export const getDocumentAccess = (document: string, signal?: AbortSignal) =>
  api<DocumentAccessAnswer>('GET', `/api/access?document=${enc(document)}`, signalOnly(signal))
export const getPublicInitiative = (id: string, signal?: AbortSignal) =>
  api<PublicInitiative>('GET', `/api/public/initiatives/${enc(id)}`, signalOnly(signal))

// Partners
export interface PartnerFields {
  name: string
  sector: Sector
  website: string
  color: string
}
export const listPartners = (id: string, signal?: AbortSignal) =>
  api<{ partners: Partner[]; coverage: Coverage[]; missing: Sector[] }>('GET', `/api/initiatives/${enc(id)}/partners`, signalOnly(signal))
export const createPartner = (id: string, body: PartnerFields) =>
  api<{ partner: Partner }>('POST', `/api/initiatives/${enc(id)}/partners`, { body })
export const updatePartner = (id: string, partnerId: string, body: Partial<PartnerFields>) =>
  api<{ partner: Partner }>('PATCH', `/api/initiatives/${enc(id)}/partners/${enc(partnerId)}`, { body })
export const deletePartner = (id: string, partnerId: string) =>
  api<void>('DELETE', `/api/initiatives/${enc(id)}/partners/${enc(partnerId)}`)

// Members
export const listMembers = (id: string, signal?: AbortSignal) =>
  api<{ members: Member[] }>('GET', `/api/initiatives/${enc(id)}/members`, signalOnly(signal))
export const updateMember = (id: string, userId: string, body: { role: Role; partnerId?: string | null }) =>
  api<{ member: Member }>('PATCH', `/api/initiatives/${enc(id)}/members/${enc(userId)}`, { body })
export const removeMember = (id: string, userId: string) =>
  api<void>('DELETE', `/api/initiatives/${enc(id)}/members/${enc(userId)}`)

// Invitations
export const listInvitations = (id: string, signal?: AbortSignal) =>
  api<{ invitations: Invitation[] }>('GET', `/api/initiatives/${enc(id)}/invitations`, signalOnly(signal))
export const createInvitation = (id: string, body: { role: Role; partnerId?: string; email?: string; expiresInDays?: number }) =>
  api<{ invitation: Invitation; token: string; path: string }>('POST', `/api/initiatives/${enc(id)}/invitations`, { body })
export const revokeInvitation = (id: string, invitationId: string) =>
  api<void>('DELETE', `/api/initiatives/${enc(id)}/invitations/${enc(invitationId)}`)
export const previewInvitation = (token: string, signal?: AbortSignal) =>
  api<{ invitation: InvitationPreview }>('GET', `/api/invitations/${enc(token)}`, signalOnly(signal))
export const acceptInvitation = (token: string) =>
  api<{ initiativeId: string; role: Role }>('POST', `/api/invitations/${enc(token)}/accept`)

// Audit
export interface AuditFilter {
  action?: string
  actor?: string
  since?: string
  until?: string
  limit?: number
}
export function listAudit(id: string, filter: AuditFilter, signal?: AbortSignal) {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') query.set(key, String(value))
  const qs = query.toString()
  return api<{ entries: AuditEntry[] }>('GET', `/api/initiatives/${enc(id)}/audit${qs ? `?${qs}` : ''}`, signalOnly(signal))
}
