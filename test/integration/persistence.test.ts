// Durability through restarts: every document comes back exactly, a torn log tail costs only
// the torn record, and a document that cannot be loaded is refused without harming others.
import { appendFileSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '@common-ground/protocol'
import { MemoryStorage, type DocumentStorage, type LoadedDocument, type LogRecord } from '@common-ground/server'
import { useCleanup } from './helpers/cleanup.ts'
import { connectClient, connectSynced, docJson, rawClient, sameState } from './helpers/clients.ts'
import { captureLogger, crashImage, documentDir, getJson, listFiles, makeTempDir, startTestServer } from './helpers/server.ts'
import { nextEvent, waitFor } from './helpers/wait.ts'

useCleanup()

/** Compaction only when told to (flush/close): the log keeps every record until then. */
const NO_BACKGROUND_COMPACTION = { idleMs: 600_000, maxWaitMs: 600_000 }

function fillDocument(doc: Y.Doc, seed: number): void {
  doc.transact(() => {
    doc.getText('text').insert(0, `Document ${seed}: שלום, wereld 🙂\n`)
    doc.getText('text').format(0, 8, { bold: true })
    doc.getMap('map').set('title', `Doc ${seed}`)
    doc.getMap('map').set('nested', { list: [seed, seed * 2], flag: seed % 2 === 0 })
    doc.getArray('array').push([seed, `item-${seed}`, { deep: { deeper: [seed] } }])
  })
  // Separate transactions: several log records, and a deletion.
  doc.getText('text').insert(doc.getText('text').length, 'second line\n')
  doc.getArray('array').delete(0, 1)
  const fragment = doc.getXmlFragment('default')
  const heading = new Y.XmlElement('heading')
  heading.setAttribute('level', '2')
  heading.insert(0, [new Y.XmlText(`Heading ${seed}`)])
  fragment.insert(0, [heading])
}

function fullState(doc: Y.Doc) {
  return { ...docJson(doc), xml: doc.getXmlFragment('default').toString(), vector: Buffer.from(Y.encodeStateVector(doc)).toString('hex') }
}

describe('restart', () => {
  it('restores every document exactly, across graceful restarts with edits in between', async () => {
    const names = ['plain', 'team/notes', 'a/b/c/d', 'x.y_z-1', 'demo/agenda']
    const first = await startTestServer()
    const expected = new Map<string, ReturnType<typeof fullState>>()
    await Promise.all(
      names.map(async (name, i) => {
        const writer = await connectSynced(first.syncUrl, name)
        fillDocument(writer.doc, i + 1)
        await waitFor(() => sameState(first.rooms.get(name)!.doc, writer.doc), { what: `the server to have ${name}` })
        expected.set(name, fullState(writer.doc))
        await writer.destroy()
      }),
    )
    await first.stop()

    // Second life: check, then edit some documents (appended after the snapshot), restart again.
    const second = await startTestServer({ dataDir: first.dataDir })
    for (const name of names) {
      const reader = await connectSynced(second.syncUrl, name)
      expect(fullState(reader.doc), name).toEqual(expected.get(name))
      if (name !== 'plain') {
        reader.doc.getMap('map').set('second-life', name)
        reader.doc.getText('text').delete(0, 3)
        await waitFor(() => sameState(second.rooms.get(name)!.doc, reader.doc), { what: `the server to have the edit of ${name}` })
        expected.set(name, fullState(reader.doc))
      }
      await reader.destroy()
    }
    const { body } = await getJson<{ documents: { name: string }[] }>(`${second.url}/api/documents`)
    expect(body.documents.map((d) => d.name).sort()).toEqual([...names].sort())
    await second.stop()

    const third = await startTestServer({ dataDir: first.dataDir })
    for (const name of names) {
      const reader = await connectSynced(third.syncUrl, name)
      expect(fullState(reader.doc), name).toEqual(expected.get(name))
    }
  })
})

describe('torn tail', () => {
  // Under fsync 'interval' (the default) an append is one write to the shared journal, which is
  // replayed into the document's log at the next start; under 'always' it goes to the log itself.
  it.each([
    ['the last journal entry is cut short', 'truncate', 'interval'],
    ['garbage follows the last journal entry', 'garbage', 'interval'],
    ['the last log record is cut short', 'truncate', 'always'],
    ['garbage follows the last log record', 'garbage', 'always'],
  ] as const)('serves the good prefix when %s, and later edits persist across another crash', async (_title, damage, fsync) => {
    const DOC = 'torn/tail'
    const live = await startTestServer({ compaction: NO_BACKGROUND_COMPACTION, fsync })
    const writer = await connectSynced(live.syncUrl, DOC)
    const watcher = await connectSynced(live.syncUrl, DOC)
    const early = Array.from({ length: 5 }, (_, i) => `early-${i}`)
    for (const entry of early) writer.doc.getArray('array').push([entry]) // one log record each
    const last = `last-${'x'.repeat(2_000)}`
    writer.doc.getArray('array').push([last])
    // The server appends before it broadcasts: once the watcher has it, it is in the log.
    await waitFor(() => watcher.doc.getArray('array').length === 6, { what: 'the watcher to receive all six entries' })

    const image = await makeTempDir('cg-crash-')
    crashImage(live.dataDir, image)
    const journalDir = path.join(image, 'documents', '.journal')
    const damaged = fsync === 'interval' ? path.join(journalDir, readdirSync(journalDir).sort().at(-1)!) : path.join(documentDir(image, DOC), 'log')
    const size = statSync(damaged).size
    expect(size).toBeGreaterThan(2_000)
    expect(listFiles(documentDir(image, DOC))).not.toContain('snapshot') // nothing compacted yet
    if (damage === 'truncate') truncateSync(damaged, size - 100)
    else appendFileSync(damaged, Buffer.from('\x13\x00\x00\x00garbage that is not a record\xff\xfe', 'latin1'))
    const survivors = damage === 'truncate' ? early : [...early, last]

    const { logger, entries } = captureLogger()
    const recovered = await startTestServer({ dataDir: image, logger, compaction: NO_BACKGROUND_COMPACTION, fsync })
    const reader = await connectSynced(recovered.syncUrl, DOC)
    expect(reader.doc.getArray('array').toJSON()).toEqual(survivors)
    const recoveryWarning =
      fsync === 'interval' ? (m: string) => m.startsWith('journal ') && m.includes('damaged entry') : (m: string) => m === 'storage recovered document'
    if (damage === 'truncate' || fsync === 'always') expect(entries.some((e) => e.level === 'warn' && recoveryWarning(e.message))).toBe(true)
    const health = await getJson(`${recovered.url}/api/health`)
    expect(health.body.status).toBe('ok')

    // New edits land after the good prefix, not behind the damage: a second crash keeps them.
    reader.doc.getArray('array').push(['after-recovery-1'])
    reader.doc.getArray('array').push(['after-recovery-2'])
    await waitFor(() => recovered.rooms.get(DOC)!.doc.getArray('array').length === survivors.length + 2, {
      what: 'the recovered server to apply the new edits',
    })
    const image2 = await makeTempDir('cg-crash-')
    crashImage(image, image2)
    const again = await startTestServer({ dataDir: image2, fsync })
    const check = await connectSynced(again.syncUrl, DOC)
    expect(check.doc.getArray('array').toJSON()).toEqual([...survivors, 'after-recovery-1', 'after-recovery-2'])
    await again.stop()

    // And a graceful restart of the recovered server keeps them too.
    await reader.destroy()
    await recovered.stop()
    const graceful = await startTestServer({ dataDir: image, fsync })
    const check2 = await connectSynced(graceful.syncUrl, DOC)
    expect(check2.doc.getArray('array').toJSON()).toEqual([...survivors, 'after-recovery-1', 'after-recovery-2'])
  })
})

/** MemoryStorage whose load rejects for chosen names; records every write it is asked for. */
class FailingLoadStorage implements DocumentStorage {
  readonly failLoads = new Set<string>()
  readonly writes: string[] = []
  constructor(readonly inner = new MemoryStorage()) {}
  async load(name: string): Promise<LoadedDocument> {
    if (this.failLoads.has(name)) throw new Error(`injected load failure for ${name}`)
    return this.inner.load(name)
  }
  append(name: string, record: LogRecord): void {
    this.writes.push(name)
    this.inner.append(name, record)
  }
  compact(name: string, input: Parameters<DocumentStorage['compact']>[1]): Promise<void> {
    this.writes.push(name)
    return this.inner.compact(name, input)
  }
  history = (name: string) => this.inner.history(name)
  info = (name: string) => this.inner.info(name)
  list = () => this.inner.list()
  sync = (name?: string) => this.inner.sync(name)
  release = (name: string) => this.inner.release(name)
  close = () => this.inner.close()
}

describe('a document that fails to load', () => {
  it('is refused with 4500 and never written, while other documents work; a later load can succeed', async () => {
    const storage = new FailingLoadStorage()
    storage.failLoads.add('broken/doc')
    const { logger, entries } = captureLogger()
    const server = await startTestServer({ storage, logger })

    const raw = rawClient(`${server.syncUrl}/broken/doc`)
    expect((await raw.closed).code).toBe(CloseCode.DocumentUnavailable)

    // A real client with unsaved local content keeps being refused, and its content is never
    // written anywhere (4500 is "try again later" for y-websocket, so it retries).
    const doc = new Y.Doc()
    doc.getText('text').insert(0, 'local content that must not be half-stored')
    const stubborn = connectClient(server.syncUrl, 'broken/doc', { doc })
    const closes: number[] = []
    stubborn.provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? -1))
    await waitFor(() => closes.length >= 2, { what: 'two refused connection attempts' })
    expect(closes.every((code) => code === CloseCode.DocumentUnavailable)).toBe(true)
    expect(server.rooms.get('broken/doc')).toBeUndefined()
    expect(entries.some((e) => e.level === 'error' && e.message.includes('failed to load'))).toBe(true)

    // Meanwhile another document is perfectly fine.
    const a = await connectSynced(server.syncUrl, 'fine/doc')
    const b = await connectSynced(server.syncUrl, 'fine/doc')
    a.doc.getText('text').insert(0, 'still working')
    await waitFor(() => b.doc.getText('text').toString() === 'still working', { what: 'the other document to sync' })
    expect((await getJson(`${server.url}/api/health`)).body.status).toBe('ok')

    expect(storage.writes).not.toContain('broken/doc')
    expect(await storage.list()).not.toContain('broken/doc')
    expect(await storage.history('broken/doc')).toEqual([])

    // The failure is not cached: once storage recovers, the retrying client is served.
    storage.failLoads.delete('broken/doc')
    await waitFor(() => server.rooms.get('broken/doc')?.doc.getText('text').toString() === 'local content that must not be half-stored', {
      what: 'the retrying client to be served after the storage recovered',
    })
  })

  it('with an unreadable snapshot on disk and no history to rebuild it, is refused with 4500 and left untouched', async () => {
    const first = await startTestServer()
    for (const name of ['corrupt/doc', 'healthy/doc']) {
      const writer = await connectSynced(first.syncUrl, name)
      fillDocument(writer.doc, name.length)
      await waitFor(() => sameState(first.rooms.get(name)!.doc, writer.doc), { what: `the server to have ${name}` })
      await writer.destroy()
    }
    await first.stop() // graceful: a snapshot per document, the records in history

    const dir = documentDir(first.dataDir, 'corrupt/doc')
    const snapshotFile = path.join(dir, 'snapshot')
    const snapshot = readFileSync(snapshotFile)
    snapshot[snapshot.length - 5]! ^= 0xff // one flipped byte: the checksum no longer matches
    writeFileSync(snapshotFile, snapshot)
    rmSync(path.join(dir, 'history'), { recursive: true, force: true })
    const before = listFiles(first.dataDir).filter((f) => f.startsWith('documents/'))
    const corruptBefore = listFiles(dir).map((f) => [f, f.endsWith('/') ? null : readFileSync(path.join(dir, f)).toString('hex')])

    const { logger, entries } = captureLogger()
    const second = await startTestServer({ dataDir: first.dataDir, logger })
    const raw = rawClient(`${second.syncUrl}/corrupt/doc`)
    expect((await raw.closed).code).toBe(CloseCode.DocumentUnavailable)
    const doc = new Y.Doc()
    doc.getMap('map').set('overwrite', 'must not replace the damaged document')
    const writer = connectClient(second.syncUrl, 'corrupt/doc', { doc })
    const [closeEvent] = await nextEvent<[CloseEvent | null]>(writer.provider, 'connection-close')
    expect(closeEvent?.code).toBe(CloseCode.DocumentUnavailable)
    await writer.destroy()
    expect(entries.some((e) => e.level === 'error' && e.message.includes('failed to load'))).toBe(true)

    const healthy = await connectSynced(second.syncUrl, 'healthy/doc')
    expect(healthy.doc.getMap('map').get('title')).toBe(`Doc ${'healthy/doc'.length}`)
    expect((await getJson(`${second.url}/api/health`)).body.status).toBe('ok')
    await healthy.destroy()
    await second.stop()

    // Nothing was written for the damaged document: same files, same bytes (kept for repair).
    expect(listFiles(first.dataDir).filter((f) => f.startsWith('documents/'))).toEqual(before)
    expect(listFiles(dir).map((f) => [f, f.endsWith('/') ? null : readFileSync(path.join(dir, f)).toString('hex')])).toEqual(corruptBefore)
  })
})
