// MetadataStore against a real temp directory: when changes reach metadata.json, and that
// reads see them before they do.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { silentLogger } from '../logger.ts'
import { MemoryStorage } from '../storage/MemoryStorage.ts'
import { Editor } from '../storage/storageContract.ts'
import { type MetadataData, MetadataStore } from './MetadataStore.ts'

let dir: string
let storage: MemoryStorage
const stores: MetadataStore[] = []

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cg-metadata-'))
  storage = new MemoryStorage()
})

afterEach(async () => {
  // flush() also clears a pending timer, so no write outlives the test.
  for (const store of stores.splice(0)) await store.flush()
  await rm(dir, { recursive: true, force: true })
})

async function open(delays: { writeDelayMs: number; touchWriteDelayMs: number }): Promise<MetadataStore> {
  const store = await MetadataStore.open({ dataDir: dir, storage, logger: silentLogger, ...delays })
  stores.push(store)
  return store
}

async function onDisk(): Promise<MetadataData['documents']> {
  try {
    return (JSON.parse(await readFile(path.join(dir, 'metadata.json'), 'utf8')) as MetadataData).documents
  } catch {
    return {}
  }
}

/** Polls metadata.json until `ready` holds for it (no fixed sleep for what must happen). */
async function untilOnDisk(ready: (docs: MetadataData['documents']) => boolean): Promise<MetadataData['documents']> {
  const deadline = Date.now() + 5000
  for (;;) {
    const docs = await onDisk()
    if (ready(docs)) return docs
    if (Date.now() > deadline) throw new Error(`metadata.json never got there: ${JSON.stringify(docs)}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const iso = (ms: number) => new Date(ms).toISOString()
const T = Date.UTC(2026, 10, 28, 9, 0, 0)

it('writes a new document soon, holds back later change times of it, and reads see them at once', async () => {
  const store = await open({ writeDelayMs: 20, touchWriteDelayMs: 60_000 })

  store.touch('demo/agenda', T)
  let docs = await untilOnDisk((d) => 'demo/agenda' in d)
  expect(docs['demo/agenda']).toEqual({ name: 'demo/agenda', created: iso(T), updated: iso(T), size: 0 })

  store.touch('demo/agenda', T + 5000)
  expect(store.get('demo/agenda')?.updated).toBe(iso(T + 5000))
  expect(store.list().map((m) => [m.name, m.updated])).toEqual([['demo/agenda', iso(T + 5000)]])
  // Far past the 20 ms of a structural change: a typing-only change is not on disk yet.
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect((await onDisk())['demo/agenda']?.updated).toBe(iso(T))

  // A new document brings the write forward, and the held-back time goes with it.
  // `constructor` is a valid document name and must not be mistaken for a known one.
  store.touch('constructor', T + 7000)
  docs = await untilOnDisk((d) => Object.hasOwn(d, 'constructor'))
  expect(docs.constructor).toEqual({ name: 'constructor', created: iso(T + 7000), updated: iso(T + 7000), size: 0 })
  expect(docs['demo/agenda']?.updated).toBe(iso(T + 5000))
  expect(store.list().map((m) => m.name)).toEqual(['constructor', 'demo/agenda'])
})

it('flush() writes held-back change times at once, and a reopened store reads them', async () => {
  const store = await open({ writeDelayMs: 60_000, touchWriteDelayMs: 60_000 })
  store.touch('demo/agenda', T)
  store.touch('demo/agenda', T + 1000)
  store.touch('demo/agenda', T + 500) // an older time never moves `updated` back
  await store.flush()
  expect((await onDisk())['demo/agenda']).toEqual({ name: 'demo/agenda', created: iso(T), updated: iso(T + 1000), size: 0 })

  store.touch('demo/agenda', T + 9000)
  await store.flush()
  const reopened = await open({ writeDelayMs: 60_000, touchWriteDelayMs: 60_000 })
  expect(reopened.get('demo/agenda')).toEqual({ name: 'demo/agenda', created: iso(T), updated: iso(T + 9000), size: 0 })
})

it("writes a compacted document's new size soon, even while change times are held back", async () => {
  const store = await open({ writeDelayMs: 20, touchWriteDelayMs: 60_000 })
  store.touch('demo/map', T)
  await untilOnDisk((d) => 'demo/map' in d)

  const editor = new Editor()
  for (const text of ['a', 'b', 'c']) {
    const record = editor.edit(text)
    storage.append('demo/map', record)
    store.touch('demo/map', record.time)
  }
  await storage.compact('demo/map', editor.compaction())
  const { size } = await storage.info('demo/map')
  expect(size).toBeGreaterThan(0)
  await store.hooks().onStoreDocument?.({ name: 'demo/map', doc: new Y.Doc(), coveredSeq: 3 })

  const docs = await untilOnDisk((d) => d['demo/map']?.size === size)
  expect(docs['demo/map']?.updated).toBe(store.get('demo/map')?.updated)
})
