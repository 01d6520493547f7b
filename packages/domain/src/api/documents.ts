// GET /api/documents and /api/documents/:name: stored documents' metadata.
import * as z from 'zod'
import { fields } from './fields.ts'

export const documentMetaSchema = z.object({
  name: z.string(),
  created: fields.time,
  updated: fields.time.meta({ description: 'The newest change.' }),
  size: z.number().int().meta({ description: 'Bytes on disk after the last compaction.' }),
})
export type DocumentMeta = z.output<typeof documentMetaSchema>

export const documentListAnswer = z.object({ documents: z.array(documentMetaSchema) })
export type DocumentListAnswer = z.output<typeof documentListAnswer>

export const documentAnswer = z.object({ document: documentMetaSchema })
export type DocumentAnswer = z.output<typeof documentAnswer>
