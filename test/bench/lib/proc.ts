// Child processes of the harness: server launchers (one process per server) and
// load-generator workers, plus per-process CPU and RSS sampling from /proc.
import { fork, spawn, type ChildProcess } from 'node:child_process'
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { buildBenchProcesses, type BuiltProcesses } from './build.ts'
import { ANNOUNCE_PREFIX, type Announcement, type GcPauses, type LauncherConfig } from '../servers/common.ts'
import type { WorkerCommand } from '../loadgen/worker.ts'
import type { Stall } from './stalls.ts'

const CLK_TCK = 100

// ---- IPC request/response ----

class Rpc {
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()

  constructor(
    private readonly child: ChildProcess,
    private readonly label: string,
  ) {
    child.on('message', (message: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const waiter = this.pending.get(message.id)
      if (!waiter) return
      this.pending.delete(message.id)
      if (message.ok) waiter.resolve(message.result)
      else waiter.reject(new Error(`${label}: ${message.error}`))
    })
    child.on('exit', (code, signal) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`${label} exited (${code ?? signal})`))
      this.pending.clear()
    })
  }

  call<T>(message: object, timeoutMs: number): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`${this.label}: ${JSON.stringify(message).slice(0, 80)} timed out after ${timeoutMs} ms`))
      }, timeoutMs)
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer)
          resolve(v as T)
        },
        reject: (e) => {
          clearTimeout(timer)
          reject(e)
        },
      })
      this.child.send({ id, ...message })
    })
  }
}

// ---- servers ----

export type ServerKind = 'ours-durable' | 'ours-memory' | 'reference' | 'hocuspocus' | 'floor'

export interface ServerInfo {
  kind: ServerKind
  label: string
  launcher: string
}

export const SERVERS: Record<ServerKind, ServerInfo> = {
  'ours-durable': { kind: 'ours-durable', label: 'ours (durable)', launcher: 'ours.ts' },
  'ours-memory': { kind: 'ours-memory', label: 'ours (memory)', launcher: 'ours.ts' },
  reference: { kind: 'reference', label: 'reference y-websocket', launcher: 'reference.ts' },
  hocuspocus: { kind: 'hocuspocus', label: 'Hocuspocus', launcher: 'hocuspocus.ts' },
  floor: { kind: 'floor', label: 'floor (raw relay)', launcher: 'floor.ts' },
}

/**
 * The node flags in server/package.json's "start" (`node <flags> dist/main.mjs`), read rather
 * than imported so the harness does not load the server; server/src/nodeFlags.test.ts keeps
 * that script and the server's START_NODE_FLAGS the same.
 */
export function oursStartFlags(): string[] {
  startFlags ??= readStartFlags()
  return startFlags
}

let startFlags: string[] | null = null

function readStartFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../../../server/package.json', import.meta.url), 'utf8')) as { scripts: { start: string } }
  const words = pkg.scripts.start.split(' ')
  if (words[0] !== 'node' || words.at(-1) !== 'dist/main.mjs') throw new Error(`server/package.json: unexpected start script "${pkg.scripts.start}"`)
  return words.slice(1, -1)
}

let built: Promise<BuiltProcesses> | null = null

/** Builds ours, every launcher and the load generator (lib/build.ts), once per run; later calls share that build. */
export function prepareProcesses(): Promise<BuiltProcesses> {
  return (built ??= buildBenchProcesses(Object.values(SERVERS).map((server) => server.launcher)))
}

export interface ServerMemory {
  docs: number
  memory: NodeJS.MemoryUsage
}

export class ServerProcess {
  private constructor(
    readonly kind: ServerKind,
    readonly child: ChildProcess,
    readonly info: Announcement,
    private readonly rpc: Rpc,
  ) {}

  get pid(): number {
    return this.child.pid!
  }

  static async start(
    kind: ServerKind,
    config: Omit<LauncherConfig, 'persistence'>,
    { sourceMaps = false }: { sourceMaps?: boolean } = {},
  ): Promise<ServerProcess> {
    const launcher = (await prepareProcesses()).launchers.get(SERVERS[kind].launcher)!
    const launcherConfig: LauncherConfig = { ...config, persistence: kind === 'ours-durable' }
    // Source maps only for a CPU profile, whose positions are mapped back to the sources.
    // BENCH_SERVER_FLAGS: more node flags for every server (`--trace-gc`, say; see BENCH_SERVER_LOG).
    const extraFlags = process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []
    // Ours runs with the node flags `pnpm start` gives it; the peers with Node's defaults, as published.
    const productFlags = kind === 'ours-durable' || kind === 'ours-memory' ? oursStartFlags() : []
    const execArgv = ['--expose-gc', ...productFlags, ...extraFlags, ...(sourceMaps ? ['--enable-source-maps'] : [])]
    const child = spawn(process.execPath, [...execArgv, launcher, JSON.stringify(launcherConfig)], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      serialization: 'advanced',
      env: { ...process.env, NODE_ENV: 'production' },
    })
    const rpc = new Rpc(child, kind)
    const info = await new Promise<Announcement>((resolve, reject) => {
      let buffer = ''
      const serverLog = process.env.BENCH_SERVER_LOG
      const timer = setTimeout(() => reject(new Error(`${kind} did not announce its port in 60 s`)), 60_000)
      child.stdout!.on('data', (chunk: Buffer) => {
        // BENCH_SERVER_LOG=<prefix>: each server's standard output also goes to <prefix>.<server>.<pid>.
        if (serverLog) appendFileSync(`${serverLog}.${kind}.${child.pid}`, chunk)
        buffer += chunk.toString()
        for (const line of buffer.split('\n')) {
          if (line.startsWith(ANNOUNCE_PREFIX)) {
            clearTimeout(timer)
            resolve(JSON.parse(line.slice(ANNOUNCE_PREFIX.length)) as Announcement)
          }
        }
        if (buffer.length > 100_000) buffer = buffer.slice(-1000)
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`${kind} exited (${code}) before announcing its port`))
      })
    })
    child.stdout!.resume()
    return new ServerProcess(kind, child, info, rpc)
  }

  /** Two full GCs in the server, then its memory and number of loaded documents. */
  gc(): Promise<ServerMemory> {
    return this.rpc.call({ cmd: 'gc' }, 30_000)
  }

  /** Starts the CPU profiler inside the server process. */
  profileStart(): Promise<void> {
    return this.rpc.call({ cmd: 'profileStart' }, 30_000)
  }

  /** Stops it and writes a .cpuprofile with positions mapped to the TypeScript sources. */
  profileStop(file: string): Promise<void> {
    return this.rpc.call({ cmd: 'profileStop', file }, 120_000)
  }

  /** Ours only: compacts every open document at once. */
  compactAll(): Promise<{ docs: number; maxWaitMs: number }> {
    return this.rpc.call({ cmd: 'compactAll' }, 120_000)
  }

  /** The server's GC pauses since the previous call (the first call: since it started). */
  gcPauses(): Promise<GcPauses> {
    return this.rpc.call({ cmd: 'gcPauses' }, 30_000)
  }

  /** Event-loop stalls since the previous call, or null without `--stalls` (lib/stalls.ts). */
  stalls(): Promise<Stall[] | null> {
    return this.rpc.call({ cmd: 'stalls' }, 30_000)
  }

  status(): Promise<ServerMemory> {
    return this.rpc.call({ cmd: 'status' }, 30_000)
  }

  /** Waits until the server has no document in memory (cold joins), up to `timeoutMs`. */
  async waitUnloaded(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      if ((await this.status()).docs === 0) return true
      if (Date.now() > deadline) return false
      await sleep(50)
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()))
    try {
      await this.rpc.call({ cmd: 'stop' }, 15_000)
    } catch {
      this.child.kill('SIGKILL')
    }
    const killTimer = setTimeout(() => this.child.kill('SIGKILL'), 15_000)
    await exited
    clearTimeout(killTimer)
  }
}

// ---- load-generator workers ----

export class Worker {
  private constructor(
    readonly child: ChildProcess,
    private readonly rpc: Rpc,
  ) {}

  static async start(index: number): Promise<Worker> {
    const child = fork((await prepareProcesses()).worker, [], {
      execArgv: [], // not the orchestrator's own (`--import tsx`), which fork passes on by default
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    return new Worker(child, new Rpc(child, `load generator ${index}`))
  }

  call<T>(command: WorkerCommand, timeoutMs = 120_000): Promise<T> {
    return this.rpc.call<T>(command, timeoutMs)
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()))
    this.child.send({ id: 0, cmd: 'exit' })
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
}

// ---- /proc sampling ----

export interface ProcStat {
  cpuTicks: number
  rssKb: number
  hwmKb: number
}

export function readProc(pid: number): ProcStat {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const cpuTicks = Number(fields[11]) + Number(fields[12])
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0)
  return { cpuTicks, rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') }
}

/** CPU ticks the whole machine spent busy (all cores) since boot, from /proc/stat. */
export function systemBusyTicks(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number)
  return user! + nice! + system! + irq! + softirq! + steal!
}

/**
 * Measures the CPU that processes other than `pids` used meanwhile, in % of one core: the
 * share of the machine the benchmark did not get (other people's builds and tests).
 */
export class ForeignCpu {
  private readonly startSystem = systemBusyTicks()
  private readonly startOwn: number
  private readonly startNs = process.hrtime.bigint()

  constructor(private readonly pids: number[]) {
    this.startOwn = this.own()
  }

  private own(): number {
    let ticks = 0
    for (const pid of this.pids) {
      try {
        ticks += readProc(pid).cpuTicks
      } catch {
        // gone
      }
    }
    return ticks
  }

  stop(): number {
    const wallSec = Number(process.hrtime.bigint() - this.startNs) / 1e9
    const foreign = systemBusyTicks() - this.startSystem - (this.own() - this.startOwn)
    return Math.max(0, (100 * foreign) / CLK_TCK / wallSec)
  }
}

/** Resets the process' peak RSS (VmHWM) so a later read shows the peak of what follows. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false // not permitted: only the sampler's own readings count
  }
}

export interface Usage {
  wallSec: number
  cpuSec: number
  /** Average CPU over the window, % of one core. */
  cpuPct: number
  peakRssKb: number
  endRssKb: number
}

/** Samples one process' RSS every `intervalMs` and its CPU time between start and stop. */
export class Sampler {
  private readonly startTicks: number
  private readonly startNs = process.hrtime.bigint()
  private peakKb = 0
  private readonly hwmWasReset: boolean
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly pid: number,
    intervalMs = 50,
  ) {
    this.hwmWasReset = resetPeakRss(pid)
    const first = readProc(pid)
    this.startTicks = first.cpuTicks
    this.peakKb = first.rssKb
    this.timer = setInterval(() => {
      try {
        this.peakKb = Math.max(this.peakKb, readProc(this.pid).rssKb)
      } catch {
        // process gone
      }
    }, intervalMs)
  }

  stop(): Usage {
    clearInterval(this.timer)
    const end = readProc(this.pid)
    const wallSec = Number(process.hrtime.bigint() - this.startNs) / 1e9
    const cpuSec = (end.cpuTicks - this.startTicks) / CLK_TCK
    return {
      wallSec,
      cpuSec,
      cpuPct: (100 * cpuSec) / wallSec,
      peakRssKb: Math.max(this.peakKb, this.hwmWasReset ? end.hwmKb : 0, end.rssKb),
      endRssKb: end.rssKb,
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
