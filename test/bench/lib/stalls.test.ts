import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { attributeTail, describeTail, StallProbe, ThreadRunProbe, type ThreadRun, type Stall } from './stalls.ts'

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
    const a = attributeTail(lat, sent, 20_000, { server, loadgen, kernel: [] })
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
      "slowest 20: 50 % (all 1 %) in a server stall (busy 60 %, waiting 20 %, blocked 10 %), 0 % (all 1 %) in a load-generator stall, 0 % (all 0 %) in a kernel thread's run; longest 12.0 / 4.0 / 0.0 ms",
    )
  })

  it('finds an overlap among many stalls of several load generators, unsorted', () => {
    const { lat, sent } = window(new Set([99]))
    const loadgen = [stall(4_960, 4_962), ...Array.from({ length: 500 }, (_, i) => stall(i * 9, i * 9 + 3)), stall(4_951, 4_953)]
    const a = attributeTail(lat, sent, 20_000, { server: [], loadgen, kernel: [] })
    expect(a.tail).toBe(10)
    expect(a.loadgen).toBe(10) // edit 99: [4,950, 4,970] ms
    expect(a.server).toBe(0)
    expect(a.serverBusyPct).toBe(0)
  })

  it('puts a slow edit in the kernel thread run it overlaps, naming the thread', () => {
    const { lat, sent } = window(new Set([10, 40]))
    const run = (startMs: number, endMs: number, thread: string, cpuMs: number): ThreadRun => ({
      startUs: startMs * 1000,
      endUs: endMs * 1000,
      thread,
      cpuUs: cpuMs * 1000,
    })
    // Edit 40 (sent at 2,000 ms, delivered by 2,020) meets kdamond; kswapd runs between edits.
    const kernel = [run(2_010, 2_014, 'kdamond.0', 3.6), run(3_005, 3_030, 'kswapd0', 4)]
    const a = attributeTail(lat, sent, 20_000, { server: [], loadgen: [], kernel })
    expect(a.kernel).toBe(10)
    expect(a.allKernelPct).toBeCloseTo(1)
    expect(a.kernelThreads).toEqual(['kdamond.0'])
    expect(a.longestKernelMs).toBeCloseTo(4)
    expect(describeTail(a)).toContain("50 % (all 1 %) in a kernel thread's run (kdamond.0); longest 0.0 / 0.0 / 4.0 ms")
  })

  it('leaves the run-queue share out where a stall has none', () => {
    const { lat, sent } = window(new Set([10]))
    const a = attributeTail(lat, sent, 20_000, { server: [stall(505, 518, 0.5, null, null)], loadgen: [], kernel: [] })
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

describe('ThreadRunProbe', () => {
  it.runIf(process.platform === 'linux')('records the stretch in which a watched thread ran, with the CPU time it took', async () => {
    // A child that says it is ready, idles 100 ms, spins for 60 ms of CPU time (however busy the
    // machine), then idles 150 ms: its main thread is watched.
    const spin = 'const from = process.cpuUsage(); while (process.cpuUsage(from).user + process.cpuUsage(from).system < 60000);'
    const script = `console.log("ready"); setTimeout(() => { ${spin} setTimeout(() => {}, 150) }, 100)`
    const child = spawn(process.execPath, ['-e', script])
    await new Promise((resolve) => child.stdout.once('data', resolve))
    const probe = ThreadRunProbe.forThreads([{ tid: child.pid!, name: 'spinner' }])!
    expect(probe.watched).toEqual(['spinner'])
    await new Promise((resolve) => child.once('exit', resolve))
    await new Promise((resolve) => setTimeout(resolve, 20)) // past the gap that ends a run
    probe.stop()
    const runs = probe.take()
    expect(runs.length).toBeGreaterThan(0)
    for (const run of runs) {
      expect(run.thread).toBe('spinner')
      // The stretch spans the CPU time it holds, give or take one step (see below).
      expect(run.endUs - run.startUs).toBeGreaterThan(run.cpuUs - 5_000)
    }
    // One run, unless a busy machine kept the spinner off a core for longer than the gap. Its CPU
    // time comes in scheduler-tick steps (4 ms here), so the sum is 60 ms give or take a few steps.
    const cpu = runs.reduce((sum, r) => sum + r.cpuUs, 0)
    expect(cpu).toBeGreaterThan(40_000)
    expect(cpu).toBeLessThan(90_000)
    expect(runs.at(-1)!.endUs - runs[0]!.startUs).toBeLessThan(400_000)
  })

  it.runIf(process.platform === 'linux')('does not chain short bursts into a run', async () => {
    // 0.2 ms of CPU every ~2 ms, 75 times: 15 ms of CPU over ~170 ms, never a millisecond at a
    // stretch. Chained, they would make one run of ≥ 15 ms; Node's own odd millisecond (a
    // scavenge, say) may still show as a short run.
    const burst = 'const from = process.cpuUsage(); while (process.cpuUsage(from).user + process.cpuUsage(from).system < 200);'
    const script = `console.log("ready"); let n = 0; const tick = () => { ${burst} if (++n < 75) setTimeout(tick, 2); else { console.log("done"); setTimeout(() => {}, 10_000) } }; setTimeout(tick, 20)`
    const child = spawn(process.execPath, ['-e', script])
    const lines: string[] = []
    const said = (word: string) =>
      new Promise<void>((resolve) => {
        const check = () => (lines.join('').includes(word) ? resolve() : child.stdout.once('data', (d: Buffer) => (lines.push(d.toString()), check())))
        check()
      })
    await said('ready')
    const probe = ThreadRunProbe.forThreads([{ tid: child.pid!, name: 'bursts' }])!
    await said('done')
    await new Promise((resolve) => setTimeout(resolve, 20))
    probe.stop()
    child.kill('SIGKILL')
    const runs = probe.take()
    expect(runs.reduce((max, r) => Math.max(max, r.cpuUs), 0)).toBeLessThan(6_000)
  })

  it.runIf(process.platform === 'linux')("finds the machine's kernel threads by name, and none that do not exist", () => {
    const none = ThreadRunProbe.forKernelThreads(/^no-such-kernel-thread$/)
    expect(none).toBeNull()
    const softirq = ThreadRunProbe.forKernelThreads(/^ksoftirqd\//)
    // Every Linux machine has one ksoftirqd per CPU.
    expect(softirq?.watched.length).toBeGreaterThan(0)
    softirq?.stop()
  })
})
