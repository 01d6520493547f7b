// The agenda module's routes: the derived records (agenda, goals, indicators with their
// versions), the indicator export, and endorsements. Endorsements are kept in the audit log
// (action `agenda.endorsed`, fdatasynced before the answer): the latest per partner counts.
import {
  agendaDocumentName,
  endorseBody,
  exportQuery,
  type AgendaAnswer,
  type AgendaReadState,
  type Endorsement,
  type EndorsementListAnswer,
  type GoalListAnswer,
  type IndicatorAnswer,
  type IndicatorListAnswer,
  type IndicatorRecordView,
} from '@common-ground/domain'
import type { Directory } from '../../directory/Directory.ts'
import { ApiError } from '../../http/ApiError.ts'
import { actorOf, requireAction } from '../../http/authz.ts'
import { body, parseWith } from '../../http/validate.ts'
import { createModuleApp, type ModuleContext } from '../ServerModule.ts'
import { indicatorsCsv } from './export.ts'

const EMPTY: AgendaReadState = { goals: [], indicators: [], glossary: [], versions: {}, updatedAt: null }

export function agendaOf(ctx: Pick<ModuleContext, 'readModel'>, initiativeId: string): { state: AgendaReadState; version: number; name: string } {
  const name = agendaDocumentName(initiativeId)
  const entry = ctx.readModel.get<AgendaReadState>(name)
  return { state: entry?.state ?? EMPTY, version: entry?.seq ?? 0, name }
}

export function endorsementsOf(directory: Directory, initiativeId: string, version: number): Endorsement[] {
  const entries = directory.audit.query({ initiativeId, memberIds: new Set(), actionPrefix: 'agenda.endorsed', limit: 100_000 })
  const latest = new Map<string, Endorsement>()
  for (const entry of entries) {
    const partnerId = entry.target?.id
    const endorsed = Number(entry.details.version)
    if (!partnerId || !Number.isInteger(endorsed)) continue
    const seen = latest.get(partnerId)
    if (seen && seen.endorsedAt >= entry.at) continue
    const user = entry.actorId ? directory.user(entry.actorId) : undefined
    latest.set(partnerId, {
      partnerId,
      version: endorsed,
      endorsedAt: entry.at,
      endorsedBy: { userId: entry.actorId ?? '', name: user?.name ?? String(entry.details.name ?? '') },
      current: endorsed === version,
    })
  }
  return [...latest.values()].sort((a, b) => a.partnerId.localeCompare(b.partnerId))
}

export function agendaRoutes(ctx: ModuleContext) {
  return createModuleApp()
    .get('/:id/agenda', (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      const { state, version, name } = agendaOf(ctx, initiative.id)
      const invalid = [...state.goals, ...state.indicators, ...state.glossary].filter((r) => r.issues.length > 0).length
      return c.json({
        documentName: name,
        version,
        updatedAt: state.updatedAt,
        goals: state.goals,
        indicators: state.indicators,
        glossary: state.glossary,
        endorsements: endorsementsOf(c.get('directory'), initiative.id, version),
        invalid,
      } satisfies AgendaAnswer)
    })
    .get('/:id/goals', (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      return c.json({ goals: agendaOf(ctx, initiative.id).state.goals } satisfies GoalListAnswer)
    })
    .get('/:id/indicators/export', (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      const { format } = parseWith(exportQuery, c.req.query())
      const { indicators } = agendaOf(ctx, initiative.id).state
      if (format === 'json') return c.json({ indicators } satisfies IndicatorListAnswer)
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header('Content-Disposition', `attachment; filename="${initiative.id}-indicators.csv"`)
      return c.body(indicatorsCsv(indicators, c.get('directory').partners(initiative.id)))
    })
    .get('/:id/indicators', (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      return c.json({ indicators: agendaOf(ctx, initiative.id).state.indicators } satisfies IndicatorListAnswer)
    })
    .get('/:id/indicators/:indicatorId', (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      const { state } = agendaOf(ctx, initiative.id)
      const indicator: IndicatorRecordView | undefined = state.indicators.find((i) => i.id === c.req.param('indicatorId'))
      if (!indicator) throw new ApiError(404, 'indicator_not_found', 'No indicator block has this id.')
      return c.json({ indicator, versions: state.versions[indicator.id] ?? [] } satisfies IndicatorAnswer)
    })
    .get('/:id/agenda/endorsements', (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      const { version } = agendaOf(ctx, initiative.id)
      return c.json({ version, endorsements: endorsementsOf(c.get('directory'), initiative.id, version) } satisfies EndorsementListAnswer)
    })
    .post('/:id/agenda/endorsements', async (c) => {
      const { initiative, membership } = requireAction(c, c.req.param('id'), 'agenda.endorse')
      const input = await body(c, endorseBody)
      await ctx.readModel.settled()
      const { version, name } = agendaOf(ctx, initiative.id)
      if (input.version !== version) throw new ApiError(409, 'agenda_changed', 'The agenda changed since the version you read: read it again.')
      const partnerId = membership.partnerId
      if (!partnerId) throw new ApiError(403, 'forbidden', 'Only a partner executive endorses on behalf of their organisation.')
      const actor = actorOf(c)
      const directory = c.get('directory')
      await directory.audit.append({
        action: 'agenda.endorsed',
        actorId: actor.userId,
        initiativeId: initiative.id,
        subjectUserId: null,
        target: { type: 'partner', id: partnerId },
        details: { version, document: name, name: directory.user(actor.userId)?.name ?? '' },
        ip: actor.ip,
      })
      return c.json({ version, endorsements: endorsementsOf(directory, initiative.id, version) } satisfies EndorsementListAnswer, 201)
    })
}
