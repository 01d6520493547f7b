// The measurement module's routes: the checked cells with their workflow state, a cell's
// decisions, approving and returning values (backbone staff: recorded by the server, never in the
// document), the CSV import, the export, the report card, who has not reported, and the
// published report card (no sign-in).
import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import {
  agendaDocumentName,
  approvalBody,
  exportQuery,
  importQuery,
  type AgendaReadState,
  type ImportReport,
  measurementHistoryQuery,
  measurementQuery,
  reportCardQuery,
  type ApprovalAnswer,
  type Measurement,
  type MeasurementHistoryAnswer,
  type MeasurementListAnswer,
  measurementsDocumentName,
  writeCell,
} from '@common-ground/domain'
import { ApiError } from '../../http/ApiError.ts'
import { actorOf, requireAction } from '../../http/authz.ts'
import { body, parseWith } from '../../http/validate.ts'
import { createModuleApp, type ModuleContext } from '../ServerModule.ts'
import type { ApprovalEntry, ApprovalStore } from './ApprovalStore.ts'
import { ImportUnreadable, planImport } from './csvImport.ts'
import { measurementsCsv } from './export.ts'
import { reportingStatus } from './reporting.ts'
import type { SheetState } from './sheetDeriver.ts'
import type { MeasurementViews } from './views.ts'

export function measurementRoutes(ctx: ModuleContext, deps: { views: MeasurementViews; approvals: ApprovalStore }) {
  const { views, approvals } = deps
  return createModuleApp()
    .get('/:id/measurements/export', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'measurement.read')
      const { format } = parseWith(exportQuery, c.req.query())
      await ctx.readModel.settled()
      const measurements = views.measurements(initiative.id)
      if (format === 'json') return c.json({ documentName: measurementsDocumentName(initiative.id), measurements } satisfies MeasurementListAnswer)
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header('Content-Disposition', `attachment; filename="${initiative.id}-measurements.csv"`)
      return c.body(measurementsCsv(measurements))
    })
    .get('/:id/measurements/history', (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'measurement.read')
      const { key } = parseWith(measurementHistoryQuery, c.req.query())
      const history = approvals.history(initiative.id, key).map((e) => ({
        decision: e.decision,
        fingerprint: e.fingerprint,
        decidedAt: e.decidedAt,
        decidedBy: e.decidedBy,
        comment: e.comment,
        value: e.value,
        definitionVersion: e.definitionVersion,
      }))
      return c.json({ key, history } satisfies MeasurementHistoryAnswer)
    })
    .get('/:id/measurements', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'measurement.read')
      const filters = parseWith(measurementQuery, c.req.query())
      await ctx.readModel.settled()
      const unchanged = notModified(c, `${views.measurementsVersion(initiative.id)}:${new URLSearchParams(c.req.query()).toString()}`)
      if (unchanged) return unchanged
      const measurements = views
        .measurements(initiative.id)
        .filter(
          (m) =>
            (filters.indicatorId === undefined || m.indicatorId === filters.indicatorId) &&
            (filters.partnerId === undefined || m.partnerId === filters.partnerId) &&
            (filters.period === undefined || m.period === filters.period) &&
            (filters.workflow === undefined || m.workflow === filters.workflow),
        )
      return c.json({ documentName: measurementsDocumentName(initiative.id), measurements } satisfies MeasurementListAnswer)
    })
    .post('/:id/measurements/approvals', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'measurement.approve')
      const input = await body(c, approvalBody)
      await ctx.readModel.settled()
      const byKey = new Map(views.measurements(initiative.id).map((m) => [m.key, m]))
      const actor = actorOf(c)
      const directory = c.get('directory')
      const decidedBy = { userId: actor.userId, name: directory.user(actor.userId)?.name ?? '' }
      const decidedAt = new Date().toISOString()
      const entries: ApprovalEntry[] = []
      const decided: Measurement[] = []
      for (const d of input.decisions) {
        const m = byKey.get(d.key)
        if (!m) throw new ApiError(404, 'measurement_not_found', `No cell of the sheet has the key ${d.key}.`)
        if (m.fingerprint !== d.fingerprint) throw new ApiError(409, 'measurement_changed', 'A value changed since you saw it: reload and decide again.')
        if (d.decision === 'approve' && (m.value === null || m.issues.length > 0))
          throw new ApiError(422, 'measurement_invalid', 'An empty value or a value with validation issues cannot be approved.')
        entries.push({
          initiativeId: initiative.id,
          key: m.key,
          fingerprint: m.fingerprint,
          value: m.value,
          definitionVersion: m.definitionVersion,
          decision: d.decision,
          comment: d.comment ?? '',
          decidedAt,
          decidedBy,
        })
        decided.push(m)
      }
      await approvals.append(entries)
      const approvedCount = entries.filter((e) => e.decision === 'approve').length
      await directory.audit.append({
        action: approvedCount === entries.length ? 'measurement.approved' : approvedCount === 0 ? 'measurement.returned' : 'measurement.decided',
        actorId: actor.userId,
        initiativeId: initiative.id,
        subjectUserId: null,
        target: null,
        details: { approved: approvedCount, returned: entries.length - approvedCount },
        ip: actor.ip,
      })
      const now = new Map(views.measurements(initiative.id).map((m) => [m.key, m]))
      return c.json({ measurements: decided.map((m) => now.get(m.key) ?? m) } satisfies ApprovalAnswer)
    })
    .post('/:id/measurements/import', async (c) => {
      const { initiative, membership } = requireAction(c, c.req.param('id'), 'measurement.import')
      const query = parseWith(importQuery, c.req.query())
      const ownPartnerId = membership.role === 'partner' ? (membership.partnerId ?? '') : null
      if (ownPartnerId !== null && query.partnerId !== undefined && query.partnerId !== ownPartnerId)
        throw new ApiError(403, 'forbidden', "A partner executive imports only their own partner's values.")
      const mapping = parseMapping(query.mapping)
      const text = await c.req.text()
      await ctx.readModel.settled()
      const agenda = ctx.readModel.get<AgendaReadState>(agendaDocumentName(initiative.id))?.state
      const indicators = agenda?.indicators ?? []
      const directory = c.get('directory')
      const partners = directory.partners(initiative.id).map((p) => ({ id: p.id, name: p.name }))
      const sheetName = measurementsDocumentName(initiative.id)
      const current = ctx.readModel.get<SheetState>(sheetName)?.state.cells ?? {}
      let plan
      try {
        plan = planImport(
          text,
          { mapping, defaultPartnerId: ownPartnerId ?? query.partnerId ?? '' },
          { indicators: new Map(indicators.map((i) => [i.id, i])), indicatorList: indicators, partnerIds: partners.map((p) => p.id), partners },
          { ownPartnerId },
          current,
        )
      } catch (error) {
        if (error instanceof ImportUnreadable) throw new ApiError(400, 'import_unreadable', error.message)
        throw error
      }
      const report: ImportReport = { dryRun: query.dryRun, imported: 0, ...plan.report }
      if (report.errorCount > 0) {
        const error = { code: 'import_rejected', message: `${report.errorCount} rows are not valid: nothing was imported.` }
        return c.json({ ...report, error }, 422)
      }
      if (query.dryRun || plan.writes.length === 0) return c.json(report)
      const actor = actorOf(c)
      await ctx.rooms.transact(
        sheetName,
        (doc) => {
          for (const write of plan.writes) writeCell(doc, write.coordinates, write.fields)
        },
        { user: actor.userId, reason: 'measurement.import' },
      )
      await directory.audit.append({
        action: 'measurement.imported',
        actorId: actor.userId,
        initiativeId: initiative.id,
        subjectUserId: null,
        target: null,
        details: { rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged },
        ip: actor.ip,
      })
      return c.json({ ...report, imported: plan.writes.length } satisfies ImportReport)
    })
    .get('/:id/report-card', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'reportcard.read')
      const { asOf } = parseWith(reportCardQuery, c.req.query())
      const at = asOf === undefined ? Date.now() : Date.parse(asOf)
      if (Number.isNaN(at)) throw new ApiError(400, 'validation_failed', 'asOf is not a date.', { fields: { asOf: 'invalid_date' } })
      await ctx.readModel.settled()
      const unchanged = notModified(c, `${views.reportCardVersion(initiative.id, at)}:${asOf ?? ''}`)
      if (unchanged) return unchanged
      return c.body(views.reportCardJson(initiative.id, at), 200, { 'Content-Type': 'application/json' })
    })
    .get('/:id/reporting-status', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'measurement.read')
      await ctx.readModel.settled()
      return c.json(reportingStatus(views, ctx, initiative.id, Date.now()))
    })
}

/**
 * A validator for a large answer that is polled (the sheet asks for its measurements every few
 * seconds): an ETag from the views' cache version, `no-cache` so the browser revalidates every
 * time, and `304` with no body when the caller already has this version.
 */
function notModified(c: Context, version: string): Response | null {
  const etag = `W/"${createHash('sha1').update(version).digest('base64url')}"`
  c.header('ETag', etag)
  c.header('Cache-Control', 'private, no-cache')
  const given = c.req.header('if-none-match')
  if (given && given.split(',').some((tag) => tag.trim() === etag)) return c.body(null, 304)
  return null
}

/** The `mapping` query: JSON `{ field: column header }`. */
function parseMapping(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined || text === '') return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new ApiError(400, 'import_unreadable', 'The mapping is not JSON.')
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string'))
    throw new ApiError(400, 'import_unreadable', 'The mapping must be a JSON object of field → column header.')
  return value as Record<string, string>
}

/** GET /api/public/initiatives/:id/report-card: the card as members see it, once the backbone published it. */
export function publicReportCardRoutes(ctx: ModuleContext, deps: { views: MeasurementViews }) {
  return createModuleApp().get('/initiatives/:id/report-card', async (c) => {
    const initiative = c.get('directory').initiative(c.req.param('id'))
    if (!initiative || !initiative.published.includes('reportCard')) throw new ApiError(404, 'not_found', 'No such published report card.')
    await ctx.readModel.settled()
    const now = Date.now()
    const unchanged = notModified(c, deps.views.reportCardVersion(initiative.id, now))
    if (unchanged) return unchanged
    return c.body(deps.views.reportCardJson(initiative.id, now), 200, { 'Content-Type': 'application/json' })
  })
}
