// /api/initiatives: create, read, update and publish initiatives.
import * as z from 'zod'
import { AGENDA_TEMPLATES } from '../agenda/template.ts'
import { LANGUAGES } from '../roles.ts'
import { documentAccessSchema, documentKindSchema, languageSchema, publicationTargetSchema, roleSchema } from './common.ts'
import { INITIATIVE_DESCRIPTION_MAX, INITIATIVE_GEOGRAPHY_MAX, INITIATIVE_NAME_MAX, fields } from './fields.ts'

// ——— requests ———
const languages = z.array(languageSchema).min(1).max(LANGUAGES.length)

export const createInitiativeBody = z.object({
  name: fields.name(INITIATIVE_NAME_MAX),
  description: fields.text(INITIATIVE_DESCRIPTION_MAX).optional(),
  languages,
  geography: fields.text(INITIATIVE_GEOGRAPHY_MAX).optional(),
  agendaTemplate: z.enum(AGENDA_TEMPLATES).default('blank').meta({
    description:
      '`commonAgenda`: the agenda starts with the sections of a common agenda (the problem, the shared vision, goals and shared measurement, how the partners work together, continuous communication, the backbone), each with a prompt, in every language of the initiative; `blank` (default): only the name and description.',
  }),
})
export type CreateInitiativeBody = z.input<typeof createInitiativeBody>

export const updateInitiativeBody = z.object({
  name: fields.name(INITIATIVE_NAME_MAX).optional(),
  description: fields.text(INITIATIVE_DESCRIPTION_MAX).optional(),
  languages: languages.optional(),
  geography: fields.text(INITIATIVE_GEOGRAPHY_MAX).optional(),
})
export type UpdateInitiativeBody = z.input<typeof updateInitiativeBody>

export const publicationBody = z.object({ kind: publicationTargetSchema, published: z.boolean() })
export type PublicationBody = z.input<typeof publicationBody>

// ——— answers ———
export const initiativeDocumentSchema = z.object({
  name: z.string(),
  kind: documentKindSchema,
  partnerId: z.string().optional(),
  meetingId: z.string().optional(),
  access: documentAccessSchema,
})
export type InitiativeDocument = z.output<typeof initiativeDocumentSchema>

/** An initiative as one caller sees it: `role`, `partnerId` and `documents` are the caller's. */
export const initiativeSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  languages: z.array(languageSchema),
  geography: z.string(),
  createdAt: fields.time,
  published: z.array(publicationTargetSchema),
  role: roleSchema.nullable(),
  partnerId: z.string().nullable(),
  documents: z.array(initiativeDocumentSchema),
})
export type Initiative = z.output<typeof initiativeSchema>

export const initiativeListAnswer = z.object({ initiatives: z.array(initiativeSchema) })
export type InitiativeListAnswer = z.output<typeof initiativeListAnswer>

export const initiativeAnswer = z.object({ initiative: initiativeSchema })
export type InitiativeAnswer = z.output<typeof initiativeAnswer>
