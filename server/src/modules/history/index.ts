// The history module: the version index of every initiative document (HistoryStore, fed by the
// onChange hook: versions after a pause in editing, named versions, restores, checkpoints of the
// state at version points), where each person last saw each document (SeenStore) and the history
// routes (versions, name, compare, restore, what changed since my last visit).
import { parseDocumentName } from '@common-ground/domain'
import type { ServerModule } from '../ServerModule.ts'
import { HistoryStore, type HistoryOptions } from './HistoryStore.ts'
import { historyRoutes } from './routes.ts'
import { SeenStore } from './SeenStore.ts'

export type { HistoryOptions } from './HistoryStore.ts'

export function historyModule(options: HistoryOptions = {}): ServerModule {
  let store: HistoryStore | null = null
  let seen: SeenStore | null = null
  let unsubscribe: (() => void) | null = null
  const current = (): HistoryStore => {
    if (!store) throw new Error('the history module has not started')
    return store
  }
  const seenMarks = (): SeenStore => {
    if (!seen) throw new Error('the history module has not started')
    return seen
  }
  return {
    name: 'history',
    hooks: {
      onChange: ({ name, record, doc }) => {
        if (store && parseDocumentName(name)) store.record(name, record, doc)
      },
    },
    start: async (ctx) => {
      store = new HistoryStore(`${ctx.config.dataDir}/history`, ctx.storage, ctx.logger, options)
      seen = new SeenStore(`${ctx.config.dataDir}/history`, ctx.logger)
      // An endorsement of the agenda ends its version there (the partners endorsed exactly that).
      const current = store
      unsubscribe = ctx.directory.audit.onAppend((entry) => {
        if (entry.action !== 'agenda.endorsed') return
        const { document, version } = (entry.details ?? {}) as { document?: unknown; version?: unknown }
        if (typeof document !== 'string' || typeof version !== 'number' || !parseDocumentName(document)) return
        void current
          .endVersion(document, version, 'endorsement')
          .catch((error: unknown) => ctx.logger.warn('history: ending the endorsed version failed', { error }))
      })
    },
    routes: (ctx) => [{ path: '/api/initiatives', app: historyRoutes(ctx, current, seenMarks) }],
    stop: async () => {
      unsubscribe?.()
      await store?.close()
      await seen?.close()
    },
  }
}
