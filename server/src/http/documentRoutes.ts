// GET /api/documents (metadata of every stored document) and GET /api/documents/:name.
import { Hono } from 'hono'
import { isValidDocumentName } from '@common-ground/protocol'
import type { MetadataStore } from '../metadata/MetadataStore.ts'
import { ApiError } from './ApiError.ts'

export function documentRoutes(metadata: MetadataStore) {
  return new Hono()
    .get('/', (c) => c.json({ documents: metadata.list() }))
    .get('/:name{.+}', (c) => {
      const name = c.req.param('name')
      if (!isValidDocumentName(name)) throw new ApiError(400, 'invalid_document_name', 'That is not a valid document name.')
      const meta = metadata.get(name)
      if (!meta) throw new ApiError(404, 'document_not_found', 'No document has that name.')
      return c.json({ document: meta })
    })
}
