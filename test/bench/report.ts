// Turns one run's raw metrics into the results table (markdown) with the ratios
// ours / best peer and ours / floor. "ours" is ours with durable persistence — the product
// as shipped; "best peer" is the better of the reference server and Hocuspocus.
import type { BenchParams } from './config.ts'
import { SERVERS, type ServerKind } from './lib/proc.ts'
import { fmt, ratioInterval, round } from './lib/stats.ts'
import type { Metrics, ScenarioName } from './scenarios.ts'

export const SERVER_ORDER: ServerKind[] = ['ours-durable', 'ours-memory', 'reference', 'hocuspocus', 'floor']
const PEERS: ServerKind[] = ['reference', 'hocuspocus']

export type RunResults = Partial<Record<ScenarioName, Partial<Record<ServerKind, Metrics | { error: string }>>>>

export interface Row {
  scenario: ScenarioName
  label: string
  key: string
  unit: string
  /** Lower is better for every metric with ratios; 'info' rows get none. */
  kind: 'lower' | 'info'
  values: Partial<Record<ServerKind, number | null>>
  oursOverBestPeer: number | null
  oursOverFloor: number | null
  /** Latency percentiles: the ratios' 90 % bootstrap intervals (rounds, then edits resampled), else null. */
  bestPeerInterval: [number, number] | null
  floorInterval: [number, number] | null
}

interface RowSpec {
  key: string
  label: string
  unit: string
  kind?: 'lower' | 'info'
}

function rowSpecs(params: BenchParams): Record<ScenarioName, RowSpec[]> {
  return {
    fanout: params.fanout.readers.flatMap((n) => [
      { key: `n${n}.p50Ms`, label: `(1) fan-out N=${n}: p50`, unit: 'ms' },
      { key: `n${n}.p95Ms`, label: `(1) fan-out N=${n}: p95`, unit: 'ms' },
      { key: `n${n}.p99Ms`, label: `(1) fan-out N=${n}: p99`, unit: 'ms' },
      { key: `n${n}.serverCpuPct`, label: `(1) fan-out N=${n}: server CPU`, unit: '% core' },
      { key: `n${n}.gcMaxMs`, label: `(1) fan-out N=${n}: longest GC pause in the windows`, unit: 'ms', kind: 'info' as const },
      { key: `n${n}.deliveredPct`, label: `(1) fan-out N=${n}: delivered`, unit: '%', kind: 'info' as const },
    ]),
    rooms: [
      { key: 'p50Ms', label: `(2) ${params.rooms.rooms} rooms: p50`, unit: 'ms' },
      { key: 'p99Ms', label: `(2) ${params.rooms.rooms} rooms: p99`, unit: 'ms' },
      { key: 'serverCpuPct', label: `(2) ${params.rooms.rooms} rooms: server CPU`, unit: '% core' },
      { key: 'serverCpuMsPerKiloEdit', label: '(2) server CPU per 1,000 edits', unit: 'ms' },
      { key: 'peakRssMb', label: '(2) server peak RSS', unit: 'MB' },
      { key: 'gcMaxMs', label: '(2) longest GC pause in the windows', unit: 'ms', kind: 'info' },
      { key: 'deliveredPct', label: '(2) delivered', unit: '%', kind: 'info' },
    ],
    idle: [
      { key: 'rssPerDocKb', label: `(3) idle: RSS per document (with its ${params.idle.connectionsPerDoc} connections)`, unit: 'KB' },
      { key: 'rssPerConnKb', label: '(3) idle: RSS per extra connection', unit: 'KB' },
      { key: 'rssPerDocWithoutConnsKb', label: '(3) idle: RSS per document, connections excluded', unit: 'KB' },
      { key: 'rssAllMb', label: `(3) idle: server RSS with ${params.idle.docs * params.idle.connectionsPerDoc} connections`, unit: 'MB' },
    ],
    coldLoad: [
      { key: 'serverShareMedianMs', label: "(4) cold load: server's share of a join (median)", unit: 'ms' },
      { key: 'clientApplyMedianMs', label: "(4) cold load: client's apply (not the server's)", unit: 'ms', kind: 'info' },
    ],
    storm: [
      { key: 'allSyncedSec', label: `(5) join storm: all ${params.storm.clients} synced`, unit: 's' },
      { key: 'medianJoinSec', label: '(5) join storm: median join', unit: 's' },
      { key: 'serverCpuSec', label: '(5) join storm: server CPU', unit: 's' },
      { key: 'peakRssMb', label: '(5) join storm: server peak RSS', unit: 'MB' },
    ],
  }
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** A server's bootstrap resamples of the metric `key` (written next to latency percentiles). */
function resamples(m: Metrics | { error: string } | undefined, key: string): number[] | null {
  const value = m && !('error' in m) ? m[`${key}Boot`] : undefined
  return Array.isArray(value) && value.length > 0 ? value : null
}

/** Per resample, the better of the peers': the distribution of "the best peer's" figure. */
function bestOf(samples: number[][]): number[] | null {
  if (samples.length === 0) return null
  const n = Math.min(...samples.map((s) => s.length))
  return Array.from({ length: n }, (_, i) => Math.min(...samples.map((s) => s[i]!)))
}

function roundedInterval(a: number[] | null, b: number[] | null): [number, number] | null {
  const interval = a && b ? ratioInterval(a, b) : null
  return interval && [round(interval[0], 2), round(interval[1], 2)]
}

export function buildRows(results: RunResults, params: BenchParams): Row[] {
  const rows: Row[] = []
  const specs = rowSpecs(params)
  for (const scenario of Object.keys(specs) as ScenarioName[]) {
    const perServer = results[scenario]
    if (!perServer) continue
    for (const spec of specs[scenario]) {
      const values: Row['values'] = {}
      for (const kind of SERVER_ORDER) {
        const m = perServer[kind]
        values[kind] = m && !('error' in m) ? num(m[spec.key]) : null
      }
      const kind = spec.kind ?? 'lower'
      const ours = values['ours-durable'] ?? null
      const peerValues = PEERS.map((p) => values[p]).filter((v): v is number => v !== null && v !== undefined)
      const bestPeer = peerValues.length ? Math.min(...peerValues) : null
      const floor = values.floor ?? null
      const ratio = (a: number | null, b: number | null) => (kind === 'info' || a === null || b === null || b === 0 ? null : round(a / b, 2))
      const oursBoot = resamples(perServer['ours-durable'], spec.key)
      const peersBoot = PEERS.map((p) => resamples(perServer[p], spec.key)).filter((s): s is number[] => s !== null)
      rows.push({
        scenario,
        label: spec.label,
        key: spec.key,
        unit: spec.unit,
        kind,
        values,
        oursOverBestPeer: ratio(ours, bestPeer),
        oursOverFloor: ratio(ours, floor),
        bestPeerInterval: roundedInterval(oursBoot, bestOf(peersBoot)),
        floorInterval: roundedInterval(oursBoot, resamples(perServer.floor, spec.key)),
      })
    }
  }
  return rows
}

/** Each round's own figures, per server: how far one window alone would have strayed from the pool. */
export function roundsSection(results: RunResults, params: BenchParams, servers: ServerKind[]): string | null {
  const perRound = (scenario: 'fanout' | 'rooms', key: string) =>
    servers.flatMap((kind) => {
      const m = results[scenario]?.[kind]
      const byRound = m && !('error' in m) ? m[key] : null
      return typeof byRound === 'string' ? [`${SERVERS[kind].label} ${byRound}`] : []
    })
  const parts: string[] = []
  if (params.fanout.rounds > 1 && results.fanout) {
    for (const n of params.fanout.readers) parts.push(`(1) N=${n} p99: ${perRound('fanout', `n${n}.p99ByRoundMs`).join('; ')}`)
  }
  if (params.rooms.rounds > 1 && results.rooms) {
    parts.push(`(2) p99: ${perRound('rooms', 'p99ByRoundMs').join('; ')}`)
    parts.push(`(2) server CPU per 1,000 edits: ${perRound('rooms', 'cpuMsPerKiloEditByRound').join('; ')}`)
  }
  if (parts.length === 0) return null
  const stalls: string[] = []
  for (const n of params.fanout.readers) stalls.push(...perRound('fanout', `n${n}.tailByRound`).map((s) => `(1) N=${n} ${s}`))
  stalls.push(...perRound('rooms', 'tailByRound').map((s) => `(2) ${s}`))
  const stallSection =
    stalls.length === 0
      ? ''
      : `\n\nEvent-loop stalls (\`--stalls\`), each round's deliveries at or above its p99: the share whose way from writer to reader overlaps a stall of ≥ 2 ms in the server, or in a load generator, or a run of ≥ 2 ms of CPU by one of the machine's kernel threads (kdamond, kswapd, kcompactd, ksoftirqd); the longest of each (ms). What none of them explains happened elsewhere in the kernel, on loopback or on the machine:\n\n${stalls.map((s) => `- ${s}`).join('\n')}`
  return `Each round alone (ms; the table pools the rounds): ${parts.join(' — ')}.${stallSection}`
}

function ratioCell(ratio: number | null, interval: [number, number] | null): string {
  if (ratio === null) return ''
  return interval ? `${fmt(ratio)}× (${fmt(interval[0])}–${fmt(interval[1])})` : `${fmt(ratio)}×`
}

/** What the bracketed intervals in the table mean, for a run with `rounds` rounds of (1) and (2). */
export function intervalNote(rounds: number): string {
  return rounds > 1
    ? "Latency ratios carry a 90 % bootstrap interval in brackets: each server's rounds resampled, then the edits within each " +
        'drawn round (all deliveries of an edit drawn together), 200 times, the ratio taken per resample. So the interval spans ' +
        "both the sampling of edits and the differences between rounds (the machine's drift during the run). An interval that " +
        'straddles 1× means this run cannot tell the two apart.'
    : "Latency ratios carry a 90 % bootstrap interval in brackets: each server's edits resampled (all deliveries of an edit " +
        'drawn together), 200 times, the ratio taken per resample. With one round per server it spans the sampling of edits ' +
        "only, not the machine's drift between one server's window and the next, so it is narrower than what separates two " +
        'runs: read a ratio near 1× as level, and use --full to decide it.'
}

export function markdownTable(rows: Row[], servers: ServerKind[] = SERVER_ORDER): string {
  const header = ['metric', 'unit', ...servers.map((k) => SERVERS[k].label), 'ours / best peer', 'ours / floor']
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`]
  for (const row of rows) {
    const cells = [
      row.label,
      row.unit,
      ...servers.map((k) => fmt(row.values[k])),
      ratioCell(row.oursOverBestPeer, row.bestPeerInterval),
      ratioCell(row.oursOverFloor, row.floorInterval),
    ]
    lines.push(`| ${cells.join(' | ')} |`)
  }
  return lines.join('\n')
}

/**
 * ours durable vs ours memory, where the run has both: CPU per edit in the (2) window, plus
 * each one's compactions amortized over the edits a room makes between max-wait compactions
 * (a window shorter than the max-wait period holds none of them).
 */
export function persistenceCost(results: RunResults, params: BenchParams): string | null {
  const durable = results.rooms?.['ours-durable'] as Metrics | undefined
  const memory = results.rooms?.['ours-memory'] as Metrics | undefined
  const d = num(durable?.serverCpuMsPerKiloEdit)
  const m = num(memory?.serverCpuMsPerKiloEdit)
  if (d === null || m === null || m === 0) return null
  const dc = num(durable?.compactionCpuMs)
  const mc = num(memory?.compactionCpuMs)
  const maxWaitMs = num(durable?.maxWaitMs)
  const editsPerCompaction = maxWaitMs === null ? null : (params.rooms.editsPerSec * params.rooms.writersPerRoom * maxWaitMs) / 1000
  const amortized = (c: number | null) => (c === null || !editsPerCompaction ? 0 : (c * 1000) / editsPerCompaction)
  const dt = d + amortized(dc)
  const mt = m + amortized(mc)
  const pct = (a: number, b: number) => {
    const v = round((100 * (a - b)) / b, 1)
    return `${v >= 0 ? '+' : ''}${v} %`
  }
  const lines = [`Durable persistence vs memory, scenario (2): ${fmt(d)} vs ${fmt(m)} ms of server CPU per 1,000 edits in the window (${pct(d, m)}).`]
  if (dc !== null && mc !== null && editsPerCompaction) {
    lines.push(
      `Compacting every room after the window: ${fmt(dc)} vs ${fmt(mc)} ms of CPU per compaction; under continuous typing a room compacts every ` +
        `${fmt(maxWaitMs! / 1000)} s (±20 %), i.e. every ${fmt(editsPerCompaction)} edits, adding ${fmt(amortized(dc))} vs ${fmt(amortized(mc))} ms per 1,000 edits.`,
    )
  }
  lines.push(
    `Total: ${fmt(dt)} vs ${fmt(mt)} ms per 1,000 edits (${pct(dt, mt)}; ` +
      (dt > mt
        ? `with the server CPU-bound, throughput falls by about ${fmt((100 * (dt - mt)) / dt)} %).`
        : 'durable used no more CPU than memory in this run: no throughput cost measured).'),
  )
  return lines.join(' ')
}

/** Failed runs, and results that do not mean what the table says (not cold, content wrong). */
export function errorsSection(results: RunResults): string[] {
  const lines: string[] = []
  for (const [scenario, perServer] of Object.entries(results)) {
    for (const [kind, m] of Object.entries(perServer ?? {})) {
      if (!m) continue
      if ('error' in m && typeof m.error === 'string') {
        lines.push(`- ${scenario} / ${kind}: FAILED: ${m.error}`)
        continue
      }
      const metrics = m as Metrics
      if (metrics.cold === false) lines.push(`- ${scenario} / ${kind}: the document was still in memory before a join (not a cold load)`)
      if (metrics.verified === false) lines.push(`- ${scenario} / ${kind}: a joiner did not receive the whole document`)
    }
  }
  return lines
}
