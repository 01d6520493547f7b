// The meetings module's demo data (server/src/demo/demoMeetings.ts): the steering committee's
// series, its four past meetings written one after the other — each prepared from the one before
// (the carry-over, as backbone staff would), then its own agenda items, decisions and action items
// —, a carried action item marked done at the meeting after, and the next meeting prepared.
import * as Y from 'yjs'
import { EDITOR_FRAGMENT } from '@common-ground/domain'
import { DEMO_DONE_AFTER_CARRY_OVER, DEMO_PAST_MEETINGS, DEMO_SERIES, addDays, demoMeetingContent, demoSeriesStart } from '../../demo/demoMeetings.ts'
import type { DemoSeed } from '../../demo/seedDemo.ts'
import { blockToXml } from '../../documents/initialDocument.ts'
import type { ModuleContext } from '../ServerModule.ts'
import type { MeetingService } from './MeetingService.ts'

export async function seedMeetingsDemo(ctx: ModuleContext, demo: DemoSeed, service: MeetingService, now = new Date()): Promise<void> {
  const actor = { userId: demo.backboneUserId, ip: null }
  const members = ctx.directory.members(demo.initiativeId)
  const partner = members.find((m) => m.role === 'partner')?.userId ?? demo.backboneUserId
  const participant = members.find((m) => m.role === 'participant')?.userId ?? demo.backboneUserId
  const startDate = demoSeriesStart(now)
  const series = await service.createSeries(demo.initiativeId, { ...DEMO_SERIES, startDate, until: null, exceptions: [] }, actor)
  const dates = Array.from({ length: DEMO_PAST_MEETINGS }, (_, i) => addDays(startDate, i * 7 * DEMO_SERIES.everyWeeks))
  const content = demoMeetingContent({ backbone: demo.backboneUserId, partner, participant }, dates)
  const meetings = []
  for (const [index, date] of dates.entries()) {
    const meeting = await service.meetingOfSeriesDate(series, date, actor)
    if (!meeting) continue
    meetings.push(meeting)
    await ctx.documents.write(
      meeting.documentName,
      (doc) => {
        const fragment = doc.getXmlFragment(EDITOR_FRAGMENT)
        fragment.insert(fragment.length, content[index]!.map(blockToXml))
      },
      demo.backboneUserId,
      'demo: a past meeting',
    )
    await ctx.readModel.settled()
    if (index > 0) await service.prepare(demo.initiativeId, meeting.id, actor)
    if (index === DEMO_DONE_AFTER_CARRY_OVER.meeting) {
      const from = meetings[DEMO_DONE_AFTER_CARRY_OVER.fromMeeting]!
      await ctx.documents.write(
        meeting.documentName,
        (doc) => {
          for (const node of doc.getXmlFragment(EDITOR_FRAGMENT).toArray()) {
            if (!(node instanceof Y.XmlElement)) continue
            const origin = node.getAttribute('carriedFrom') as unknown as { meetingId?: string; blockId?: string } | undefined
            if (origin?.meetingId === from.id && origin.blockId === DEMO_DONE_AFTER_CARRY_OVER.blockId) node.setAttribute('status', 'done')
          }
        },
        partner,
        'demo: reading results collected',
      )
    }
    await ctx.readModel.settled()
  }
  await service.prepareNext(demo.initiativeId, series.id, actor)
  await ctx.readModel.settled()
}
