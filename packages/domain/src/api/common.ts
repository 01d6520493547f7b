// Shapes several resources share: the error body every failure answers, and the enums of the
// domain (roles, sectors, languages, document kinds) as zod schemas.
import * as z from 'zod'
import { DOCUMENT_KINDS, PUBLISHABLE_KINDS, type DocumentKind, type PublishableKind } from '../documents/kinds.ts'
import { LANGUAGES, ROLES, SECTORS } from '../roles.ts'

export const roleSchema = z.enum(ROLES)
export const sectorSchema = z.enum(SECTORS)
export const languageSchema = z.enum(LANGUAGES)
export const documentKindSchema = z.enum(DOCUMENT_KINDS as [DocumentKind, ...DocumentKind[]])
export const publishableKindSchema = z.enum(PUBLISHABLE_KINDS)
/** What the backbone can publish: the publishable document kinds and the community report card. */
export type PublicationTarget = PublishableKind | 'reportCard'
export const PUBLICATION_TARGETS = [...PUBLISHABLE_KINDS, 'reportCard'] as [PublicationTarget, ...PublicationTarget[]]
export const publicationTargetSchema = z.enum(PUBLICATION_TARGETS)
/** What a caller may do with a document it can open at all. */
export const documentAccessSchema = z.enum(['edit', 'read'])

/** `{ error: { code, message, fields? } }` — every 4xx and 5xx answer. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Stable, snake_case, machine-readable.' }),
    message: z.string().meta({ description: 'An English sentence for people.' }),
    fields: z.record(z.string(), z.string()).optional().meta({ description: 'validation_failed only: `{ field: code }`.' }),
  }),
})
export type ApiErrorBody = z.output<typeof apiErrorSchema>
