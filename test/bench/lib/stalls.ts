// The event-loop stall probe of `pnpm bench -- --stalls`: a 1 ms timer in every server and
// load-generator process that records each stretch the loop could not run it for. Matched
// against the slowest deliveries of a window (attributeTail), it tells a server's stall from a
// load generator's from neither (the kernel, the network path, the machine). Off by default:
// 1,000 wake-ups a second cost each process some CPU, and the table's CPU figures would carry it.
import { nowUs } from './wire.ts'

/** A stretch of time (hrtime µs, shared by every process on the machine) with the loop blocked. */
export interface Stall {
  startUs: number
  endUs: number
  /**
   * The process's CPU time in the stretch over its length: near 1, the loop was busy (its own
   * work or a GC); near 0, the process waited for a core (the machine was busy).
   */
  busy: number
}

export const STALL_PROBE_ENV = 'BENCH_STALL_PROBE'
const INTERVAL_MS = 1
/** Lateness below this is the timer's own jitter, not a stall. */
const MIN_STALL_US = 2_000

export class StallProbe {
  private stalls: Stall[] = []
  private last = nowUs()
  private lastCpuUs = cpuUs()

  constructor() {
    const timer = setInterval(() => {
      const now = nowUs()
      const cpu = cpuUs()
      // The loop was blocked somewhere in [last, now] for about the lateness.
      if (now - this.last - INTERVAL_MS * 1000 >= MIN_STALL_US) {
        this.stalls.push({ startUs: this.last, endUs: now, busy: Math.min(1, (cpu - this.lastCpuUs) / (now - this.last)) })
      }
      this.last = now
      this.lastCpuUs = cpu
    }, INTERVAL_MS)
    timer.unref() // never keeps a process alive
  }

  /** The stalls since the last call. */
  take(): Stall[] {
    const out = this.stalls
    this.stalls = []
    return out
  }
}

function cpuUs(): number {
  const { user, system } = process.cpuUsage()
  return user + system
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
  /** Of the server's stalls that the tail overlaps, the CPU-time share (see Stall.busy), time-weighted. */
  serverBusyPct: number
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
    tail: 0, server: 0, loadgen: 0, allServerPct: 0, allLoadgenPct: 0, longestServerMs: longest(server), longestLoadgenMs: longest(loadgen), serverBusyPct: 0,
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
  for (const s of tailServerStalls) {
    stalled += s.endUs - s.startUs
    busy += s.busy * (s.endUs - s.startUs)
  }
  out.serverBusyPct = stalled === 0 ? 0 : (100 * busy) / stalled
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

/** `slowest 200: 45 % (all 8 %) in a server stall (busy 90 %), 5 % (all 6 %) in a load-generator stall; longest 11.2 / 3.1 ms` */
export function describeTail(a: TailAttribution): string {
  const pct = (n: number) => (a.tail === 0 ? 0 : Math.round((100 * n) / a.tail))
  return (
    `slowest ${a.tail}: ${pct(a.server)} % (all ${Math.round(a.allServerPct)} %) in a server stall (busy ${Math.round(a.serverBusyPct)} %), ` +
    `${pct(a.loadgen)} % (all ${Math.round(a.allLoadgenPct)} %) in a load-generator stall; longest ${a.longestServerMs.toFixed(1)} / ${a.longestLoadgenMs.toFixed(1)} ms`
  )
}
