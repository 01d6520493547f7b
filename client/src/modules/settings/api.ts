// The settings module's own API call: publish or unpublish the common agenda (editing the
// initiative's fields is shared with creating one: api/endpoints.ts).
import type { InitiativeAnswer } from '@common-ground/domain'
import { api } from '../../api/http.ts'
import { enc } from '../../api/endpoints.ts'

export const setPublication = (id: string, published: boolean) =>
  api<InitiativeAnswer>('PUT', `/api/initiatives/${enc(id)}/publication`, { body: { kind: 'agenda', published } })
