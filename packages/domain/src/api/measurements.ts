// /api/initiatives/:id/measurements, /report-card, /reporting-status and the public report card:
// the values derived from the measurement sheet, the approvals the server records (by
// fingerprint, never in the document), CSV import, and the community report card.
import * as z from 'zod'
import { actorRefSchema, indicatorDefinitionSchema, provenanceSchema, targetSchema, validationIssueSchema } from './agenda.ts'
import { fields } from './fields.ts'

/** Where a value is in its workflow: draft → submitted → approved (or returned for a correction). */
export const MEASUREMENT_WORKFLOW = ['draft', 'submitted', 'approved', 'returned'] as const
export type MeasurementWorkflow = (typeof MEASUREMENT_WORKFLOW)[number]

export const APPROVAL_DECISIONS = ['approve', 'return'] as const
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number]

export const APPROVAL_BATCH_MAX = 1000
export const APPROVAL_COMMENT_MAX = 1000
/** A CSV import body (text/csv) may be this large. */
export const IMPORT_MAX_BYTES = 16 * 1024 * 1024
export const IMPORT_MAX_ROWS = 200_000
/** The fields a CSV column can be mapped to. */
export const IMPORT_FIELDS = ['indicator', 'period', 'partner', 'dimension', 'category', 'value', 'note', 'source', 'status'] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]
/** The fields a file must have a column for. */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['indicator', 'period', 'value']

/**
 * The header names (normalised by normalizeImportHeader) each field's column is found by, in English, Hebrew and
 * Arabic (with and without the article ال).
 */
export const IMPORT_HEADER_NAMES: Readonly<Record<ImportField, readonly string[]>> = {
  indicator: ['indicator', 'indicatorid', 'מדד', 'מזההמדד', 'مؤشر', 'المؤشر', 'معرفالمؤشر'],
  period: ['period', 'תקופה', 'فترة', 'الفترة'],
  partner: ['partner', 'partnerid', 'שותף', 'ארגון', 'شريك', 'الشريك', 'منظمة', 'المنظمة'],
  dimension: ['dimension', 'ממד', 'מימד', 'פילוח', 'بعد', 'البعد', 'تصنيف', 'التصنيف'],
  category: ['category', 'קטגוריה', 'فئة', 'الفئة'],
  value: ['value', 'ערך', 'قيمة', 'القيمة'],
  note: ['note', 'notes', 'הערה', 'הערות', 'ملاحظة', 'ملاحظات', 'الملاحظة', 'الملاحظات'],
  source: ['source', 'מקור', 'مصدر', 'المصدر'],
  status: ['status', 'סטטוס', 'מצב', 'حالة', 'الحالة'],
}

/**
 * A header as IMPORT_HEADER_NAMES spells it: no byte-order mark, lower case, no spaces, dashes or underscores, no
 * Arabic vowel marks or tatweel (`البُعد` reads as `البعد`).
 */
export function normalizeImportHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\u064B-\u0652\u0640]/g, '')
    .replace(/[\s_-]+/g, '')
}

/** The field a column header names, if any. */
export function importFieldOfHeader(header: string): ImportField | undefined {
  const name = normalizeImportHeader(header)
  return IMPORT_FIELDS.find((field) => IMPORT_HEADER_NAMES[field].includes(name))
}

export const approvalStateSchema = z.object({
  decision: z.enum(APPROVAL_DECISIONS),
  fingerprint: z.string(),
  decidedAt: fields.time,
  decidedBy: actorRefSchema,
  comment: z.string(),
})
export type ApprovalState = z.output<typeof approvalStateSchema>

export const measurementSchema = z.object({
  key: z.string().meta({ description: 'The cell key in the sheet (a JSON array of the coordinates).' }),
  indicatorId: z.string(),
  period: z.string(),
  partnerId: z.string().meta({ description: "'' for the initiative-wide value." }),
  dimension: z.string(),
  category: z.string(),
  value: z.number().nullable(),
  note: z.string(),
  source: z.string(),
  workflow: z.enum(MEASUREMENT_WORKFLOW),
  definitionVersion: z.number().int(),
  fingerprint: z.string(),
  issues: z.array(validationIssueSchema),
  provenance: provenanceSchema,
  approval: approvalStateSchema.nullable().meta({ description: 'The latest decision on this exact value (fingerprint), if any.' }),
})
export type Measurement = z.output<typeof measurementSchema>

export const measurementQuery = z.object({
  indicatorId: z.string().max(40).optional(),
  partnerId: z.string().max(40).optional(),
  period: z.string().max(20).optional(),
  workflow: z.enum(MEASUREMENT_WORKFLOW).optional(),
})
export type MeasurementQuery = z.input<typeof measurementQuery>

export const measurementListAnswer = z.object({ documentName: z.string(), measurements: z.array(measurementSchema) })
export type MeasurementListAnswer = z.output<typeof measurementListAnswer>

export const approvalBody = z.object({
  decisions: z
    .array(
      z.object({
        key: z.string().max(400),
        fingerprint: z.string().max(600).meta({ description: 'The fingerprint the approver saw; 409 measurement_changed when the value changed since.' }),
        decision: z.enum(APPROVAL_DECISIONS),
        comment: z.string().trim().max(APPROVAL_COMMENT_MAX).optional(),
      }),
    )
    .min(1)
    .max(APPROVAL_BATCH_MAX),
})
export type ApprovalBody = z.input<typeof approvalBody>

export const approvalAnswer = z.object({ measurements: z.array(measurementSchema) })
export type ApprovalAnswer = z.output<typeof approvalAnswer>

/** One entry of a cell's history: an approval or a return of one value. Corrections keep the earlier approved values here. */
export const measurementHistoryEntrySchema = approvalStateSchema.extend({ value: z.number().nullable(), definitionVersion: z.number().int() })
export const measurementHistoryQuery = z.object({ key: z.string().max(400) })
export const measurementHistoryAnswer = z.object({ key: z.string(), history: z.array(measurementHistoryEntrySchema) })
export type MeasurementHistoryAnswer = z.output<typeof measurementHistoryAnswer>

// ——— CSV import ———
export const importQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  mapping: z
    .string()
    .max(2000)
    .optional()
    .meta({ description: 'JSON `{ field: column header }`; by default columns are matched by name (English or Hebrew).' }),
  partnerId: z
    .string()
    .max(40)
    .optional()
    .meta({ description: 'The partner rows without a partner column belong to (a partner executive: always their own).' }),
})
export type ImportQuery = z.input<typeof importQuery>

export const importRowErrorSchema = z.object({
  row: z.number().int().meta({ description: '1-based data row (the header is row 0).' }),
  field: z.string(),
  code: z.string(),
  value: z.string(),
})
export type ImportRowError = z.output<typeof importRowErrorSchema>

export const importReportSchema = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  imported: z.number().int().meta({ description: 'Cells written (0 on a dry run or when any row is bad).' }),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  columns: z.record(z.string(), z.string()).meta({ description: 'The mapping used: field → column header.' }),
  errors: z.array(importRowErrorSchema).meta({ description: 'Row by row; at most 1,000 are listed.' }),
  errorCount: z.number().int(),
})
export type ImportReport = z.output<typeof importReportSchema>

// ——— report card ———
export const observationSchema = z.object({ period: z.string(), value: z.number() })

export const cardIndicatorSchema = indicatorDefinitionSchema
  .pick({
    id: true,
    goalId: true,
    name: true,
    definition: true,
    valueType: true,
    unit: true,
    rateBase: true,
    polarity: true,
    frequency: true,
    ownerPartnerId: true,
    dataSource: true,
    targets: true,
  })
  .extend({
    version: z.number().int(),
    baseline: observationSchema.nullable(),
    latest: observationSchema.nullable(),
    previous: observationSchema.nullable(),
    target: targetSchema.nullable(),
    targetMet: z.boolean(),
    progress: z.number().nullable(),
    changeSinceBaseline: z.number().nullable(),
    trend: z.enum(['better', 'worse', 'no_change', 'unknown']),
    status: z.enum(['on_track', 'at_risk', 'off_track', 'unknown']),
    projection: observationSchema.nullable(),
    freshness: z.enum(['current', 'stale', 'missing']),
    duePeriod: z.string(),
    series: z.array(observationSchema).meta({ description: 'Initiative-wide approved values, oldest first.' }),
    byPartner: z.array(z.object({ partnerId: z.string(), series: z.array(observationSchema) })),
    disaggregated: z.array(z.object({ dimension: z.string(), categories: z.array(z.object({ category: z.string(), series: z.array(observationSchema) })) })),
    valid: z.boolean().meta({ description: 'false: the indicator block has validation issues (shown, but its figures may be incomplete).' }),
  })
export type CardIndicator = z.output<typeof cardIndicatorSchema>

export const headlineSchema = z.object({
  total: z.number().int(),
  trendingRight: z.number().int(),
  withTrend: z.number().int(),
  onTrack: z.number().int(),
  withStatus: z.number().int(),
})

export const reportCardAnswer = z.object({
  initiativeId: z.string(),
  asOf: fields.time.meta({ description: 'The time the figures are computed for (freshness, status).' }),
  dataAsOf: fields.time.nullable().meta({ description: 'The latest approval the card reflects.' }),
  headline: headlineSchema,
  goals: z.array(
    z.object({
      id: z.string(),
      statement: z.string(),
      population: z.string(),
      headline: headlineSchema,
      indicators: z.array(cardIndicatorSchema),
    }),
  ),
  unassigned: z.array(cardIndicatorSchema).meta({ description: 'Indicators under no valid goal.' }),
})
export type ReportCardAnswer = z.output<typeof reportCardAnswer>

export const reportCardQuery = z.object({
  asOf: z.string().max(40).optional().meta({ description: 'An ISO date to compute the card for (default: now).' }),
})

// ——— who has not reported ———
export const REPORTING_STATES = ['approved', 'submitted', 'draft', 'returned', 'due', 'overdue'] as const
export type ReportingState = (typeof REPORTING_STATES)[number]

export const reportingStatusAnswer = z.object({
  asOf: fields.time,
  rows: z.array(
    z.object({
      indicatorId: z.string(),
      partnerId: z.string().meta({ description: "'' for the initiative-wide value (the backbone's)." }),
      period: z.string(),
      state: z.enum(REPORTING_STATES),
    }),
  ),
  partners: z.array(
    z.object({
      partnerId: z.string(),
      approved: z.number().int(),
      submitted: z.number().int(),
      draft: z.number().int(),
      returned: z.number().int(),
      due: z.number().int(),
      overdue: z.number().int(),
    }),
  ),
})
export type ReportingStatusAnswer = z.output<typeof reportingStatusAnswer>
