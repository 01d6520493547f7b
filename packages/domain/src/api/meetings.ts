// /api/initiatives/:id/meeting-series, /meetings, /decisions, /action-items: meeting series (a
// cadence at a local time in a time zone) and single meetings, kept by the server; each meeting's
// agenda document derived into agenda items, decisions and action items (meetings/blocks.ts);
// the decision log and the action item list across meetings; preparing the next meeting (the
// carry-over of open action items and undiscussed items).
import * as z from 'zod'
import { ACTION_STATUSES, DECISION_STATUSES, ITEM_STATUSES, LINK_KINDS, MEETING_LIMITS } from '../meetings/blocks.ts'
import { DEFAULT_CADENCE_WEEKS, SERIES_LIMITS } from '../meetings/series.ts'
import { actorRefSchema, provenanceSchema, validationIssueSchema } from './agenda.ts'
import { fields } from './fields.ts'

export const MEETING_STATUSES = ['scheduled', 'cancelled'] as const
export type MeetingStatus = (typeof MEETING_STATUSES)[number]
export const DEFAULT_MEETING_MINUTES = 90
export const DEFAULT_TIME_ZONE = 'Asia/Jerusalem'
/** How many upcoming dates a series answer lists, and how many events its calendar has at most. */
export const UPCOMING_COUNT = 6
export const CALENDAR_EVENTS_MAX = 60

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ description: 'A local date, `YYYY-MM-DD`.' })
const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .meta({ description: 'A local time, `HH:MM`.' })
const timeZone = z.string().min(1).max(64).meta({ description: 'An IANA time zone, e.g. `Asia/Jerusalem`.' })
const duration = z.number().int().min(5).max(SERIES_LIMITS.durationMinutes)

export const seriesExceptionSchema = z.object({
  date: day,
  to: z.object({ date: day, time: clock }).nullable().meta({ description: 'null: the date is cancelled; otherwise where it moved.' }),
})

// ——— series ———
export const seriesBody = z.object({
  title: fields.name(SERIES_LIMITS.title),
  timeZone: timeZone.default(DEFAULT_TIME_ZONE),
  startDate: day,
  time: clock,
  durationMinutes: duration.default(DEFAULT_MEETING_MINUTES),
  everyWeeks: z.number().int().min(1).max(SERIES_LIMITS.weeks).default(DEFAULT_CADENCE_WEEKS),
  until: day.nullable().default(null),
  exceptions: z.array(seriesExceptionSchema).max(SERIES_LIMITS.exceptions).default([]),
})
export type SeriesBody = z.input<typeof seriesBody>

export const seriesPatchBody = z.object({
  title: fields.name(SERIES_LIMITS.title).optional(),
  timeZone: timeZone.optional(),
  startDate: day.optional(),
  time: clock.optional(),
  durationMinutes: duration.optional(),
  everyWeeks: z.number().int().min(1).max(SERIES_LIMITS.weeks).optional(),
  until: day.nullable().optional(),
  exceptions: z.array(seriesExceptionSchema).max(SERIES_LIMITS.exceptions).optional(),
})
export type SeriesPatchBody = z.input<typeof seriesPatchBody>

export const occurrenceSchema = z.object({
  seriesDate: day,
  date: day,
  time: clock,
  start: fields.time,
  end: fields.time,
  moved: z.boolean(),
  meetingId: z.string().meta({ description: 'The id its meeting has (or will have once prepared).' }),
  prepared: z.boolean().meta({ description: 'Its meeting exists (with its agenda document).' }),
})
export type OccurrenceView = z.output<typeof occurrenceSchema>

export const seriesSchema = z.object({
  id: z.string(),
  initiativeId: z.string(),
  title: z.string(),
  timeZone: z.string(),
  startDate: day,
  time: clock,
  durationMinutes: z.number().int(),
  everyWeeks: z.number().int(),
  until: day.nullable(),
  exceptions: z.array(seriesExceptionSchema),
  createdAt: fields.time,
  createdBy: actorRefSchema.nullable(),
  updatedAt: fields.time,
})
export type SeriesRecord = z.output<typeof seriesSchema>

export const seriesAnswer = z.object({ series: seriesSchema, upcoming: z.array(occurrenceSchema) })
export type SeriesAnswer = z.output<typeof seriesAnswer>
export const seriesListAnswer = z.object({ series: z.array(seriesAnswer) })
export type SeriesListAnswer = z.output<typeof seriesListAnswer>

// ——— meetings ———
export const meetingBody = z.object({
  title: fields.name(SERIES_LIMITS.title),
  date: day,
  time: clock,
  timeZone: timeZone.default(DEFAULT_TIME_ZONE),
  durationMinutes: duration.default(DEFAULT_MEETING_MINUTES),
})
export type MeetingBody = z.input<typeof meetingBody>

export const meetingPatchBody = z.object({
  title: fields.name(SERIES_LIMITS.title).optional(),
  date: day.optional(),
  time: clock.optional(),
  timeZone: timeZone.optional(),
  durationMinutes: duration.optional(),
  status: z.enum(MEETING_STATUSES).optional(),
})
export type MeetingPatchBody = z.input<typeof meetingPatchBody>

export const meetingSchema = z.object({
  id: z.string(),
  initiativeId: z.string(),
  seriesId: z.string().nullable(),
  seriesDate: day.nullable().meta({ description: 'The series date this meeting is (a moved one takes place on `date`).' }),
  title: z.string(),
  date: day,
  time: clock,
  timeZone: z.string(),
  durationMinutes: z.number().int(),
  start: fields.time,
  end: fields.time,
  status: z.enum(MEETING_STATUSES),
  documentName: z.string().meta({ description: "The meeting's agenda document (`i/<id>/meetings/<meetingId>`)." }),
  createdAt: fields.time,
  createdBy: actorRefSchema.nullable(),
  updatedAt: fields.time,
})
export type MeetingRecord = z.output<typeof meetingSchema>

const carriedFromSchema = z.object({ meetingId: z.string(), blockId: z.string() }).nullable()

const recordBase = {
  id: z.string().meta({ description: 'Unique in the meeting: the block id, `<id>~<n>` for a repeated one.' }),
  blockId: z.string(),
  position: z.number().int(),
  issues: z.array(validationIssueSchema),
  provenance: provenanceSchema,
}

export const meetingItemSchema = z.object({
  ...recordBase,
  title: z.string(),
  presenter: z.string(),
  timeboxMinutes: z.number().int().nullable(),
  links: z.array(z.object({ kind: z.enum(LINK_KINDS), id: z.string() })),
  status: z.enum(ITEM_STATUSES),
  carriedFrom: carriedFromSchema,
})
export type MeetingItemView = z.output<typeof meetingItemSchema>

export const decisionSchema = z.object({
  ...recordBase,
  statement: z.string().max(MEETING_LIMITS.statement),
  rationale: z.string(),
  status: z.enum(DECISION_STATUSES),
  supersedes: z.string(),
})
export type DecisionView = z.output<typeof decisionSchema>

export const actionItemSchema = z.object({
  ...recordBase,
  title: z.string(),
  ownerId: z.string(),
  due: z.string().meta({ description: '`YYYY-MM-DD`, or empty: no due date.' }),
  status: z.enum(ACTION_STATUSES),
  carriedFrom: carriedFromSchema,
})
export type ActionItemView = z.output<typeof actionItemSchema>

export const meetingSummarySchema = meetingSchema.extend({
  counts: z.object({ items: z.number().int(), decisions: z.number().int(), actionItems: z.number().int(), openActionItems: z.number().int() }),
})
export type MeetingSummary = z.output<typeof meetingSummarySchema>

export const meetingListAnswer = z.object({
  meetings: z.array(meetingSummarySchema).meta({ description: 'Every meeting, earliest first.' }),
  upcoming: z.array(occurrenceSchema.extend({ seriesId: z.string(), title: z.string() })).meta({
    description: 'The next dates of every series, prepared or not, earliest first.',
  }),
})
export type MeetingListAnswer = z.output<typeof meetingListAnswer>

export const meetingAnswer = z.object({
  meeting: meetingSchema,
  version: z.number().int().meta({ description: "The agenda document's version the records reflect (0: never edited)." }),
  items: z.array(meetingItemSchema),
  decisions: z.array(decisionSchema),
  actionItems: z.array(actionItemSchema),
  carriedOverFrom: z.string().nullable().meta({ description: 'The meeting whose open items were carried over into this one, or null.' }),
})
export type MeetingAnswer = z.output<typeof meetingAnswer>

export const prepareAnswer = z.object({
  meeting: meetingSchema,
  previousMeetingId: z.string().nullable().meta({ description: 'The meeting carried over from (null: there is none before this one).' }),
  added: z.number().int().meta({ description: 'Blocks this call added (0 when it was prepared before).' }),
})
export type PrepareAnswer = z.output<typeof prepareAnswer>

// ——— across meetings ———
const meetingRef = z.object({ id: z.string(), title: z.string(), date: day, documentName: z.string() })

export const decisionLogEntrySchema = decisionSchema.extend({ meeting: meetingRef })
export type DecisionLogEntry = z.output<typeof decisionLogEntrySchema>

export const decisionQuery = z.object({
  q: z.string().trim().max(200).optional().meta({ description: 'Words the statement or the rationale contains (any case).' }),
  status: z.enum(DECISION_STATUSES).optional(),
})
export type DecisionQuery = z.input<typeof decisionQuery>
export const decisionListAnswer = z.object({
  decisions: z.array(decisionLogEntrySchema).meta({ description: 'Newest meeting first, in document order within a meeting.' }),
})
export type DecisionListAnswer = z.output<typeof decisionListAnswer>

export const actionItemEntrySchema = actionItemSchema.extend({
  meeting: meetingRef,
  origin: meetingRef.meta({ description: 'The meeting where the action item was first written (itself when never carried over).' }),
  owner: actorRefSchema.nullable(),
  ownerPartnerId: z.string().nullable(),
  overdue: z.boolean(),
})
export type ActionItemEntry = z.output<typeof actionItemEntrySchema>

export const actionItemQuery = z.object({
  owner: z.string().max(40).optional().meta({ description: '`me`, or a user id.' }),
  partnerId: z.string().max(40).optional().meta({ description: "Action items owned by the partner's executives." }),
  status: z.enum(ACTION_STATUSES).optional(),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
})
export type ActionItemQuery = z.input<typeof actionItemQuery>
export const actionItemListAnswer = z.object({
  actionItems: z.array(actionItemEntrySchema).meta({ description: 'The latest copy of each (a carried-over one once, where it is now), by due date.' }),
})
export type ActionItemListAnswer = z.output<typeof actionItemListAnswer>
