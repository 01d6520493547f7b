// Two or more real y-websocket clients through a real server: convergence, late joiners,
// awareness and its server-side cleanup.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { MemoryStorage, type LoadedDocument } from '@common-ground/server'
import { useCleanup } from './helpers/cleanup.ts'
import { connectClient, connectSynced, docJson, killConnection, rawClient, sameState, syncStep1Frame, updateFrame, waitForSynced } from './helpers/clients.ts'
import { startTestServer } from './helpers/server.ts'
import { waitFor } from './helpers/wait.ts'

useCleanup()

describe('sync between clients', () => {
  it('two clients converge on text and map edits, including concurrent ones', async () => {
    const server = await startTestServer()
    const a = await connectSynced(server.syncUrl, 'notes/converge')
    const b = await connectSynced(server.syncUrl, 'notes/converge')

    // Sequential edits travel both ways.
    a.doc.getText('text').insert(0, 'Hello')
    await waitFor(() => b.doc.getText('text').toString() === 'Hello', { what: 'b to see a’s text' })
    b.doc.getMap('map').set('owner', 'bea')
    await waitFor(() => a.doc.getMap('map').get('owner') === 'bea', { what: 'a to see b’s map entry' })

    // Concurrent edits: both sides change the same text position and the same map key in the
    // same tick, before either update can arrive at the other.
    a.doc.transact(() => {
      a.doc.getText('text').insert(5, ' world')
      a.doc.getText('text').format(0, 5, { bold: true })
      a.doc.getMap('map').set('status', 'draft')
      a.doc.getMap('map').set('a-only', { nested: [1, 2, 3] })
    })
    b.doc.transact(() => {
      b.doc.getText('text').insert(5, ' there')
      b.doc.getText('text').delete(0, 1)
      b.doc.getMap('map').set('status', 'final')
      b.doc.getMap('map').delete('owner')
    })

    const room = () => server.rooms.get('notes/converge')!
    await waitFor(() => sameState(a.doc, b.doc) && sameState(a.doc, room().doc), { what: 'a, b and the server to converge' })
    const text = a.doc.getText('text').toString()
    // Both insertions survive, b's deletion of the "H" too; the concurrent map writes resolve
    // to one winner, the same everywhere.
    expect(text).toContain(' world')
    expect(text).toContain(' there')
    expect(text.startsWith('ello')).toBe(true)
    expect(['draft', 'final']).toContain(a.doc.getMap('map').get('status'))
    expect(a.doc.getMap('map').toJSON()).toMatchObject({ 'a-only': { nested: [1, 2, 3] } })
    expect(a.doc.getMap('map').has('owner')).toBe(false)
    expect(docJson(b.doc)).toEqual(docJson(a.doc))
  })

  it('a late joiner receives the whole state', async () => {
    const server = await startTestServer()
    const a = await connectSynced(server.syncUrl, 'late/joiner')
    const text = a.doc.getText('text')
    for (let i = 0; i < 50; i++) text.insert(text.length, `line ${i}\n`)
    text.delete(0, 7) // deletions are part of the state too
    a.doc.getMap('map').set('title', 'Agenda')
    a.doc.getArray('array').push([{ id: 1 }, 'two', 3])
    const xml = a.doc.getXmlFragment('default')
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('rich content')])
    xml.insert(0, [paragraph])

    await waitFor(() => sameState(a.doc, server.rooms.get('late/joiner')!.doc), { what: 'the server to have a’s edits' })
    const late = await connectSynced(server.syncUrl, 'late/joiner')
    // Synced means the server's sync step 2 arrived; it must hold everything at once.
    expect(sameState(late.doc, a.doc)).toBe(true)
    expect(late.doc.getXmlFragment('default').toString()).toBe('<paragraph>rich content</paragraph>')
  })

  it('awareness states appear at other clients and are removed by the server when a client goes', async () => {
    const server = await startTestServer()
    const a = await connectSynced(server.syncUrl, 'presence')
    const b = await connectSynced(server.syncUrl, 'presence')
    const c = await connectSynced(server.syncUrl, 'presence')
    const aId = a.doc.clientID
    const cId = c.doc.clientID

    a.provider.awareness.setLocalStateField('user', { name: 'Ada', color: '#f00' })
    c.provider.awareness.setLocalStateField('user', { name: 'Cy', color: '#0f0' })
    await waitFor(() => (b.provider.awareness.getStates().get(aId) as any)?.user?.name === 'Ada' && b.provider.awareness.getStates().has(cId), {
      what: 'b to see a’s and c’s awareness',
      on: [{ emitter: b.provider.awareness, event: 'change' }],
    })
    // A late joiner learns who is here from the server right away.
    const d = await connectSynced(server.syncUrl, 'presence')
    await waitFor(() => d.provider.awareness.getStates().has(aId) && d.provider.awareness.getStates().has(cId), {
      what: 'd to see a and c',
      on: [{ emitter: d.provider.awareness, event: 'change' }],
    })

    // a vanishes without saying goodbye (no null awareness state, no close handshake): only
    // the server can tell b. The client-side 30 s timeout must not be what removes it.
    const started = Date.now()
    killConnection(a.provider)
    await waitFor(() => !b.provider.awareness.getStates().has(aId) && !d.provider.awareness.getStates().has(aId), {
      what: 'a’s awareness state to be removed at b and d',
      timeoutMs: 10_000,
      on: [{ emitter: b.provider.awareness, event: 'change' }],
    })
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(server.rooms.get('presence')!.awareness.getStates().has(aId)).toBe(false)

    // c leaves normally.
    await c.destroy()
    await waitFor(() => !b.provider.awareness.getStates().has(cId), {
      what: 'c’s awareness state to be removed at b',
      on: [{ emitter: b.provider.awareness, event: 'change' }],
    })
    expect(server.rooms.get('presence')!.awareness.getStates().has(cId)).toBe(false)
  })
})

/** MemoryStorage whose loads wait for a gate and are counted. */
class GatedStorage extends MemoryStorage {
  loads = 0
  openGate!: () => void
  private readonly gate = new Promise<void>((resolve) => (this.openGate = resolve))
  override async load(name: string): Promise<LoadedDocument> {
    this.loads++
    await this.gate
    return super.load(name)
  }
}

describe('joining while the document loads', () => {
  it('many clients joining at once share one load, and frames sent during the load are handled afterwards', async () => {
    const storage = new GatedStorage()
    const stored = new Y.Doc()
    stored.getText('text').insert(0, 'stored before the server started')
    storage.append('busy/doc', { seq: 1, time: Date.now(), user: null, update: Y.encodeStateAsUpdate(stored) })
    const server = await startTestServer({ storage })

    const clients = Array.from({ length: 10 }, () => connectClient(server.syncUrl, 'busy/doc'))
    // A raw client sends an update and a step 1 before the document exists in memory.
    const raw = rawClient(`${server.syncUrl}/busy/doc`)
    await raw.opened
    const early = new Y.Doc()
    early.getMap('map').set('sent', 'while loading')
    raw.send(updateFrame(Y.encodeStateAsUpdate(early)))
    raw.send(syncStep1Frame(early))
    await waitFor(() => server.sync.connectionCount === 11, { what: 'all connections to be accepted' })
    expect(storage.loads).toBe(1)
    expect(raw.messages).toEqual([]) // nothing is served before the load finished
    expect(clients.some((c) => c.provider.synced)).toBe(false)

    storage.openGate()
    await Promise.all(clients.map((c) => waitForSynced(c.provider)))
    expect(storage.loads).toBe(1)
    expect(server.rooms.size).toBe(1)
    await waitFor(() => clients.every((c) => c.doc.getMap('map').get('sent') === 'while loading'), { what: 'the early update to reach everyone' })
    for (const c of clients) expect(c.doc.getText('text').toString()).toBe('stored before the server started')
    // The early step 1 was answered too, with what the raw client lacked.
    await waitFor(() => raw.messages.some((m) => m[0] === 0 && m[1] === 1), { what: 'the answer to the early step 1' })
    const answer = decoding.createDecoder(raw.messages.find((m) => m[0] === 0 && m[1] === 1)!)
    decoding.readVarUint(answer)
    decoding.readVarUint(answer)
    Y.applyUpdate(early, decoding.readVarUint8Array(answer))
    expect(early.getText('text').toString()).toBe('stored before the server started')
  })
})
