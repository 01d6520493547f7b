// Behaviour every DocumentStorage implementation must show, as a reusable vitest suite:
// each implementation's test file calls describeStorageContract with a factory.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DocumentStorage, LoadedDocument, LogRecord } from './DocumentStorage.ts'

export interface StorageFixture {
  storage: DocumentStorage
  /** A new instance over the same data (a restart). */
  reopen: () => Promise<DocumentStorage>
  cleanup: () => Promise<void>
}

/** Edits a Y.Doc and turns each change into the LogRecord the sync server would append. */
export class Editor {
  readonly doc = new Y.Doc()
  private last: Uint8Array | null = null

  constructor(public nextSeq = 1) {
    this.doc.on('update', (update: Uint8Array) => {
      this.last = update
    })
  }

  /** Inserts `text` at the end of the shared text and returns the resulting record. */
  edit(text: string, user: string | null = null, time = 1_700_000_000_000 + this.nextSeq * 1000.25): LogRecord {
    const ytext = this.doc.getText('t')
    ytext.insert(ytext.length, text)
    if (!this.last) throw new Error('no update')
    const record = { seq: this.nextSeq++, time, user, update: this.last }
    this.last = null
    return record
  }

  /** The whole state, as compact() wants it, covering every record made so far. */
  compaction(): { state: Uint8Array; coveredSeq: number } {
    return { state: Y.encodeStateAsUpdate(this.doc), coveredSeq: this.nextSeq - 1 }
  }

  get text(): string {
    return this.doc.getText('t').toString()
  }
}

/** The text a server would see after loading: snapshot, then the records on top. */
export function loadedText(loaded: LoadedDocument): string {
  const doc = new Y.Doc()
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
  for (const r of loaded.records) Y.applyUpdate(doc, r.update)
  return doc.getText('t').toString()
}

export function plain(records: readonly LogRecord[]): Array<{ seq: number; time: number; user: string | null; update: number[] }> {
  return records.map((r) => ({ seq: r.seq, time: r.time, user: r.user, update: [...r.update] }))
}

export function describeStorageContract(label: string, makeStorage: () => Promise<StorageFixture>): void {
  describe(`${label} implements the DocumentStorage contract`, () => {
    let fx: StorageFixture
    let storage: DocumentStorage
    beforeEach(async () => {
      fx = await makeStorage()
      storage = fx.storage
    })
    afterEach(async () => {
      await fx.cleanup()
    })

    /** Appends `count` edits and returns their records. */
    function write(name: string, editor: Editor, count: number, user: string | null = null): LogRecord[] {
      const records: LogRecord[] = []
      for (let i = 0; i < count; i++) {
        const record = editor.edit(`${editor.nextSeq}.`, user)
        storage.append(name, record)
        records.push(record)
      }
      return records
    }

    it('loads a document never stored as empty', async () => {
      expect(await storage.load('never/stored')).toEqual({ snapshot: null, records: [], nextSeq: 1, warnings: [] })
      expect(await storage.history('never/stored')).toEqual([])
    })

    it('round-trips appended records (seq, time, user, update bytes)', async () => {
      const editor = new Editor()
      const records = [editor.edit('héllo', null, 1_700_000_000_123.5), editor.edit(' wörld', 'user-ß', 1_700_000_000_999), editor.edit('!', '')]
      for (const r of records) storage.append('doc', r)
      const loaded = await storage.load('doc')
      expect(loaded.snapshot).toBeNull()
      expect(plain(loaded.records)).toEqual(plain(records))
      expect(loaded.nextSeq).toBe(4)
      expect(loaded.warnings).toEqual([])
      expect(loadedText(loaded)).toBe('héllo wörld!')
    })

    it('a reopened instance sees everything', async () => {
      const editor = new Editor()
      write('doc', editor, 5, 'alice')
      await storage.compact('doc', editor.compaction())
      const later = write('doc', editor, 3, 'bob')
      const reopened = await fx.reopen()
      const loaded = await reopened.load('doc')
      expect(loadedText(loaded)).toBe(editor.text)
      expect(plain(loaded.records)).toEqual(plain(later))
      expect(loaded.nextSeq).toBe(9)
      expect((await reopened.history('doc')).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    })

    it('after compaction, load gives the state plus only newer records', async () => {
      const editor = new Editor()
      write('doc', editor, 4)
      await storage.compact('doc', editor.compaction())
      const newer = write('doc', editor, 2, 'carol')
      const loaded = await storage.load('doc')
      expect(loaded.snapshot).not.toBeNull()
      expect(plain(loaded.records)).toEqual(plain(newer))
      expect(loaded.nextSeq).toBe(7)
      expect(loadedText(loaded)).toBe(editor.text)
    })

    it('keeps records the snapshot does not cover live (appended after the state was encoded)', async () => {
      const editor = new Editor()
      write('doc', editor, 3)
      const input = editor.compaction()
      const late = write('doc', editor, 2)
      await storage.compact('doc', input)
      const loaded = await storage.load('doc')
      expect(plain(loaded.records)).toEqual(plain(late))
      expect(loadedText(loaded)).toBe(editor.text)
      const reloaded = await (await fx.reopen()).load('doc')
      expect(plain(reloaded.records)).toEqual(plain(late))
    })

    it('history keeps every record with its attribution across several compactions', async () => {
      const editor = new Editor()
      const all: LogRecord[] = []
      for (const user of ['alice', null, 'bob']) {
        all.push(...write('doc', editor, 3, user))
        await storage.compact('doc', editor.compaction())
      }
      all.push(...write('doc', editor, 2, 'dave'))
      expect(plain(await storage.history('doc'))).toEqual(plain(all))
      expect(plain(await (await fx.reopen()).history('doc'))).toEqual(plain(all))
      // Replaying history rebuilds the document: version history depends on it.
      const replay = new Y.Doc()
      for (const r of await storage.history('doc')) Y.applyUpdate(replay, r.update)
      expect(replay.getText('t').toString()).toBe(editor.text)
    })

    it('nextSeq never goes backwards across compaction and reload', async () => {
      const editor = new Editor()
      write('doc', editor, 3)
      await storage.compact('doc', editor.compaction())
      let loaded = await (await fx.reopen()).load('doc')
      expect(loaded.records).toEqual([])
      expect(loaded.nextSeq).toBe(4)
      write('doc', editor, 1)
      await storage.compact('doc', editor.compaction())
      await storage.compact('doc', editor.compaction()) // nothing new: harmless
      loaded = await (await fx.reopen()).load('doc')
      expect(loaded.nextSeq).toBe(5)
      expect(loadedText(loaded)).toBe(editor.text)
    })

    it('refuses out-of-order appends and compactions that go backwards', async () => {
      const editor = new Editor()
      write('doc', editor, 3)
      const stale = { seq: 2, time: 1, user: null, update: new Uint8Array([0, 0]) }
      expect(() => storage.append('doc', stale)).toThrow()
      await storage.compact('doc', editor.compaction())
      await expect(storage.compact('doc', { state: Y.encodeStateAsUpdate(editor.doc), coveredSeq: 1 })).rejects.toThrow()
      expect((await storage.load('doc')).nextSeq).toBe(4)
    })

    it('serializes concurrent compactions of one document', async () => {
      const editor = new Editor()
      write('doc', editor, 2)
      const first = editor.compaction()
      write('doc', editor, 2)
      const second = editor.compaction()
      await Promise.all([storage.compact('doc', first), storage.compact('doc', second)])
      const loaded = await (await fx.reopen()).load('doc')
      expect(loaded.records).toEqual([])
      expect(loadedText(loaded)).toBe(editor.text)
      expect((await storage.history('doc')).map((r) => r.seq)).toEqual([1, 2, 3, 4])
    })

    it('lists stored documents and reports their size', async () => {
      expect(await storage.list()).toEqual([])
      expect(await storage.info('empty')).toEqual({ name: 'empty', size: 0 })
      const editor = new Editor()
      write('b', editor, 2)
      storage.append('a/x', new Editor().edit('x'))
      expect(await storage.list()).toEqual(['a/x', 'b'])
      const before = await storage.info('b')
      expect(before.name).toBe('b')
      expect(before.size).toBeGreaterThan(0)
      await storage.compact('b', editor.compaction())
      expect((await storage.info('b')).size).toBeGreaterThan(0)
      expect(await (await fx.reopen()).list()).toEqual(['a/x', 'b'])
    })

    it('keeps many documents independent', async () => {
      const names = ['one', 'two', 'three/a', 'three/b', 'four.x']
      const editors = names.map(() => new Editor())
      for (let round = 0; round < 4; round++) {
        for (const [i, name] of names.entries()) {
          write(name, editors[i]!, 1 + i, `user-${i}`)
          if ((round + i) % 2 === 0) await storage.compact(name, editors[i]!.compaction())
        }
      }
      const reopened = await fx.reopen()
      for (const [i, name] of names.entries()) {
        const loaded = await reopened.load(name)
        expect(loadedText(loaded)).toBe(editors[i]!.text)
        expect(loaded.nextSeq).toBe(editors[i]!.nextSeq)
        const history = await reopened.history(name)
        expect(history.map((r) => r.seq)).toEqual(Array.from({ length: 4 * (1 + i) }, (_, k) => k + 1))
        expect(new Set(history.map((r) => r.user))).toEqual(new Set([`user-${i}`]))
      }
    })

    it('stores names with slashes', async () => {
      const editor = new Editor()
      write('org/team/meeting.2026-11-27', editor, 2)
      await storage.compact('org/team/meeting.2026-11-27', editor.compaction())
      write('org/team/meeting.2026-11-27', editor, 1)
      const loaded = await (await fx.reopen()).load('org/team/meeting.2026-11-27')
      expect(loadedText(loaded)).toBe(editor.text)
      expect(await storage.load('org/team')).toMatchObject({ snapshot: null, records: [] })
    })

    it.each(['../x', '', 'a//b', '/abs', '.hidden', 'a/../b', 'a\\b'])('refuses the invalid name %j', async (name) => {
      const record = new Editor().edit('x')
      expect(() => storage.append(name, record)).toThrow()
      await expect(storage.load(name)).rejects.toThrow()
      await expect(storage.compact(name, { state: new Uint8Array([0, 0]), coveredSeq: 1 })).rejects.toThrow()
      await expect(storage.history(name)).rejects.toThrow()
      await expect(storage.info(name)).rejects.toThrow()
      expect(await storage.list()).toEqual([])
    })

    it('appends again after release, and sync succeeds', async () => {
      const editor = new Editor()
      write('doc', editor, 2)
      await storage.sync('doc')
      await storage.release('doc')
      write('doc', editor, 2)
      await storage.sync()
      const loaded = await storage.load('doc')
      expect(loaded.records.map((r) => r.seq)).toEqual([1, 2, 3, 4])
      expect(loadedText(loaded)).toBe(editor.text)
    })
  })
}
