// The domain benchmarks' server process: launcher.ts bundled with esbuild against the built server
// (server/dist, built by the harness's prepareProcesses, then copied next to the launcher so that
// someone else rebuilding server/dist during a long run cannot pull it away), started with the node
// flags `pnpm start` uses, one process per data directory; its control commands over IPC.
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'
import { launcherBuildDir } from '../lib/build.ts'
import { oursStartFlags, prepareProcesses } from '../lib/proc.ts'
import { DOMAIN_ANNOUNCE_PREFIX, type DomainAnnouncement, type DomainCommand, type PassTiming } from './control.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = path.resolve(here, '..', '..', '..')

/** The copy of server/dist the launcher imports; its node_modules is a link to the server's. */
const serverCopy = path.join(launcherBuildDir, 'domain-server')

const builtServer: Plugin = {
  name: 'built-server',
  setup(b) {
    b.onResolve({ filter: /^@common-ground\/server$/ }, () => ({ path: path.join(serverCopy, 'index.mjs'), external: true }))
  },
}

let built: Promise<string> | null = null

/** Builds the server (once per run, shared with the sync benchmarks) and the launcher. */
export function buildDomainLauncher(): Promise<string> {
  return (built ??= (async () => {
    await prepareProcesses()
    rmSync(serverCopy, { recursive: true, force: true })
    mkdirSync(serverCopy, { recursive: true })
    cpSync(path.join(repoRoot, 'server', 'dist'), serverCopy, { recursive: true })
    symlinkSync(path.join(repoRoot, 'server', 'node_modules'), path.join(serverCopy, 'node_modules'))
    const outfile = path.join(serverCopy, 'domain-launcher.mjs')
    await build({
      entryPoints: [path.join(here, 'launcher.ts')],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'error',
      plugins: [builtServer],
    })
    return outfile
  })())
}

export class DomainServer {
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()

  private constructor(
    readonly child: ChildProcess,
    readonly info: DomainAnnouncement,
    /** Wall-clock ms from spawn to the announcement (node start, bundle load, rebuild, listen). */
    readonly spawnToListenMs: number,
  ) {
    child.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const waiter = this.pending.get(m.id)
      if (!waiter) return
      this.pending.delete(m.id)
      if (m.ok) waiter.resolve(m.result)
      else waiter.reject(new Error(`domain server: ${m.error}`))
    })
    child.on('exit', (code, signal) => {
      for (const w of this.pending.values()) w.reject(new Error(`domain server exited (${code ?? signal})`))
      this.pending.clear()
    })
  }

  get pid(): number {
    return this.child.pid!
  }

  get url(): string {
    return this.info.url
  }

  get syncUrl(): string {
    return this.info.syncUrl
  }

  static async start(dataDir: string): Promise<DomainServer> {
    const launcher = await buildDomainLauncher()
    const extra = process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []
    const t0 = performance.now()
    const child = spawn(process.execPath, [...oursStartFlags(), ...extra, launcher, JSON.stringify({ dataDir })], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      env: { ...process.env, NODE_ENV: 'production' },
    })
    const info = await new Promise<DomainAnnouncement>((resolve, reject) => {
      let buffer = ''
      const timer = setTimeout(() => reject(new Error('the domain server did not announce itself in 300 s')), 300_000)
      child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString()
        const line = buffer.split('\n').find((l) => l.startsWith(DOMAIN_ANNOUNCE_PREFIX))
        if (line) {
          clearTimeout(timer)
          resolve(JSON.parse(line.slice(DOMAIN_ANNOUNCE_PREFIX.length)) as DomainAnnouncement)
        }
        if (buffer.length > 100_000) buffer = buffer.slice(-1000)
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`the domain server exited (${code}) before listening`))
      })
    })
    const spawnToListenMs = performance.now() - t0
    child.stdout!.resume()
    return new DomainServer(child, info, spawnToListenMs)
  }

  private call<T>(command: DomainCommand, timeoutMs = 60_000): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`domain server: ${command.cmd} timed out after ${timeoutMs} ms`))
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
      this.child.send({ id, ...command })
    })
  }

  /** The log seq the read model's state of `name` reflects (0: none yet). */
  seq(name: string): Promise<number> {
    return this.call({ cmd: 'seq', name })
  }

  /** Resolves with the derivation pass that brought `name`'s derived state past seq `above`. */
  waitSeq(name: string, above: number, indicatorId?: string, timeoutMs = 30_000): Promise<PassTiming> {
    return this.call({ cmd: 'waitSeq', name, above, indicatorId, timeoutMs }, timeoutMs + 5_000)
  }

  /** The server process' CPU time so far (µs, process.cpuUsage) and RSS. */
  cpu(): Promise<{ cpuUs: number; rssBytes: number }> {
    return this.call({ cmd: 'cpu' })
  }

  /** Moves the server's Date.now forward by `ms` (the history benchmark's pauses between versions). */
  advanceClock(ms: number): Promise<number> {
    return this.call({ cmd: 'advanceClock', ms })
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()))
    try {
      await this.call({ cmd: 'stop' }, 60_000)
    } catch {
      this.child.kill('SIGKILL')
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000)
    await exited
    clearTimeout(timer)
  }
}
