import { describe, expect, it } from 'vitest'
import { attributeTail, describeTail, StallProbe, type Stall } from './stalls.ts'

/** 100 edits sent 50 ms apart (from t = 0 µs), 10 readers each; edits in `slow` take 20 ms, the rest 2 ms. */
function window(slow: Set<number>): { lat: number[]; sent: number[] } {
  const lat: number[] = []
  const sent: number[] = []
  for (let e = 0; e < 100; e++) {
    for (let r = 0; r < 10; r++) {
      sent.push(e * 50_000)
      lat.push(slow.has(e) ? 20_000 : 2_000)
    }
  }
  return { lat, sent }
}

const stall = (startMs: number, endMs: number, busy = 1, waiting: number | null = 0, blocked: number | null = 0): Stall => ({
  startUs: startMs * 1000,
  endUs: endMs * 1000,
  busy,
  waiting,
  blocked,
})

describe('attributeTail', () => {
  it('puts the slow edits in the server stall they overlap, and none in a stall elsewhere', () => {
    const { lat, sent } = window(new Set([10, 40]))
    // Edit 10 is sent at 500 ms, edit 40 at 2,000 ms.
    const server = [stall(505, 518, 0.6, 0.2, 0.1), stall(3_010, 3_020)] // the second between two edits' deliveries
    const loadgen = [stall(4_000, 4_005, 0.5)] // overlaps edit 80, a fast one
    const a = attributeTail(lat, sent, 20_000, server, loadgen)
    expect(a.tail).toBe(20)
    expect(a.server).toBe(10) // edit 10's deliveries; edit 40 overlaps no stall
    expect(a.loadgen).toBe(0)
    expect(a.allServerPct).toBeCloseTo(1) // 10 of 1,000 deliveries
    expect(a.allLoadgenPct).toBeCloseTo(1)
    expect(a.serverBusyPct).toBeCloseTo(60)
    expect(a.serverWaitingPct).toBeCloseTo(20)
    expect(a.serverBlockedPct).toBeCloseTo(10)
    expect(a.longestServerMs).toBeCloseTo(12) // 13 ms stretch less the 1 ms interval
    expect(a.longestLoadgenMs).toBeCloseTo(4)
    expect(describeTail(a)).toBe(
      'slowest 20: 50 % (all 1 %) in a server stall (busy 60 %, waiting 20 %, blocked 10 %), 0 % (all 1 %) in a load-generator stall; longest 12.0 / 4.0 ms',
    )
  })

  it('finds an overlap among many stalls of several load generators, unsorted', () => {
    const { lat, sent } = window(new Set([99]))
    const loadgen = [stall(4_960, 4_962), ...Array.from({ length: 500 }, (_, i) => stall(i * 9, i * 9 + 3)), stall(4_951, 4_953)]
    const a = attributeTail(lat, sent, 20_000, [], loadgen)
    expect(a.tail).toBe(10)
    expect(a.loadgen).toBe(10) // edit 99: [4,950, 4,970] ms
    expect(a.server).toBe(0)
    expect(a.serverBusyPct).toBe(0)
  })

  it('leaves the run-queue share out where a stall has none', () => {
    const { lat, sent } = window(new Set([10]))
    const a = attributeTail(lat, sent, 20_000, [stall(505, 518, 0.5, null, null)], [])
    expect(a.serverWaitingPct).toBeNull()
    expect(describeTail(a)).toContain('in a server stall (busy 50 %), ')
  })
})

describe('StallProbe', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  /** The probe's one stall of ≥ 25 ms after `block` held the loop for 30 ms. */
  async function stallOf(probe: StallProbe, block: () => void): Promise<Stall> {
    await sleep(20)
    probe.take()
    block()
    await sleep(20)
    const long = probe.take().filter((s) => s.endUs - s.startUs >= 25_000)
    expect(long).toHaveLength(1)
    return long[0]!
  }

  it('tells a loop busy on a CPU from one asleep in a blocking call', async () => {
    const probe = new StallProbe()
    const spun = await stallOf(probe, () => {
      const end = performance.now() + 30
      while (performance.now() < end);
    })
    // On a CPU, or runnable and waiting for one (a busy machine): never asleep.
    expect(spun.busy + (spun.waiting ?? 0)).toBeGreaterThan(0.7)
    const slept = await stallOf(probe, () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30))
    expect(slept.busy).toBeLessThan(0.3)
    if (process.platform === 'linux') {
      expect(spun.blocked).toBeLessThan(0.2)
      expect(slept.blocked).toBeGreaterThan(0.6)
      expect(slept.busy + slept.waiting!).toBeLessThan(0.3)
    }
  })
})
