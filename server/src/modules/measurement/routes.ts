// The measurement module's routes: the checked cells with their workflow state, a cell's
// decisions, approving and returning values (backbone staff: recorded by the server, never in the
// document), the export, the report card and who has not reported.
import {
  approvalBody,
  exportQuery,
  measurementHistoryQuery,
  measurementQuery,
  reportCardQuery,
  type ApprovalAnswer,
  type Measurement,
  type MeasurementHistoryAnswer,
  type MeasurementListAnswer,
  measurementsDocumentName,
} from '@common-ground/domain'
import { ApiError } from '../../http/ApiError.ts'
import { actorOf, requireAction } from '../../http/authz.ts'
import { body, parseWith } from '../../http/validate.ts'
import { createModuleApp, type ModuleContext } from '../ServerModule.ts'
import type { ApprovalEntry, ApprovalStore } from './ApprovalStore.ts'
import { measurementsCsv } from './export.ts'
import { reportingStatus } from './reporting.ts'
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
    .get('/:id/report-card', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'reportcard.read')
      const { asOf } = parseWith(reportCardQuery, c.req.query())
      const at = asOf === undefined ? Date.now() : Date.parse(asOf)
      if (Number.isNaN(at)) throw new ApiError(400, 'validation_failed', 'asOf is not a date.', { fields: { asOf: 'invalid_date' } })
      await ctx.readModel.settled()
      return c.json(views.reportCard(initiative.id, at))
    })
    .get('/:id/reporting-status', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'measurement.read')
      await ctx.readModel.settled()
      return c.json(reportingStatus(views, ctx, initiative.id, Date.now()))
    })
}
