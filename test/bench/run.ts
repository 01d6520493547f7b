// `pnpm bench` — benchmarks our sync server against the reference y-websocket server,
// Hocuspocus and a raw relay (the floor), one server process at a time, load from separate
// load-generator processes; then the domain benchmarks (domain/: agenda derivation, report card,
// CSV import, read-model rebuild) on ours alone. Method and latest results: docs/performance.md.
//
//   pnpm bench                      standard run (≤ 15 min: every scenario and server, one round)
//   pnpm bench -- --full            full run (~58 min on a quiet 2-core machine: three rounds, longer windows)
//   pnpm bench -- --quick           smoke run with small sizes (~2 min)
//   pnpm bench -- --only=storm,coldLoad --servers=ours-durable,floor
//   pnpm bench -- --only=domain            the domain benchmarks alone (~6 min; with --quick ~1 min)
//   pnpm bench -- --only=archive           the archive benchmark (D6) alone: cg export / import / backup of
//                                   50 documents and 100,000 updates (~1 min; with --quick 10 / 5,000)
//   pnpm bench -- --servers=reference,ours-durable   these servers, in this order in the first round
//   pnpm bench -- --only=fanout --readers=10      (1) with only these reader counts
//   pnpm bench -- --only=fanout --readers=10 --window=60   (1) with 60 s windows for every N
//   pnpm bench -- --profile=ours-durable:storm   (writes a .cpuprofile of that server run)
//   pnpm bench -- --stalls          event-loop stall probes in every process and the machine's
//                                   kernel threads' runs, matched against each round's slowest
//                                   deliveries (lib/stalls.ts)
//   BENCH_SERVER_FLAGS=--trace-gc BENCH_SERVER_LOG=/tmp/srv pnpm bench …   node flags for every
//                                   server; each server's stdout also to /tmp/srv.<server>.<pid>
//
// Writes test/bench/results/latest.{json,md} (--full: full.*, a filtered run: partial.*, --quick: quick.*) and prints
// the markdown. Never asserts anything about timings.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from './args.ts'
import { fanoutWindowMs, type BenchParams } from './config.ts'
import { documentFixture, storedDocumentPath } from './lib/fixtures.ts'
import { ForeignCpu, SERVERS, ServerProcess, Worker, prepareProcesses, type ServerKind } from './lib/proc.ts'
import { buildRows, errorsSection, intervalNote, roundsSection, markdownTable, persistenceCost, SERVER_ORDER, type RunResults } from './report.ts'
import { STALL_PROBE_ENV, ThreadRunProbe } from './lib/stalls.ts'
import { SCENARIOS, warmUpLoadGenerators, type Metrics, type ScenarioName } from './scenarios.ts'
import { runDomainSuite } from './domain/run.ts'

const benchDir = path.dirname(fileURLToPath(import.meta.url))
const testDir = path.resolve(benchDir, '..')
const repoRoot = path.resolve(testDir, '..')

function packageVersion(name: string): string {
  for (const base of [testDir, path.join(repoRoot, 'server')]) {
    const file = path.join(base, 'node_modules', name, 'package.json')
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
  }
  return 'unknown'
}

function gitInfo(): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim()
    const status = execFileSync('git', ['status', '--porcelain', '--', 'server', 'packages'], { cwd: repoRoot, encoding: 'utf8' })
    return { commit, dirty: status.trim().length > 0 }
  } catch {
    return { commit: 'unknown', dirty: true }
  }
}

/** "60 s at N = 10 and 100, 30 s at N = 500": (1)'s windows, grouped by length. */
function describeWindows(p: BenchParams['fanout']): string {
  const byLength = new Map<number, number[]>()
  for (const n of p.readers) {
    const ms = fanoutWindowMs(p, n)
    byLength.set(ms, [...(byLength.get(ms) ?? []), n])
  }
  if (byLength.size === 1) return `${[...byLength.keys()][0]! / 1000} s`
  return [...byLength].map(([ms, ns]) => `${ms / 1000} s at N = ${ns.join(' and ')}`).join(', ')
}

function describeParams(p: BenchParams): string[] {
  return [
    `(1) fan-out: one room, 1 writer + N readers, N ∈ {${p.fanout.readers.join(', ')}}; the writer makes ${p.fanout.editsPerSec} edits/s; ${p.fanout.warmupMs / 1000} s warm-up at up to ${p.fanout.warmupEditsPerSec} edits/s (≤ ${p.fanout.warmupFramesPerSec} frames/s), then ${describeWindows(p.fanout)} measured; ${
      p.fanout.rounds > 1
        ? `${p.fanout.rounds} rounds, servers interleaved (each round a fresh server process, every other round in reverse order; before round 1 the first server runs once unmeasured, a lead-in), latency over every (edit, reader) pair of all rounds pooled.`
        : 'one round, a fresh server process for each server (before it the first server runs once unmeasured, a lead-in), latency over every (edit, reader) pair.'
    }`,
    `(2) rooms: ${p.rooms.rooms} rooms × ${p.rooms.clientsPerRoom} clients (${p.rooms.writersPerRoom} writer + ${p.rooms.clientsPerRoom - p.rooms.writersPerRoom} readers each), every writer ${p.rooms.editsPerSec} edits/s; ${p.rooms.warmupMs / 1000} s warm-up, ${p.rooms.measureMs / 1000} s measured; ${p.rooms.rounds > 1 ? `${p.rooms.rounds} rounds as in (1), pooled` : 'one round'}.`,
    `(3) idle: ${p.idle.docs} documents × ${p.idle.connectionsPerDoc} connections = ${p.idle.docs * p.idle.connectionsPerDoc}; each document ~12 KB (a ${p.idle.content.opsPerSection}-edit history), written by its first connection; RSS read after two forced GCs.`,
    `(4) cold load: one document of a ${p.coldLoad.doc.sections * p.coldLoad.doc.opsPerSection}-edit history in storage, not in memory; 1 warm-up + ${p.coldLoad.reps} measured joins, each cold (the server unloaded it first).`,
    `(5) join storm: ${p.storm.clients} clients open their connections at once to one document of a ${p.storm.doc.sections} × ${p.storm.doc.opsPerSection}-edit history, in storage, not in memory.`,
  ]
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2))
  if (options.help) {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n')
    console.log(
      source
        .slice(
          0,
          source.findIndex((line) => line.startsWith('import')),
        )
        .join('\n'),
    )
    return
  }
  const { params } = options
  // Inherited by every server and load generator this run starts.
  if (options.stalls) process.env[STALL_PROBE_ENV] = '1'
  const t0 = Date.now()
  const log = (message: string) => console.error(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${message}`)
  const kernelProbe = options.stalls ? ThreadRunProbe.forKernelThreads() : null
  if (options.stalls) log(`kernel threads watched: ${kernelProbe?.watched.join(', ') || 'none (no /proc/<tid>/schedstat here)'}`)
  const loadBefore = os.loadavg()
  const idleCheck = new ForeignCpu([process.pid])
  await new Promise((resolve) => setTimeout(resolve, 2_000))
  const busyBefore = idleCheck.stop()
  if (busyBefore > 15) log(`warning: other processes use ${busyBefore.toFixed(0)} % of a core right now — that skews the figures`)

  // Fixtures (cached in the OS temp dir) and the per-scenario "storage" every server reads.
  const fixtures = {
    idleContent: documentFixture(params.idle.content, log),
    coldLoad: documentFixture(params.coldLoad.doc, log),
    storm: documentFixture(params.storm.doc, log),
  }
  log(`fixtures: idle ${fixtures.idleContent.bytes} B, cold load ${fixtures.coldLoad.bytes} B, join storm ${fixtures.storm.bytes} B`)
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-'))
  const stores: Record<'empty' | 'coldLoad' | 'storm', string> = {
    empty: path.join(scratch, 'store-empty'),
    coldLoad: path.join(scratch, 'store-cold-load'),
    storm: path.join(scratch, 'store-storm'),
  }
  for (const dir of Object.values(stores)) mkdirSync(dir)
  copyFileSync(fixtures.coldLoad.file, storedDocumentPath(stores.coldLoad, 'bench-large'))
  copyFileSync(fixtures.storm.file, storedDocumentPath(stores.storm, 'bench-storm'))

  // Built up front, so that the build's time is not part of the first server's start.
  log('building ours, the server launchers and the load generator')
  await prepareProcesses()
  const profileDir = path.join(benchDir, 'results', 'profiles')
  const workers = await Promise.all(Array.from({ length: params.workers }, (_, i) => Worker.start(i)))
  const results: RunResults = {}
  const loadAverages: Record<string, number[]> = {}
  const otherCpu: Partial<Record<ScenarioName, number>> = {}
  let domain: Awaited<ReturnType<typeof runDomainSuite>> | null = null
  let domainOtherCpuPct: number | null = null
  const cleanup = () => {
    for (const w of workers) w.child.kill('SIGKILL')
    rmSync(scratch, { recursive: true, force: true })
  }
  process.once('SIGINT', () => {
    cleanup()
    process.exit(130)
  })

  try {
    if (options.scenarios.some((s) => s === 'fanout' || s === 'rooms')) {
      // The load generators' JIT warm-up, against a throwaway floor server; nothing is measured.
      log(`warming up the load generators (${params.loadgenWarmupMs / 1000} s against the floor)`)
      const dataDir = mkdtempSync(path.join(scratch, 'data-warm-up-'))
      const server = await ServerProcess.start('floor', { storeDir: stores.empty, dataDir })
      try {
        await warmUpLoadGenerators({ server, workers, params, fixtures, log, carry: new Map() }, params.loadgenWarmupMs)
      } finally {
        await server.stop()
        rmSync(dataDir, { recursive: true, force: true })
      }
    }
    let leadInDone = false
    for (const scenario of options.scenarios) {
      const def = SCENARIOS[scenario]
      const rounds = 'rounds' in def ? def.rounds(params) : 1
      log(`scenario (${def.id}) ${def.title}${rounds > 1 ? ` — ${rounds} rounds, servers interleaved` : ''}`)
      const perServer: NonNullable<RunResults[ScenarioName]> = (results[scenario] = {})
      const carry = new Map(options.servers.map((kind) => [kind, new Map<string, unknown>()]))
      /** One server's run of this scenario: its metrics, or an error recorded in its place. */
      const runServer = async (kind: ServerKind, label: string, profiling: boolean, carried: Map<string, unknown>): Promise<Metrics | { error: string }> => {
        const dataDir = mkdtempSync(path.join(scratch, `data-${kind}-`))
        if (profiling) mkdirSync(profileDir, { recursive: true })
        let server: ServerProcess | null = null
        log(`${SERVERS[kind].label}${label}${profiling ? ' (profiling)' : ''}`)
        try {
          server = await ServerProcess.start(kind, { storeDir: stores[def.store], dataDir }, { sourceMaps: profiling })
          if (profiling) await server.profileStart()
          const foreign = new ForeignCpu([process.pid, server.pid, ...workers.map((w) => w.child.pid!)])
          const metrics: Metrics = await def.run({ server, workers, params, fixtures, log, carry: carried, kernelProbe })
          metrics.otherProcessesCpuPct = Math.round(foreign.stop())
          if (profiling) {
            const file = path.join(profileDir, `${kind}-${scenario}-${params.mode}.cpuprofile`)
            await server.profileStop(file)
            log(`  profile: ${path.relative(repoRoot, file)} (summary: node --import tsx bench/profile-summary.ts <file>)`)
          }
          return metrics
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error)
          log(`  FAILED: ${message}`)
          await Promise.allSettled(workers.map((w) => w.call({ cmd: 'closeAll' }, 30_000)))
          return { error: message }
        } finally {
          await server?.stop()
          rmSync(dataDir, { recursive: true, force: true })
        }
      }
      if ('rounds' in def && !leadInDone) {
        // The run's first measured window came out slow whichever server held it (docs/performance.md,
        // "the run's first window"): the first server runs the scenario once more, unmeasured, before round 1
        // (also when there is only one round, as in the standard run).
        leadInDone = true
        await runServer(options.servers[0]!, ', lead-in (unmeasured)', false, new Map())
      }
      for (let round = 0; round < rounds; round++) {
        // Every other round in reverse order: no server always runs first or last, and ours
        // (durable) and ours (memory), whose difference is the persistence cost, stay neighbours.
        const order = round % 2 === 0 ? options.servers : [...options.servers].reverse()
        for (const kind of order) {
          const earlier = perServer[kind]
          if (earlier && 'error' in earlier) continue
          const profiling = round === 0 && options.profile?.[0] === kind && options.profile[1] === scenario
          const outcome = await runServer(kind, rounds > 1 ? `, round ${round + 1}/${rounds}` : '', profiling, carry.get(kind)!)
          if ('error' in outcome) {
            perServer[kind] = { error: round > 0 ? `round ${round + 1}: ${outcome.error}` : outcome.error }
            continue
          }
          outcome.otherProcessesCpuPct = Math.max(Number(outcome.otherProcessesCpuPct), Number(earlier?.otherProcessesCpuPct ?? 0))
          otherCpu[scenario] = Math.max(otherCpu[scenario] ?? 0, outcome.otherProcessesCpuPct)
          perServer[kind] = outcome
        }
      }
      loadAverages[scenario] = os.loadavg().map((l) => Number(l.toFixed(2)))
    }
    if (options.domain) {
      const foreign = new ForeignCpu([process.pid, ...workers.map((w) => w.child.pid!)])
      domain = await runDomainSuite(options.domainParams, { scratch, log, mode: params.mode, ...(options.domainOnly ? { only: options.domainOnly } : {}) })
      domainOtherCpuPct = Math.round(foreign.stop())
      loadAverages.domain = os.loadavg().map((l) => Number(l.toFixed(2)))
    }
  } finally {
    kernelProbe?.stop()
    await Promise.allSettled(workers.map((w) => w.stop()))
    cleanup()
  }

  // ---- report ----
  const rows = buildRows(results, params)
  const git = gitInfo()
  const cpu = os.cpus()[0]?.model ?? 'unknown'
  const versions = Object.fromEntries(
    ['yjs', 'y-protocols', 'lib0', 'ws', '@y/websocket-server', '@hocuspocus/server', '@hocuspocus/provider', 'y-websocket'].map((n) => [n, packageVersion(n)]),
  )
  const meta = {
    date: new Date().toISOString(),
    mode: params.mode,
    durationSec: Math.round((Date.now() - t0) / 1000),
    node: process.version,
    cpu,
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverageBefore: loadBefore.map((l) => Number(l.toFixed(2))),
    loadAverageAfterScenario: loadAverages,
    otherProcessesCpuPct: otherCpu,
    git,
    versions,
    fixtures: Object.fromEntries(Object.entries(fixtures).map(([k, f]) => [k, { bytes: f.bytes, ops: f.ops, textLength: f.textLength }])),
  }
  const servers = SERVER_ORDER.filter((k) => options.servers.includes(k))
  const md = [
    `## Results — ${params.mode} run, ${meta.date.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Node ${meta.node}, ${meta.cores} × ${cpu}, ${meta.memoryGb} GB; commit ${git.commit}${git.dirty ? ' + uncommitted server changes' : ''}; ` +
      `yjs ${versions.yjs}, @y/websocket-server ${versions['@y/websocket-server']}, @hocuspocus/server ${versions['@hocuspocus/server']}; ` +
      `run took ${meta.durationSec} s; load average before ${meta.loadAverageBefore.join(' / ')}.`,
    '',
    ...(options.scenarios.length === 0 ? [] : syncSection()),
    ...(domain ? [domain.markdown, `CPU used by processes outside the benchmark during the domain benchmarks: ${domainOtherCpuPct} % of one core.`, ''] : []),
  ].join('\n')

  /** The sync scenarios' part: parameters, the table, the notes. */
  function syncSection(): string[] {
    return [
      ...describeParams(params).map((l) => `- ${l}`),
      `- Documents: idle ${fixtures.idleContent.bytes.toLocaleString('en')} B; cold load ${fixtures.coldLoad.bytes.toLocaleString('en')} B; join storm ${fixtures.storm.bytes.toLocaleString('en')} B (encoded Yjs state).`,
      '',
      markdownTable(rows, servers),
      '',
      ...(rows.some((r) => r.bestPeerInterval || r.floorInterval) ? [intervalNote(Math.max(params.fanout.rounds, params.rooms.rounds)), ''] : []),
      ...[roundsSection(results, params, servers), persistenceCost(results, params)].filter((l): l is string => l !== null).flatMap((l) => [l, '']),
      `CPU used by processes outside the benchmark while it ran (worst server run per scenario, % of one core): ${Object.entries(otherCpu)
        .map(([name, pct]) => `(${SCENARIOS[name as ScenarioName].id}) ${pct} %`)
        .join(', ')} — where this is more than a few %, other work competed for the 2 cores and the latency tails are not the servers' alone.`,
      ...(errorsSection(results).length ? ['', 'Failures and caveats:', ...errorsSection(results)] : []),
      '',
    ]
  }

  const outDir = path.join(benchDir, 'results')
  mkdirSync(outDir, { recursive: true })
  const base = options.resultsName
  // The bootstrap resamples (200 numbers per percentile) stay out of the JSON; `rows` has their intervals.
  const withoutResamples = JSON.parse(JSON.stringify(results, (key, value: unknown) => (key.endsWith('Boot') ? undefined : value))) as RunResults
  writeFileSync(
    path.join(outDir, `${base}.json`),
    `${JSON.stringify({ meta, params, results: withoutResamples, rows, domain: domain && { params: options.domainParams, results: domain.results, rows: domain.rows, otherProcessesCpuPct: domainOtherCpuPct } }, null, 2)}\n`,
  )
  writeFileSync(path.join(outDir, `${base}.md`), md)
  console.log(md)
  log(`wrote ${path.relative(repoRoot, path.join(outDir, `${base}.md`))} and .json`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
