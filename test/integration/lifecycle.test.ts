// A document's life in memory: it unloads after the last client leaves (once flushed), and a
// failing storage keeps it loaded and dirty, holding its updates back until a retry succeeds.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { MessageType, SyncMessageType } from '@common-ground/protocol'
import { MemoryStorage, type LogRecord } from '@common-ground/server'
import { defer, useCleanup } from './helpers/cleanup.ts'
import { connectSynced, docJson, rawJoined, syncStep1Frame, type RawClient } from './helpers/clients.ts'
import { startTestServer } from './helpers/server.ts'
import { waitFor } from './helpers/wait.ts'

useCleanup()

/** MemoryStorage that counts append attempts, failed ones included. */
class CountingStorage extends MemoryStorage {
  appendAttempts = 0
  override append(name: string, record: LogRecord): void {
    this.appendAttempts++
    super.append(name, record)
  }
}

/** Compaction only on unload, flush or retry; retries come quickly. */
const COMPACTION = { idleMs: 600_000, maxWaitMs: 600_000, retryBaseMs: 20, retryMaxMs: 80 }

async function storedState(storage: MemoryStorage, name: string): Promise<Y.Doc> {
  const loaded = await storage.load(name)
  const doc = new Y.Doc()
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
  for (const record of loaded.records) Y.applyUpdate(doc, record.update)
  return doc
}

/** The sync step 2 frames a raw client has received, decoded into one doc. */
function step2Content(raw: RawClient): { count: number; doc: Y.Doc } {
  const doc = new Y.Doc()
  let count = 0
  for (const message of raw.messages) {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== MessageType.Sync || decoding.readVarUint(decoder) !== SyncMessageType.Step2) continue
    count++
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
  }
  return { count, doc }
}

describe('document lifecycle', () => {
  it('unloads a document after its last client leaves, once it is flushed, and reloads it on demand', async () => {
    const storage = new MemoryStorage()
    const server = await startTestServer({ storage, compaction: COMPACTION })
    const DOC = 'life/unload'
    const a = await connectSynced(server.syncUrl, DOC)
    const b = await connectSynced(server.syncUrl, DOC)
    a.doc.getText('text').insert(0, 'kept after unload')
    a.doc.getArray('array').push([1, 2, 3])
    await waitFor(() => b.doc.getArray('array').length === 3, { what: 'b to receive the edits' })
    expect(server.rooms.size).toBe(1)
    expect((await storage.load(DOC)).snapshot).toBeNull() // nothing compacted yet: all in the log

    await a.destroy()
    expect(server.rooms.size).toBe(1) // b is still here
    await b.destroy()
    await waitFor(() => server.rooms.size === 0, { what: 'the document to unload' })
    // It was flushed first: a snapshot covering everything, an empty live log.
    const stored = await storage.load(DOC)
    expect(stored.snapshot).not.toBeNull()
    expect(stored.records).toEqual([])
    expect(docJson(await storedState(storage, DOC))).toEqual(docJson(a.doc))
    expect(server.sync.connectionCount).toBe(0)

    const c = await connectSynced(server.syncUrl, DOC)
    expect(server.rooms.size).toBe(1)
    expect(docJson(c.doc)).toEqual(docJson(a.doc))
  })

  it('holds an update whose append failed from everyone, then delivers and persists it once a retry succeeds', async () => {
    const storage = new CountingStorage()
    const server = await startTestServer({ storage, compaction: COMPACTION })
    defer('heal the storage before the server closes', () => (storage.failWrites = false))
    const DOC = 'life/failing'
    const a = await connectSynced(server.syncUrl, DOC)
    const b = await connectSynced(server.syncUrl, DOC)
    a.doc.getText('text').insert(0, 'persisted before the outage')
    await waitFor(() => b.doc.getText('text').length > 0, { what: 'b to receive the first edit' })
    const room = server.rooms.get(DOC)!

    storage.failWrites = true
    a.doc.getMap('map').set('during', 'the outage')
    // Ordering probe: a's awareness change leaves a after its edit, and the server handles a's
    // frames in order; once b sees the awareness change, the edit would have arrived first.
    a.provider.awareness.setLocalStateField('probe', 1)
    await waitFor(() => (b.provider.awareness.getStates().get(a.doc.clientID) as any)?.probe === 1, { what: 'b to see a’s probe' })
    expect(b.doc.getMap('map').has('during')).toBe(false)
    expect(room.doc.getMap('map').get('during')).toBe('the outage') // applied in memory…
    expect(room.dirty).toBe(true) // …but not in the log

    // A client joining now must not receive it either: its sync step 1 stays unanswered.
    const late = await rawJoined(server.syncUrl, DOC)
    late.send(syncStep1Frame(new Y.Doc()))
    const before = late.messages.length
    late.send(new Uint8Array([MessageType.QueryAwareness]))
    await waitFor(() => late.messages.slice(before).some((m) => m[0] === MessageType.Awareness), { what: 'the answer to the query' })
    expect(step2Content(late).count).toBe(0)

    // The writer leaves; the server keeps retrying, the document stays loaded and dirty.
    await a.destroy()
    const attempts = storage.appendAttempts
    await waitFor(() => storage.appendAttempts >= attempts + 3, { what: 'three more failed retries' })
    expect(server.rooms.get(DOC)).toBe(room)
    expect(room.dirty).toBe(true)
    expect(b.doc.getMap('map').has('during')).toBe(false)
    expect(docJson(await storedState(storage, DOC)).map).toEqual({})

    // Storage recovers: the next retry appends, delivers, answers, and compacts.
    storage.failWrites = false
    await waitFor(() => b.doc.getMap('map').get('during') === 'the outage', { what: 'b to receive the held update' })
    await waitFor(() => step2Content(late).count === 1, { what: 'the late joiner’s sync step 2' })
    expect(step2Content(late).doc.getMap('map').get('during')).toBe('the outage')
    expect(step2Content(late).doc.getText('text').toString()).toBe('persisted before the outage')
    await waitFor(() => !room.dirty, { what: 'the document to be clean' })
    expect((await storage.history(DOC)).length).toBeGreaterThanOrEqual(2)
    expect(docJson(await storedState(storage, DOC))).toEqual(docJson(b.doc))
  })

  it('keeps a dirty document loaded after everyone left while writes fail, and unloads it once they succeed', async () => {
    const storage = new CountingStorage()
    const server = await startTestServer({ storage, compaction: COMPACTION })
    defer('heal the storage before the server closes', () => (storage.failWrites = false))
    const DOC = 'life/alone'
    const a = await connectSynced(server.syncUrl, DOC)
    storage.failWrites = true
    a.doc.getArray('array').push(['only in memory'])
    await waitFor(() => server.rooms.get(DOC)!.doc.getArray('array').length === 1, { what: 'the server to apply the edit' })
    await a.destroy()

    const attempts = storage.appendAttempts
    await waitFor(() => storage.appendAttempts >= attempts + 3, { what: 'three failed retries after the last client left' })
    expect(server.rooms.size).toBe(1)
    expect(server.rooms.get(DOC)!.dirty).toBe(true)
    expect(await storage.list()).not.toContain(DOC)

    storage.failWrites = false
    await waitFor(() => server.rooms.size === 0, { what: 'the document to unload after a successful retry' })
    expect((await storedState(storage, DOC)).getArray('array').toJSON()).toEqual(['only in memory'])
    const fresh = await connectSynced(server.syncUrl, DOC)
    expect(fresh.doc.getArray('array').toJSON()).toEqual(['only in memory'])
  })
})
