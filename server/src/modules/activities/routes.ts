// The activity map's routes: the activities (filters partner, goal, status, sector, words), the
// relations, the coordination check's findings, and the export (CSV or JSON). Writing happens in the
// map document itself (live, with the partner write guard); these routes read.
import {
  activityQuery,
  exportQuery,
  findingsQuery,
  relationQuery,
  textTokens,
  type ActivityExportAnswer,
  type ActivityListAnswer,
  type ActivityView,
  type FindingsAnswer,
  type RelationListAnswer,
} from '@common-ground/domain'
import { requireAction } from '../../http/authz.ts'
import { parseWith } from '../../http/validate.ts'
import { createModuleApp, type ModuleContext } from '../ServerModule.ts'
import { activitiesCsv } from './export.ts'
import type { ActivityMapView, ActivityViews } from './views.ts'

function partnersOf(a: ActivityView): string[] {
  return [a.leadPartnerId, ...a.contributors.map((c) => c.partnerId)]
}

/** Whether an activity has every word of the query (in comparison form), or the query as written. */
function matchesWords(a: ActivityView, q: string): boolean {
  const text = `${a.title}\n${a.description}`
  if (text.toLowerCase().includes(q.toLowerCase())) return true
  const wanted = textTokens(q)
  if (wanted.size === 0) return false
  const have = textTokens(text)
  for (const w of wanted) if (!have.has(w)) return false
  return true
}

export function activityRoutes(ctx: ModuleContext, views: ActivityViews) {
  const read = async (initiativeId: string): Promise<ActivityMapView> => {
    await ctx.readModel.settled()
    return views.view(initiativeId)
  }
  return createModuleApp()
    .get('/:id/activities/relations', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      const filters = parseWith(relationQuery, c.req.query())
      const view = await read(initiative.id)
      const relations = view.relations.filter(
        (r) =>
          (filters.activityId === undefined || r.from === filters.activityId || r.to === filters.activityId) &&
          (filters.type === undefined || r.type === filters.type) &&
          (filters.status === undefined || r.status === filters.status),
      )
      return c.json({ documentName: view.documentName, relations } satisfies RelationListAnswer)
    })
    .get('/:id/activities/findings', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      const { kind } = parseWith(findingsQuery, c.req.query())
      const view = await read(initiative.id)
      const findings = view.coordination.findings.filter((f) => kind === undefined || f.kind === kind)
      return c.json({
        documentName: view.documentName,
        mapVersion: view.mapVersion,
        agendaVersion: view.agendaVersion,
        findings,
        counts: view.coordination.counts,
      } satisfies FindingsAnswer)
    })
    .get('/:id/activities/export', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      const { format } = parseWith(exportQuery, c.req.query())
      const view = await read(initiative.id)
      if (format === 'json')
        return c.json({
          documentName: view.documentName,
          activities: view.activities,
          strategies: view.strategies,
          relations: view.relations,
          findings: view.coordination.findings,
        } satisfies ActivityExportAnswer)
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header('Content-Disposition', `attachment; filename="${initiative.id}-activities.csv"`)
      return c.body(activitiesCsv(view.activities))
    })
    .get('/:id/activities', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      const filters = parseWith(activityQuery, c.req.query())
      const view = await read(initiative.id)
      const q = filters.q ?? ''
      const activities = view.activities.filter(
        (a) =>
          (filters.partnerId === undefined || partnersOf(a).includes(filters.partnerId)) &&
          (filters.goalId === undefined || a.goalIds.includes(filters.goalId)) &&
          (filters.status === undefined || a.status === filters.status) &&
          (filters.sector === undefined || partnersOf(a).some((p) => view.sectors.get(p) === filters.sector)) &&
          (q === '' || matchesWords(a, q)),
      )
      return c.json({ documentName: view.documentName, activities, strategies: view.strategies } satisfies ActivityListAnswer)
    })
}
