// The event-loop stall probe of `pnpm bench -- --stalls`: a 1 ms timer in every server and
// load-generator process that records each stretch the loop could not run it for. Matched
// against the slowest deliveries of a window (attributeTail), it tells a server's stall from a
// load generator's from neither (the kernel, the network path, the machine). Beside it, in the
// harness's own process, the kernel-thread probe records when one of the machine's kernel
// threads (DAMON's kdamond, kswapd, kcompactd, ksoftirqd) held a core for milliseconds. Off by
// default: 1,000 wake-ups a second cost each process some CPU, and the table's CPU figures
// would carry it.
import * as fs from 'node:fs'
import { nowUs } from './wire.ts'

/** A stretch of time (hrtime µs, shared by every process on the machine) with the loop blocked. */
export interface Stall {
  startUs: number
  endUs: number
  /**
   * Shares of the stretch, from the main thread's scheduler statistics (Linux
   * /proc/thread-self/schedstat): `busy` on a CPU (its own work or a GC); `waiting` runnable
   * but waiting for a core (the machine was busy); `blocked` asleep beyond the timer's own
   * interval, that is inside a blocking call (a synchronous write waiting on the file system,
   * say). The rest is the interval the loop sleeps anyway. Where the kernel keeps no such
   * statistics, `busy` is the whole process's CPU time and the others are null.
   */
  busy: number
  waiting: number | null
  blocked: number | null
}

export const STALL_PROBE_ENV = 'BENCH_STALL_PROBE'
const INTERVAL_MS = 1
/** Lateness below this is the timer's own jitter, not a stall. */
const MIN_STALL_US = 2_000

export class StallProbe {
  private stalls: Stall[] = []
  private readonly sched = SchedStat.open()
  private last = nowUs()
  private lastTimes = this.times()

  constructor() {
    const timer = setInterval(() => {
      const now = nowUs()
      const times = this.times()
      // The loop was blocked somewhere in [last, now] for about the lateness.
      const span = now - this.last
      if (span - INTERVAL_MS * 1000 >= MIN_STALL_US) {
        const share = (us: number) => Math.min(1, Math.max(0, us / span))
        const cpu = times.cpuUs - this.lastTimes.cpuUs
        // Both readings come from the one source chosen at construction: both null or neither.
        const wait = times.waitUs === null ? null : times.waitUs - this.lastTimes.waitUs!
        this.stalls.push({
          startUs: this.last,
          endUs: now,
          busy: share(cpu),
          waiting: wait === null ? null : share(wait),
          blocked: wait === null ? null : share(span - cpu - wait - INTERVAL_MS * 1000),
        })
      }
      this.last = now
      this.lastTimes = times
    }, INTERVAL_MS)
    timer.unref() // never keeps a process alive
  }

  private times(): { cpuUs: number; waitUs: number | null } {
    return this.sched ? this.sched.read() : { cpuUs: processCpuUs(), waitUs: null }
  }

  /** The stalls since the last call. */
  take(): Stall[] {
    const out = this.stalls
    this.stalls = []
    return out
  }
}

function processCpuUs(): number {
  const { user, system } = process.cpuUsage()
  return user + system
}

/** A thread's time on a CPU and waiting on a run queue, read with one pread(2) of its schedstat file kept open. */
class SchedStat {
  private readonly buf = Buffer.alloc(128)
  private constructor(private readonly fd: number) {}

  /** For `file`, by default the calling thread's (the main thread: the event loop); null where Linux keeps no schedstat. */
  static open(file = '/proc/thread-self/schedstat'): SchedStat | null {
    let probe: SchedStat | null = null
    try {
      probe = new SchedStat(fs.openSync(file, 'r'))
      const first = probe.read()
      if (Number.isFinite(first.cpuUs) && Number.isFinite(first.waitUs)) return probe
    } catch {
      // no such file, or the thread is gone
    }
    probe?.close()
    return null
  }

  /** "<on-cpu ns> <run-queue wait ns> <timeslices>"; throws once another thread has exited. */
  read(): { cpuUs: number; waitUs: number } {
    const n = fs.readSync(this.fd, this.buf, 0, this.buf.length, 0)
    const [cpu, wait] = this.buf.toString('latin1', 0, n).split(' ')
    return { cpuUs: Number(cpu) / 1000, waitUs: Number(wait) / 1000 }
  }

  close(): void {
    fs.closeSync(this.fd)
  }
}

/** A stretch (hrtime µs) in which a kernel thread ran for `cpuUs` of CPU time. */
export interface ThreadRun {
  startUs: number
  endUs: number
  thread: string
  cpuUs: number
}

/** The kernel threads watched by default: memory monitoring and reclaim, compaction, deferred softirqs. */
export const KERNEL_THREADS = /^(kdamond|kswapd|kcompactd|ksoftirqd)/
/**
 * Linux brings another CPU's running thread's CPU time up to date only at its scheduler ticks
 * (every 4 ms here), so a run shows as steps; steps this close together are one run.
 */
const KERNEL_RUN_GAP_US = 6_000
/**
 * Smaller steps are left out: a thread that runs in short bursts (ksoftirqd under network
 * load) would otherwise chain them into one long, sparse "run".
 */
const KERNEL_MIN_STEP_US = 500
/** Runs shorter than this in all are not kept (as MIN_STALL_US for stalls). */
const MIN_KERNEL_RUN_US = 2_000

/**
 * Samples the CPU time of some threads (`/proc/<tid>/schedstat`, one pread each) every
 * millisecond and keeps each stretch in which one of them ran (its CPU time advancing by
 * steps of at least KERNEL_MIN_STEP_US, at most KERNEL_RUN_GAP_US apart), with the CPU time it used. Meant for the machine's kernel
 * threads (`forKernelThreads`): one that holds one of two cores for 3 ms while a load
 * generator holds the other makes a server wait that long.
 */
export class ThreadRunProbe {
  private runs: ThreadRun[] = []
  /** Index for index with `threads`: the run under way. */
  private readonly open: (ThreadRun | undefined)[]
  private readonly last: number[]
  private readonly timer: NodeJS.Timeout

  private constructor(private readonly threads: { name: string; stat: SchedStat }[]) {
    this.last = threads.map((t) => t.stat.read().cpuUs)
    this.open = threads.map(() => undefined)
    this.timer = setInterval(() => this.tick(), INTERVAL_MS)
    this.timer.unref()
  }

  /** Watches the threads with these ids (named for the report); null where Linux keeps no schedstat. */
  static forThreads(threads: { tid: number; name: string }[]): ThreadRunProbe | null {
    const opened: { name: string; stat: SchedStat }[] = []
    for (const { tid, name } of threads) {
      const stat = SchedStat.open(`/proc/${tid}/schedstat`)
      if (stat) opened.push({ name, stat })
    }
    return opened.length === 0 ? null : new ThreadRunProbe(opened)
  }

  /** Watches the kernel threads (children of kthreadd) whose names match `pattern`. */
  static forKernelThreads(pattern: RegExp = KERNEL_THREADS): ThreadRunProbe | null {
    const threads: { tid: number; name: string }[] = []
    let entries: string[]
    try {
      entries = fs.readdirSync('/proc')
    } catch {
      return null
    }
    for (const entry of entries) {
      if (!/^\d+$/.test(entry)) continue
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'latin1')
        const close = stat.lastIndexOf(')')
        const name = stat.slice(stat.indexOf('(') + 1, close)
        const ppid = Number(stat.slice(close + 2).split(' ')[1])
        if (ppid === 2 && pattern.test(name)) threads.push({ tid: Number(entry), name })
      } catch {
        // gone meanwhile
      }
    }
    return ThreadRunProbe.forThreads(threads)
  }

  /** The names of the threads watched. */
  get watched(): string[] {
    return this.threads.map((t) => t.name)
  }

  private tick(): void {
    const now = nowUs()
    this.threads.forEach(({ name, stat }, i) => {
      let cpu: number
      try {
        cpu = stat.read().cpuUs
      } catch {
        cpu = Number.NaN // an exited thread has run its last: an open run ends when the gap has passed
      }
      const step = Number.isFinite(cpu) ? cpu - this.last[i]! : 0
      if (Number.isFinite(cpu)) this.last[i] = cpu
      const ran = step >= KERNEL_MIN_STEP_US ? step : 0
      let run = this.open[i]
      if (run && (ran > 0 ? now - run.endUs > KERNEL_RUN_GAP_US + ran : now - run.endUs > KERNEL_RUN_GAP_US)) {
        this.open[i] = undefined
        if (run.cpuUs >= MIN_KERNEL_RUN_US) this.runs.push(run)
        run = undefined
      }
      if (ran <= 0) return
      // The CPU time reported now was used in the stretch just before.
      if (run) {
        run.endUs = now
        run.cpuUs += ran
      } else {
        this.open[i] = { startUs: now - ran, endUs: now, thread: name, cpuUs: ran }
      }
    })
  }

  /** The finished runs since the last call. */
  take(): ThreadRun[] {
    const out = this.runs
    this.runs = []
    return out
  }

  stop(): void {
    clearInterval(this.timer)
    for (const { stat } of this.threads) stat.close()
  }
}

/** The probe when the run asked for one (`--stalls` sets the variable for every child process). */
export function startStallProbe(): StallProbe | null {
  return process.env[STALL_PROBE_ENV] === '1' ? new StallProbe() : null
}

/** One measured window's stalls: the server's and every load generator's. */
export interface WindowStalls {
  server: Stall[]
  loadgen: Stall[]
  /** The machine's kernel threads' runs (ThreadRunProbe.forKernelThreads), where it could watch them. */
  kernel: ThreadRun[]
}

export interface TailAttribution {
  /** Deliveries at or above the window's p99. */
  tail: number
  /** …whose [sent, received] overlaps a stall of the server / of a load generator (either may hold both). */
  server: number
  loadgen: number
  /** The same shares of all the window's deliveries: what chance alone would give the tail. */
  allServerPct: number
  allLoadgenPct: number
  longestServerMs: number
  longestLoadgenMs: number
  /** Of the server's stalls that the tail overlaps, the shares of Stall (busy, waiting, blocked), time-weighted. */
  serverBusyPct: number
  /** Null where the stalls carry no scheduler statistics. */
  serverWaitingPct: number | null
  serverBlockedPct: number | null
  /** …whose [sent, received] overlaps a kernel thread's run, and the same share of all deliveries. */
  kernel: number
  allKernelPct: number
  longestKernelMs: number
  /** The kernel threads whose runs the tail overlaps, most deliveries first. */
  kernelThreads: string[]
}

/** Which of a window's slowest 1 % of deliveries overlap a server or a load-generator stall, or a kernel thread's run. */
export function attributeTail(lat: number[], sent: number[], p99Us: number, { server, loadgen, kernel }: WindowStalls): TailAttribution {
  const overlapping = overlapFinder(server)
  const overlappingLoadgen = overlapFinder(loadgen)
  const overlappingKernel = overlapFinder(kernel)
  const longest = (stalls: Stall[]) => stalls.reduce((max, s) => Math.max(max, s.endUs - s.startUs - INTERVAL_MS * 1000), 0) / 1000
  let allServer = 0
  let allLoadgen = 0
  let allKernel = 0
  const tailServerStalls = new Set<Stall>()
  const tailKernelThreads = new Map<string, number>()
  const out: TailAttribution = {
    tail: 0,
    server: 0,
    loadgen: 0,
    allServerPct: 0,
    allLoadgenPct: 0,
    longestServerMs: longest(server),
    longestLoadgenMs: longest(loadgen),
    serverBusyPct: 0,
    serverWaitingPct: null,
    serverBlockedPct: null,
    kernel: 0,
    allKernelPct: 0,
    longestKernelMs: kernel.reduce((max, r) => Math.max(max, r.cpuUs), 0) / 1000,
    kernelThreads: [],
  }
  for (let i = 0; i < lat.length; i++) {
    const from = sent[i]!
    const to = from + lat[i]!
    const inServer = overlapping(from, to)
    const inLoadgen = overlappingLoadgen(from, to) !== undefined
    const inKernel = overlappingKernel(from, to)
    if (inServer) allServer++
    if (inLoadgen) allLoadgen++
    if (inKernel) allKernel++
    if (lat[i]! < p99Us) continue
    out.tail++
    if (inServer) {
      out.server++
      tailServerStalls.add(inServer)
    }
    if (inLoadgen) out.loadgen++
    if (inKernel) {
      out.kernel++
      tailKernelThreads.set(inKernel.thread, (tailKernelThreads.get(inKernel.thread) ?? 0) + 1)
    }
  }
  const share = (n: number) => (lat.length === 0 ? 0 : (100 * n) / lat.length)
  out.allServerPct = share(allServer)
  out.allLoadgenPct = share(allLoadgen)
  out.allKernelPct = share(allKernel)
  out.kernelThreads = [...tailKernelThreads].sort((a, b) => b[1] - a[1]).map(([thread]) => thread)
  let stalled = 0
  let busy = 0
  let waiting: number | null = 0
  let blocked: number | null = 0
  for (const s of tailServerStalls) {
    const length = s.endUs - s.startUs
    stalled += length
    busy += s.busy * length
    waiting = waiting === null || s.waiting === null ? null : waiting + s.waiting * length
    blocked = blocked === null || s.blocked === null ? null : blocked + s.blocked * length
  }
  const pct = (part: number | null) => (stalled === 0 || part === null ? null : (100 * part) / stalled)
  out.serverBusyPct = pct(busy) ?? 0
  out.serverWaitingPct = pct(waiting)
  out.serverBlockedPct = pct(blocked)
  return out
}

/** A lookup of the stall overlapping [from, to), over `stalls` sorted by start (a binary search, then back over at most the longest stall's length). */
function overlapFinder<T extends { startUs: number; endUs: number }>(stalls: T[]): (from: number, to: number) => T | undefined {
  const sorted = [...stalls].sort((a, b) => a.startUs - b.startUs)
  const maxLength = sorted.reduce((max, s) => Math.max(max, s.endUs - s.startUs), 0)
  return (from, to) => {
    let lo = 0
    let hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (sorted[mid]!.startUs < to) lo = mid + 1
      else hi = mid
    }
    for (let i = lo - 1; i >= 0 && sorted[i]!.startUs >= from - maxLength; i--) if (sorted[i]!.endUs > from) return sorted[i]
    return undefined
  }
}

/**
 * `slowest 200: 45 % (all 8 %) in a server stall (busy 60 %, waiting 20 %, blocked 10 %), 5 % (all 6 %)
 * in a load-generator stall, 30 % (all 2 %) in a kernel thread's run (kdamond.0); longest 11.2 / 3.1 / 3.6 ms`
 * — the shares leave out the timer's own interval; a kernel run's length is the CPU time it took.
 */
export function describeTail(a: TailAttribution): string {
  const pct = (n: number) => (a.tail === 0 ? 0 : Math.round((100 * n) / a.tail))
  const shares =
    a.serverWaitingPct === null || a.serverBlockedPct === null
      ? `busy ${Math.round(a.serverBusyPct)} %`
      : `busy ${Math.round(a.serverBusyPct)} %, waiting ${Math.round(a.serverWaitingPct)} %, blocked ${Math.round(a.serverBlockedPct)} %`
  const threads = a.kernelThreads.length === 0 ? '' : ` (${a.kernelThreads.join(', ')})`
  return (
    `slowest ${a.tail}: ${pct(a.server)} % (all ${Math.round(a.allServerPct)} %) in a server stall (${shares}), ` +
    `${pct(a.loadgen)} % (all ${Math.round(a.allLoadgenPct)} %) in a load-generator stall, ` +
    `${pct(a.kernel)} % (all ${Math.round(a.allKernelPct)} %) in a kernel thread's run${threads}; ` +
    `longest ${a.longestServerMs.toFixed(1)} / ${a.longestLoadgenMs.toFixed(1)} / ${a.longestKernelMs.toFixed(1)} ms`
  )
}
