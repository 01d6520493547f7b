// The /sync/<document> WebSocket endpoint: upgrade, name and rate checks, joining a room,
// frame dispatch, heartbeat. Knows nothing about storage formats or HTTP routes.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { CloseCode, checkDocumentName } from '@common-ground/protocol'
import { parseDocumentName } from '@common-ground/domain'
import type { AccessChange, AccessGate } from '../access/AccessGate.ts'
import { isOriginAllowed } from '../access/origin.ts'
import type { SyncLimits } from '../config.ts'
import type { Logger } from '../logger.ts'
import { Connection } from './Connection.ts'
import { HeartbeatWheel } from './heartbeat.ts'
import { BadMessageError, ForbiddenWriteError, handleFrame } from './messageHandlers.ts'
import { ConnectionRateLimiter } from './rateLimit.ts'
import type { Room } from './Room.ts'
import type { RoomManager } from './RoomManager.ts'

export const SYNC_PATH_PREFIX = '/sync/'

export interface SyncServerOptions {
  /** Origins besides the server's own that may open WebSockets (browsers send Origin). */
  allowedOrigins?: readonly string[]
}

export class SyncServer {
  private readonly wss: WebSocketServer
  private readonly connections = new Set<Connection>()
  private readonly rateLimiter: ConnectionRateLimiter
  private readonly heartbeat: HeartbeatWheel<Connection>
  private accepting = true
  private readonly allowedOrigins: readonly string[]
  private readonly unsubscribeAccess: () => void

  constructor(
    private readonly rooms: RoomManager,
    private readonly limits: SyncLimits,
    private readonly logger: Logger,
    private readonly access: AccessGate,
    options: SyncServerOptions = {},
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes, perMessageDeflate: false })
    this.rateLimiter = new ConnectionRateLimiter(limits.connectionsPerWindow, limits.rateWindowMs)
    this.heartbeat = new HeartbeatWheel(limits.heartbeatMs, (conn) => this.checkHeartbeat(conn))
    this.allowedOrigins = options.allowedOrigins ?? []
    this.unsubscribeAccess = access.onAccessChange((change) => this.recheckAccess(change))
  }

  get connectionCount(): number {
    return this.connections.size
  }

  /** The http server's 'upgrade' listener. */
  readonly handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // The raw path, not a WHATWG-normalized one: URL parsing would turn /sync/a/../b into
    // /sync/b and serve a document the client did not name (docs/protocol.md: the name is the
    // path after /sync/, percent-decoded once, and a name with `..` is refused with 4422).
    const path = (req.url ?? '/').split(/[?#]/, 1)[0]!
    if (!path.startsWith(SYNC_PATH_PREFIX) || !this.accepting) {
      socket.end(`HTTP/1.1 ${this.accepting ? '404 Not Found' : '503 Service Unavailable'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req, path))
  }

  private accept(ws: WebSocket, req: IncomingMessage, path: string): void {
    const ip = req.socket.remoteAddress ?? 'unknown'
    let name: string
    try {
      name = decodeURIComponent(path.slice(SYNC_PATH_PREFIX.length))
    } catch {
      name = ''
    }
    // Every check below runs before the room is acquired: a refused connection never receives
    // a byte of document data, only the close frame.
    if (!this.rateLimiter.allow(ip)) return closeRefused(ws, CloseCode.RateLimited, 'rate_limited')
    if (!checkDocumentName(name).ok) return closeRefused(ws, CloseCode.InvalidDocumentName, 'invalid_document_name')
    if (!isOriginAllowed(req.headers.origin, req.headers.host, this.allowedOrigins)) {
      this.logger.warn('websocket from a foreign origin refused', { origin: req.headers.origin, document: name, ip })
      return closeRefused(ws, CloseCode.Forbidden, 'origin_not_allowed')
    }
    const credentials = {
      cookie: req.headers.cookie,
      authorization: req.headers.authorization,
      token: queryToken(req.url),
    }
    const principal = this.access.authenticate(credentials)
    // A token that proves nothing is refused; a stale session cookie only makes the caller
    // anonymous (a published document stays readable for someone who was once signed in).
    if (principal === null && (credentials.authorization !== undefined || credentials.token !== undefined)) {
      return closeRefused(ws, CloseCode.Unauthenticated, 'unauthenticated')
    }
    const level = this.access.documentAccess(name, principal)
    if (level === 'none') {
      return closeRefused(ws, principal === null ? CloseCode.Unauthenticated : CloseCode.Forbidden, principal === null ? 'unauthenticated' : 'forbidden')
    }
    const conn = new Connection(ws, { ip, user: principal?.userId ?? null, principal, document: name, maxBacklogBytes: this.limits.maxBacklogBytes })
    conn.access = level
    conn.readOnly = level !== 'edit'
    conn.writeGuard = level === 'edit' ? (this.access.writeGuard?.(name, principal) ?? null) : null

    this.connections.add(conn)
    this.heartbeat.add(conn)
    let room: Room | null = null
    ws.on('pong', () => (conn.alive = true))
    ws.on('error', (error) => this.logger.debug('websocket error', { error, connection: conn.id }))
    ws.on('close', (code) => {
      conn.closed = true
      this.connections.delete(conn)
      this.heartbeat.delete(conn)
      room?.removeConnection(conn)
      if (code === CloseCode.MessageTooBig) this.logger.warn('frame too big; connection closed', { document: name, ip })
    })
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const frame = toUint8Array(data)
      if (!isBinary) return this.reject(conn, name, 'text frame')
      if (room) this.dispatch(room, conn, frame)
      else conn.pending?.push(frame)
    })

    this.rooms.acquire(name).then(
      (loaded) => {
        if (conn.closed) {
          // Gone while loading: let the room unload if nobody else came.
          if (loaded.connections.size === 0) loaded.onIdle(loaded)
          return
        }
        room = loaded
        loaded.addConnection(conn)
        // Frames that came during the load first: the client's step 1 is usually among them,
        // and its answer is what the client waits for; our own step 1 can follow.
        const pending = conn.pending ?? []
        conn.pending = null
        for (const frame of pending) {
          if (conn.closed) break
          this.dispatch(loaded, conn, frame)
        }
        if (!conn.closed) loaded.greet(conn)
      },
      (error: unknown) => {
        this.logger.error('document failed to load; not serving it', { document: name, error })
        conn.close(CloseCode.DocumentUnavailable, 'document_unavailable')
      },
    )
  }

  /** Re-evaluates the live connections a change can affect; those whose rights changed are closed. */
  private recheckAccess(change: AccessChange): void {
    for (const conn of this.connections) {
      if (conn.closed || !affects(change, conn)) continue
      this.recheckConnection(conn)
    }
  }

  private recheckConnection(conn: Connection): void {
    const principal = conn.principal
    if (principal && !this.access.isCredentialValid(principal)) return conn.close(CloseCode.Unauthenticated, 'unauthenticated')
    const level = this.access.documentAccess(conn.document, principal)
    // A partner executive moved to another partner keeps 'edit' but not their rows.
    if (level === 'edit') conn.writeGuard = this.access.writeGuard?.(conn.document, principal) ?? null
    if (level === conn.access) return
    this.logger.info('access changed on a live connection', { document: conn.document, user: conn.user, from: conn.access, to: level })
    if (level === 'none') return conn.close(CloseCode.Forbidden, 'forbidden')
    // Read ↔ edit: the client asks again what it may do and reconnects with the new rights.
    conn.readOnly = true
    conn.close(CloseCode.PermissionsChanged, 'permissions_changed')
  }

  private dispatch(room: Room, conn: Connection, frame: Uint8Array): void {
    if (conn.closed) return
    try {
      handleFrame(room, conn, frame)
    } catch (error) {
      if (error instanceof BadMessageError) return this.reject(conn, room.name, error.message)
      if (error instanceof ForbiddenWriteError) {
        this.logger.warn('forbidden write; closing connection', {
          document: room.name,
          connection: conn.id,
          user: conn.user,
          code: error.code,
          why: error.message,
        })
        return conn.close(CloseCode.ForbiddenWrite, 'forbidden_write')
      }
      this.logger.error('unexpected error handling a frame', { document: room.name, connection: conn.id, error })
      conn.close(CloseCode.InternalError, 'internal_error')
    }
  }

  private reject(conn: Connection, document: string, why: string): void {
    this.logger.warn('malformed frame; closing connection', { document, connection: conn.id, ip: conn.ip, why })
    conn.close(CloseCode.BadMessage, 'bad_message')
  }

  /** Once per heartbeat period for each connection (spread over the period by the wheel). */
  private checkHeartbeat(conn: Connection): void {
    // Sessions also end by expiring, which no event announces.
    if (conn.principal && !this.access.isCredentialValid(conn.principal)) {
      conn.close(CloseCode.Unauthenticated, 'unauthenticated')
      return
    }
    if (!conn.alive) {
      conn.ws.terminate()
      return
    }
    conn.alive = false
    try {
      conn.ws.ping()
    } catch {
      conn.ws.terminate()
    }
  }

  /** Stops accepting and closes every connection with 1001 (going away). */
  closeAll(): void {
    this.accepting = false
    this.heartbeat.stop()
    this.unsubscribeAccess()
    for (const conn of this.connections) conn.close(CloseCode.GoingAway, 'server_shutting_down')
  }

  /** Waits until every socket has closed (or the timeout passes, then terminates them). */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (this.connections.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    for (const conn of this.connections) conn.ws.terminate()
    this.wss.close()
  }
}

/** Closes a socket that was refused before it joined anything. */
function closeRefused(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(code, reason)
  } catch {
    ws.terminate()
  }
}

/** The `token` query parameter, for WebSocket clients that cannot set an Authorization header. */
function queryToken(url: string | undefined): string | undefined {
  const query = url?.split('?', 2)[1]
  if (!query) return undefined
  return new URLSearchParams(query.split('#', 1)[0]).get('token') ?? undefined
}

function affects(change: AccessChange, conn: Connection): boolean {
  switch (change.type) {
    case 'credential':
      return conn.principal?.credential.id === change.credentialId
    case 'membership':
      return conn.user === change.userId && parseDocumentName(conn.document)?.initiativeId === change.initiativeId
    case 'initiative':
      return parseDocumentName(conn.document)?.initiativeId === change.initiativeId
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
