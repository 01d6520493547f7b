// The meetings module: meeting series and single meetings (MeetingStore, `<dataDir>/meetings.jsonl`),
// whose ids make the initiative's meeting documents exist (a scope source of the directory: the
// document-kind registry's `meeting` kind lists them); the meeting deriver (agenda items, decisions,
// action items into the read model); preparing the next meeting (the carry-over, through
// rooms.transact); the decision log and the action item list. When two people carry over into the
// same meeting at once, their copies merge; the module removes the extra ones as soon as the read
// model shows them (docs/meetings.md). Its demo: a biweekly series with past meetings and the next.
import path from 'node:path'
import { parseDocumentName } from '@common-ground/domain'
import type { ServerModule } from '../ServerModule.ts'
import { meetingDeriver, type MeetingReadState } from './meetingDeriver.ts'
import { MeetingService } from './MeetingService.ts'
import { MeetingStore } from './MeetingStore.ts'
import { meetingRoutes } from './routes.ts'
import { seedMeetingsDemo } from './seed.ts'

export function meetingsModule(options: { now?: () => Date } = {}): ServerModule {
  let store: MeetingStore | null = null
  let service: MeetingService | null = null
  const cleanups: (() => void)[] = []
  const pending = new Set<Promise<unknown>>()
  const ready = () => {
    if (!store || !service) throw new Error('the meetings module is not started')
    return service
  }
  return {
    name: 'meetings',
    documentKinds: ['meeting'],
    derivers: [meetingDeriver],
    start: async (ctx) => {
      const opened = await MeetingStore.open(path.join(ctx.config.dataDir, 'meetings.jsonl'))
      store = opened
      service = new MeetingService({
        store: opened,
        directory: ctx.directory,
        readModel: ctx.readModel,
        rooms: ctx.rooms,
        ...(options.now ? { now: options.now } : {}),
      })
      cleanups.push(ctx.directory.addScopeSource((initiativeId) => ({ meetingIds: opened.meetingsOf(initiativeId).map((m) => m.id) })))
      // Copies a concurrent carry-over left (two clients, two servers): removed once, the same ones everywhere.
      const cleaning = new Set<string>()
      cleanups.push(
        ctx.readModel.subscribe((name) => {
          if (cleaning.has(name) || parseDocumentName(name)?.kind !== 'meeting') return
          const state = ctx.readModel.get<MeetingReadState>(name)?.state
          const copies = [...(state?.items ?? []), ...(state?.actionItems ?? [])].some(
            (r) => r.carriedFrom && r.issues.some((i) => i.field === 'id' && i.code === 'duplicate'),
          )
          if (!copies) return
          cleaning.add(name)
          const removal = ready()
            .removeCopies(name)
            .catch((error: unknown) => ctx.logger.error('removing carried-over copies failed', { document: name, error }))
            .finally(() => {
              cleaning.delete(name)
              pending.delete(removal)
            })
          pending.add(removal)
        }),
      )
    },
    routes: (ctx) => [{ path: '/api/initiatives', app: meetingRoutes(ctx, ready(), options.now) }],
    seedDemo: (ctx, demo) => seedMeetingsDemo(ctx, demo, ready()),
    stop: async () => {
      for (const cleanup of cleanups.splice(0)) cleanup()
      await Promise.allSettled([...pending])
      await store?.close()
    },
  }
}
