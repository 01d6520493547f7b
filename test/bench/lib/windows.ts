// A measured window (its latencies, edits, server CPU/RSS and GC pauses) and the pooling of one
// server's windows over the rounds of a scenario: what (1) and (2) report.
import type { Metrics } from '../scenarios.ts'
import type { GcPauses } from '../servers/common.ts'
import type { Usage } from './proc.ts'
import { percentile, round, sortedCopy } from './stats.ts'

export interface MeasuredWindow {
  /** Every (edit, reader) latency, µs. */
  lat: number[]
  edits: number
  usage: Usage
  gc: GcPauses
}

/** One server's windows of one kind (one N, or the many rooms), pooled over the rounds so far. */
export interface WindowPool {
  lat: number[]
  edits: number
  cpuSec: number
  wallSec: number
  peakRssKb: number
  /** Each round alone: its p99 (ms) and its server CPU per 1,000 edits (ms). */
  p99s: number[]
  cpuPerKiloEdit: number[]
  gc: GcPauses
}

export function poolWindow(before: WindowPool | undefined, w: MeasuredWindow): WindowPool {
  return {
    lat: before ? before.lat.concat(w.lat) : w.lat,
    edits: (before?.edits ?? 0) + w.edits,
    cpuSec: (before?.cpuSec ?? 0) + w.usage.cpuSec,
    wallSec: (before?.wallSec ?? 0) + w.usage.wallSec,
    peakRssKb: Math.max(before?.peakRssKb ?? 0, w.usage.peakRssKb),
    p99s: [...(before?.p99s ?? []), round(percentile(sortedCopy(w.lat), 99) / 1000, 2)],
    cpuPerKiloEdit: [...(before?.cpuPerKiloEdit ?? []), round((w.usage.cpuSec * 1e6) / w.edits, 1)],
    gc: before ? addGcPauses(before.gc, w.gc) : w.gc,
  }
}

function addGcPauses(a: GcPauses, b: GcPauses): GcPauses {
  return { count: a.count + b.count, totalMs: a.totalMs + b.totalMs, maxMs: Math.max(a.maxMs, b.maxMs), major: a.major + b.major }
}

function latencyMetrics(prefix: string, latUs: number[], expected: number): Metrics {
  const sorted = sortedCopy(latUs)
  return {
    [`${prefix}p50Ms`]: round(percentile(sorted, 50) / 1000, 3),
    [`${prefix}p95Ms`]: round(percentile(sorted, 95) / 1000, 3),
    [`${prefix}p99Ms`]: round(percentile(sorted, 99) / 1000, 3),
    [`${prefix}maxMs`]: round(percentile(sorted, 100) / 1000, 3),
    [`${prefix}samples`]: latUs.length,
    [`${prefix}deliveredPct`]: expected > 0 ? round((100 * latUs.length) / expected, 2) : null,
  }
}

/** What (1) and (2) both report of a pool; `deliveriesPerEdit` = readers per writer. */
export function poolMetrics(prefix: string, pool: WindowPool, deliveriesPerEdit: number): Metrics {
  const { gc } = pool
  return {
    ...latencyMetrics(prefix, pool.lat, pool.edits * deliveriesPerEdit),
    [`${prefix}edits`]: pool.edits,
    [`${prefix}serverCpuPct`]: round((100 * pool.cpuSec) / pool.wallSec, 1),
    [`${prefix}rounds`]: pool.p99s.length,
    [`${prefix}p99ByRoundMs`]: pool.p99s.join(' / '),
    [`${prefix}gcPauses`]: gc.count,
    [`${prefix}gcMajor`]: gc.major,
    [`${prefix}gcTotalMs`]: round(gc.totalMs, 1),
    [`${prefix}gcMaxMs`]: round(gc.maxMs, 2),
  }
}

export function describeGc(gc: GcPauses): string {
  return gc.count === 0 ? 'no GC' : `${gc.count} GC pause${gc.count === 1 ? '' : 's'} (${gc.major} major), longest ${round(gc.maxMs, 1)} ms`
}
