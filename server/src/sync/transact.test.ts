// RoomManager.transact over a real DiskStorage in a temp dir: a server write is logged with its
// user, runs the hooks, leaves the room when nobody is connected, keeps sequence numbers in
// order with an open room, commits what fn changed before it threw, and survives a restart.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DEFAULT_COMPACTION } from '../config.ts'
import { documentWriter } from '../documents/initialDocument.ts'
import { HookRunner, type ChangePayload } from '../hooks.ts'
import { silentLogger } from '../logger.ts'
import { DiskStorage } from '../storage/DiskStorage.ts'
import { RoomManager } from './RoomManager.ts'

let dir: string
let storage: DiskStorage
let rooms: RoomManager
let changes: ChangePayload[]
let unloaded: string[]

/** DiskStorage whose next `compactFailures` compactions fail (a full disk), then work again. */
class FlakyDiskStorage extends DiskStorage {
  compactFailures = 0
  override async compact(...args: Parameters<DiskStorage['compact']>): Promise<void> {
    if (this.compactFailures > 0) {
      this.compactFailures--
      throw new Error('ENOSPC: no space left on device')
    }
    return super.compact(...args)
  }
}

let flaky: FlakyDiskStorage

function open(): void {
  storage = flaky = new FlakyDiskStorage({ dir: path.join(dir, 'documents'), fsync: 'interval', fsyncIntervalMs: 10, logger: silentLogger })
  changes = []
  unloaded = []
  const hooks = new HookRunner(
    [{ onChange: (payload) => void changes.push(payload), onUnloadDocument: ({ name }) => void unloaded.push(name) }],
    (hook, error) => {
      throw new Error(`hook ${hook} failed: ${String(error)}`)
    },
  )
  rooms = new RoomManager({
    storage,
    hooks,
    logger: silentLogger,
    compaction: { ...DEFAULT_COMPACTION, hibernateAfterMs: -1, retryBaseMs: 10, retryMaxMs: 20 },
  })
}

async function close(): Promise<void> {
  const errors = await rooms.flushAll()
  expect(errors).toEqual([])
  rooms.destroyAll()
  await storage.close()
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cg-transact-'))
  open()
})

afterEach(async () => {
  await close()
  await rm(dir, { recursive: true, force: true })
})

const text = (doc: Y.Doc) => doc.getText('t').toString()

it('logs the write with its user, runs onChange with the new content, then unloads the idle room', async () => {
  await rooms.transact('doc', (doc) => doc.getText('t').insert(0, 'hello'), { user: 'u1', reason: 'test' })
  expect(changes).toHaveLength(1)
  expect(changes[0]!.name).toBe('doc')
  expect(changes[0]!.record.user).toBe('u1')
  expect(changes[0]!.record.seq).toBeGreaterThan(0)
  expect(text(changes[0]!.doc)).toBe('hello')
  expect(rooms.get('doc')).toBeUndefined()
  expect(rooms.size).toBe(0)
  expect(unloaded).toEqual(['doc'])
  const loaded = await storage.load('doc')
  const doc = new Y.Doc()
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
  for (const record of loaded.records) Y.applyUpdate(doc, record.update)
  expect(text(doc)).toBe('hello')
  await storage.release('doc')
})

it('writes through a loaded room: sequence numbers stay in order, and everything survives a restart', async () => {
  const room = await rooms.acquire('doc')
  room.doc.getText('t').insert(0, 'a') // an edit of the open room (seq 1), not yet compacted
  await rooms.transact('doc', (doc) => doc.getText('t').insert(1, 'b'), { user: null, reason: 'test' })
  expect(room.destroyed).toBe(true) // the same instance was written to, then left memory
  await rooms.transact('doc', (doc) => doc.getText('t').insert(2, 'c'), { user: 'u1', reason: 'test' })
  expect(changes.map((c) => c.record.seq)).toEqual([1, 2, 3])
  await close()

  open()
  const reopened = await rooms.acquire('doc')
  expect(text(reopened.doc)).toBe('abc')
  await rooms.transact('doc', (doc) => doc.getText('t').insert(3, 'd'), { user: 'u2', reason: 'test' })
  expect(changes.at(-1)!.record).toMatchObject({ seq: 4, user: 'u2' })
})

it('commits what fn changed before it threw, then rethrows', async () => {
  const failing = rooms.transact(
    'doc',
    (doc) => {
      doc.getText('t').insert(0, 'kept')
      throw new Error('boom')
    },
    { user: null, reason: 'test' },
  )
  await expect(failing).rejects.toThrow('boom')
  expect(changes).toHaveLength(1)
  expect(rooms.size).toBe(0)
  const room = await rooms.acquire('doc')
  expect(text(room.doc)).toBe('kept')
})

it('create() writes blocks into an empty document and leaves one with content alone', async () => {
  const writer = documentWriter({ rooms })
  await writer.create('agenda', [{ type: 'heading', level: 1, text: 'Agenda' }], 'creator')
  expect(changes.map((c) => c.record.user)).toEqual(['creator'])
  expect(changes[0]!.doc.getXmlFragment('default').toString()).toContain('Agenda')
  await writer.create('agenda', [{ type: 'paragraph', text: 'again' }])
  expect(changes).toHaveLength(1)
  const room = await rooms.acquire('agenda')
  expect(room.doc.getXmlFragment('default').toString()).not.toContain('again')
})

it('concurrent writes to one document are all durable and in order', async () => {
  await Promise.all(['x', 'y', 'z'].map((letter) => rooms.transact('doc', (doc) => doc.getText('t').insert(0, letter), { user: letter, reason: 'test' })))
  expect(changes.map((c) => c.record.seq)).toEqual([1, 2, 3])
  await close()
  open()
  const room = await rooms.acquire('doc')
  expect([...text(room.doc)].sort().join('')).toBe('xyz')
})

it('an idle room whose flush fails stays loaded and is retried until it unloads', async () => {
  flaky.compactFailures = 3
  await rooms.transact('doc', (doc) => doc.getText('t').insert(0, 'kept'), { user: null, reason: 'test' })
  expect(rooms.get('doc')).toBeDefined() // the write is durable in the log; the snapshot failed, so it stays
  const deadline = Date.now() + 5_000
  while (rooms.get('doc') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
  expect(rooms.get('doc')).toBeUndefined()
  expect(flaky.compactFailures).toBe(0)
  expect(unloaded).toEqual(['doc'])
  const room = await rooms.acquire('doc')
  expect(text(room.doc)).toBe('kept')
})
