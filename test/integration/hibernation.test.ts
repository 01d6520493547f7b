// A document nobody writes to keeps only its encoded state in memory (no Y.Doc): joiners,
// reconnecting clients with state of their own, and writers must not notice the difference.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MemoryStorage } from '@common-ground/server'
import { useCleanup } from './helpers/cleanup.ts'
import { connectSynced, docJson } from './helpers/clients.ts'
import { startTestServer } from './helpers/server.ts'
import { waitFor } from './helpers/wait.ts'

useCleanup()

const COMPACTION = { idleMs: 20, maxWaitMs: 100, hibernateAfterMs: 30 }

describe('hibernating documents', () => {
  it('serve joiners and returning clients from the encoded state, and wake up on the first write', async () => {
    const storage = new MemoryStorage()
    const server = await startTestServer({ storage, compaction: COMPACTION })
    const DOC = 'sleep/agenda'
    const writer = await connectSynced(server.syncUrl, DOC)
    writer.doc.getText('text').insert(0, 'before sleep')
    writer.doc.getMap('map').set('goal', 'readiness')
    const room = server.rooms.get(DOC)!
    await waitFor(async () => (await storage.load(DOC)).snapshot !== null, { what: 'the writes to be compacted' })
    await waitFor(() => room.hibernating, { what: 'the document to hibernate after its compaction' })

    // A new joiner gets everything from the encoded state.
    const joiner = await connectSynced(server.syncUrl, DOC)
    expect(docJson(joiner.doc)).toEqual(docJson(writer.doc))
    expect(room.hibernating).toBe(true)

    // A client that has part of the state and edits of its own made offline: the server
    // answers its step 1 with a diff of the encoded state, and takes its step 2.
    const returning = new Y.Doc()
    Y.applyUpdate(returning, Y.encodeStateAsUpdate(writer.doc))
    returning.getText('text').insert(0, 'offline: ')
    writer.doc.getText('text').insert(writer.doc.getText('text').length, ' (missed)')
    await waitFor(() => joiner.doc.getText('text').toString().endsWith('(missed)'), { what: 'the joiner to see the write' })
    expect(room.hibernating).toBe(false) // the write woke it up
    await waitFor(async () => (await storage.load(DOC)).records.length === 0, { what: 'the write to be compacted' })
    await waitFor(() => room.hibernating, { what: 'hibernation again' })
    const back = await connectSynced(server.syncUrl, DOC, { doc: returning })
    await waitFor(() => writer.doc.getText('text').toString() === 'offline: before sleep (missed)', {
      what: 'the returning client to merge both ways',
    })
    expect(back.doc.getText('text').toString()).toBe('offline: before sleep (missed)')
    expect(docJson(joiner.doc)).toEqual(docJson(writer.doc))
  })

  it('a document loaded from a snapshot starts hibernated and stays so for readers', async () => {
    const storage = new MemoryStorage()
    const first = await startTestServer({ storage, compaction: COMPACTION })
    const DOC = 'sleep/cold'
    const a = await connectSynced(first.syncUrl, DOC)
    a.doc.getArray('array').push(['one', 'two'])
    await waitFor(async () => (await storage.load(DOC)).snapshot !== null && (await storage.load(DOC)).records.length === 0, {
      what: 'a snapshot covering everything',
    })
    await a.destroy()
    await first.close()

    const second = await startTestServer({ storage: storage.reopen(), compaction: COMPACTION })
    const readers = await Promise.all([0, 1, 2].map(() => connectSynced(second.syncUrl, DOC)))
    for (const reader of readers) expect(reader.doc.getArray('array').toArray()).toEqual(['one', 'two'])
    // Readers' empty step 2 answers and awareness never build the Y.Doc.
    expect(second.rooms.get(DOC)!.hibernating).toBe(true)
  })
})
