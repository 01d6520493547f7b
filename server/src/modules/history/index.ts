// The history module: the version index of every initiative document (HistoryStore, fed by the
// onChange hook: versions after a pause in editing, named versions, restores, checkpoints of the
// state at version points) and the history routes (versions, name, compare, restore).
import { parseDocumentName } from '@common-ground/domain'
import type { ServerModule } from '../ServerModule.ts'
import { HistoryStore, type HistoryOptions } from './HistoryStore.ts'
import { historyRoutes } from './routes.ts'

export type { HistoryOptions } from './HistoryStore.ts'

export function historyModule(options: HistoryOptions = {}): ServerModule {
  let store: HistoryStore | null = null
  const current = (): HistoryStore => {
    if (!store) throw new Error('the history module has not started')
    return store
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
    },
    routes: (ctx) => [{ path: '/api/initiatives', app: historyRoutes(ctx, current) }],
    stop: async () => {
      await store?.close()
    },
  }
}
