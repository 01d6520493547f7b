// The meetings module's routes (packages/domain/src/api/meetingOperations.ts): series and single
// meetings (backbone staff manage them), a series' calendar, preparing the next meeting, each
// meeting's derived records, the decision log and the action item list with their exports.
import {
  actionItemQuery,
  decisionQuery,
  exportQuery,
  meetingBody,
  meetingPatchBody,
  seriesBody,
  seriesPatchBody,
  type ActionItemListAnswer,
  type DecisionListAnswer,
  type MeetingAnswer,
  type MeetingListAnswer,
  type MeetingRecord,
  type PrepareAnswer,
  type SeriesAnswer,
  type SeriesListAnswer,
  type SeriesRecord,
} from '@common-ground/domain'
import { actorOf, requireAction } from '../../http/authz.ts'
import { body, parseWith } from '../../http/validate.ts'
import { createModuleApp, type ModuleContext } from '../ServerModule.ts'
import { seriesCalendar } from './calendar.ts'
import { normalizeSeries, type MeetingService } from './MeetingService.ts'
import { actionItems, actionItemsCsv, decisionLog, decisionsCsv, meetingSummaries } from './views.ts'

export function meetingRoutes(ctx: ModuleContext, service: MeetingService, now: () => Date = () => new Date()) {
  const seriesAnswerOf = (series: SeriesRecord): SeriesAnswer => ({ series, upcoming: service.upcoming(series) })
  const meetingAnswerOf = (meeting: MeetingRecord): MeetingAnswer => {
    const { state, version } = service.derived(meeting)
    return { meeting, version, items: state.items, decisions: state.decisions, actionItems: state.actionItems, carriedOverFrom: state.carriedOverFrom }
  }
  return createModuleApp()
    .get('/:id/meeting-series', (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      return c.json({ series: service.series(initiative.id).map(seriesAnswerOf) } satisfies SeriesListAnswer)
    })
    .post('/:id/meeting-series', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'meeting.manage')
      const input = await body(c, seriesBody)
      const series = await service.createSeries(initiative.id, normalizeSeries(input), actorOf(c))
      return c.json(seriesAnswerOf(series) satisfies SeriesAnswer, 201)
    })
    .get('/:id/meeting-series/:seriesId', (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      return c.json(seriesAnswerOf(service.mustSeries(initiative.id, c.req.param('seriesId'))) satisfies SeriesAnswer)
    })
    .patch('/:id/meeting-series/:seriesId', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'meeting.manage')
      service.mustSeries(initiative.id, c.req.param('seriesId'))
      const patch = await body(c, seriesPatchBody)
      const series = await service.updateSeries(initiative.id, c.req.param('seriesId'), patch, actorOf(c))
      return c.json(seriesAnswerOf(series) satisfies SeriesAnswer)
    })
    .get('/:id/meeting-series/:seriesId/calendar', (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      const series = service.mustSeries(initiative.id, c.req.param('seriesId'))
      c.header('Content-Type', 'text/calendar; charset=utf-8')
      c.header('Content-Disposition', `attachment; filename="${initiative.id}-${series.id}.ics"`)
      return c.body(seriesCalendar(service, series, now()))
    })
    .post('/:id/meeting-series/:seriesId/next', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'meeting.manage')
      const prepared = await service.prepareNext(initiative.id, c.req.param('seriesId'), actorOf(c))
      return c.json(prepared satisfies PrepareAnswer)
    })
    .get('/:id/meetings', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      await ctx.readModel.settled()
      const upcoming = service
        .series(initiative.id)
        .flatMap((series) => service.upcoming(series).map((o) => ({ ...o, seriesId: series.id, title: series.title })))
        .sort((a, b) => a.start.localeCompare(b.start))
      return c.json({ meetings: meetingSummaries(service, initiative.id), upcoming } satisfies MeetingListAnswer)
    })
    .post('/:id/meetings', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'meeting.manage')
      const input = await body(c, meetingBody)
      const meeting = await service.createMeeting(initiative.id, input, actorOf(c))
      return c.json(meetingAnswerOf(meeting) satisfies MeetingAnswer, 201)
    })
    .get('/:id/meetings/:meetingId', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      const meeting = service.mustMeeting(initiative.id, c.req.param('meetingId'))
      await ctx.readModel.settled()
      return c.json(meetingAnswerOf(meeting) satisfies MeetingAnswer)
    })
    .patch('/:id/meetings/:meetingId', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'meeting.manage')
      service.mustMeeting(initiative.id, c.req.param('meetingId'))
      const patch = await body(c, meetingPatchBody)
      const meeting = await service.updateMeeting(initiative.id, c.req.param('meetingId'), patch, actorOf(c))
      return c.json(meetingAnswerOf(meeting) satisfies MeetingAnswer)
    })
    .post('/:id/meetings/:meetingId/prepare', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'meeting.manage')
      const prepared = await service.prepare(initiative.id, c.req.param('meetingId'), actorOf(c))
      return c.json(prepared satisfies PrepareAnswer)
    })
    .get('/:id/decisions/export', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      const { format } = parseWith(exportQuery, c.req.query())
      await ctx.readModel.settled()
      const decisions = decisionLog(service, initiative.id, {})
      if (format === 'json') return c.json({ decisions } satisfies DecisionListAnswer)
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header('Content-Disposition', `attachment; filename="${initiative.id}-decisions.csv"`)
      return c.body(decisionsCsv(decisions))
    })
    .get('/:id/decisions', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      const query = parseWith(decisionQuery, c.req.query())
      await ctx.readModel.settled()
      return c.json({ decisions: decisionLog(service, initiative.id, query) } satisfies DecisionListAnswer)
    })
    .get('/:id/action-items/export', async (c) => {
      const { initiative } = requireAction(c, c.req.param('id'), 'initiative.read')
      const { format } = parseWith(exportQuery, c.req.query())
      await ctx.readModel.settled()
      const list = actionItems(service, c.get('directory'), initiative.id, {}, now())
      if (format === 'json') return c.json({ actionItems: list } satisfies ActionItemListAnswer)
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header('Content-Disposition', `attachment; filename="${initiative.id}-action-items.csv"`)
      return c.body(actionItemsCsv(list, c.get('directory').partners(initiative.id)))
    })
    .get('/:id/action-items', async (c) => {
      const { initiative, principal } = requireAction(c, c.req.param('id'), 'initiative.read')
      const query = parseWith(actionItemQuery, c.req.query())
      await ctx.readModel.settled()
      const ownerId = query.owner === 'me' ? principal.userId : query.owner
      const list = actionItems(
        service,
        c.get('directory'),
        initiative.id,
        { ownerId, partnerId: query.partnerId, status: query.status, overdue: query.overdue },
        now(),
      )
      return c.json({ actionItems: list } satisfies ActionItemListAnswer)
    })
}
