// The home module's API calls: the agenda's endorsements (docs/api.md, packages/domain/src/api/agenda.ts).
import type { EndorsementListAnswer } from '@common-ground/domain'
import { api } from '../../api/http.ts'
import { enc, signalOnly } from '../../api/endpoints.ts'

export const listEndorsements = (initiativeId: string, signal?: AbortSignal) =>
  api<EndorsementListAnswer>('GET', `/api/initiatives/${enc(initiativeId)}/agenda/endorsements`, signalOnly(signal))

/** Endorses `version` (the one the person read) for the caller's partner; 409 `agenda_changed` when it is no longer current. */
export const endorseAgenda = (initiativeId: string, version: number) =>
  api<EndorsementListAnswer>('POST', `/api/initiatives/${enc(initiativeId)}/agenda/endorsements`, { body: { version } })
