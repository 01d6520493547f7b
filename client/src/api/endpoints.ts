// One function per shared HTTP API call (docs/api.md): accounts, tokens, initiatives, public
// pages, invitation links, and the partner and member lists several modules show. A feature
// module's own calls live in its folder (client/src/modules/<name>/api.ts).
import type {
  AcceptedInvitationAnswer,
  AuthAnswer,
  CreatedTokenAnswer,
  CreateInitiativeBody,
  CreateTokenBody,
  InitiativeAnswer,
  InitiativeListAnswer,
  InvitationPreviewAnswer,
  MemberListAnswer,
  PartnerListAnswer,
  SignupBody,
  TokenListAnswer,
  UpdateInitiativeBody,
} from '@common-ground/domain'
import { api } from './http.ts'
import type { DocumentAccessAnswer, Me, PublicInitiative, PublicInitiativeList, SessionAnswer } from './types.ts'

export const enc = encodeURIComponent
export const signalOnly = (signal?: AbortSignal) => ({ signal })

// Accounts
export const getMe = (signal?: AbortSignal) => api<Me>('GET', '/api/me', signalOnly(signal))
/** Who is signed in, `me: null` when nobody is: no 401, so a signed-out page load logs no error. */
export const getSession = (signal?: AbortSignal) => api<SessionAnswer>('GET', '/api/auth/session', signalOnly(signal))
export const login = (email: string, password: string) => api<AuthAnswer>('POST', '/api/auth/login', { body: { email, password } })
export const signup = (body: SignupBody) => api<AuthAnswer>('POST', '/api/auth/signup', { body })
export const logout = () => api<void>('POST', '/api/auth/logout')

// Tokens
export const listTokens = (signal?: AbortSignal) => api<TokenListAnswer>('GET', '/api/me/tokens', signalOnly(signal))
export const createToken = (body: CreateTokenBody) => api<CreatedTokenAnswer>('POST', '/api/me/tokens', { body })
export const revokeToken = (id: string) => api<void>('DELETE', `/api/me/tokens/${enc(id)}`)

// Initiatives
export type InitiativeFields = Required<CreateInitiativeBody>
export const listInitiatives = (signal?: AbortSignal) => api<InitiativeListAnswer>('GET', '/api/initiatives', signalOnly(signal))
export const createInitiative = (body: InitiativeFields) => api<InitiativeAnswer>('POST', '/api/initiatives', { body })
export const getInitiative = (id: string, signal?: AbortSignal) => api<InitiativeAnswer>('GET', `/api/initiatives/${enc(id)}`, signalOnly(signal))
export const updateInitiative = (id: string, body: UpdateInitiativeBody) => api<InitiativeAnswer>('PATCH', `/api/initiatives/${enc(id)}`, { body })
export const getDocumentAccess = (document: string, signal?: AbortSignal) =>
  api<DocumentAccessAnswer>('GET', `/api/access?document=${enc(document)}`, signalOnly(signal))
export const getPublicInitiatives = (signal?: AbortSignal) => api<PublicInitiativeList>('GET', '/api/public/initiatives', signalOnly(signal))
export const getPublicInitiative = (id: string, signal?: AbortSignal) => api<PublicInitiative>('GET', `/api/public/initiatives/${enc(id)}`, signalOnly(signal))

// Partners and members (the lists the home, partners, members and audit modules all read)
export const listPartners = (id: string, signal?: AbortSignal) => api<PartnerListAnswer>('GET', `/api/initiatives/${enc(id)}/partners`, signalOnly(signal))
export const listMembers = (id: string, signal?: AbortSignal) => api<MemberListAnswer>('GET', `/api/initiatives/${enc(id)}/members`, signalOnly(signal))

// Invitation links
export const previewInvitation = (token: string, signal?: AbortSignal) =>
  api<InvitationPreviewAnswer>('GET', `/api/invitations/${enc(token)}`, signalOnly(signal))
export const acceptInvitation = (token: string) => api<AcceptedInvitationAnswer>('POST', `/api/invitations/${enc(token)}/accept`)
