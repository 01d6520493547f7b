// Server options, their defaults, and how they are read from the environment (only main.ts
// calls readConfigFromEnv; nothing reads process.env at import time).
import path from 'node:path'

export interface SyncLimits {
  /** Largest WebSocket frame accepted; bigger frames close the connection with 1009. */
  maxFrameBytes: number
  /** A connection whose unsent backlog passes this is closed with 4508 (slow consumer). */
  maxBacklogBytes: number
  /** New WebSocket connections allowed per IP address per rate window. 0 = unlimited. */
  connectionsPerWindow: number
  rateWindowMs: number
  /** Ping interval; a socket that did not answer the previous ping is terminated. */
  heartbeatMs: number
}

export interface CompactionPolicy {
  /** Compact after this long without updates. */
  idleMs: number
  /**
   * Compact at least this often while updates keep coming without a pause of `idleMs` (±20 %
   * jitter). Each compaction writes and fsyncs a snapshot of the whole document and a history
   * segment; more often costs CPU and disk under continuous typing, less often only means a
   * longer log to replay at the next load (5 min of steady typing at 5 edits/s: 1,500 records,
   * a few ms) — the journal, not the snapshot, is what keeps an edit safe.
   */
  maxWaitMs: number
  /** Compact as soon as the live log holds this many bytes… */
  maxLogBytes: number
  /** …or this many records. */
  maxLogRecords: number
  /** First retry delay after a failed write; doubles up to retryMaxMs. */
  retryBaseMs: number
  retryMaxMs: number
  /**
   * A document nobody has written to for this long after its last compaction (per started
   * 32 KB of encoded state) keeps only its encoded state in memory (no Y.Doc) until the next
   * write. -1 = never.
   */
  hibernateAfterMs: number
}

export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  /** The built client to serve at /, or null for an API-only server. */
  staticDir: string | null
  seedDemo: boolean
  fsync: 'always' | 'interval' | 'never'
  fsyncIntervalMs: number
  limits: SyncLimits
  compaction: CompactionPolicy
  /** Origins allowed to call the API and open WebSockets besides the server's own. */
  allowedOrigins: string[]
  /** Mark the session cookie Secure (serve over HTTPS). */
  cookieSecure: boolean
  /** Serve the client's source maps (`*.map`); off by default: a 404, they stay on disk for debugging. */
  serveSourceMaps: boolean
}

export const DEFAULT_LIMITS: SyncLimits = {
  maxFrameBytes: 16 * 1024 * 1024,
  maxBacklogBytes: 32 * 1024 * 1024,
  connectionsPerWindow: 600,
  rateWindowMs: 60_000,
  heartbeatMs: 30_000,
}

export const DEFAULT_COMPACTION: CompactionPolicy = {
  idleMs: 2_000,
  maxWaitMs: 300_000,
  maxLogBytes: 8 * 1024 * 1024,
  maxLogRecords: 10_000,
  retryBaseMs: 200,
  retryMaxMs: 10_000,
  hibernateAfterMs: 500,
}

export const DEFAULT_PORT = 3000
export const DEFAULT_HOST = '127.0.0.1'

function int(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`${key} must be a non-negative integer, got ${JSON.stringify(raw)}`)
  return value
}

export function readConfigFromEnv(env: NodeJS.ProcessEnv, repoRoot: string): ServerConfig {
  const fsync = env.FSYNC ?? 'interval'
  if (fsync !== 'always' && fsync !== 'interval' && fsync !== 'never') {
    throw new Error(`FSYNC must be always, interval or never, got ${JSON.stringify(fsync)}`)
  }
  const staticDir = env.STATIC_DIR ?? path.join(repoRoot, 'client', 'dist')
  return {
    port: int(env, 'PORT', DEFAULT_PORT),
    host: env.HOST || DEFAULT_HOST,
    dataDir: path.resolve(env.DATA_DIR || path.join(repoRoot, 'data')),
    staticDir: staticDir === '' ? null : path.resolve(staticDir),
    seedDemo: env.SEED_DEMO !== '0',
    fsync,
    fsyncIntervalMs: int(env, 'FSYNC_INTERVAL_MS', 100),
    limits: {
      maxFrameBytes: int(env, 'MAX_FRAME_BYTES', DEFAULT_LIMITS.maxFrameBytes),
      maxBacklogBytes: int(env, 'MAX_BACKLOG_BYTES', DEFAULT_LIMITS.maxBacklogBytes),
      connectionsPerWindow: int(env, 'WS_CONNECTIONS_PER_MINUTE', DEFAULT_LIMITS.connectionsPerWindow),
      rateWindowMs: DEFAULT_LIMITS.rateWindowMs,
      heartbeatMs: int(env, 'HEARTBEAT_MS', DEFAULT_LIMITS.heartbeatMs),
    },
    compaction: { ...DEFAULT_COMPACTION },
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    cookieSecure: env.COOKIE_SECURE === '1',
    serveSourceMaps: env.SERVE_SOURCE_MAPS === '1',
  }
}
