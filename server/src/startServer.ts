// Wires the parts into one running server: storage, metadata, directory, the modules' hooks,
// rooms, the document writer (seeding goes through the rooms), the modules' start, the WebSocket
// endpoint and the HTTP app on one port. Every dependency can be injected (tests run many).
import { createServer as createHttpServer, type Server } from 'node:http'
import { mkdir } from 'node:fs/promises'
import { getRequestListener } from '@hono/node-server'
import { OPEN_ACCESS, type AccessGate } from './access/AccessGate.ts'
import { createApp } from './app.ts'
import { DEFAULT_COMPACTION, DEFAULT_HOST, DEFAULT_LIMITS, type CompactionPolicy, type ServerConfig, type SyncLimits } from './config.ts'
import { DerivationEngine } from './derivation/DerivationEngine.ts'
import { FileReadModelStore } from './derivation/stores.ts'
import { seedDemo } from './demo/seedDemo.ts'
import { Directory } from './directory/Directory.ts'
import { documentWriter } from './documents/initialDocument.ts'
import { lockDataDir } from './dataDirLock.ts'
import { HookRunner, type ServerHooks } from './hooks.ts'
import { createConsoleLogger, type Logger } from './logger.ts'
import { MetadataStore } from './metadata/MetadataStore.ts'
import { builtinModules } from './modules/index.ts'
import type { ModuleContext, ServerModule } from './modules/ServerModule.ts'
import { DiskStorage } from './storage/DiskStorage.ts'
import type { DocumentStorage } from './storage/DocumentStorage.ts'
import { RoomManager } from './sync/RoomManager.ts'
import { SyncServer } from './sync/SyncServer.ts'
import { VERSION } from './version.ts'

export interface StartOptions extends Partial<Omit<ServerConfig, 'limits' | 'compaction' | 'dataDir'>> {
  dataDir: string
  limits?: Partial<SyncLimits>
  compaction?: Partial<CompactionPolicy>
  /** Defaults to DiskStorage in `<dataDir>/documents`. */
  storage?: DocumentStorage
  /** Hook sets run after the modules' hooks. */
  hooks?: ServerHooks[]
  /** Server modules added after the built-in ones (directory, metadata): hooks, routes, start/stop. */
  modules?: ServerModule[]
  logger?: Logger
  /**
   * 'enforced' (the default, and the only mode main.ts can run): accounts, roles and the
   * permission matrix decide every request and connection. 'open': anyone may edit any
   * document — for tests and benchmarks of the sync engine only.
   */
  access?: 'enforced' | 'open'
  /** Origins besides the server's own allowed to call the API and open WebSockets. */
  allowedOrigins?: string[]
  /** Mark the session cookie Secure (behind HTTPS). */
  cookieSecure?: boolean
  /** The clock of accounts, sessions, tokens and invitations (tests move it). */
  clock?: () => number
}

export interface RunningServer {
  /** http://host:port */
  url: string
  /** ws://host:port/sync */
  syncUrl: string
  port: number
  rooms: RoomManager
  sync: SyncServer
  metadata: MetadataStore
  storage: DocumentStorage
  /** Accounts, initiatives, memberships, invitations, audit log. */
  directory: Directory
  http: Server
  /** The HTTP app (its routes, for the OpenAPI test). */
  app: ReturnType<typeof createApp>
  /** Graceful shutdown: stop accepting, close sockets with 1001, flush everything. Rejects if a flush failed. */
  close(): Promise<void>
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const logger = options.logger ?? createConsoleLogger('info')
  await mkdir(options.dataDir, { recursive: true })
  const unlock = lockDataDir(options.dataDir)
  try {
    return await start(options, logger, unlock)
  } catch (error) {
    unlock()
    throw error
  }
}

async function start(options: StartOptions, logger: Logger, unlock: () => void): Promise<RunningServer> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const compaction = { ...DEFAULT_COMPACTION, ...options.compaction }
  const storage =
    options.storage ??
    new DiskStorage({
      dir: `${options.dataDir}/documents`,
      fsync: options.fsync ?? 'interval',
      fsyncIntervalMs: options.fsyncIntervalMs ?? 100,
      logger,
    })
  const metadata = await MetadataStore.open({ dataDir: options.dataDir, storage, logger })
  await metadata.reconcile()
  const directory = await Directory.open({ dataDir: options.dataDir, logger, ...(options.clock ? { now: options.clock } : {}) })
  const access: AccessGate = options.access === 'open' ? OPEN_ACCESS : directory

  const modules = [...builtinModules({ metadata }), ...(options.modules ?? [])]
  const hookSets = modules.flatMap((m) => (m.hooks ? [m.hooks] : []))
  // The read model: each module's derivers, fed by the hooks after the modules' own (server/src/derivation/).
  const readModelStore = await FileReadModelStore.open({ dir: `${options.dataDir}/readmodel`, logger })
  let liveRooms: RoomManager | null = null
  const derivation = new DerivationEngine({
    derivers: modules.flatMap((m) => m.derivers ?? []),
    store: readModelStore,
    storage,
    logger,
    context: {
      scope: (initiativeId) => (directory.initiative(initiativeId) ? directory.scopeOf(initiativeId) : null),
      actor: (userId) => {
        const user = userId === null ? undefined : directory.user(userId)
        return user ? { userId: user.id, name: user.name } : null
      },
      members: (initiativeId) => directory.members(initiativeId).map((m) => m.userId),
      derived: <S>(name: string) => readModelStore.get<S>(name)?.state ?? null,
    },
    liveDoc: (name) => liveRooms?.get(name)?.doc,
  })
  const hooks = new HookRunner([...hookSets, derivation.hooks, ...(options.hooks ?? [])], (hook, error) => logger.error('hook failed', { hook, error }))
  const rooms = new RoomManager({ storage, hooks, logger, compaction })
  liveRooms = rooms
  await derivation.rebuild()
  // A partner added or removed changes what an indicator's owner may be: re-derive that initiative's documents.
  // A member joining or leaving changes who may own a meeting's action item: re-derive that initiative's meetings.
  const unsubscribeDerivation = directory.onAccessChange((change) => {
    if (change.type !== 'initiative' && change.type !== 'membership') return
    const prefix = change.type === 'initiative' ? `i/${change.initiativeId}/` : `i/${change.initiativeId}/meetings/`
    for (const name of readModelStore.names()) if (name.startsWith(prefix)) void derivation.rederive(name)
  })
  // Server-side content goes through the rooms, so the hooks (metadata, read models) see it.
  const documents = documentWriter({ rooms })
  const ctx: ModuleContext = {
    logger,
    rooms,
    directory,
    access,
    metadata,
    storage,
    documents,
    readModel: derivation.reader,
    config: {
      dataDir: options.dataDir,
      seedDemo: options.seedDemo ?? false,
      allowedOrigins: options.allowedOrigins ?? [],
      cookieSecure: options.cookieSecure ?? false,
    },
  }
  const started: ServerModule[] = []
  const stopModules = async () => {
    for (const m of started.splice(0).reverse()) {
      try {
        await m.stop?.()
        for (const model of m.readModels ?? []) await model.close()
      } catch (error) {
        logger.error('module stop failed', { module: m.name, error })
      }
    }
  }
  try {
    for (const m of modules) {
      await m.start?.(ctx)
      started.push(m)
    }
    if (options.seedDemo) {
      const seeded = await seedDemo({ directory, documents, logger })
      if (seeded) for (const m of modules) await m.seedDemo?.(ctx, seeded)
    }
  } catch (error) {
    await stopModules()
    await rooms.flushAll()
    rooms.destroyAll()
    unsubscribeDerivation()
    await readModelStore.close()
    await metadata.flush()
    await directory.close()
    await storage.close()
    throw error
  }
  const sync = new SyncServer(rooms, limits, logger, access, {
    allowedOrigins: options.allowedOrigins ?? [],
  })
  const startedAt = Date.now()
  const app = createApp({
    logger,
    metadata,
    directory,
    access,
    documents,
    moduleRoutes: modules.flatMap((m) => m.routes?.(ctx) ?? []),
    allowedOrigins: options.allowedOrigins ?? [],
    cookieSecure: options.cookieSecure ?? false,
    staticDir: options.staticDir ?? null,
    serveSourceMaps: options.serveSourceMaps ?? false,
    health: { version: VERSION, startedAt, openDocuments: () => rooms.size, connections: () => sync.connectionCount },
  })

  const http = createHttpServer(getRequestListener(app.fetch))
  http.on('upgrade', sync.handleUpgrade)
  const host = options.host ?? DEFAULT_HOST
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port ?? 0, host, () => {
      http.off('error', reject)
      resolve()
    })
  })
  const address = http.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const urlHost = host.includes(':') ? `[${host}]` : host

  let closing: Promise<void> | null = null
  const close = () =>
    (closing ??= (async () => {
      sync.closeAll()
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()))
      http.closeIdleConnections()
      await sync.drain(2_000)
      const errors = await rooms.flushAll()
      rooms.destroyAll()
      await stopModules()
      await derivation.settled()
      unsubscribeDerivation()
      await readModelStore.close()
      await metadata.flush()
      await directory.close()
      await storage.close()
      unlock()
      http.closeAllConnections()
      await httpClosed
      if (errors.length > 0) throw new AggregateError(errors, `${errors.length} document(s) could not be flushed`)
    })())

  return {
    url: `http://${urlHost}:${port}`,
    syncUrl: `ws://${urlHost}:${port}/sync`,
    port,
    rooms,
    sync,
    metadata,
    storage,
    directory,
    http,
    app,
    close,
  }
}
