// Clients: real y-websocket providers over real WebSockets (ws in Node), and a raw ws client
// for frames no well-behaved provider would send.
import { randomBytes } from 'node:crypto'
import net from 'node:net'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { MessageType } from '@common-ground/protocol'
import { defer } from './cleanup.ts'
import { nextEvent, waitFor, DEFAULT_TIMEOUT_MS } from './wait.ts'

export interface Client {
  name: string
  doc: Y.Doc
  provider: WebsocketProvider
  /** Destroys the provider (closes its socket) and the doc. Idempotent. */
  destroy(): Promise<void>
}

export interface ConnectOptions {
  doc?: Y.Doc
  /** Connect right away (default true). */
  connect?: boolean
  /** Reconnect backoff cap; small by default so tests reconnect fast. */
  maxBackoffTime?: number
  /** Headers on the upgrade request (Cookie, Authorization, Origin). */
  headers?: Record<string, string>
}

/** `ws` with fixed upgrade headers, in the shape WebsocketProvider's polyfill option wants. */
function webSocketWithHeaders(headers: Record<string, string> | undefined): typeof globalThis.WebSocket {
  if (!headers) return WebSocket as unknown as typeof globalThis.WebSocket
  class HeaderWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers })
    }
  }
  return HeaderWebSocket as unknown as typeof globalThis.WebSocket
}

// Every WebsocketProvider adds a process 'exit' listener; tests run dozens at once.
if (process.getMaxListeners() < 100) process.setMaxListeners(100)

/** A Y.Doc synced through y-websocket's WebsocketProvider to `syncUrl`/`name`. */
export function connectClient(syncUrl: string, name: string, options: ConnectOptions = {}): Client {
  const doc = options.doc ?? new Y.Doc()
  const provider = new WebsocketProvider(syncUrl, name, doc, {
    WebSocketPolyfill: webSocketWithHeaders(options.headers),
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: options.maxBackoffTime ?? 250,
  })
  const destroy = defer(`client ${name}`, () => {
    provider.destroy()
    doc.destroy()
  })
  return { name, doc, provider, destroy }
}

/** Resolves once the provider has received the server's state (sync step 2). */
export async function waitForSynced(provider: WebsocketProvider, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
  if (provider.synced) return
  await nextEvent<[boolean]>(provider, 'sync', { timeoutMs, filter: (synced) => synced })
}

/** Connects and waits for the first sync. */
export async function connectSynced(syncUrl: string, name: string, options: ConnectOptions = {}): Promise<Client> {
  const client = connectClient(syncUrl, name, options)
  await waitForSynced(client.provider)
  return client
}

/** Drops the connection abruptly (no awareness goodbye, no close handshake), no reconnect. */
export function killConnection(provider: WebsocketProvider): void {
  provider.shouldConnect = false
  const ws = provider.ws as unknown as WebSocket | null
  ws?.terminate()
}

// ---- raw WebSocket client ----

export interface RawClient {
  ws: WebSocket
  /** Binary frames received so far. */
  messages: Uint8Array[]
  /** Resolves with the close code and reason once the socket closed. */
  closed: Promise<{ code: number; reason: string }>
  /** Resolves once the connection is open. Rejects if it closes first. */
  opened: Promise<void>
  send(frame: Uint8Array | string): void
  close(): Promise<void>
}

/** A plain ws client on `url` that records what it receives and how it was closed. */
export function rawClient(url: string, headers?: Record<string, string>): RawClient {
  const ws = new WebSocket(url, { perMessageDeflate: false, headers })
  const messages: Uint8Array[] = []
  ws.binaryType = 'nodebuffer'
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) messages.push(new Uint8Array(data))
  })
  ws.on('error', () => {})
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() }))
  })
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    void closed.then(({ code }) => reject(new Error(`closed with ${code} before opening`)))
  })
  opened.catch(() => {})
  const close = defer(`raw client ${url}`, async () => {
    if (ws.readyState === ws.CLOSED) return
    ws.terminate()
    await closed
  })
  return {
    ws,
    messages,
    closed,
    opened,
    send: (frame) => ws.send(frame, { binary: typeof frame !== 'string' }),
    close,
  }
}

/** A raw client that has joined the document: open, and the server's sync step 1 arrived. */
export async function rawJoined(syncUrl: string, name: string, headers?: Record<string, string>): Promise<RawClient> {
  const client = rawClient(`${syncUrl}/${encodeURIComponent(name).replaceAll('%2F', '/')}`, headers)
  await client.opened
  await waitFor(() => client.messages.length > 0, { what: 'the server sync step 1' })
  return client
}

/** y-websocket frames, for raw clients. */
export function syncStep1Frame(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

// ---- comparing documents ----

/** The JSON of the shared types the tests use. */
export function docJson(doc: Y.Doc): { text: unknown; map: unknown; array: unknown } {
  return {
    text: doc.getText('text').toDelta(),
    map: doc.getMap('map').toJSON(),
    array: doc.getArray('array').toJSON(),
  }
}

/**
 * JSON with object keys sorted (Y.Map key order is arrival order, which differs per replica),
 * and the values Yjs can hold but JSON cannot (bigint, binary) spelled out.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`
    if (v instanceof Uint8Array) return `bytes:${Buffer.from(v).toString('hex')}`
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    }
    return v
  })
}

/** Same content and same state vector (the same set of operations). */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return canonicalJson(docJson(a)) === canonicalJson(docJson(b)) && Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)))
}

// ---- raw HTTP upgrade (for paths a WebSocket client library would normalize) ----

export interface UpgradeOutcome {
  /** HTTP status of the upgrade response (101 if it was accepted). */
  status: number
  /** Close code of the first frame, if the server accepted and then closed. */
  closeCode: number | null
  closeReason: string
}

/**
 * Sends a WebSocket upgrade request for exactly `rawPath` (no URL normalization: `a/../b`
 * stays as it is) and reads the response: the HTTP status and, after a 101, the close frame.
 */
export function rawUpgrade(port: number, rawPath: string, timeoutMs = 10_000): Promise<UpgradeOutcome> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    let buf = Buffer.alloc(0)
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no complete answer to the upgrade of ${rawPath} within ${timeoutMs} ms`))
    }, timeoutMs)
    const done = (outcome: UpgradeOutcome) => {
      clearTimeout(timer)
      socket.destroy()
      resolve(outcome)
    }
    socket.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    socket.on('connect', () => {
      socket.write(
        `GET ${rawPath} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      )
    })
    const parse = (ended: boolean) => {
      const headEnd = buf.indexOf('\r\n\r\n')
      if (headEnd < 0) return ended ? done({ status: 0, closeCode: null, closeReason: '' }) : undefined
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(buf.subarray(0, headEnd).toString('latin1'))?.[1] ?? 0)
      if (status !== 101) return done({ status, closeCode: null, closeReason: '' })
      const frame = buf.subarray(headEnd + 4)
      if (frame.length >= 2 && frame.length >= 2 + (frame[1]! & 0x7f)) {
        if ((frame[0]! & 0x0f) !== 0x8) return done({ status, closeCode: null, closeReason: `first frame has opcode ${frame[0]! & 0x0f}` })
        const length = frame[1]! & 0x7f
        return done({
          status,
          closeCode: length >= 2 ? frame.readUInt16BE(2) : null,
          closeReason: frame.subarray(4, 2 + length).toString('utf8'),
        })
      }
      if (ended) done({ status, closeCode: null, closeReason: 'connection ended without a close frame' })
    }
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk])
      parse(false)
    })
    socket.on('end', () => parse(true))
  })
}
