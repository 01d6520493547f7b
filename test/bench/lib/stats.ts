// Percentiles over raw samples (nearest-rank), and number formatting for the report.

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!
}

export function sortedCopy(values: Iterable<number>): Float64Array {
  const array = Float64Array.from(values)
  array.sort()
  return array
}

export function median(values: number[]): number {
  return percentile(sortedCopy(values), 50)
}

export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value
  const f = 10 ** digits
  return Math.round(value * f) / f
}

/** 3 significant digits, no exponent; '—' for missing. */
export function fmt(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  const abs = Math.abs(value)
  if (abs >= 100) return value.toFixed(0)
  if (abs >= 10) return value.toFixed(1)
  if (abs >= 1) return value.toFixed(2)
  return value.toFixed(3)
}

/** Latencies are binned 1 % wide on a log scale for resampling: a bin's index and its value. */
const BIN_WIDTH = Math.log(1.01)
const binOf = (value: number) => Math.max(0, Math.round(Math.log(Math.max(value, 1)) / BIN_WIDTH))
const binValue = (bin: number) => Math.exp(bin * BIN_WIDTH)

/** A small seeded PRNG (mulberry32): the same run resamples the same way. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export interface BootstrapOptions {
  /** Default 200. */
  resamples?: number
  /** Default 1. */
  seed?: number
  /**
   * The samples come in consecutive groups (a benchmark's rounds) ending before these indices,
   * each group with its own clusters. Each resample then first draws the groups, then the
   * clusters within each drawn group; so the interval also spans what differs between rounds
   * (the machine's drift), not only the sampling of edits within them. Default: one group.
   */
  groupEnds?: number[]
}

/**
 * Percentiles of `values` on bootstrap resamples, drawn by cluster: the samples that share a
 * key (the deliveries of one edit to every reader) are drawn together, because a stall delays
 * all of them at once — resampling deliveries one by one would pretend a p99 of 6,000
 * deliveries rests on 6,000 independent draws when it rests on ~600 edits. Optionally in two
 * stages, groups then clusters (see `groupEnds`). Values are binned 1 % wide. Returns, per
 * requested percentile, one estimate per resample.
 */
export function clusterBootstrap(
  values: ArrayLike<number>,
  keys: ArrayLike<number>,
  percentiles: number[],
  { resamples = 200, seed = 1, groupEnds = [values.length] }: BootstrapOptions = {},
): Float64Array[] {
  // Cluster ids in order of first appearance; a group's clusters get consecutive ids
  // (groupFirst[g] ..< groupFirst[g + 1]), as long as no key spans two groups.
  const clusterOf = new Map<number, number>()
  const clusterIds = new Int32Array(values.length)
  const groupFirst: number[] = [0]
  let i = 0
  for (const end of groupEnds) {
    for (; i < end; i++) {
      let c = clusterOf.get(keys[i]!)
      if (c === undefined) clusterOf.set(keys[i]!, (c = clusterOf.size))
      clusterIds[i] = c
    }
    groupFirst.push(clusterOf.size)
  }
  const clusters = clusterOf.size
  // Samples grouped by cluster (counting sort): cluster c's bins are bins[start[c] .. start[c + 1]).
  const start = new Int32Array(clusters + 1)
  for (let i = 0; i < values.length; i++) start[clusterIds[i]! + 1]!++
  for (let c = 0; c < clusters; c++) start[c + 1]! += start[c]!
  const bins = new Int32Array(values.length)
  const fill = start.slice(0, clusters)
  let maxBin = 0
  for (let i = 0; i < values.length; i++) {
    const bin = binOf(values[i]!)
    bins[fill[clusterIds[i]!]!++] = bin
    if (bin > maxBin) maxBin = bin
  }
  const out = percentiles.map(() => new Float64Array(resamples))
  if (clusters === 0) return out.map((a) => a.fill(NaN))
  const groups = groupEnds.length
  const random = seededRandom(seed)
  const counts = new Float64Array(maxBin + 1)
  for (let r = 0; r < resamples; r++) {
    counts.fill(0)
    let total = 0
    for (let k = 0; k < groups; k++) {
      const g = groups === 1 ? 0 : Math.floor(random() * groups)
      const first = groupFirst[g]!
      const n = groupFirst[g + 1]! - first
      for (let j = 0; j < n; j++) {
        const c = first + Math.floor(random() * n)
        for (let b = start[c]!; b < start[c + 1]!; b++) counts[bins[b]!]!++
        total += start[c + 1]! - start[c]!
      }
    }
    percentiles.forEach((p, i) => {
      if (total === 0) return void (out[i]![r] = NaN)
      const rank = Math.max(1, Math.ceil((p / 100) * total))
      let seen = 0
      let bin = 0
      while (bin < maxBin && seen + counts[bin]! < rank) seen += counts[bin++]!
      out[i]![r] = binValue(bin)
    })
  }
  return out
}

/** The `lo`–`hi` percentile interval of `ratios` of paired resamples a[i] / b[i]. */
export function ratioInterval(a: ArrayLike<number>, b: ArrayLike<number>, lo = 5, hi = 95): [number, number] | null {
  const n = Math.min(a.length, b.length)
  const ratios: number[] = []
  for (let i = 0; i < n; i++) if (b[i]! > 0 && Number.isFinite(a[i]!)) ratios.push(a[i]! / b[i]!)
  if (ratios.length === 0) return null
  const sorted = sortedCopy(ratios)
  return [percentile(sorted, lo), percentile(sorted, hi)]
}
