// The members module's own API calls: change a member's role, remove a member, and the
// initiative's invitations (the member list is shared: api/endpoints.ts).
import type { CreatedInvitationAnswer, CreateInvitationBody, InvitationListAnswer, MemberAnswer, UpdateMemberBody } from '@common-ground/domain'
import { api } from '../../api/http.ts'
import { enc, signalOnly } from '../../api/endpoints.ts'

export const updateMember = (id: string, userId: string, body: UpdateMemberBody) =>
  api<MemberAnswer>('PATCH', `/api/initiatives/${enc(id)}/members/${enc(userId)}`, { body })
export const removeMember = (id: string, userId: string) => api<void>('DELETE', `/api/initiatives/${enc(id)}/members/${enc(userId)}`)

export const listInvitations = (id: string, signal?: AbortSignal) =>
  api<InvitationListAnswer>('GET', `/api/initiatives/${enc(id)}/invitations`, signalOnly(signal))
export const createInvitation = (id: string, body: CreateInvitationBody) =>
  api<CreatedInvitationAnswer>('POST', `/api/initiatives/${enc(id)}/invitations`, { body })
export const revokeInvitation = (id: string, invitationId: string) => api<void>('DELETE', `/api/initiatives/${enc(id)}/invitations/${enc(invitationId)}`)
