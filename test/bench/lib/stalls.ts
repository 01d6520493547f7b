// The event-loop stall probe of `pnpm bench -- --stalls`: a 1 ms timer in every server and
// load-generator process that records each stretch the loop could not run it for. Matched
// against the slowest deliveries of a window (attributeTail), it tells a server's stall from a
// load generator's from neither (the kernel, the network path, the machine). Off by default:
// 1,000 wake-ups a second cost each process some CPU, and the table's CPU figures would carry it.
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

/** The calling thread's time on a CPU and waiting on a run queue, read with one pread(2). */
class SchedStat {
  private readonly buf = Buffer.alloc(128)
  private constructor(private readonly fd: number) {}

  /** For the thread that calls it (the main thread: the event loop); null where Linux keeps no schedstat. */
  static open(): SchedStat | null {
    try {
      const probe = new SchedStat(fs.openSync('/proc/thread-self/schedstat', 'r'))
      const first = probe.read()
      return Number.isFinite(first.cpuUs) && Number.isFinite(first.waitUs) ? probe : null
    } catch {
      return null
    }
  }

  /** "<on-cpu ns> <run-queue wait ns> <timeslices>" */
  read(): { cpuUs: number; waitUs: number } {
    const n = fs.readSync(this.fd, this.buf, 0, this.buf.length, 0)
    const [cpu, wait] = this.buf.toString('latin1', 0, n).split(' ')
    return { cpuUs: Number(cpu) / 1000, waitUs: Number(wait) / 1000 }
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
}

/** Which of a window's slowest 1 % of deliveries overlap a server or a load-generator stall. */
export function attributeTail(lat: number[], sent: number[], p99Us: number, server: Stall[], loadgen: Stall[]): TailAttribution {
  const overlapping = overlapFinder(server)
  const overlappingLoadgen = overlapFinder(loadgen)
  const longest = (stalls: Stall[]) => stalls.reduce((max, s) => Math.max(max, s.endUs - s.startUs - INTERVAL_MS * 1000), 0) / 1000
  let allServer = 0
  let allLoadgen = 0
  const tailServerStalls = new Set<Stall>()
  const out: TailAttribution = {
    tail: 0, server: 0, loadgen: 0, allServerPct: 0, allLoadgenPct: 0, longestServerMs: longest(server), longestLoadgenMs: longest(loadgen), serverBusyPct: 0, serverWaitingPct: null, serverBlockedPct: null,
  }
  for (let i = 0; i < lat.length; i++) {
    const from = sent[i]!
    const to = from + lat[i]!
    const inServer = overlapping(from, to)
    const inLoadgen = overlappingLoadgen(from, to) !== undefined
    if (inServer) allServer++
    if (inLoadgen) allLoadgen++
    if (lat[i]! < p99Us) continue
    out.tail++
    if (inServer) {
      out.server++
      tailServerStalls.add(inServer)
    }
    if (inLoadgen) out.loadgen++
  }
  out.allServerPct = lat.length === 0 ? 0 : (100 * allServer) / lat.length
  out.allLoadgenPct = lat.length === 0 ? 0 : (100 * allLoadgen) / lat.length
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
function overlapFinder(stalls: Stall[]): (from: number, to: number) => Stall | undefined {
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
 * in a load-generator stall; longest 11.2 / 3.1 ms` — the shares leave out the timer's own interval.
 */
export function describeTail(a: TailAttribution): string {
  const pct = (n: number) => (a.tail === 0 ? 0 : Math.round((100 * n) / a.tail))
  const shares =
    a.serverWaitingPct === null || a.serverBlockedPct === null
      ? `busy ${Math.round(a.serverBusyPct)} %`
      : `busy ${Math.round(a.serverBusyPct)} %, waiting ${Math.round(a.serverWaitingPct)} %, blocked ${Math.round(a.serverBlockedPct)} %`
  return (
    `slowest ${a.tail}: ${pct(a.server)} % (all ${Math.round(a.allServerPct)} %) in a server stall (${shares}), ` +
    `${pct(a.loadgen)} % (all ${Math.round(a.allLoadgenPct)} %) in a load-generator stall; longest ${a.longestServerMs.toFixed(1)} / ${a.longestLoadgenMs.toFixed(1)} ms`
  )
}
