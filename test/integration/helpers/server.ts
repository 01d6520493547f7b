// Servers under test: in-process (startServer on port 0 with a fresh temp DATA_DIR) and as a
// real process (node server/dist/main.mjs: the production build, which the integration project's
// global set-up rebuilds from the sources before any test), both released after the test.
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, readdirSync, type Dirent } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer, silentLogger, type Logger, type RunningServer, type StartOptions } from '@common-ground/server'
import { defer } from './cleanup.ts'
import { withTimeout } from './wait.ts'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

/** A fresh directory under the OS temp dir, removed after the test. */
export async function makeTempDir(prefix = 'cg-it-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  defer(`temp dir ${dir}`, () => rm(dir, { recursive: true, force: true }))
  return dir
}

export interface TestServer extends RunningServer {
  dataDir: string
  /** Graceful close; safe to call more than once (also runs at cleanup). */
  stop(): Promise<void>
}

/**
 * Starts an in-process server on 127.0.0.1:0. Without `dataDir`, a fresh temp dir is used.
 * Sync-engine tests run with `access: 'open'` (the default here); tests of accounts and
 * permissions pass `access: 'enforced'`, the product's only mode.
 */
export async function startTestServer(options: Partial<StartOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await makeTempDir())
  const server = await startServer({ port: 0, host: '127.0.0.1', logger: silentLogger, seedDemo: false, access: 'open', ...options, dataDir })
  const stop = defer(`server ${server.url}`, () => server.close())
  return Object.assign(server, { dataDir, stop })
}

export interface ServerProcess {
  proc: ChildProcess
  pid: number
  port: number
  url: string
  syncUrl: string
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Everything written to stdout / stderr so far. */
  output(): { stdout: string; stderr: string }
}

/** The production entry point: what `pnpm start` runs (built by `integration/globalSetup.ts`). */
export const SERVER_ENTRY = path.join(REPO_ROOT, 'server', 'dist', 'main.mjs')

/**
 * Spawns the server as its own process on an ephemeral port and resolves once it printed its
 * listening line (the port is parsed from it). Killed with SIGKILL at cleanup if still running.
 */
export async function spawnServerProcess(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const proc = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO: '0',
      STATIC_DIR: '',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('exit', (code, signal) => resolve({ code, signal }))
  })
  defer(`server process ${proc.pid}`, async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGKILL')
      await exited
    }
  })
  const port = await withTimeout(
    new Promise<number>((resolve, reject) => {
      const onData = () => {
        const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)
        if (match) {
          proc.stdout!.off('data', onData)
          resolve(Number(match[1]))
        }
      }
      proc.stdout!.on('data', onData)
      void exited.then(({ code, signal }) =>
        reject(new Error(`server process exited before listening (code ${code}, signal ${signal})\nstdout: ${stdout}\nstderr: ${stderr}`)),
      )
    }),
    30_000,
    'the server process to listen',
  )
  return {
    proc,
    pid: proc.pid!,
    port,
    url: `http://127.0.0.1:${port}`,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    exited,
    output: () => ({ stdout, stderr }),
  }
}

/** GET a JSON API route. */
export async function getJson<T = any>(url: string, headers?: Record<string, string>): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { headers })
  return { status: response.status, body: (await response.json()) as T }
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error'
  message: string
  fields?: Record<string, unknown>
}

/** A logger that keeps what it was told, for asserting on warnings and errors. */
export function captureLogger(): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = []
  const at = (level: LogEntry['level']) => (message: string, fields?: Record<string, unknown>) => entries.push({ level, message, fields })
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, entries }
}

/**
 * A copy of a running server's data directory, taken synchronously between two turns of the
 * event loop. The server appends with synchronous writes, so the copy holds exactly what the
 * files held at that instant: what a kill -9 at that moment would leave behind.
 */
export function crashImage(dataDir: string, into: string): void {
  cpSync(dataDir, into, { recursive: true })
}

/** Every file under `dir` (relative paths), sorted; [] if `dir` does not exist. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)) + (entry.isDirectory() ? '/' : ''))
    .sort()
}

/** The directory DiskStorage keeps one document in. */
export function documentDir(dataDir: string, name: string): string {
  return path.join(dataDir, 'documents', encodeURIComponent(name))
}
