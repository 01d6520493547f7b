import { describe, expect, it } from 'vitest'
import { clusterBootstrap, percentile, ratioInterval, sortedCopy } from './stats.ts'

/** 100 edits × 10 readers: `slowEdits` edits reach every reader after 100 ms, the others after 1 ms. */
function deliveries(slowEdits: number): { lat: number[]; edit: number[] } {
  const lat: number[] = []
  const edit: number[] = []
  for (let e = 0; e < 100; e++) {
    for (let r = 0; r < 10; r++) {
      lat.push(e < slowEdits ? 100_000 : 1_000)
      edit.push(e)
    }
  }
  return { lat, edit }
}

describe('clusterBootstrap', () => {
  it('gives every resample the value when all samples are equal (to the 1 % bin)', () => {
    const [p99s] = clusterBootstrap(
      new Array(500).fill(2_500),
      Array.from({ length: 500 }, (_, i) => i),
      [99],
      { resamples: 50 },
    )
    for (const v of p99s!) expect(Math.abs(v - 2_500) / 2_500).toBeLessThan(0.01)
  })

  it('draws the deliveries of one edit together, so a p99 resting on two slow edits is uncertain', () => {
    const { lat, edit } = deliveries(2)
    expect(percentile(sortedCopy(lat), 99)).toBe(100_000)
    const [byEdit] = clusterBootstrap(lat, edit, [99], { resamples: 400 })
    const [byDelivery] = clusterBootstrap(
      lat,
      lat.map((_, i) => i),
      [99],
      { resamples: 400 },
    )
    const low = (resamples: Float64Array) => percentile(sortedCopy(resamples), 5)
    // Drawn by edit, often neither slow edit (or only one: 1 % of the samples) is drawn…
    expect(low(byEdit!)).toBeLessThan(1_100)
    // …drawn delivery by delivery, 20 slow samples in 1,000 almost never fall under 1 %.
    expect(low(byDelivery!)).toBeGreaterThan(90_000)
  })

  it('is reproducible for a seed and differs between seeds', () => {
    const { lat, edit } = deliveries(2)
    const a = clusterBootstrap(lat, edit, [50, 99], { resamples: 100, seed: 7 })
    const b = clusterBootstrap(lat, edit, [50, 99], { resamples: 100, seed: 7 })
    const c = clusterBootstrap(lat, edit, [50, 99], { resamples: 100, seed: 8 })
    expect(Array.from(a[1]!)).toEqual(Array.from(b[1]!))
    expect(Array.from(a[1]!)).not.toEqual(Array.from(c[1]!))
  })

  it('with rounds, draws the rounds too, so a round unlike the others widens the interval', () => {
    // Three rounds of 200 edits × 5 readers; the machine was slower in the last one.
    const lat: number[] = []
    const edit: number[] = []
    const groupEnds: number[] = []
    for (let round = 0; round < 3; round++) {
      for (let e = 0; e < 200; e++) {
        for (let r = 0; r < 5; r++) {
          lat.push((round === 2 ? 3_000 : 1_000) + e)
          edit.push(round * 1_000 + e)
        }
      }
      groupEnds.push(lat.length)
    }
    const spread = (resamples: Float64Array) => {
      const sorted = sortedCopy(resamples)
      return percentile(sorted, 95) / percentile(sorted, 5)
    }
    const [withinRounds] = clusterBootstrap(lat, edit, [50], { resamples: 400 })
    const [acrossRounds] = clusterBootstrap(lat, edit, [50], { resamples: 400, groupEnds })
    expect(spread(withinRounds!)).toBeLessThan(1.2)
    // Some resamples hold the slow round twice or not at all: the median moves with it.
    expect(spread(acrossRounds!)).toBeGreaterThan(2)
  })

  it('returns NaN estimates for no samples', () => {
    const [p99s] = clusterBootstrap([], [], [99], { resamples: 3 })
    expect(Array.from(p99s!).every(Number.isNaN)).toBe(true)
  })
})

describe('ratioInterval', () => {
  it('takes the interval of the paired ratios', () => {
    const a = Array.from({ length: 100 }, (_, i) => 2 + i / 100)
    const b = new Array(100).fill(1)
    const [lo, hi] = ratioInterval(a, b)!
    expect(lo).toBeCloseTo(2.04, 5)
    expect(hi).toBeCloseTo(2.94, 5)
  })

  it('has no interval without resamples', () => {
    expect(ratioInterval([], [])).toBeNull()
  })
})
