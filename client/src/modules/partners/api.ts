// The partners module's own API calls: add, edit and delete a partner (the list is shared: api/endpoints.ts).
import type { CreatePartnerBody, PartnerAnswer, UpdatePartnerBody } from '@common-ground/domain'
import { api } from '../../api/http.ts'
import { enc } from '../../api/endpoints.ts'

/** The partner form's values: every field of a new partner. */
export type PartnerFields = Required<CreatePartnerBody>

export const createPartner = (id: string, body: CreatePartnerBody) => api<PartnerAnswer>('POST', `/api/initiatives/${enc(id)}/partners`, { body })
export const updatePartner = (id: string, partnerId: string, body: UpdatePartnerBody) =>
  api<PartnerAnswer>('PATCH', `/api/initiatives/${enc(id)}/partners/${enc(partnerId)}`, { body })
export const deletePartner = (id: string, partnerId: string) => api<void>('DELETE', `/api/initiatives/${enc(id)}/partners/${enc(partnerId)}`)
