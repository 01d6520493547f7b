// /api/initiatives/:id/activities…: the activity map's records as the server derives them from the
// map document (`i/<id>/activities`), each checked against the agenda's goals and indicators and
// the initiative's partners, with its provenance; the relations; and the coordination check's findings.
import * as z from 'zod'
import { ACTIVITY_ISSUE_CODES, ACTIVITY_STATUSES, CONTRIBUTOR_ROLES, EXPECTED_EFFECTS, RELATION_STATUSES, RELATION_TYPES } from '../activities/map.ts'
import { COORDINATION_FINDING_KINDS } from '../activities/coordination.ts'
import { SECTORS } from '../roles.ts'
import { provenanceSchema } from './agenda.ts'

export const activityIssueSchema = z.object({
  field: z.string().meta({ description: 'A field path such as `contributors.schools` or `goalIds.g-abcd`.' }),
  code: z.enum(ACTIVITY_ISSUE_CODES),
})

export const activitySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  leadPartnerId: z.string(),
  contributors: z.array(z.object({ partnerId: z.string(), role: z.enum(CONTRIBUTOR_ROLES) })),
  goalIds: z.array(z.string()),
  indicators: z.array(z.object({ indicatorId: z.string(), effect: z.enum(EXPECTED_EFFECTS) })),
  status: z.enum(ACTIVITY_STATUSES),
  start: z.string().nullable().meta({ description: '`YYYY-MM-DD`.' }),
  end: z.string().nullable(),
  budget: z.number().nullable(),
  staff: z.number().nullable().meta({ description: 'Full-time equivalents.' }),
  strategyId: z.string().nullable(),
  issues: z.array(activityIssueSchema),
  provenance: provenanceSchema,
})
export type ActivityView = z.output<typeof activitySchema>

export const strategySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  order: z.number().int().nullable(),
  issues: z.array(activityIssueSchema),
  provenance: provenanceSchema,
})
export type StrategyView = z.output<typeof strategySchema>

export const relationSchema = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  type: z.enum(RELATION_TYPES),
  note: z.string(),
  proposedBy: z.string().meta({ description: "The partner that proposed it; '' for the backbone." }),
  status: z.enum(RELATION_STATUSES),
  issues: z.array(activityIssueSchema),
  provenance: provenanceSchema,
})
export type RelationView = z.output<typeof relationSchema>

export const activityQuery = z.object({
  partnerId: z.string().max(40).optional().meta({ description: 'Led by this partner or with it as a contributor.' }),
  goalId: z.string().max(40).optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  sector: z.enum(SECTORS).optional().meta({ description: 'Led by, or with a contributor from, a partner of this sector.' }),
  q: z.string().trim().max(200).optional().meta({ description: 'Words of the title or description (Hebrew prefixes and Arabic articles folded).' }),
})
export type ActivityQuery = z.input<typeof activityQuery>

export const activityListAnswer = z.object({
  documentName: z.string(),
  activities: z.array(activitySchema),
  strategies: z.array(strategySchema),
})
export type ActivityListAnswer = z.output<typeof activityListAnswer>

export const relationQuery = z.object({
  activityId: z.string().max(40).optional().meta({ description: 'Relations from or to this activity.' }),
  type: z.enum(RELATION_TYPES).optional(),
  status: z.enum(RELATION_STATUSES).optional(),
})
export const relationListAnswer = z.object({ documentName: z.string(), relations: z.array(relationSchema) })
export type RelationListAnswer = z.output<typeof relationListAnswer>

export const coordinationFindingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('goal_gap'), goalId: z.string() }),
  z.object({ kind: z.literal('indicator_gap'), indicatorId: z.string(), goalId: z.string().nullable() }),
  z.object({
    kind: z.literal('possible_duplicate'),
    activityIds: z.tuple([z.string(), z.string()]),
    partnerIds: z.tuple([z.string(), z.string()]),
    reason: z.object({
      sharedGoalIds: z.array(z.string()),
      sharedWords: z.array(z.string()).meta({ description: 'In their comparison form (prefixes and articles stripped, letters folded).' }),
      titleSimilarity: z.number(),
      textSimilarity: z.number(),
    }),
    relationId: z.string().nullable(),
  }),
  z.object({ kind: z.literal('idle_partner'), partnerId: z.string(), sector: z.string() }),
  z.object({ kind: z.literal('uncovered_sector'), sector: z.string(), partnerIds: z.array(z.string()) }),
  z.object({ kind: z.literal('unmeasured_activity'), activityId: z.string(), leadPartnerId: z.string() }),
])
export type CoordinationFindingView = z.output<typeof coordinationFindingSchema>

export const findingsQuery = z.object({ kind: z.enum(COORDINATION_FINDING_KINDS).optional() })
export const findingsAnswer = z.object({
  documentName: z.string(),
  /** The map's version (log seq) and the agenda's the findings reflect. */
  mapVersion: z.number().int(),
  agendaVersion: z.number().int(),
  findings: z.array(coordinationFindingSchema),
  counts: z
    .record(z.enum(COORDINATION_FINDING_KINDS), z.number().int())
    .meta({ description: 'Per kind, all findings (possible duplicates beyond the 200 listed too).' }),
})
export type FindingsAnswer = z.output<typeof findingsAnswer>

export const activityExportAnswer = z.object({
  documentName: z.string(),
  activities: z.array(activitySchema),
  strategies: z.array(strategySchema),
  relations: z.array(relationSchema),
  findings: z.array(coordinationFindingSchema),
})
export type ActivityExportAnswer = z.output<typeof activityExportAnswer>
