// The document history calls (docs/api.md "Document history"): versions, naming, compare,
// restore, and what changed since the caller's last visit. Shared: the document view marks a
// document as seen, the history module shows the rest.
import type { ChangesAnswer, CompareAnswer, RestoreAnswer, SeenAnswer, VersionAnswer, VersionListAnswer } from '@common-ground/domain'
import { api } from './http.ts'
import { enc, signalOnly } from './endpoints.ts'

const base = (initiativeId: string) => `/api/initiatives/${enc(initiativeId)}/history`

export interface VersionFilter {
  person?: string
  since?: string
  until?: string
  named?: boolean
}

export function listVersions(initiativeId: string, document: string, filter: VersionFilter = {}, signal?: AbortSignal) {
  const query = new URLSearchParams({ document })
  if (filter.person) query.set('person', filter.person)
  if (filter.since) query.set('since', filter.since)
  if (filter.until) query.set('until', filter.until)
  if (filter.named) query.set('named', 'true')
  return api<VersionListAnswer>('GET', `${base(initiativeId)}/versions?${query}`, signalOnly(signal))
}

export const nameVersion = (initiativeId: string, document: string, name: string) =>
  api<VersionAnswer>('POST', `${base(initiativeId)}/versions`, { body: { document, name } })

export function compareVersions(initiativeId: string, document: string, from: number, to?: number, signal?: AbortSignal) {
  const query = new URLSearchParams({ document, from: String(from) })
  if (to !== undefined) query.set('to', String(to))
  return api<CompareAnswer>('GET', `${base(initiativeId)}/compare?${query}`, signalOnly(signal))
}

export const restoreVersion = (initiativeId: string, document: string, version: number) =>
  api<RestoreAnswer>('POST', `${base(initiativeId)}/restore`, { body: { document, version } })

export const listChanges = (initiativeId: string, signal?: AbortSignal) => api<ChangesAnswer>('GET', `${base(initiativeId)}/changes`, signalOnly(signal))

export const markSeen = (initiativeId: string, document: string) => api<SeenAnswer>('POST', `${base(initiativeId)}/seen`, { body: { document } })
