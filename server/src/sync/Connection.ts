// One WebSocket client: sending with a bounded backlog, heartbeat state, and the awareness
// client ids it controls (removed when it goes).
import type { WebSocket } from 'ws'
import { CloseCode } from '@common-ground/protocol'

let nextConnectionId = 1

export interface ConnectionOptions {
  ip: string
  /** The authenticated user, once accounts exist; recorded with every update it sends. */
  user: string | null
  maxBacklogBytes: number
}

export class Connection {
  readonly id = nextConnectionId++
  readonly ip: string
  readonly user: string | null
  /** Read-only connections receive everything; their document updates are dropped. */
  readOnly = false
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
    this.maxBacklogBytes = options.maxBacklogBytes
  }

  /**
   * Queues a frame. A reader that lets its backlog pass the limit is disconnected: its memory
   * would otherwise grow without bound while it catches up (it resyncs on reconnect).
   */
  send(frame: Uint8Array): void {
    if (this.closed) return
    if (this.ws.bufferedAmount + frame.byteLength > this.maxBacklogBytes) {
      this.close(CloseCode.SlowConsumer, 'slow consumer')
      this.ws.terminate()
      return
    }
    this.ws.send(frame, { binary: true })
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
