// One WebSocket client: sending with a bounded backlog, heartbeat state, and the awareness
// client ids it controls (removed when it goes).
import type { WebSocket } from 'ws'
import { CloseCode } from '@common-ground/protocol'
import { type DocumentAccess, type UpdateGuard } from '@common-ground/domain'
import type { Principal } from '../access/AccessGate.ts'
import { WireFrame, writeFrame } from './wireFrame.ts'

let nextConnectionId = 1

export interface ConnectionOptions {
  ip: string
  /** The authenticated user's id; recorded with every update it sends. */
  user: string | null
  /** Who opened the connection and with which credential (null: anonymous). */
  principal?: Principal | null
  /** The document this connection is for. */
  document?: string
  maxBacklogBytes: number
}

export class Connection {
  readonly id = nextConnectionId++
  readonly ip: string
  readonly user: string | null
  readonly principal: Principal | null
  readonly document: string
  /** What the connection was authorized for when it opened (re-checked when access changes). */
  access: DocumentAccess = 'edit'
  /** Read-only connections receive everything; their document updates are dropped. */
  readOnly = false
  /** The client was told (once) that its updates are dropped: a permission-denied `read_only`. */
  toldReadOnly = false
  /** Row-level rule for what this editor may change (a partner's cells), or null: anything. */
  writeGuard: UpdateGuard | null = null

  /**
   * An anonymous reader of a published document: it gets the document but no presence (the
   * names and carets of the members editing), and announces none.
   */
  get isPublicReader(): boolean {
    return this.readOnly && this.user === null
  }
  /** Set by the heartbeat: false after a ping, true again on pong. */
  alive = true
  /** Awareness client ids this connection has announced. */
  readonly awarenessIds = new Set<number>()
  /** Frames that arrived before the document finished loading. */
  pending: Uint8Array[] | null = []
  closed = false
  private readonly maxBacklogBytes: number

  constructor(
    readonly ws: WebSocket,
    options: ConnectionOptions,
  ) {
    this.ip = options.ip
    this.user = options.user
    this.principal = options.principal ?? null
    this.document = options.document ?? ''
    this.maxBacklogBytes = options.maxBacklogBytes
  }

  /**
   * Queues a frame. A reader that lets its backlog pass the limit is disconnected: its memory
   * would otherwise grow without bound while it catches up (it resyncs on reconnect).
   */
  send(frame: Uint8Array | WireFrame): void {
    if (this.closed) return
    const bytes = frame instanceof WireFrame ? frame.bytes.byteLength : frame.byteLength
    if (this.ws.bufferedAmount + bytes > this.maxBacklogBytes) {
      this.close(CloseCode.SlowConsumer, 'slow consumer')
      this.ws.terminate()
      return
    }
    if (frame instanceof WireFrame) writeFrame(this.ws, frame)
    else this.ws.send(frame, { binary: true })
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    try {
      this.ws.close(code, reason)
    } catch {
      this.ws.terminate()
    }
  }
}
