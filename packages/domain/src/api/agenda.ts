// /api/initiatives/:id/agenda, /goals, /indicators: the records the server derives from the
// common agenda's structured blocks (goals, indicators, glossary terms), each with its validation
// issues and its provenance, the indicator definitions' versions, and endorsements of an agenda
// version by partner organisations.
import * as z from 'zod'
import { FREQUENCIES, POLARITIES, VALUE_TYPES } from '../indicators/definition.ts'
import { fields } from './fields.ts'

export const AGENDA_ISSUE_CODES = [
  'required',
  'too_long',
  'not_a_number',
  'invalid_choice',
  'invalid_period',
  'not_a_partner',
  'out_of_range',
  'duplicate',
  'range_inverted',
  'too_many',
  'before_baseline',
  'unknown_goal',
] as const

export const validationIssueSchema = z.object({
  field: z.string().meta({ description: 'A field path such as `targets.1.value`.' }),
  code: z.enum(AGENDA_ISSUE_CODES),
})

/** Who did something, as the read model keeps it (the name as it was then). */
export const actorRefSchema = z.object({ userId: z.string(), name: z.string() })
export type ActorRef = z.output<typeof actorRefSchema>

/** Where a record came from: the document, the block (or cell), when and by whom it last changed. */
export const provenanceSchema = z.object({
  document: z.string(),
  blockId: z.string().meta({ description: 'The block id (agenda) or the cell key (measurement sheet).' }),
  changedAt: fields.time,
  changedBy: actorRefSchema.nullable().meta({ description: 'null: the server (initial content) or unknown.' }),
  seq: z.number().int().meta({ description: "The document log record of the last change (the document's version then)." }),
})
export type Provenance = z.output<typeof provenanceSchema>

export const goalRecordSchema = z.object({
  id: z.string(),
  blockId: z.string(),
  position: z.number().int(),
  statement: z.string(),
  population: z.string(),
  order: z.number().int().nullable(),
  issues: z.array(validationIssueSchema),
  provenance: provenanceSchema,
})
export type GoalRecordView = z.output<typeof goalRecordSchema>

export const targetSchema = z.object({ period: z.string(), value: z.number(), upper: z.number().optional() })

export const indicatorDefinitionSchema = z.object({
  id: z.string(),
  goalId: z.string().nullable(),
  name: z.string(),
  definition: z.string(),
  valueType: z.enum(VALUE_TYPES),
  unit: z.string(),
  rateBase: z.number().nullable(),
  polarity: z.enum(POLARITIES),
  baseline: z.object({ value: z.number(), period: z.string() }).nullable(),
  targets: z.array(targetSchema),
  frequency: z.enum(FREQUENCIES),
  dataSource: z.string(),
  ownerPartnerId: z.string().nullable(),
  disaggregations: z.array(z.object({ dimension: z.string(), categories: z.array(z.string()) })),
  minChange: z.number().nullable(),
})

export const indicatorRecordSchema = indicatorDefinitionSchema.extend({
  blockId: z.string(),
  position: z.number().int(),
  version: z.number().int().min(1).meta({ description: 'The definition version: +1 whenever a versioned field changes (VERSIONED_FIELDS).' }),
  issues: z.array(validationIssueSchema),
  provenance: provenanceSchema,
})
export type IndicatorRecordView = z.output<typeof indicatorRecordSchema>

export const indicatorVersionSchema = z.object({
  version: z.number().int().min(1),
  changedAt: fields.time,
  changedBy: actorRefSchema.nullable(),
  changedFields: z.array(z.string()).meta({ description: 'The versioned fields that differ from the version before (empty for version 1).' }),
  definition: indicatorDefinitionSchema,
})
export type IndicatorVersion = z.output<typeof indicatorVersionSchema>

export const glossaryRecordSchema = z.object({
  id: z.string(),
  blockId: z.string(),
  position: z.number().int(),
  term: z.string(),
  definition: z.string(),
  issues: z.array(validationIssueSchema),
  provenance: provenanceSchema,
})
export type GlossaryRecordView = z.output<typeof glossaryRecordSchema>

export const endorsementSchema = z.object({
  partnerId: z.string(),
  version: z.number().int().meta({ description: 'The agenda version (its log seq) endorsed.' }),
  endorsedAt: fields.time,
  endorsedBy: actorRefSchema,
  current: z.boolean().meta({ description: 'false: the agenda changed since this endorsement.' }),
})
export type Endorsement = z.output<typeof endorsementSchema>

/** The derived agenda as a whole. `version` is the agenda document's log seq the records reflect. */
export const agendaAnswer = z.object({
  documentName: z.string(),
  version: z.number().int(),
  updatedAt: fields.time.nullable(),
  goals: z.array(goalRecordSchema).meta({ description: 'In the agenda order of goals (by order, then document order).' }),
  indicators: z.array(indicatorRecordSchema).meta({ description: 'In document order.' }),
  glossary: z.array(glossaryRecordSchema),
  endorsements: z.array(endorsementSchema).meta({ description: "Each partner's latest endorsement." }),
  invalid: z.number().int().meta({ description: 'How many records have validation issues.' }),
})
export type AgendaAnswer = z.output<typeof agendaAnswer>

export const goalListAnswer = z.object({ goals: z.array(goalRecordSchema) })
export type GoalListAnswer = z.output<typeof goalListAnswer>

export const indicatorListAnswer = z.object({ indicators: z.array(indicatorRecordSchema) })
export type IndicatorListAnswer = z.output<typeof indicatorListAnswer>

export const indicatorAnswer = z.object({ indicator: indicatorRecordSchema, versions: z.array(indicatorVersionSchema) })
export type IndicatorAnswer = z.output<typeof indicatorAnswer>

export const endorseBody = z.object({
  version: z.number().int().min(0).meta({ description: 'The agenda version the person read; 409 agenda_changed when it is no longer the current one.' }),
})
export type EndorseBody = z.input<typeof endorseBody>

export const endorsementListAnswer = z.object({ version: z.number().int(), endorsements: z.array(endorsementSchema) })
export type EndorsementListAnswer = z.output<typeof endorsementListAnswer>

export const exportQuery = z.object({ format: z.enum(['csv', 'json']).default('json') })
export type ExportQuery = z.input<typeof exportQuery>
