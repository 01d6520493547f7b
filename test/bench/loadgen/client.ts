// One protocol-level sync client: a WebSocket plus lib0 framing, no provider. Readers keep no
// Y.Doc (they only look for latency markers in the bytes); writers keep one Y.Doc and send
// each local transaction as a sync update, like a provider would.
import WebSocket from 'ws'
import * as Y from 'yjs'
import {
  EMPTY_STATE_VECTOR,
  EMPTY_UPDATE,
  MSG_SYNC,
  STEP1,
  STEP2,
  UPDATE,
  findMarker,
  hocuspocusAuthFrame,
  markerText,
  nowUs,
  parseFrame,
  syncFrame,
  syncPayload,
  type Dialect,
} from '../lib/wire.ts'

export type Role = 'reader' | 'writer' | 'idle'

export interface ClientSpec {
  /** yws: the base URL the document name is appended to; hocuspocus: the server URL. */
  url: string
  doc: string
  dialect: Dialect
  role: Role
  /** A file holding a Yjs update this client sends once synced (then waits for the server's ack). */
  seedFile?: string
  /** Keep every sync payload received until synced (to apply and verify it afterwards). */
  keepPayloads?: boolean
}

export class SyncClient {
  readonly spec: ClientSpec
  ws: WebSocket | null = null
  synced = false
  closed = false
  startUs = 0
  openUs = 0
  syncedUs = 0
  /** Bytes of all frames received until synced. */
  bytesUntilSynced = 0
  payloads: Uint8Array[] = []
  updatesReceived = 0
  /**
   * Called for every sync update carrying a latency marker (readers only), with the marker's send
   * time: it names the edit, so the deliveries of one edit can be told apart from another's.
   */
  onLatency: ((latencyUs: number, sentUs: number) => void) | null = null
  readonly doc: Y.Doc | null
  private readonly text: Y.Text | null
  private stepTwoWaiters: (() => void)[] = []
  private rng = Math.random

  constructor(spec: ClientSpec) {
    this.spec = spec
    if (spec.role === 'writer') {
      this.doc = new Y.Doc()
      this.text = this.doc.getText('t')
      this.doc.on('update', (update: Uint8Array) => this.send(syncFrame(spec.dialect, spec.doc, UPDATE, update)))
    } else {
      this.doc = null
      this.text = null
    }
  }

  /** Opens the socket and resolves once the server's sync step 2 arrived (rejects if it closes first). */
  connect(timeoutMs = 60_000): Promise<void> {
    const { dialect, doc } = this.spec
    const url = dialect === 'yws' ? `${this.spec.url}/${doc}` : this.spec.url
    this.startUs = nowUs()
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 })
    this.ws = ws
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`not synced within ${timeoutMs} ms: ${url} ${doc}`)), timeoutMs)
      const fail = (error: Error) => {
        clearTimeout(timer)
        if (!this.synced) reject(error)
      }
      this.stepTwoWaiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
      ws.on('open', () => {
        this.openUs = nowUs()
        if (dialect === 'hocuspocus') ws.send(hocuspocusAuthFrame(doc))
        ws.send(syncFrame(dialect, doc, STEP1, this.doc ? Y.encodeStateVector(this.doc) : EMPTY_STATE_VECTOR))
      })
      ws.on('message', (data: Buffer) => this.receive(data))
      ws.on('error', (error) => fail(error))
      ws.on('close', (code, reason) => {
        this.closed = true
        fail(new Error(`closed before sync: ${code} ${reason.toString()}`))
        for (const waiter of this.stepTwoWaiters.splice(0)) waiter()
      })
    })
  }

  private receive(data: Buffer): void {
    const t = nowUs()
    if (!this.synced) this.bytesUntilSynced += data.length
    const frame = parseFrame(this.spec.dialect, data)
    if (frame.type !== MSG_SYNC) return
    switch (frame.sub) {
      case STEP1: {
        // Answer the server's step 1 with what it lacks from us, as every provider does.
        const update = this.doc ? Y.encodeStateAsUpdate(this.doc, syncPayload(data, frame.payloadAt)) : EMPTY_UPDATE
        this.send(syncFrame(this.spec.dialect, this.spec.doc, STEP2, update))
        return
      }
      case STEP2: {
        if (!this.synced) {
          if (this.spec.keepPayloads) this.payloads.push(syncPayload(data, frame.payloadAt))
          this.synced = true
          this.syncedUs = t
        }
        const waiter = this.stepTwoWaiters.shift()
        if (waiter) waiter()
        return
      }
      case UPDATE: {
        this.updatesReceived++
        if (!this.synced && this.spec.keepPayloads) this.payloads.push(syncPayload(data, frame.payloadAt))
        if (this.onLatency) {
          const sent = findMarker(data)
          if (sent >= 0) this.onLatency(t - sent, sent)
        }
        return
      }
    }
  }

  send(frame: Uint8Array): void {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(frame)
  }

  /** Sends a raw Yjs update as a sync update frame. */
  sendUpdate(update: Uint8Array): void {
    this.send(syncFrame(this.spec.dialect, this.spec.doc, UPDATE, update))
  }

  /**
   * Sends a step 1 and waits for the step 2 answering it. Every server under test handles a
   * connection's frames in order, so this acknowledges everything sent before.
   */
  roundTrip(timeoutMs = 60_000): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('round trip timed out')), timeoutMs)
      this.stepTwoWaiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
      this.send(syncFrame(this.spec.dialect, this.spec.doc, STEP1, this.doc ? Y.encodeStateVector(this.doc) : EMPTY_STATE_VECTOR))
    })
  }

  /** Writers: one edit — a latency marker inserted at a random position of the text. */
  edit(): void {
    if (!this.doc || !this.text) throw new Error('not a writer')
    const pos = Math.floor(this.rng() * (this.text.length + 1))
    this.text.insert(pos, `${markerText(nowUs())} `)
  }

  close(): Promise<void> {
    const ws = this.ws
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve()
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        ws.terminate()
        resolve()
      }, 2_000)
      ws.once('close', () => {
        clearTimeout(timer)
        resolve()
      })
      ws.close(1000)
    })
  }
}
