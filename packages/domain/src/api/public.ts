// GET /api/public/initiatives/:id (what the backbone published, no sign-in) and
// GET /api/access?document=<name> (what the caller may do with one document).
import * as z from 'zod'
import { documentAccessSchema, documentKindSchema, languageSchema } from './common.ts'

export const publicInitiativeAnswer = z.object({
  initiative: z.object({ id: z.string(), name: z.string(), description: z.string(), languages: z.array(languageSchema), geography: z.string() }),
  documents: z.array(z.object({ name: z.string(), kind: documentKindSchema })),
  reportCard: z.boolean().meta({ description: 'The report card is published (GET /api/public/initiatives/{id}/report-card).' }),
})
export type PublicInitiative = z.output<typeof publicInitiativeAnswer>

export const publicInitiativeListAnswer = z.object({
  initiatives: z.array(publicInitiativeAnswer.shape.initiative).meta({
    description: 'Every initiative that published something (a document or the report card), by name; read each at GET /api/public/initiatives/{id}.',
  }),
})
export type PublicInitiativeList = z.output<typeof publicInitiativeListAnswer>

/** The document name is checked by the route (`400 invalid_document_name`), not by the schema. */
export const accessQuery = z.object({ document: z.string().meta({ description: 'A document name, e.g. `i/<initiativeId>/agenda`.' }) })
export type AccessQuery = z.input<typeof accessQuery>

export const documentAccessAnswer = z.object({
  document: z.string(),
  access: documentAccessSchema,
  initiativeId: z.string().nullable(),
  kind: documentKindSchema.nullable(),
})
export type DocumentAccessAnswer = z.output<typeof documentAccessAnswer>
