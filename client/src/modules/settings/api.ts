// The settings module's own API calls: publish or unpublish the common agenda, the archive download (editing the
// initiative's fields is shared with creating one: api/endpoints.ts).
import type { InitiativeAnswer } from '@common-ground/domain'
import { api } from '../../api/http.ts'
import { enc } from '../../api/endpoints.ts'

export const setPublication = (id: string, published: boolean) =>
  api<InitiativeAnswer>('PUT', `/api/initiatives/${enc(id)}/publication`, { body: { kind: 'agenda', published } })

/** The whole initiative as an archive (backbone staff; a download the browser makes with the session cookie). */
export const archiveHref = (id: string, format: 'tar' | 'tar.gz') => `/api/initiatives/${enc(id)}/export${format === 'tar' ? '' : '?format=tar.gz'}`
