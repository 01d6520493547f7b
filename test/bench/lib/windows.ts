// A measured window (its latencies, edits, server CPU/RSS and GC pauses) and the pooling of one
// server's windows over the rounds of a scenario: what (1) and (2) report.
import type { Metrics } from '../scenarios.ts'
import type { GcPauses } from '../servers/common.ts'
import type { Usage } from './proc.ts'
import { clusterBootstrap, percentile, round, sortedCopy } from './stats.ts'
import { attributeTail, describeTail, type TailAttribution, type WindowStalls } from './stalls.ts'

export interface MeasuredWindow {
  /** Every (edit, reader) latency, µs. */
  lat: number[]
  /** Index for index with `lat`: the send time of that delivery's edit (µs), which names the edit. */
  sent: number[]
  edits: number
  usage: Usage
  gc: GcPauses
  /** With `--stalls` only. */
  stalls: WindowStalls | null
}

/** One server's windows of one kind (one N, or the many rooms), pooled over the rounds so far. */
export interface WindowPool {
  lat: number[]
  sent: number[]
  /** Where each round's samples end in `lat` (exclusive). */
  roundEnds: number[]
  edits: number
  cpuSec: number
  wallSec: number
  peakRssKb: number
  /** Each round alone: its p99 (ms) and its server CPU per 1,000 edits (ms). */
  p99s: number[]
  cpuPerKiloEdit: number[]
  gc: GcPauses
  /** Each round's slowest 1 % of deliveries matched against the stalls (`--stalls` only). */
  tails: TailAttribution[]
}

export function poolWindow(before: WindowPool | undefined, w: MeasuredWindow): WindowPool {
  const p99Us = percentile(sortedCopy(w.lat), 99)
  return {
    lat: before ? before.lat.concat(w.lat) : w.lat,
    sent: before ? before.sent.concat(w.sent) : w.sent,
    roundEnds: [...(before?.roundEnds ?? []), (before?.lat.length ?? 0) + w.lat.length],
    edits: (before?.edits ?? 0) + w.edits,
    cpuSec: (before?.cpuSec ?? 0) + w.usage.cpuSec,
    wallSec: (before?.wallSec ?? 0) + w.usage.wallSec,
    peakRssKb: Math.max(before?.peakRssKb ?? 0, w.usage.peakRssKb),
    p99s: [...(before?.p99s ?? []), round(p99Us / 1000, 2)],
    cpuPerKiloEdit: [...(before?.cpuPerKiloEdit ?? []), round((w.usage.cpuSec * 1e6) / w.edits, 1)],
    gc: before ? addGcPauses(before.gc, w.gc) : w.gc,
    tails: [...(before?.tails ?? []), ...(w.stalls ? [attributeTail(w.lat, w.sent, p99Us, w.stalls)] : [])],
  }
}

function addGcPauses(a: GcPauses, b: GcPauses): GcPauses {
  return { count: a.count + b.count, totalMs: a.totalMs + b.totalMs, maxMs: Math.max(a.maxMs, b.maxMs), major: a.major + b.major }
}

/** Bootstrap resamples behind each latency percentile's interval (see `clusterBootstrap`). */
const RESAMPLES = 200

function latencyMetrics(prefix: string, latUs: number[], sentUs: number[], roundEnds: number[] | null, expected: number): Metrics {
  const sorted = sortedCopy(latUs)
  return {
    [`${prefix}p50Ms`]: round(percentile(sorted, 50) / 1000, 3),
    [`${prefix}p95Ms`]: round(percentile(sorted, 95) / 1000, 3),
    [`${prefix}p99Ms`]: round(percentile(sorted, 99) / 1000, 3),
    [`${prefix}maxMs`]: round(percentile(sorted, 100) / 1000, 3),
    ...(roundEnds ? resampledPercentiles(prefix, latUs, sentUs, roundEnds, sorted) : {}),
    [`${prefix}samples`]: latUs.length,
    [`${prefix}deliveredPct`]: expected > 0 ? round((100 * latUs.length) / expected, 2) : null,
  }
}

/**
 * Per percentile, its estimate on each bootstrap resample of the rounds and their edits (ms):
 * the report's intervals for the ratios come from these.
 */
function resampledPercentiles(prefix: string, latUs: number[], sentUs: number[], roundEnds: number[], sorted: Float64Array): Metrics {
  // A seed from the data itself: reproducible, and different for every server's pool, so two
  // servers' resamples are independent draws.
  const seed = (latUs.length * 2_654_435_761 + Math.round(sorted[sorted.length >> 1] ?? 0)) >>> 0
  const [p50s, p95s, p99s] = clusterBootstrap(latUs, sentUs, [50, 95, 99], { resamples: RESAMPLES, seed, groupEnds: roundEnds }).map((a) =>
    Array.from(a, (us) => round(us / 1000, 3)),
  )
  return { [`${prefix}p50MsBoot`]: p50s!, [`${prefix}p95MsBoot`]: p95s!, [`${prefix}p99MsBoot`]: p99s! }
}

/**
 * What (1) and (2) both report of a pool; `deliveriesPerEdit` = readers per writer. The
 * bootstrap resamples only once the pool holds its last round (`complete`): the report reads
 * the final pool only.
 */
export function poolMetrics(prefix: string, pool: WindowPool, deliveriesPerEdit: number, complete: boolean): Metrics {
  const { gc } = pool
  return {
    ...latencyMetrics(prefix, pool.lat, pool.sent, complete ? pool.roundEnds : null, pool.edits * deliveriesPerEdit),
    [`${prefix}edits`]: pool.edits,
    [`${prefix}serverCpuPct`]: round((100 * pool.cpuSec) / pool.wallSec, 1),
    [`${prefix}rounds`]: pool.p99s.length,
    [`${prefix}p99ByRoundMs`]: pool.p99s.join(' / '),
    [`${prefix}gcPauses`]: gc.count,
    [`${prefix}gcMajor`]: gc.major,
    [`${prefix}gcTotalMs`]: round(gc.totalMs, 1),
    [`${prefix}gcMaxMs`]: round(gc.maxMs, 2),
    ...(pool.tails.length > 0 ? { [`${prefix}tailByRound`]: pool.tails.map(describeTail).join(' | ') } : {}),
  }
}

export function describeGc(gc: GcPauses): string {
  return gc.count === 0 ? 'no GC' : `${gc.count} GC pause${gc.count === 1 ? '' : 's'} (${gc.major} major), longest ${round(gc.maxMs, 1)} ms`
}
