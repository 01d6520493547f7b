// GET /api/documents (metadata of the documents the caller can read) and GET /api/documents/:name.
import { Hono } from 'hono'
import { isValidDocumentName } from '@common-ground/protocol'
import type { DocumentAnswer, DocumentListAnswer } from '@common-ground/domain'
import type { AccessGate } from '../access/AccessGate.ts'
import type { MetadataStore } from '../metadata/MetadataStore.ts'
import { ApiError } from './ApiError.ts'
import { auth, type AppEnv } from './authz.ts'

export function documentRoutes(metadata: MetadataStore, gate: AccessGate) {
  return new Hono<AppEnv>()
    .get('/', (c) => {
      const principal = auth(c).principal
      return c.json({ documents: metadata.list().filter((d) => gate.documentAccess(d.name, principal) !== 'none') } satisfies DocumentListAnswer)
    })
    .get('/:name{.+}', (c) => {
      const name = c.req.param('name')
      if (!isValidDocumentName(name)) throw new ApiError(400, 'invalid_document_name', 'That is not a valid document name.')
      const meta = metadata.get(name)
      if (!meta || gate.documentAccess(name, auth(c).principal) === 'none') throw new ApiError(404, 'document_not_found', 'No document has that name.')
      return c.json({ document: meta } satisfies DocumentAnswer)
    })
}
