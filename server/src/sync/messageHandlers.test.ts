// Unit tests of the frame handlers against a real Room (MemoryStorage, HookRunner) and real
// Connections: each wraps the server end of a real WebSocket pair over loopback.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AddressInfo } from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { AuthMessageType, CloseCode, MessageType, PermissionDeniedReason, SyncMessageType } from '@common-ground/protocol'
import { DEFAULT_COMPACTION } from '../config.ts'
import { HookRunner, type ServerHooks } from '../hooks.ts'
import { silentLogger } from '../logger.ts'
import { MemoryStorage } from '../storage/MemoryStorage.ts'
import { Connection } from './Connection.ts'
import { BadMessageError, handleFrame } from './messageHandlers.ts'
import { Room } from './Room.ts'

// ---- real sockets ----

let wss: WebSocketServer
let url: string
const opened: WebSocket[] = []

beforeAll(async () => {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => wss.close(() => resolve())))

const MARK = new Uint8Array([MessageType.Auth, 0x7f]) // never sent by the server: a marker

interface Peer {
  conn: Connection
  /** The client end. */
  client: WebSocket
  /** Frames the client end received, markers excluded. */
  received: Uint8Array[]
  /** Resolves once everything the server end sent so far has arrived. */
  settle(): Promise<void>
}

/** A Connection whose ws is the server end of a real loopback WebSocket. */
async function peer(options: { readOnly?: boolean; maxBacklogBytes?: number } = {}): Promise<Peer> {
  const serverSide = new Promise<WebSocket>((resolve) => wss.once('connection', resolve))
  const client = new WebSocket(url)
  opened.push(client)
  const ws = await serverSide
  await new Promise<void>((resolve) => (client.readyState === client.OPEN ? resolve() : client.once('open', () => resolve())))
  const received: Uint8Array[] = []
  let marks = 0
  const markWaiters: (() => void)[] = []
  client.on('message', (data: Buffer) => {
    const frame = new Uint8Array(data)
    if (frame.length === MARK.length && frame.every((b, i) => b === MARK[i])) {
      marks++
      markWaiters.shift()?.()
    } else received.push(frame)
  })
  const conn = new Connection(ws, { ip: '127.0.0.1', user: 'user-1', maxBacklogBytes: options.maxBacklogBytes ?? 1 << 30 })
  conn.readOnly = options.readOnly ?? false
  let sentMarks = 0
  return {
    conn,
    client,
    received,
    settle: () => {
      sentMarks++
      const wanted = sentMarks
      const done = new Promise<void>((resolve) => {
        if (marks >= wanted) resolve()
        else markWaiters.push(resolve)
      })
      ws.send(MARK) // bypasses Connection.send so a closed conn can still be checked
      return done
    },
  }
}

// ---- a real room ----

let rooms: Room[] = []
afterEach(() => {
  for (const room of rooms) room.destroy()
  rooms = []
  for (const ws of opened.splice(0)) ws.terminate()
})

/** Joins as SyncServer does: added to the room, then greeted with the server's step 1. */
function join(r: Room, conn: Connection): void {
  r.addConnection(conn)
  r.greet(conn)
}

async function room(storage = new MemoryStorage(), hooks: ServerHooks[] = []): Promise<{ room: Room; storage: MemoryStorage }> {
  const r = await Room.load('unit/doc', {
    storage,
    hooks: new HookRunner(hooks, () => {}),
    logger: silentLogger,
    compaction: { ...DEFAULT_COMPACTION, idleMs: 600_000, maxWaitMs: 600_000, retryBaseMs: 600_000, retryMaxMs: 600_000 },
    awarenessHost: new Y.Doc(),
  })
  rooms.push(r)
  return { room: r, storage }
}

// ---- frames ----

function frame(...parts: (number | Uint8Array)[]): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part)
    else encoding.writeVarUint8Array(encoder, part)
  }
  return encoding.toUint8Array(encoder)
}

function decodeFrame(f: Uint8Array): { type: number; kind?: number; payload?: Uint8Array } {
  const decoder = decoding.createDecoder(f)
  const type = decoding.readVarUint(decoder)
  if (type === MessageType.Sync) {
    const kind = decoding.readVarUint(decoder)
    return { type, kind, payload: decoding.readVarUint8Array(decoder) }
  }
  if (type === MessageType.Awareness) return { type, payload: decoding.readVarUint8Array(decoder) }
  return { type }
}

function clientDoc(text: string): Y.Doc {
  const doc = new Y.Doc()
  doc.getText('text').insert(0, text)
  return doc
}

const updateOf = (doc: Y.Doc, sv?: Uint8Array) => Y.encodeStateAsUpdate(doc, sv)

describe('sync step 1', () => {
  it('is answered with the whole document for an empty state vector', async () => {
    const { room: r } = await room()
    const writer = clientDoc('hello')
    Y.applyUpdate(r.doc, updateOf(writer))
    const p = await peer()
    handleFrame(r, p.conn, frame(MessageType.Sync, SyncMessageType.Step1, Y.encodeStateVector(new Y.Doc())))
    await p.settle()
    expect(p.received).toHaveLength(1)
    const answer = decodeFrame(p.received[0]!)
    expect(answer).toMatchObject({ type: MessageType.Sync, kind: SyncMessageType.Step2 })
    const fresh = new Y.Doc()
    Y.applyUpdate(fresh, answer.payload!)
    expect(fresh.getText('text').toString()).toBe('hello')
  })

  it('is answered with exactly the missing part for a partial state vector', async () => {
    const { room: r } = await room()
    const writer = clientDoc('first ')
    const reader = new Y.Doc()
    Y.applyUpdate(reader, updateOf(writer))
    Y.applyUpdate(r.doc, updateOf(writer))
    writer.getText('text').insert(6, 'second')
    Y.applyUpdate(r.doc, updateOf(writer))
    const p = await peer()
    handleFrame(r, p.conn, frame(MessageType.Sync, SyncMessageType.Step1, Y.encodeStateVector(reader)))
    await p.settle()
    const diff = decodeFrame(p.received[0]!).payload!
    expect(diff.length).toBeLessThan(updateOf(writer).length)
    Y.applyUpdate(reader, diff)
    expect(reader.getText('text').toString()).toBe('first second')
  })

  it('re-encodes the cached full state after the document changed', async () => {
    const { room: r } = await room()
    const empty = Y.encodeStateVector(new Y.Doc())
    const writer = clientDoc('v1')
    Y.applyUpdate(r.doc, updateOf(writer))
    const first = r.syncStep2For(empty)
    expect(r.syncStep2For(empty)).toBe(first) // cached: the same bytes for every joiner
    writer.getText('text').insert(2, '+v2')
    Y.applyUpdate(r.doc, updateOf(writer))
    const second = r.syncStep2For(empty)
    const fresh = new Y.Doc()
    Y.applyUpdate(fresh, decodeFrame(second).payload!)
    expect(fresh.getText('text').toString()).toBe('v1+v2')
  })
})

describe('updates', () => {
  it.each([
    ['update', SyncMessageType.Update],
    ['sync step 2', SyncMessageType.Step2],
  ] as const)('a client %s is applied, appended to the log, then sent to the others but not back', async (_name, kind) => {
    const changes: number[] = []
    const { room: r, storage } = await room(new MemoryStorage(), [{ onChange: ({ record }) => changes.push(record.seq) }])
    const a = await peer()
    const b = await peer()
    const c = await peer()
    for (const x of [a, b, c]) join(r, x.conn)
    await Promise.all([a, b, c].map((x) => x.settle()))
    for (const x of [a, b, c]) x.received.length = 0 // the server's step 1 on joining

    const update = updateOf(clientDoc('from a'))
    handleFrame(r, a.conn, frame(MessageType.Sync, kind, update))
    expect(r.doc.getText('text').toString()).toBe('from a')
    const history = await storage.history('unit/doc')
    expect(history).toHaveLength(1)
    expect(history[0]).toMatchObject({ seq: 1, user: 'user-1' })
    expect(changes).toEqual([1])

    await Promise.all([a, b, c].map((x) => x.settle()))
    expect(a.received).toEqual([])
    for (const other of [b, c]) {
      expect(other.received).toHaveLength(1)
      expect(decodeFrame(other.received[0]!)).toMatchObject({ type: MessageType.Sync, kind: SyncMessageType.Update })
      const doc = new Y.Doc()
      Y.applyUpdate(doc, decodeFrame(other.received[0]!).payload!)
      expect(doc.getText('text').toString()).toBe('from a')
    }
    // Every connection gets the same encoded bytes.
    expect(Buffer.from(b.received[0]!)).toEqual(Buffer.from(c.received[0]!))
  })

  it('an update that changes nothing is neither logged nor sent', async () => {
    const { room: r, storage } = await room()
    const a = await peer()
    const b = await peer()
    join(r, a.conn)
    join(r, b.conn)
    const update = updateOf(clientDoc('once'))
    handleFrame(r, a.conn, frame(MessageType.Sync, SyncMessageType.Update, update))
    handleFrame(r, a.conn, frame(MessageType.Sync, SyncMessageType.Update, update)) // a duplicate
    await b.settle()
    expect(b.received.filter((f) => decodeFrame(f).kind === SyncMessageType.Update)).toHaveLength(1)
    expect(await storage.history('unit/doc')).toHaveLength(1)
  })

  it('a read-only connection’s updates are dropped', async () => {
    const { room: r, storage } = await room()
    const viewer = await peer({ readOnly: true })
    const other = await peer()
    join(r, viewer.conn)
    join(r, other.conn)
    await other.settle()
    other.received.length = 0
    handleFrame(r, viewer.conn, frame(MessageType.Sync, SyncMessageType.Update, updateOf(clientDoc('nope'))))
    handleFrame(r, viewer.conn, frame(MessageType.Sync, SyncMessageType.Step2, updateOf(clientDoc('nope'))))
    await other.settle()
    expect(r.doc.getText('text').toString()).toBe('')
    expect(other.received).toEqual([])
    expect(await storage.history('unit/doc')).toEqual([])
  })

  it.each([
    ['live', false],
    ['hibernating', true],
  ] as const)(
    'a read-only connection that writes anyway is told once, %s, and stays connected; a reader repeating what the server has is told nothing',
    async (_name, hibernating) => {
      const storage = new MemoryStorage()
      const writer = clientDoc('hello world')
      writer.getText('text').delete(0, 6) // a delete set, which every step 2 repeats in full
      {
        const { room: first } = await room(storage)
        Y.applyUpdate(first.doc, updateOf(writer))
        await first.flush()
      }
      const { room: r } = await room(storage)
      if (!hibernating) void r.doc
      expect(r.hibernating).toBe(hibernating)
      const viewer = await peer({ readOnly: true })
      join(r, viewer.conn)
      await viewer.settle()
      viewer.received.length = 0
      const denied = () => viewer.received.filter((f) => decodeFrame(f).type === MessageType.Auth)

      // What a reader in sync sends on connect: nothing new, but the whole delete set.
      const reader = new Y.Doc()
      Y.applyUpdate(reader, updateOf(writer))
      const repeat = updateOf(reader, Y.encodeStateVector(writer))
      expect(repeat.length).toBeGreaterThan(2)
      handleFrame(r, viewer.conn, frame(MessageType.Sync, SyncMessageType.Step2, repeat))
      await viewer.settle()
      expect(denied()).toEqual([])
      expect(r.hibernating).toBe(hibernating)

      // A write: new text, then a deletion of existing text; only the first is answered.
      const sv = Y.encodeStateVector(reader)
      reader.getText('text').insert(0, 'sneaky ')
      handleFrame(r, viewer.conn, frame(MessageType.Sync, SyncMessageType.Update, updateOf(reader, sv)))
      const sv2 = Y.encodeStateVector(reader)
      reader.getText('text').delete(0, 3)
      handleFrame(r, viewer.conn, frame(MessageType.Sync, SyncMessageType.Update, updateOf(reader, sv2)))
      await viewer.settle()
      expect(denied()).toHaveLength(1)
      const decoder = decoding.createDecoder(denied()[0]!)
      expect(decoding.readVarUint(decoder)).toBe(MessageType.Auth)
      expect(decoding.readVarUint(decoder)).toBe(AuthMessageType.PermissionDenied)
      expect(decoding.readVarString(decoder)).toBe(PermissionDeniedReason.ReadOnly)
      expect(viewer.conn.closed).toBe(false)
      expect(r.doc.getText('text').toString()).toBe('world')
      expect(await storage.history('unit/doc')).toHaveLength(1)
    },
  )

  it('a read-only connection that only deletes is told', async () => {
    const { room: r } = await room()
    const writer = clientDoc('keep')
    Y.applyUpdate(r.doc, updateOf(writer))
    const viewer = await peer({ readOnly: true })
    join(r, viewer.conn)
    const sv = Y.encodeStateVector(writer)
    writer.getText('text').delete(0, 1)
    handleFrame(r, viewer.conn, frame(MessageType.Sync, SyncMessageType.Update, updateOf(writer, sv)))
    await viewer.settle()
    expect(viewer.received.filter((f) => decodeFrame(f).type === MessageType.Auth)).toHaveLength(1)
    expect(r.doc.getText('text').toString()).toBe('keep')
  })

  it.each([
    ['hibernating (applied first)', false],
    ['live (relayed as received)', true],
  ] as const)(
    'while an append fails, an update to a %s document is held from everyone and step 1 answers wait; a successful retry releases both in order',
    async (_name, live) => {
      const storage = new MemoryStorage()
      const { room: r } = await room(storage)
      if (live) expect(r.doc.getText('text').toString()).toBe('') // wakes the document
      const a = await peer()
      const b = await peer()
      join(r, a.conn)
      join(r, b.conn)
      await b.settle()
      b.received.length = 0

      storage.failWrites = true
      handleFrame(r, a.conn, frame(MessageType.Sync, SyncMessageType.Update, updateOf(clientDoc('held'))))
      expect(r.doc.getText('text').toString()).toBe('held')
      expect(r.dirty).toBe(true)
      handleFrame(r, b.conn, frame(MessageType.Sync, SyncMessageType.Step1, Y.encodeStateVector(new Y.Doc())))
      await b.settle()
      expect(b.received).toEqual([]) // neither the update nor the step 2 that would contain it
      await expect(r.flush()).rejects.toThrow(/injected/)
      await b.settle()
      expect(b.received).toEqual([])

      storage.failWrites = false
      await r.flush()
      expect(r.dirty).toBe(false)
      await b.settle()
      expect(b.received.map((f) => decodeFrame(f).kind)).toEqual([SyncMessageType.Update, SyncMessageType.Step2])
      const doc = new Y.Doc()
      Y.applyUpdate(doc, decodeFrame(b.received[1]!).payload!)
      expect(doc.getText('text').toString()).toBe('held')
      expect(await storage.history('unit/doc')).toHaveLength(1)
    },
  )
})

describe('relaying an update as received', () => {
  async function liveRoomWith(n: number) {
    const { room: r, storage } = await room()
    void r.doc // wakes the document: a hibernating one applies first, to wake
    const peers: Peer[] = []
    for (let i = 0; i < n; i++) peers.push(await peer()) // one at a time: peer() takes the next connection
    for (const x of peers) join(r, x.conn)
    await Promise.all(peers.map((x) => x.settle()))
    for (const x of peers) x.received.length = 0
    return { r, storage, peers }
  }

  /** Records, in order, when `to` is sent a frame and when the room's text changes (its observers run before any 'update' listener). */
  function watchOrder(r: Room, to: Connection): string[] {
    const order: string[] = []
    const send = to.send.bind(to)
    to.send = (f) => {
      order.push('sent')
      send(f)
    }
    r.doc.getText('text').observe(() => order.push('applied'))
    return order
  }

  it('an update that is next for its client is logged and sent as received, before it is applied', async () => {
    const {
      r,
      storage,
      peers: [a, b],
    } = await liveRoomWith(2)
    const writer = clientDoc('first')
    handleFrame(r, a!.conn, frame(MessageType.Sync, SyncMessageType.Update, updateOf(writer)))
    const order = watchOrder(r, b!.conn)
    const before = Y.encodeStateVector(writer)
    writer.getText('text').insert(5, ' second')
    const update = updateOf(writer, before)
    handleFrame(r, a!.conn, frame(MessageType.Sync, SyncMessageType.Update, update))
    expect(order).toEqual(['sent', 'applied'])
    expect(r.doc.getText('text').toString()).toBe('first second')
    const history = await storage.history('unit/doc')
    expect(history.map((x) => x.seq)).toEqual([1, 2])
    expect(Buffer.from(history[1]!.update)).toEqual(Buffer.from(update))
    await b!.settle()
    expect(b!.received).toHaveLength(2)
    expect(Buffer.from(decodeFrame(b!.received[1]!).payload!)).toEqual(Buffer.from(update))
    expect(r.dirty).toBe(true)
  })

  it('a resent update is applied first: nothing goes out twice', async () => {
    const {
      r,
      storage,
      peers: [a, b],
    } = await liveRoomWith(2)
    const order = watchOrder(r, b!.conn)
    const update = updateOf(clientDoc('once'))
    handleFrame(r, a!.conn, frame(MessageType.Sync, SyncMessageType.Update, update))
    handleFrame(r, a!.conn, frame(MessageType.Sync, SyncMessageType.Update, update))
    expect(order).toEqual(['sent', 'applied'])
    await b!.settle()
    expect(b!.received).toHaveLength(1)
    expect(await storage.history('unit/doc')).toHaveLength(1)
  })

  it.each([
    ['an update (relayed as received)', SyncMessageType.Update, 2],
    ['a sync step 2 (applied: nothing emitted, nothing logged)', SyncMessageType.Step2, 1],
  ] as const)('structs that depend on ones the server lacks, sent as %s, are kept pending and released by them', async (_name, kind, records) => {
    const {
      r,
      storage,
      peers: [a, b, c],
    } = await liveRoomWith(3)
    const docA = clientDoc('left ')
    const docB = new Y.Doc()
    Y.applyUpdate(docB, updateOf(docA))
    const seen = Y.encodeStateVector(docB)
    docB.getText('text').insert(5, 'right')
    const fromB = updateOf(docB, seen) // B's structs only; their origin is A's, which the server lacks
    handleFrame(r, b!.conn, frame(MessageType.Sync, kind, fromB))
    expect(r.doc.getText('text').toString()).toBe('')
    expect(r.doc.store.pendingStructs).not.toBeNull()
    expect(await storage.history('unit/doc')).toHaveLength(records - 1)

    // Releases the pending structs, so it is applied first: what goes out must include them.
    handleFrame(r, a!.conn, frame(MessageType.Sync, SyncMessageType.Update, updateOf(docA)))
    expect(await storage.history('unit/doc')).toHaveLength(records)
    expect(r.doc.getText('text').toString()).toBe('left right')
    expect(r.doc.store.pendingStructs).toBeNull()

    await c!.settle()
    const atC = new Y.Doc()
    for (const f of c!.received) Y.applyUpdate(atC, decodeFrame(f).payload!)
    expect(atC.getText('text').toString()).toBe('left right')
    // The log alone rebuilds the document, and a room loaded from it has it too.
    const replayed = new Y.Doc()
    for (const record of await storage.history('unit/doc')) Y.applyUpdate(replayed, record.update)
    expect(replayed.getText('text').toString()).toBe('left right')
    r.destroy()
    const { room: reloaded } = await room(storage)
    expect(reloaded.doc.getText('text').toString()).toBe('left right')
  })

  it('a delete is relayed; a large update is applied first', async () => {
    const {
      r,
      storage,
      peers: [a, b],
    } = await liveRoomWith(2)
    const writer = clientDoc('x'.repeat(20_000))
    const order = watchOrder(r, b!.conn)
    handleFrame(r, a!.conn, frame(MessageType.Sync, SyncMessageType.Update, updateOf(writer)))
    expect(order).toEqual(['applied', 'sent'])
    order.length = 0
    const before = Y.encodeStateVector(writer)
    writer.getText('text').delete(0, 19_990)
    const deletion = updateOf(writer, before)
    handleFrame(r, a!.conn, frame(MessageType.Sync, SyncMessageType.Update, deletion))
    expect(order).toEqual(['sent', 'applied'])
    expect(r.doc.getText('text').toString()).toBe('x'.repeat(10))
    const history = await storage.history('unit/doc')
    expect(history).toHaveLength(2)
    expect(Buffer.from(history[1]!.update)).toEqual(Buffer.from(deletion))
  })

  it('a log record that does not apply is skipped when the document loads, with a warning', async () => {
    const storage = new MemoryStorage()
    const good = updateOf(clientDoc('kept'))
    storage.append('unit/doc', { seq: 1, time: 0, user: null, update: good })
    storage.append('unit/doc', { seq: 2, time: 0, user: null, update: new Uint8Array([1, 1, 5, 0, 0x7f]) })
    const warnings: unknown[] = []
    const r = await Room.load('unit/doc', {
      storage,
      hooks: new HookRunner([], () => {}),
      logger: { ...silentLogger, warn: (message, fields) => warnings.push({ message, ...fields }) },
      compaction: DEFAULT_COMPACTION,
      awarenessHost: new Y.Doc(),
    })
    rooms.push(r)
    expect(r.doc.getText('text').toString()).toBe('kept')
    expect(warnings).toEqual([expect.objectContaining({ message: 'log record does not apply; skipped', seq: 2 })])
  })
})

describe('awareness', () => {
  function awarenessFrame(clientID: number, state: Record<string, unknown> | null, clock = 1): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarUint(encoder, clientID)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, JSON.stringify(state))
    return frame(MessageType.Awareness, encoding.toUint8Array(encoder))
  }

  it('is applied, sent to everyone (the sender too), and removed when its connection leaves', async () => {
    const { room: r } = await room()
    const a = await peer()
    const b = await peer()
    join(r, a.conn)
    join(r, b.conn)
    await Promise.all([a.settle(), b.settle()])
    a.received.length = b.received.length = 0

    handleFrame(r, a.conn, awarenessFrame(4242, { user: { name: 'Ada' } }))
    expect(r.awareness.getStates().get(4242)).toEqual({ user: { name: 'Ada' } })
    expect([...a.conn.awarenessIds]).toEqual([4242])
    await Promise.all([a.settle(), b.settle()])
    expect(a.received.map((f) => decodeFrame(f).type)).toEqual([MessageType.Awareness])
    expect(b.received.map((f) => decodeFrame(f).type)).toEqual([MessageType.Awareness])

    // A joiner hears about present users right after the server's step 1.
    const c = await peer()
    join(r, c.conn)
    await c.settle()
    expect(c.received.map((f) => decodeFrame(f).type)).toEqual([MessageType.Sync, MessageType.Awareness])

    b.received.length = 0
    r.removeConnection(a.conn)
    expect(r.awareness.getStates().has(4242)).toBe(false)
    await b.settle()
    const removal = new awarenessProtocol.Awareness(new Y.Doc())
    awarenessProtocol.applyAwarenessUpdate(removal, decodeFrame(b.received[0]!).payload!, null)
    expect(removal.getStates().has(4242)).toBe(false)
    expect(b.received).toHaveLength(1)
  })

  it('a query is answered with every known state, or not at all when there is none', async () => {
    const { room: r } = await room()
    const a = await peer()
    join(r, a.conn)
    await a.settle()
    a.received.length = 0
    handleFrame(r, a.conn, frame(MessageType.QueryAwareness))
    await a.settle()
    expect(a.received).toEqual([])
    handleFrame(r, a.conn, awarenessFrame(7, { x: 1 }))
    handleFrame(r, a.conn, awarenessFrame(8, { y: 2 }))
    await a.settle()
    a.received.length = 0
    handleFrame(r, a.conn, frame(MessageType.QueryAwareness))
    await a.settle()
    expect(a.received).toHaveLength(1)
    const seen = new awarenessProtocol.Awareness(new Y.Doc())
    awarenessProtocol.applyAwarenessUpdate(seen, decodeFrame(a.received[0]!).payload!, null)
    expect(seen.getStates().get(7)).toEqual({ x: 1 })
    expect(seen.getStates().get(8)).toEqual({ y: 2 })
  })

  it('an auth message from a client is ignored', async () => {
    const { room: r } = await room()
    const a = await peer()
    expect(() => handleFrame(r, a.conn, frame(MessageType.Auth, 0, new Uint8Array([1, 2, 3])))).not.toThrow()
    await a.settle()
    expect(a.received).toEqual([])
  })
})

describe('malformed frames', () => {
  const valid = updateOf(clientDoc('valid'))
  // A frame that is a view into a larger buffer: the bytes after it must never be read.
  const backing = new Uint8Array([MessageType.Sync, SyncMessageType.Update, 0x05, 0x00, 1, 2, 3, 4, 5, 6])
  const cases: [string, Uint8Array][] = [
    ['an empty frame', new Uint8Array([])],
    ['an unknown message type', frame(9)],
    ['an unknown sync message type', frame(MessageType.Sync, 3, new Uint8Array([0]))],
    ['a truncated varuint', new Uint8Array([0x80])],
    ['a truncated payload length', new Uint8Array([MessageType.Sync, SyncMessageType.Update, 0x80])],
    ['a payload longer than the frame', new Uint8Array([MessageType.Sync, SyncMessageType.Update, 0x05, 0x00])],
    ['a payload running past the frame into its backing buffer', backing.subarray(0, 4)],
    ['trailing bytes', new Uint8Array([...frame(MessageType.Sync, SyncMessageType.Update, valid), 0])],
    ['garbage update bytes', frame(MessageType.Sync, SyncMessageType.Update, new Uint8Array([0xde, 0xad, 0xbe, 0xef]))],
    ['a truncated update', frame(MessageType.Sync, SyncMessageType.Update, valid.subarray(0, valid.length - 4))],
    // Whole structs, then a delete set that claims a client and ends: applying would take the structs.
    ['an update whose delete set is cut off', frame(MessageType.Sync, SyncMessageType.Update, new Uint8Array([...valid.subarray(0, valid.length - 1), 1]))],
    ['an update claiming millions of structs', frame(MessageType.Sync, SyncMessageType.Update, Buffer.from('2cfe93910c5e86d1cfd1ae5767c72646640b', 'hex'))],
    // One client section (the shape that skips the full parse when its count fits) claiming 2^25 structs.
    [
      'a one-client update claiming millions of structs',
      frame(MessageType.Sync, SyncMessageType.Update, new Uint8Array([0x01, 0x80, 0x80, 0x80, 0x10, 0x01, 0x00, 0x04])),
    ],
    [
      'a one-client update claiming a few more structs than it has bytes',
      frame(MessageType.Sync, SyncMessageType.Update, new Uint8Array([0x01, 0x09, 0x01, 0x00, 0x04, 0x04, 0x04])),
    ],
    ['a garbage state vector', frame(MessageType.Sync, SyncMessageType.Step1, new Uint8Array([0x05, 0x01]))],
    ['a garbage awareness update', frame(MessageType.Awareness, new Uint8Array([0x05, 0xff]))],
  ]

  it.each(cases)('%s throws BadMessageError and changes nothing', async (_label, bad) => {
    const { room: r, storage } = await room()
    const a = await peer()
    const b = await peer()
    join(r, a.conn)
    join(r, b.conn)
    await b.settle()
    b.received.length = 0
    const before = Y.encodeStateAsUpdate(r.doc)
    const started = performance.now()
    expect(() => handleFrame(r, a.conn, bad)).toThrow(BadMessageError)
    expect(performance.now() - started).toBeLessThan(500) // no decoding bombs
    expect(Buffer.from(Y.encodeStateAsUpdate(r.doc))).toEqual(Buffer.from(before))
    expect(await storage.history('unit/doc')).toEqual([])
    expect(r.awareness.getStates().size).toBe(0)
    await b.settle()
    expect(b.received).toEqual([])
    expect(r.dirty).toBe(false)
  })
})

describe('connection backlog', () => {
  it('a reader that stops reading is closed with 4508 and terminated once its backlog would pass the limit', async () => {
    const p = await peer({ maxBacklogBytes: 256 * 1024 })
    const closed = new Promise<number>((resolve) => p.client.once('close', (code: number) => resolve(code)))
    ;(p.client as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause()
    const chunk = new Uint8Array(32 * 1024)
    let sent = 0
    while (!p.conn.closed && sent < 10_000) {
      p.conn.send(chunk)
      sent++
      // Let the socket drain into the kernel between sends, as a live server would.
      if (sent % 8 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    expect(p.conn.closed).toBe(true)
    expect(sent * chunk.length).toBeGreaterThan(256 * 1024)
    p.conn.send(chunk) // sending to a closed connection is a no-op
    ;(p.client as unknown as { _socket: { resume(): void } })._socket.resume()
    expect([CloseCode.SlowConsumer, 1006]).toContain(await closed)
  })

  it('a reader that keeps up is never cut off', async () => {
    const p = await peer({ maxBacklogBytes: 256 * 1024 })
    for (let i = 0; i < 64; i++) {
      p.conn.send(new Uint8Array(16 * 1024).fill(i))
      if (i % 4 === 3) await p.settle()
    }
    await p.settle()
    expect(p.conn.closed).toBe(false)
    expect(p.received).toHaveLength(64)
  })
})
