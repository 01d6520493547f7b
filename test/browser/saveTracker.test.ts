// Unit test of the client's SaveTracker with a real WebsocketProvider over a scripted fake
// socket and server, so the order of sync messages is under the test's control.
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import { SaveTracker } from '../../client/src/sync/SaveTracker.ts'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The server side: a Y.Doc; frames to the client wait in `outbox` until `deliver()`. */
class FakeServer {
  readonly doc = new Y.Doc()
  socket: FakeSocket | null = null
  outbox: Uint8Array[] = []
  step1Received = 0

  frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 0)
    write(encoder)
    return encoding.toUint8Array(encoder)
  }

  attach(socket: FakeSocket): void {
    this.socket = socket
    this.outbox = [this.frame((e) => syncProtocol.writeSyncStep1(e, this.doc))]
  }

  receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data)
    if (decoding.readVarUint(decoder) !== 0) return
    const kind = decoding.peekVarUint(decoder)
    if (kind === syncProtocol.messageYjsSyncStep1) this.step1Received++
    const reply = encoding.createEncoder()
    encoding.writeVarUint(reply, 0)
    syncProtocol.readSyncMessage(decoder, reply, this.doc, 'client')
    if (encoding.length(reply) > 1) this.outbox.push(encoding.toUint8Array(reply))
  }

  /** Delivers queued frames to the client; `order` picks them by index (default: all, in order). */
  deliver(order?: number[]): void {
    const frames = order ? order.map((i) => this.outbox[i]) : this.outbox
    this.outbox = order ? this.outbox.filter((_, i) => !order.includes(i)) : []
    for (const frame of frames) this.socket?.onmessage?.({ data: frame.slice().buffer })
  }
}

let server = new FakeServer()

class FakeSocket {
  static CONNECTING = 0
  static OPEN = 1
  static CLOSING = 2
  static CLOSED = 3
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3
  readyState = 0
  binaryType = 'arraybuffer'
  onopen: (() => void) | null = null
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null
  onclose: ((event: { code: number; reason: string }) => void) | null = null
  onerror: (() => void) | null = null

  constructor(_url: string) {
    server.attach(this)
    setTimeout(() => {
      this.readyState = 1
      this.onopen?.()
    }, 0)
  }

  send(data: Uint8Array): void {
    server.receive(new Uint8Array(data))
  }

  close(): void {
    this.readyState = 3
    this.onclose?.({ code: 1006, reason: '' })
  }
}

function setup() {
  server = new FakeServer()
  const doc = new Y.Doc()
  const provider = new WebsocketProvider('ws://fake/sync', 'doc', doc, {
    WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
    disableBc: true,
  })
  const tracker = new SaveTracker(doc, provider, {
    isRemoteOrigin: (origin) => origin === provider,
    debounceMs: 5,
    maxWaitMs: 20,
    serverStep1TimeoutMs: 10_000,
  })
  cleanups.push(() => {
    tracker.destroy()
    provider.destroy()
  })
  const text = doc.getText('t')
  return { doc, provider, tracker, text }
}

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return
    await sleep(5)
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('SaveTracker', () => {
  it('goes unsaved → saving → saved only after the server answers a marker sent after the edit', async () => {
    const { provider, tracker, text } = setup()
    await until(() => provider.wsconnected, 'open')
    server.deliver()
    expect(provider.synced).toBe(true)
    expect(tracker.getStatus()).toBe('saved')

    text.insert(0, 'hello')
    expect(tracker.getStatus()).toBe('unsaved')
    await until(() => server.step1Received === 2, 'marker step 1')
    expect(tracker.getStatus()).toBe('saving')
    expect(server.doc.getText('t').toString()).toBe('hello')
    server.deliver()
    expect(tracker.getStatus()).toBe('saved')
  })

  it('an answer to an older marker does not cover newer edits', async () => {
    const { provider, tracker, text } = setup()
    await until(() => provider.wsconnected, 'open')
    server.deliver()
    text.insert(0, 'a')
    await until(() => server.step1Received === 2, 'first marker')
    text.insert(1, 'b')
    server.deliver()
    expect(tracker.getStatus()).not.toBe('saved')
    await until(() => server.step1Received === 3, 'second marker')
    server.deliver()
    expect(tracker.getStatus()).toBe('saved')
  })

  it('remote changes keep the status saved', async () => {
    const { provider, tracker, doc } = setup()
    await until(() => provider.wsconnected, 'open')
    server.deliver()
    server.doc.getText('t').insert(0, 'from someone else')
    server.outbox.push(server.frame((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(server.doc))))
    server.deliver()
    expect(doc.getText('t').toString()).toBe('from someone else')
    expect(tracker.getStatus()).toBe('saved')
  })

  it('offline edits: the reply to the provider’s own step 1 does not count; the marker after our step 2 does', async () => {
    const { provider, tracker, text } = setup()
    await until(() => provider.wsconnected, 'open')
    server.deliver()
    provider.disconnect()
    text.insert(0, 'offline edit')
    expect(tracker.getStatus()).toBe('unsaved')
    await sleep(30)
    expect(tracker.getStatus()).toBe('unsaved')

    provider.connect()
    await until(() => provider.wsconnected, 'reopen')
    // outbox: [server step 1, step 2 answering the provider's step 1]. Deliver the step 2 first:
    // the client is synced but has not sent its offline edits yet.
    server.deliver([1])
    expect(provider.synced).toBe(true)
    await sleep(30)
    expect(tracker.getStatus()).toBe('unsaved')
    expect(server.step1Received).toBe(2) // no marker before the server's step 1 is answered
    expect(server.doc.getText('t').toString()).toBe('')

    server.deliver() // the server's step 1: the client answers with its offline edits
    expect(server.doc.getText('t').toString()).toBe('offline edit')
    await until(() => server.step1Received === 3, 'marker after reconnect')
    expect(tracker.getStatus()).toBe('saving')
    server.deliver()
    expect(tracker.getStatus()).toBe('saved')
  })

  it('markUnconfirmed (edits loaded from IndexedDB) needs a confirmation from the server', async () => {
    const { provider, tracker } = setup()
    tracker.markUnconfirmed()
    expect(tracker.getStatus()).toBe('unsaved')
    await until(() => provider.wsconnected, 'open')
    server.deliver()
    await until(() => server.step1Received === 2, 'marker')
    server.deliver()
    expect(tracker.getStatus()).toBe('saved')
  })

  it('a closed connection drops markers in flight', async () => {
    const { provider, tracker, text } = setup()
    await until(() => provider.wsconnected, 'open')
    server.deliver()
    text.insert(0, 'x')
    await until(() => server.step1Received === 2, 'marker')
    provider.disconnect()
    expect(tracker.getStatus()).toBe('unsaved')
  })
})
