// Launcher of the domain benchmarks: Common Ground's server as the product runs it (the built
// bundle, accounts enforced, DiskStorage and the file-backed read model in a temp data dir), plus
// one extra server module, the probe, that only observes: it subscribes to the read model and
// tells the orchestrator (over IPC) when a document's derived state has caught up with a given
// log seq, with the CPU and wall time of the derivation pass that did it (from the document's
// first change after the previous pass to the read model's put). No server code is changed.
// Runs as `node <start flags> domain-launcher.mjs '<json config>'` (built by domain/build.ts).
import { silentLogger, startServer, type Logger, type ModuleContext, type ServerModule } from '@common-ground/server'
import { DOMAIN_ANNOUNCE_PREFIX, type DomainAnnouncement, type DomainCommand, type DomainLauncherConfig, type PassTiming } from './control.ts'

const config = JSON.parse(process.argv[2] ?? '{}') as DomainLauncherConfig
// The history benchmark moves the server's clock forward (versions end after a 5-minute pause),
// as the integration tests do; the clock only ever moves forward.
const realDateNow = Date.now.bind(Date)
let clockOffset = 0
Date.now = () => realDateNow() + clockOffset
const now = () => performance.timeOrigin + performance.now()
const cpuUs = () => {
  const u = process.cpuUsage()
  return u.user + u.system
}

let rebuild: DomainAnnouncement['rebuild'] = null
const logger: Logger = {
  ...silentLogger,
  info: (message, fields) => {
    if (message === 'read model rebuilt') rebuild = fields as DomainAnnouncement['rebuild']
  },
  error: (message, fields) => console.error(message, fields),
}

// ---- the probe ----
let readModel: ModuleContext['readModel'] | null = null
/** Per document: CPU and wall clock at its first change since its last derivation pass. */
const changedAt = new Map<string, { cpu: number; wall: number }>()
const lastPass = new Map<string, PassTiming>()
const waiters = new Set<{ name: string; above: number; indicatorId?: string; resolve: (p: PassTiming) => void }>()

function indicatorName(name: string, indicatorId: string | undefined): string | null | undefined {
  if (!indicatorId) return undefined
  const state = readModel?.get<{ indicators?: { id: string; name: string }[] }>(name)?.state
  return state?.indicators?.find((i) => i.id === indicatorId)?.name ?? null
}

const probe: ServerModule = {
  name: 'bench-probe',
  hooks: {
    onChange: ({ name }) => {
      if (!changedAt.has(name)) changedAt.set(name, { cpu: cpuUs(), wall: performance.now() })
    },
  },
  start: async (ctx) => {
    readModel = ctx.readModel
    ctx.readModel.subscribe((name) => {
      const entry = ctx.readModel.get(name)
      const started = changedAt.get(name)
      changedAt.delete(name)
      if (!entry) return
      const pass: PassTiming = {
        seq: entry.seq,
        at: now(),
        cpuUs: started ? cpuUs() - started.cpu : 0,
        wallMs: started ? performance.now() - started.wall : 0,
      }
      lastPass.set(name, pass)
      for (const w of waiters) {
        if (w.name !== name || entry.seq <= w.above) continue
        waiters.delete(w)
        w.resolve({ ...pass, name: indicatorName(name, w.indicatorId) })
      }
    })
  },
}

const server = await startServer({
  dataDir: config.dataDir,
  port: 0,
  host: '127.0.0.1',
  logger,
  seedDemo: false,
  fsync: 'interval',
  access: 'enforced',
  // The benchmark signs up and connects many times from one address.
  limits: { connectionsPerWindow: 0 },
  modules: [probe],
})
const announcement: DomainAnnouncement = { url: server.url, syncUrl: server.syncUrl, startMs: Math.round(performance.now()), rebuild }
process.stdout.write(`${DOMAIN_ANNOUNCE_PREFIX}${JSON.stringify(announcement)}\n`)

process.on('message', (message: DomainCommand & { id: number }) => {
  const reply = (result: unknown) => process.send?.({ id: message.id, ok: true, result })
  const fail = (error: string) => process.send?.({ id: message.id, ok: false, error })
  switch (message.cmd) {
    case 'seq':
      reply(readModel?.get(message.name)?.seq ?? 0)
      break
    case 'waitSeq': {
      const { name, above, indicatorId } = message
      const done = lastPass.get(name)
      if (done && done.seq > above) {
        reply({ ...done, name: indicatorName(name, indicatorId) })
        break
      }
      const timer = setTimeout(() => {
        waiters.delete(waiter)
        fail(`${name}: no derivation past seq ${above} within ${message.timeoutMs ?? 30_000} ms`)
      }, message.timeoutMs ?? 30_000)
      const waiter = {
        name,
        above,
        indicatorId,
        resolve: (p: PassTiming) => {
          clearTimeout(timer)
          reply(p)
        },
      }
      waiters.add(waiter)
      break
    }
    case 'advanceClock':
      clockOffset += Math.max(0, message.ms)
      reply(clockOffset)
      break
    case 'cpu':
      reply({ cpuUs: cpuUs(), rssBytes: process.memoryUsage().rss })
      break
    case 'stop':
      server.close().then(
        () => {
          reply(null)
          setTimeout(() => process.exit(0), 20)
        },
        (error: unknown) => {
          console.error('stop failed', error)
          process.exit(1)
        },
      )
      break
  }
})
// The orchestrator went away: never outlive it.
process.on('disconnect', () => process.exit(0))
