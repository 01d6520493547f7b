// Misbehaving clients: malformed and oversized frames, invalid document names, connection
// floods and readers that never read. Each is cut off alone; everybody else keeps working.
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import seedrandom from 'seedrandom'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { CloseCode, MessageType, SyncMessageType } from '@common-ground/protocol'
import { useCleanup } from './helpers/cleanup.ts'
import { connectClient, connectSynced, rawClient, rawJoined, rawUpgrade, sameState, updateFrame, type Client } from './helpers/clients.ts'
import { getJson, listFiles, makeTempDir, startTestServer, type TestServer } from './helpers/server.ts'
import { nextEvent, waitFor } from './helpers/wait.ts'

useCleanup()

function frame(...parts: (number | Uint8Array)[]): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part)
    else encoding.writeVarUint8Array(encoder, part)
  }
  return encoding.toUint8Array(encoder)
}

/** Two well-behaved clients in `name`, and a check that they (and the server) still sync. */
async function bystanders(server: TestServer, name: string) {
  const a = await connectSynced(server.syncUrl, name)
  const b = await connectSynced(server.syncUrl, name)
  let n = 0
  const stillSyncing = async (label: string) => {
    a.doc.getArray('array').push([`${label} #${++n}`])
    await waitFor(() => b.doc.getArray('array').length === n && sameState(server.rooms.get(name)!.doc, a.doc), {
      what: `the bystanders to keep syncing after ${label}`,
    })
  }
  return { a, b, stillSyncing }
}

const validUpdate = (() => {
  const doc = new Y.Doc()
  doc.getText('text').insert(0, 'a perfectly fine update')
  doc.getMap('map').set('k', { v: [1, 2, 3] })
  return Y.encodeStateAsUpdate(doc)
})()

describe('malformed frames', () => {
  const rng = seedrandom('malformed-frames')
  const randomFrame = new Uint8Array(256).map(() => Math.floor(rng() * 256))
  randomFrame[0] = 0x7e // an unknown message type, whatever the rest of the bytes say
  const cases: [string, Uint8Array | string][] = [
    ['random bytes', randomFrame],
    ['an unknown message type', frame(9)],
    ['an unknown sync message type', frame(MessageType.Sync, 7, new Uint8Array([0]))],
    ['a truncated varuint message type', new Uint8Array([0x80])],
    ['a truncated varuint payload length', new Uint8Array([MessageType.Sync, SyncMessageType.Update, 0xff])],
    ['a payload longer than the frame', new Uint8Array([MessageType.Sync, SyncMessageType.Update, 0x7f, 1, 2, 3])],
    ['a sync update with garbage update bytes', frame(MessageType.Sync, SyncMessageType.Update, new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02]))],
    ['a sync update with a truncated Yjs update', frame(MessageType.Sync, SyncMessageType.Update, validUpdate.subarray(0, validUpdate.length - 9))],
    ['a sync step 2 with garbage update bytes', frame(MessageType.Sync, SyncMessageType.Step2, new Uint8Array([0x03, 0xff, 0xff]))],
    ['a sync step 1 with a garbage state vector', frame(MessageType.Sync, SyncMessageType.Step1, new Uint8Array([0x05, 0x01]))],
    ['a garbage awareness update', frame(MessageType.Awareness, new Uint8Array([0x05, 0xff]))],
    ['trailing bytes after a message', new Uint8Array([MessageType.QueryAwareness, 0, 0])],
    ['a text frame', 'hello, server'],
  ]

  it('close only the sending connection with 4400; the document and the server carry on', async () => {
    const server = await startTestServer()
    const DOC = 'abuse/frames'
    const { a, b, stillSyncing } = await bystanders(server, DOC)
    await stillSyncing('start')
    for (const [label, bad] of cases) {
      const raw = await rawJoined(server.syncUrl, DOC)
      raw.send(bad)
      expect((await raw.closed).code, label).toBe(CloseCode.BadMessage)
      await stillSyncing(label)
    }
    expect(a.doc.getText('text').toString()).toBe('') // no garbage made it into the document
    expect(b.doc.getMap('map').size).toBe(0)
    const health = await getJson(`${server.url}/api/health`)
    expect(health.body).toMatchObject({ status: 'ok', connections: 2, documents: 1 })
  })

  it('a frame over maxFrameBytes closes that connection with 1009', async () => {
    const server = await startTestServer({ limits: { maxFrameBytes: 64 * 1024 } })
    const DOC = 'abuse/big'
    const { stillSyncing } = await bystanders(server, DOC)
    const raw = await rawJoined(server.syncUrl, DOC)
    const doc = new Y.Doc()
    doc.getMap('map').set('blob', new Uint8Array(randomBytes(100 * 1024)))
    raw.send(updateFrame(Y.encodeStateAsUpdate(doc))) // well-formed, just too big
    expect((await raw.closed).code).toBe(CloseCode.MessageTooBig)
    expect(server.rooms.get(DOC)!.doc.getMap('map').has('blob')).toBe(false)
    await stillSyncing('an oversized frame')
    // Frames just under the limit are fine.
    const ok = await rawJoined(server.syncUrl, DOC)
    const small = new Y.Doc()
    small.getMap('map').set('blob', new Uint8Array(randomBytes(60 * 1024)))
    ok.send(updateFrame(Y.encodeStateAsUpdate(small)))
    await waitFor(() => server.rooms.get(DOC)!.doc.getMap('map').has('blob'), { what: 'the 60 KiB update to be applied' })
    expect((await getJson(`${server.url}/api/health`)).body.status).toBe('ok')
  })

  it('tiny updates that claim millions of structs are rejected without stalling the server', async () => {
    // 18 bytes that Y.applyUpdate alone would answer by allocating ~300 MB for ~1 s.
    const bomb = Buffer.from('2cfe93910c5e86d1cfd1ae5767c72646640b', 'hex')
    const server = await startTestServer()
    const DOC = 'abuse/bomb'
    const { stillSyncing } = await bystanders(server, DOC)
    const started = Date.now()
    const raws = await Promise.all(Array.from({ length: 10 }, () => rawJoined(server.syncUrl, DOC)))
    for (const raw of raws) raw.send(frame(MessageType.Sync, SyncMessageType.Update, bomb))
    const codes = await Promise.all(raws.map(async (raw) => (await raw.closed).code))
    expect(codes).toEqual(Array(10).fill(CloseCode.BadMessage))
    await stillSyncing('ten update bombs')
    // Generous for a loaded machine, far below the ~10 s the unguarded decoder needs.
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('random frames under every message type never crash the server or split the document', async () => {
    const seed = process.env.FRAME_FUZZ_SEED ?? String(Date.now())
    console.log(`frame fuzz seed: ${seed} (rerun with FRAME_FUZZ_SEED=${seed})`)
    const fuzz = seedrandom(seed)
    const server = await startTestServer()
    const DOC = 'abuse/fuzz'
    const { a, stillSyncing } = await bystanders(server, DOC)
    a.provider.awareness.setLocalStateField('user', { name: 'probe target' }) // so a query is answered
    await stillSyncing('start')
    const byte = () => Math.floor(fuzz() * 256)
    const bytes = (n: number) => new Uint8Array(n).map(byte)
    let raw = await rawJoined(server.syncUrl, DOC)
    let rejected = 0
    for (let i = 0; i < 150; i++) {
      const kind = Math.floor(fuzz() * 6)
      const payload = bytes(Math.floor(fuzz() * 40))
      const bad =
        kind === 0
          ? frame(MessageType.Sync, Math.floor(fuzz() * 3), payload)
          : kind === 1
            ? frame(MessageType.Awareness, payload)
            : kind === 2
              ? (() => {
                  // a valid update with a few bytes flipped
                  const u = new Uint8Array(validUpdate)
                  for (let k = 0; k < 3; k++) u[Math.floor(fuzz() * u.length)] = byte()
                  return frame(MessageType.Sync, SyncMessageType.Update, u)
                })()
              : kind === 3
                ? frame(MessageType.Sync, SyncMessageType.Step1, payload)
                : bytes(1 + Math.floor(fuzz() * 60))
      // Send the frame and then a query: either the connection is closed, or the query's
      // answer (an awareness frame) arrives after whatever the frame caused.
      const before = raw.messages.length
      raw.send(bad)
      raw.send(frame(MessageType.QueryAwareness))
      const outcome = await Promise.race([
        raw.closed.then(({ code }) => code),
        waitFor(() => raw.messages.slice(before).some((m) => m[0] === MessageType.Awareness) && 'open'),
      ])
      if (outcome !== 'open') {
        expect(outcome, `frame ${i}: ${Buffer.from(bad).toString('hex')}`).toBe(CloseCode.BadMessage)
        rejected++
        raw = await rawJoined(server.syncUrl, DOC)
      }
    }
    console.log(`frame fuzz: ${rejected} of 150 random frames rejected with 4400`)
    expect(rejected).toBeGreaterThan(0)
    await stillSyncing('random frames')
    expect((await getJson(`${server.url}/api/health`)).body.status).toBe('ok')
  })
})

describe('document names', () => {
  it('refuses traversal and invalid names with 4422 and creates nothing anywhere', async () => {
    const sandbox = await makeTempDir('cg-sandbox-')
    const dataDir = path.join(sandbox, 'data')
    const server = await startTestServer({ dataDir })
    const before = listFiles(sandbox)
    const rawPaths = [
      '/sync/..%2F..%2Fetc%2Fpasswd',
      '/sync/a/../b',
      '/sync/a/%2e%2e/b',
      '/sync/%2e%2e',
      '/sync/..',
      '/sync/.hidden',
      '/sync/a/.hidden',
      '/sync/',
      '/sync/a//b',
      '/sync/a/',
      '/sync/a%2F..%2F..%2Fb',
      '/sync/%E0%A4%A', // not valid percent-encoding
      '/sync/a%00b',
      '/sync/a\\b',
      `/sync/${'x'.repeat(201)}`,
      '/sync/a/b/c/d/e',
    ]
    for (const rawPath of rawPaths) {
      expect(await rawUpgrade(server.port, rawPath), rawPath).toMatchObject({ status: 101, closeCode: CloseCode.InvalidDocumentName })
    }
    // Through a real client library too, and y-websocket treats it as final (no retries).
    const raw = rawClient(`${server.syncUrl}/..%2F..%2Fetc%2Fpasswd`)
    expect((await raw.closed).code).toBe(CloseCode.InvalidDocumentName)
    const provider = connectClient(server.syncUrl, '.hidden').provider
    const [closed] = await nextEvent<[{ code: number }]>(provider, 'closed')
    expect(closed.code).toBe(CloseCode.InvalidDocumentName)
    expect(provider.shouldConnect).toBe(false)

    expect(server.rooms.size).toBe(0)
    expect(listFiles(sandbox)).toEqual(before)
    expect((await getJson(`${server.url}/api/documents`)).body.documents).toEqual([])
    // Paths outside /sync/ are not WebSocket endpoints at all.
    expect((await rawUpgrade(server.port, '/other/x')).status).toBe(404)
    // A valid name written with %2F is the same document as with /.
    const ok = await rawUpgrade(server.port, '/sync/team%2Fnotes')
    expect(ok.status).toBe(101)
    expect(ok.closeCode).toBeNull()
    await server.stop()
    expect(
      listFiles(sandbox)
        .filter((f) => !before.includes(f))
        .every((f) => f.startsWith('data/')),
    ).toBe(true)
  })
})

describe('connection rate limit', () => {
  it('closes connections over the per-IP budget with 4429 and leaves the others alone', async () => {
    const server = await startTestServer({ limits: { connectionsPerWindow: 3, rateWindowMs: 60_000 } })
    const DOC = 'abuse/rate'
    const a = await connectSynced(server.syncUrl, DOC)
    const b = await connectSynced(server.syncUrl, DOC)
    const third = await rawJoined(server.syncUrl, DOC)
    const fourth = rawClient(`${server.syncUrl}/${DOC}`)
    expect((await fourth.closed).code).toBe(CloseCode.RateLimited)
    const fifth = rawClient(`${server.syncUrl}/another/doc`)
    expect((await fifth.closed).code).toBe(CloseCode.RateLimited)
    expect(server.rooms.get('another/doc')).toBeUndefined()

    a.doc.getText('text').insert(0, 'unaffected')
    await waitFor(() => b.doc.getText('text').toString() === 'unaffected', { what: 'the admitted clients to keep syncing' })
    expect(third.ws.readyState).toBe(third.ws.OPEN)
    expect((await getJson(`${server.url}/api/health`)).body).toMatchObject({ status: 'ok', connections: 3 })
  })
})

describe('slow consumer', () => {
  it('disconnects a reader that stopped reading once its backlog passes maxBacklogBytes; others keep going', async () => {
    const server = await startTestServer({ limits: { maxBacklogBytes: 1024 * 1024 } })
    const DOC = 'abuse/slow'
    const writer: Client = await connectSynced(server.syncUrl, DOC)
    const reader: Client = await connectSynced(server.syncUrl, DOC)
    const room = server.rooms.get(DOC)!
    const others = new Set(room.connections)
    const slow = await rawJoined(server.syncUrl, DOC)
    const slowConn = [...room.connections].find((c) => !others.has(c))!
    ;(slow.ws as unknown as { _socket: { pause(): void } })._socket.pause() // never reads again

    // 32 KiB updates; the kernel's socket buffers take a few MiB before the backlog grows.
    let sent = 0
    while (!slowConn.closed && sent < 2_000) {
      writer.doc.transact(() => {
        writer.doc.getMap('map').set('blob', new Uint8Array(randomBytes(32 * 1024)))
        writer.doc.getMap('map').set('n', ++sent)
      })
      if (sent % 4 === 0) await waitFor(() => reader.doc.getMap('map').get('n') === sent, { what: `update ${sent} at the reader` })
    }
    expect(slowConn.closed).toBe(true)
    console.log(`slow consumer cut off after ${sent} updates of 32 KiB`)
    await waitFor(() => !room.connections.has(slowConn), { what: 'the slow connection to leave the room' })
    expect(room.connections.size).toBe(2)
    expect(server.sync.connectionCount).toBe(2)

    // The others did not notice.
    writer.doc.getMap('map').set('after', true)
    await waitFor(() => reader.doc.getMap('map').get('after') === true, { what: 'the reader to keep receiving' })
    expect(sameState(reader.doc, writer.doc)).toBe(true)
    // The slow client learns it was cut off once it reads again: the socket was terminated.
    ;(slow.ws as unknown as { _socket: { resume(): void } })._socket.resume()
    expect([CloseCode.SlowConsumer, 1006]).toContain((await slow.closed).code)
  })
})
