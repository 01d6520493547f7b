// The five scenarios of issue 4. Each runs against one freshly started server process and
// returns flat metrics (lower is better unless noted in report.ts). Identical traffic for
// every server: the same clients, documents, rates and durations.
import { fanoutWindowMs, type BenchParams } from './config.ts'
import type { DocumentFixture } from './lib/fixtures.ts'
import { Sampler, sleep, type ServerProcess, type Worker } from './lib/proc.ts'
import { median, percentile, round, sortedCopy } from './lib/stats.ts'
import { describeGc, poolMetrics, poolWindow, type MeasuredWindow, type WindowPool } from './lib/windows.ts'
import type { ClientSpec, Role } from './loadgen/client.ts'
import { describeTail, type Stall, type ThreadRunProbe, type WindowStalls } from './lib/stalls.ts'

export type Metrics = Record<string, number | number[] | string | boolean | null>

export interface ScenarioContext {
  server: ServerProcess
  workers: Worker[]
  params: BenchParams
  fixtures: { idleContent: DocumentFixture; coldLoad: DocumentFixture; storm: DocumentFixture }
  log: (message: string) => void
  /**
   * What this scenario kept for this server from its earlier rounds (SCENARIOS[…].rounds: it
   * runs once per round and server); empty in the first.
   */
  carry: Map<string, unknown>
  /** With `--stalls`: the machine's kernel threads' runs, sampled in the harness's own process. */
  kernelProbe?: ThreadRunProbe | null
}

interface OpenResult {
  opened: number
  failed: number
  firstError: string | null
  syncMs: number[]
}

function spec(ctx: ScenarioContext, doc: string, role: Role, extra: Partial<ClientSpec> = {}): ClientSpec {
  return { url: ctx.server.info.url, doc, dialect: ctx.server.info.dialect, role, ...extra }
}

/** Opens clients, `perWorker[i]` on worker i; throws if any failed to sync. */
async function openAll(ctx: ScenarioContext, perWorker: ClientSpec[][]): Promise<OpenResult> {
  const results = await Promise.all(
    perWorker.map((specs, i) =>
      specs.length === 0
        ? Promise.resolve<OpenResult>({ opened: 0, failed: 0, firstError: null, syncMs: [] })
        : ctx.workers[i]!.call<OpenResult>({ cmd: 'open', specs, concurrency: ctx.params.connectConcurrency }, 300_000),
    ),
  )
  const merged: OpenResult = {
    opened: results.reduce((n, r) => n + r.opened, 0),
    failed: results.reduce((n, r) => n + r.failed, 0),
    firstError: results.find((r) => r.firstError)?.firstError ?? null,
    syncMs: results.flatMap((r) => r.syncMs),
  }
  if (merged.failed > 0) throw new Error(`${merged.failed} client(s) failed to connect/sync: ${merged.firstError}`)
  return merged
}

async function closeAll(ctx: ScenarioContext): Promise<void> {
  await Promise.all(ctx.workers.map((w) => w.call({ cmd: 'closeAll' }, 60_000)))
}

/** Every (edit, reader) latency since the last collect, µs, with its edit's send time. */
async function collect(ctx: ScenarioContext): Promise<{ lat: number[]; sent: number[] }> {
  const parts = await Promise.all(ctx.workers.map((w) => w.call<{ latUs: number[]; sentUs: number[] }>({ cmd: 'collect' })))
  return { lat: parts.flatMap((p) => p.latUs), sent: parts.flatMap((p) => p.sentUs) }
}

async function writeAll(ctx: ScenarioContext, workers: Worker[], editsPerSec: number, durationMs: number): Promise<number> {
  const results = await Promise.all(workers.map((w) => w.call<{ edits: number }>({ cmd: 'write', rate: editsPerSec, durationMs }, durationMs + 60_000)))
  return results.reduce((n, r) => n + r.edits, 0)
}

/** Edits whose latencies are thrown away: a warm-up. Waits for the stragglers, then drops them. */
async function writeDiscarded(ctx: ScenarioContext, workers: Worker[], editsPerSec: number, durationMs: number): Promise<void> {
  await writeAll(ctx, workers, editsPerSec, durationMs)
  await sleep(300)
  await collect(ctx)
}

/** A measured window: GC pauses reset, `workers` write for `durationMs`, stragglers awaited. */
async function measureWindow(ctx: ScenarioContext, workers: Worker[], editsPerSec: number, durationMs: number): Promise<MeasuredWindow> {
  await Promise.all([ctx.server.gcPauses(), takeStalls(ctx)]) // from here
  const sampler = new Sampler(ctx.server.pid)
  const edits = await writeAll(ctx, workers, editsPerSec, durationMs)
  await sleep(500)
  const usage = sampler.stop()
  const [gc, stalls] = await Promise.all([ctx.server.gcPauses(), takeStalls(ctx)])
  return { ...(await collect(ctx)), edits, usage, gc, stalls }
}

function describeLastTail(pool: WindowPool): string {
  const last = pool.tails.at(-1)
  return last ? `; this round's ${describeTail(last)}` : ''
}

/** The server's and the load generators' event-loop stalls and the kernel threads' runs since the last call (`--stalls` only). */
async function takeStalls(ctx: ScenarioContext): Promise<WindowStalls | null> {
  const [server, ...loadgen] = await Promise.all([ctx.server.stalls(), ...ctx.workers.map((w) => w.call<Stall[] | null>({ cmd: 'stalls' }))])
  const kernel = ctx.kernelProbe?.take() ?? []
  return server ? { server, loadgen: loadgen.flatMap((s) => s ?? []), kernel } : null
}

/** One fan-out room: `readers` readers spread over the load generators, the writer on the first. */
async function openFanoutRoom(ctx: ScenarioContext, doc: string, readers: number): Promise<void> {
  await openAll(
    ctx,
    split(
      Array.from({ length: readers }, () => spec(ctx, doc, 'reader')),
      ctx.workers.length,
    ),
  )
  await openAll(ctx, [[spec(ctx, doc, 'writer')]])
}

function split<T>(items: T[], parts: number): T[][] {
  const out: T[][] = Array.from({ length: parts }, () => [])
  items.forEach((item, i) => out[i % parts]!.push(item))
  return out
}

/**
 * Unmeasured, before the first scenario: runs the writers' and readers' code paths in both load
 * generators (fan-out and many-rooms patterns, against whatever server `ctx` holds — the floor)
 * until V8 has optimised them. Without it the first server measured meets a cold load
 * generator, and in the full run that is always ours (durable) in (1) N=10.
 */
export async function warmUpLoadGenerators(ctx: ScenarioContext, durationMs: number): Promise<void> {
  const perWorker: ClientSpec[][] = ctx.workers.map(() => [])
  for (let r = 0; r < 20; r++) {
    const target = perWorker[r % ctx.workers.length]!
    for (let c = 0; c < 10; c++) target.push(spec(ctx, `warm-up-${r}`, c === 0 ? 'writer' : 'reader'))
  }
  await openAll(ctx, perWorker)
  await writeDiscarded(ctx, ctx.workers, 20, durationMs)
  await closeAll(ctx)
}

// (1) One room, 1 writer + N readers: propagation latency. Runs `params.fanout.rounds` times per
// server, interleaved with the other servers; each round's metrics pool every round so far.
export async function fanout(ctx: ScenarioContext): Promise<Metrics> {
  const p = ctx.params.fanout
  const metrics: Metrics = {}
  // Preflight: the load generator really speaks this server's protocol (real provider ⇄ raw clients).
  await ctx.workers[0]!.call({ cmd: 'interop', url: ctx.server.info.url, dialect: ctx.server.info.dialect, doc: 'interop-check' }, 30_000)
  metrics.interop = true
  // A fresh server process: run its update path on a scratch document first (unmeasured), so
  // that the garbage collections V8 does while a young heap grows, and the JIT, are behind us.
  await openFanoutRoom(ctx, 'fanout-warm-up', 10)
  await writeDiscarded(ctx, [ctx.workers[0]!], p.warmupEditsPerSec, p.serverWarmupMs)
  await closeAll(ctx)
  // Those documents go idle now: let ours compact, flush and unload them (idle compaction
  // after 2 s) before anything is measured, so that work does not land in N=10.
  await sleep(p.preflightSettleMs)
  for (const n of p.readers) {
    await openFanoutRoom(ctx, `fanout-${n}`, n)
    // Warm-up (discarded) at a higher rate, so the server's hot path is optimised before measuring.
    const warmupRate = Math.max(p.editsPerSec, Math.min(p.warmupEditsPerSec, p.warmupFramesPerSec / n))
    await writeDiscarded(ctx, [ctx.workers[0]!], warmupRate, p.warmupMs)
    const window = await measureWindow(ctx, [ctx.workers[0]!], p.editsPerSec, fanoutWindowMs(p, n))
    await closeAll(ctx)
    // This round's window joins the earlier rounds' (the same server, the same N).
    const pool = poolWindow(ctx.carry.get(`n${n}`) as WindowPool | undefined, window)
    ctx.carry.set(`n${n}`, pool)
    Object.assign(metrics, poolMetrics(`n${n}.`, pool, n, pool.p99s.length === p.rounds))
    ctx.log(
      `  N=${n}: this round p99 ${pool.p99s.at(-1)} ms, server CPU ${round(window.usage.cpuPct, 1)} %, ${describeGc(window.gc)}; rounds so far: p50 ${metrics[`n${n}.p50Ms`]} ms, p99 ${metrics[`n${n}.p99Ms`]} ms, ${metrics[`n${n}.deliveredPct`]} % delivered${describeLastTail(pool)}`,
    )
  }
  return metrics
}

// (2) Many rooms, every writer at a fixed edit rate: latency, server CPU, RSS. Rounds as in (1).
export async function rooms(ctx: ScenarioContext): Promise<Metrics> {
  const p = ctx.params.rooms
  const perWorker: ClientSpec[][] = ctx.workers.map(() => [])
  for (let r = 0; r < p.rooms; r++) {
    // A room's clients all live on one worker (its latency is measured within one process).
    const target = perWorker[r % ctx.workers.length]!
    for (let c = 0; c < p.clientsPerRoom; c++) target.push(spec(ctx, `room-${r}`, c < p.writersPerRoom ? 'writer' : 'reader'))
  }
  await openAll(ctx, perWorker)
  await writeDiscarded(ctx, ctx.workers, p.editsPerSec, p.warmupMs)
  const window = await measureWindow(ctx, ctx.workers, p.editsPerSec, p.measureMs)
  // Ours compacts while typing goes on only every max-wait period (minutes), which the window
  // need not hold: measure one compaction of every room here, for the report to amortize.
  let compaction: Compactions | null = null
  if (ctx.server.kind === 'ours-durable' || ctx.server.kind === 'ours-memory') {
    const compactSampler = new Sampler(ctx.server.pid)
    const { docs, maxWaitMs } = await ctx.server.compactAll()
    await sleep(300)
    const earlier = ctx.carry.get('compactions') as Compactions | undefined
    compaction = { docs: (earlier?.docs ?? 0) + docs, cpuSec: (earlier?.cpuSec ?? 0) + compactSampler.stop().cpuSec, maxWaitMs }
    ctx.carry.set('compactions', compaction)
  }
  await closeAll(ctx)
  // This round joins the earlier rounds of the same server.
  const pool = poolWindow(ctx.carry.get('rooms') as WindowPool | undefined, window)
  ctx.carry.set('rooms', pool)
  const metrics: Metrics = {
    ...poolMetrics('', pool, p.clientsPerRoom - p.writersPerRoom, pool.p99s.length === p.rounds),
    editsPerSec: round(pool.edits / pool.wallSec, 1),
    serverCpuMsPerKiloEdit: round((pool.cpuSec * 1e6) / pool.edits, 1),
    peakRssMb: round(pool.peakRssKb / 1024, 1),
    endRssMb: round(window.usage.endRssKb / 1024, 1),
    cpuMsPerKiloEditByRound: pool.cpuPerKiloEdit.join(' / '),
    ...(compaction
      ? { compactedDocs: compaction.docs, compactionCpuMs: round((compaction.cpuSec * 1000) / compaction.docs, 2), maxWaitMs: compaction.maxWaitMs }
      : {}),
  }
  ctx.log(
    `  this round: p99 ${pool.p99s.at(-1)} ms, ${pool.cpuPerKiloEdit.at(-1)} ms CPU per 1,000 edits, ${describeGc(window.gc)}, peak RSS ${round(window.usage.peakRssKb / 1024, 1)} MB; rounds so far: p99 ${metrics.p99Ms} ms, ${metrics.serverCpuMsPerKiloEdit} ms per 1,000 edits, ${metrics.deliveredPct} % delivered${describeLastTail(pool)}`,
  )
  return metrics
}

/** Ours' compactions after (2)'s windows, summed over the rounds so far. */
interface Compactions {
  docs: number
  cpuSec: number
  maxWaitMs: number
}

// (3) Idle capacity: RSS per connection and per document.
export async function idle(ctx: ScenarioContext): Promise<Metrics> {
  const p = ctx.params.idle
  const base = await ctx.server.gc()
  // Phase 1: one connection per document writes the document's content (~12 KB) and waits
  // for the server's acknowledgement; the connection stays open.
  const seeders = Array.from({ length: p.docs }, (_, d) => spec(ctx, `idle-${d}`, 'idle', { seedFile: ctx.fixtures.idleContent.file }))
  await openAll(ctx, split(seeders, ctx.workers.length))
  await sleep(p.settleMs)
  const withDocs = await ctx.server.gc()
  // Phase 2: the other connections join (and sync) the same documents.
  const joiners: ClientSpec[] = []
  for (let c = 1; c < p.connectionsPerDoc; c++) for (let d = 0; d < p.docs; d++) joiners.push(spec(ctx, `idle-${d}`, 'idle'))
  const joined = await openAll(ctx, split(joiners, ctx.workers.length))
  await sleep(Math.min(p.settleMs, 1_000))
  const all = await ctx.server.gc()
  await closeAll(ctx)
  const kb = (bytes: number) => bytes / 1024
  const perConnKb = kb(all.memory.rss - withDocs.memory.rss) / joiners.length
  const metrics: Metrics = {
    docsInMemory: all.docs,
    connections: p.docs + joiners.length,
    rssBaseMb: round(base.memory.rss / 2 ** 20, 1),
    rssAllMb: round(all.memory.rss / 2 ** 20, 1),
    rssPerDocKb: round(kb(all.memory.rss - base.memory.rss) / p.docs, 1),
    rssPerConnKb: round(perConnKb, 1),
    rssPerDocWithoutConnsKb: round(kb(withDocs.memory.rss - base.memory.rss) / p.docs - perConnKb, 1),
    heapPerDocKb: round(kb(all.memory.heapUsed - base.memory.heapUsed) / p.docs, 1),
    joinP99Ms: round(percentile(sortedCopy(joined.syncMs), 99), 2),
  }
  ctx.log(`  ${metrics.rssPerDocKb} KB RSS per document (with its ${p.connectionsPerDoc} connections), ${metrics.rssPerConnKb} KB per connection`)
  return metrics
}

interface JoinResult {
  startUs: number
  openUs: number
  syncedUs: number
  bytes: number
  appliedUs: number
  textLength: number
}

// (4) Cold load of a large document from storage: time until a joining client is synced.
export async function coldLoad(ctx: ScenarioContext): Promise<Metrics> {
  const p = ctx.params.coldLoad
  const fixture = ctx.fixtures.coldLoad
  const shares: number[] = []
  const applies: number[] = []
  let cold = true
  let verified = true
  let bytes = 0
  for (let rep = 0; rep <= p.reps; rep++) {
    cold = (await ctx.server.waitUnloaded()) && cold
    const r = await ctx.workers[0]!.call<JoinResult>({ cmd: 'join', spec: spec(ctx, 'bench-large', 'reader'), apply: true, timeoutMs: 60_000 }, 120_000)
    if (r.textLength !== fixture.textLength) verified = false
    bytes = r.bytes
    if (rep === 0) continue // warm-up: the first join also compiles the server's code paths
    shares.push((r.syncedUs - r.startUs) / 1000)
    applies.push(r.appliedUs / 1000)
  }
  const metrics: Metrics = {
    serverShareMedianMs: round(median(shares), 2),
    serverShareMinMs: round(Math.min(...shares), 2),
    clientApplyMedianMs: round(median(applies), 1),
    bytesReceived: bytes,
    documentBytes: fixture.bytes,
    verified,
    cold,
  }
  ctx.log(
    `  server's share ${metrics.serverShareMedianMs} ms (median of ${p.reps}), client apply ${metrics.clientApplyMedianMs} ms, ${verified ? 'content verified' : 'CONTENT MISMATCH'}${cold ? '' : ', NOT COLD'}`,
  )
  return metrics
}

interface StormResult {
  startUs: number
  syncedUs: number[]
  minBytes: number
  failed: number
  firstError: string | null
}

// (5) Join storm: many clients join one large document at once.
export async function storm(ctx: ScenarioContext): Promise<Metrics> {
  const p = ctx.params.storm
  const cold = await ctx.server.waitUnloaded()
  const before = await ctx.server.gc()
  const clients = Array.from({ length: p.clients }, () => spec(ctx, 'bench-storm', 'reader'))
  const sampler = new Sampler(ctx.server.pid, 20)
  const results = await Promise.all(
    split(clients, ctx.workers.length).map((specs, i) =>
      ctx.workers[i]!.call<StormResult>({ cmd: 'storm', specs, timeoutMs: p.timeoutMs }, p.timeoutMs + 60_000),
    ),
  )
  const usage = sampler.stop()
  await closeAll(ctx)
  const start = Math.min(...results.map((r) => r.startUs))
  const synced = results.flatMap((r) => r.syncedUs).filter((t) => t >= 0)
  const failed = results.reduce((n, r) => n + r.failed, 0)
  const durations = synced.map((t) => (t - start) / 1e6)
  const metrics: Metrics = {
    allSyncedSec: failed > 0 ? null : round(Math.max(...durations), 3),
    medianJoinSec: round(median(durations), 3),
    firstJoinSec: round(Math.min(...durations), 3),
    failed,
    serverCpuSec: round(usage.cpuSec, 2),
    peakRssMb: round(usage.peakRssKb / 1024, 1),
    peakRssGrowthMb: round(usage.peakRssKb / 1024 - before.memory.rss / 2 ** 20, 1),
    documentBytes: ctx.fixtures.storm.bytes,
    // Every joiner received at least the document's size (no server can send it in less).
    verified: Math.min(...results.map((r) => r.minBytes)) >= ctx.fixtures.storm.bytes,
    cold,
  }
  if (failed > 0) metrics.firstError = results.find((r) => r.firstError)?.firstError ?? null
  ctx.log(
    `  all ${p.clients} synced after ${metrics.allSyncedSec} s (median ${metrics.medianJoinSec} s), peak RSS ${metrics.peakRssMb} MB, server CPU ${metrics.serverCpuSec} s${failed ? `, ${failed} FAILED` : ''}`,
  )
  return metrics
}

export const SCENARIOS = {
  fanout: { id: 1, title: 'fan-out: one room, 1 writer + N readers', run: fanout, store: 'empty', rounds: (p: BenchParams) => p.fanout.rounds },
  rooms: { id: 2, title: 'rooms: many rooms at a fixed edit rate', run: rooms, store: 'empty', rounds: (p: BenchParams) => p.rooms.rounds },
  idle: { id: 3, title: 'idle capacity', run: idle, store: 'empty' },
  coldLoad: { id: 4, title: 'cold load of a large document', run: coldLoad, store: 'coldLoad' },
  storm: { id: 5, title: 'join storm', run: storm, store: 'storm' },
} as const

export type ScenarioName = keyof typeof SCENARIOS
