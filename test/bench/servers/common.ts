// What every server launcher shares: its config from argv, announcing the port on stdout, and
// the orchestrator's control messages over IPC (gc, status, stop, stalls). Every launcher runs as
// `node --expose-gc <launcher>.mjs '<json config>'` in its own process (built by lib/build.ts).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks'
import { Session } from 'node:inspector/promises'
import { findSourceMap } from 'node:module'
import path from 'node:path'
import type { Dialect } from '../lib/wire.ts'
import { startStallProbe } from '../lib/stalls.ts'

export interface LauncherConfig {
  /** Stored documents (`<name>.yupdate`, one Yjs update each) the server loads on demand. */
  storeDir: string
  /** A scratch directory the server may write to. */
  dataDir: string
  /** ours only: DiskStorage (true) or MemoryStorage (false). */
  persistence?: boolean
}

export interface Announcement {
  port: number
  /** What clients connect to (yws: the base the document name is appended to). */
  url: string
  dialect: Dialect
}

export const ANNOUNCE_PREFIX = 'BENCH_SERVER '

export function readConfig(): LauncherConfig {
  return JSON.parse(process.argv[2] ?? '{}') as LauncherConfig
}

export function announce(info: Announcement): void {
  process.stdout.write(`${ANNOUNCE_PREFIX}${JSON.stringify(info)}\n`)
}

/** The stored documents: name → file. */
export function storedDocuments(storeDir: string): Map<string, string> {
  const docs = new Map<string, string>()
  for (const file of readdirSync(storeDir)) {
    if (file.endsWith('.yupdate')) docs.set(decodeURIComponent(file.slice(0, -'.yupdate'.length)), path.join(storeDir, file))
  }
  return docs
}

/** The stored update of `name`, or null: read synchronously, as a storage backend would on load. */
export function readStored(storeDir: string, name: string): Uint8Array | null {
  try {
    return new Uint8Array(readFileSync(path.join(storeDir, `${encodeURIComponent(name)}.yupdate`)))
  } catch {
    return null
  }
}

export interface Control {
  /** Documents currently in memory. */
  docs(): number
  stop(): Promise<void>
  /** Ours only: compacts every open document now; the max-wait period it runs under. */
  compactAll?(): Promise<{ docs: number; maxWaitMs: number }>
}

type ControlMessage = { id: number; cmd: 'gc' | 'status' | 'stop' | 'profileStart' | 'profileStop' | 'compactAll' | 'gcPauses' | 'stalls'; file?: string }

/** Garbage-collection pauses of this process since the last `gcPauses` control message. */
export interface GcPauses {
  count: number
  totalMs: number
  maxMs: number
  /** Mark-sweep-compact collections (the long ones), as opposed to scavenges. */
  major: number
}

const gcPauses: GcPauses = { count: 0, totalMs: 0, maxMs: 0, major: 0 }

/** Records every GC pause (V8 reports them after the fact; nothing polls, so it costs nothing between GCs). */
function observeGcPauses(): void {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcPauses.count++
      gcPauses.totalMs += entry.duration
      gcPauses.maxMs = Math.max(gcPauses.maxMs, entry.duration)
      if ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) gcPauses.major++
    }
  }).observe({ entryTypes: ['gc'] })
}

interface CallFrame {
  url: string
  lineNumber: number
  columnNumber: number
}

let profiler: Session | null = null

/**
 * CPU profiling of this process between two control messages (only the scenario, not the
 * start-up). The launcher and ours run bundled, so positions are mapped back to the .ts
 * sources through the bundles' source maps (the harness starts a profiled server with
 * --enable-source-maps) before the profile is written.
 */
async function profileStart(): Promise<void> {
  profiler = new Session()
  profiler.connect()
  await profiler.post('Profiler.enable')
  await profiler.post('Profiler.setSamplingInterval', { interval: 500 })
  await profiler.post('Profiler.start')
}

async function profileStop(file: string): Promise<void> {
  if (!profiler) throw new Error('not profiling')
  const { profile } = (await profiler.post('Profiler.stop')) as { profile: { nodes: { callFrame: CallFrame }[] } }
  profiler.disconnect()
  profiler = null
  for (const node of profile.nodes) {
    const frame = node.callFrame
    if (!frame.url.startsWith('file://')) continue
    const map = findSourceMap(frame.url)
    if (!map) continue
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as {
      originalSource?: string
      originalLine?: number
      originalColumn?: number
    }
    if (typeof entry.originalLine === 'number') {
      frame.lineNumber = entry.originalLine
      frame.columnNumber = entry.originalColumn ?? 0
      if (entry.originalSource) frame.url = entry.originalSource
    }
  }
  writeFileSync(file, JSON.stringify(profile))
}

export function serveControl(control: Control): void {
  const gc = (globalThis as { gc?: () => void }).gc
  observeGcPauses()
  const stallProbe = startStallProbe()
  process.on('message', (message: ControlMessage) => {
    const reply = (result: unknown) => process.send?.({ id: message.id, ok: true, result })
    switch (message.cmd) {
      case 'gc':
        gc?.()
        gc?.()
        setTimeout(() => reply({ docs: control.docs(), memory: process.memoryUsage() }), 300)
        break
      case 'compactAll':
        if (!control.compactAll) process.send?.({ id: message.id, ok: false, error: 'compactAll: not supported by this server' })
        else control.compactAll().then(reply, (error: unknown) => process.send?.({ id: message.id, ok: false, error: String(error) }))
        break
      case 'status':
        reply({ docs: control.docs(), memory: process.memoryUsage() })
        break
      case 'gcPauses':
        reply({ ...gcPauses })
        Object.assign(gcPauses, { count: 0, totalMs: 0, maxMs: 0, major: 0 })
        break
      case 'stalls':
        reply(stallProbe?.take() ?? null)
        break
      case 'profileStart':
        profileStart().then(
          () => reply(null),
          (error: unknown) => process.send?.({ id: message.id, ok: false, error: String(error) }),
        )
        break
      case 'profileStop':
        profileStop(message.file!).then(
          () => reply(null),
          (error: unknown) => process.send?.({ id: message.id, ok: false, error: String(error) }),
        )
        break
      case 'stop': {
        const timer = setTimeout(() => process.exit(0), 10_000)
        control.stop().then(
          () => {
            clearTimeout(timer)
            reply(null)
            setTimeout(() => process.exit(0), 20)
          },
          (error: unknown) => {
            console.error('stop failed', error)
            process.exit(1)
          },
        )
        break
      }
    }
  })
  // The orchestrator went away: never outlive it.
  process.on('disconnect', () => process.exit(0))
}
