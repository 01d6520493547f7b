// DiskStorage: the storage contract under each fsync policy, then disk-only recovery tests
// (torn tails, corrupt snapshots, crashes between compaction steps, real kill -9).
import { spawnSync } from 'node:child_process'
import * as fsp from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { documentFileName } from '@common-ground/protocol'
import { DiskStorage } from './DiskStorage.ts'
import type { CompactionStep, DiskStorageOptions } from './DiskStorage.ts'
import type { LogRecord } from './DocumentStorage.ts'
import { segmentFileName } from './diskFiles.ts'
import { encodeRecord, encodeRecords } from './logFormat.ts'
import { encodeSnapshot } from './snapshotFormat.ts'
import { Editor, describeStorageContract, loadedText, plain } from './storageContract.ts'

interface Setup {
  root: string
  dir: string
  warnings: string[]
  make: (options?: Partial<DiskStorageOptions>) => DiskStorage
  cleanup: () => Promise<void>
}

async function setup(): Promise<Setup> {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'cg-storage-'))
  const dir = path.join(root, 'data')
  const instances: DiskStorage[] = []
  const warnings: string[] = []
  return {
    root,
    dir,
    warnings,
    make: (options) => {
      const storage = new DiskStorage({ dir, logger: { warn: (msg) => warnings.push(msg) }, ...options })
      instances.push(storage)
      return storage
    },
    cleanup: async () => {
      for (const storage of instances) await storage.close()
      await fsp.rm(root, { recursive: true, force: true })
    },
  }
}

for (const fsync of ['interval', 'always', 'never'] as const) {
  describeStorageContract(`DiskStorage (fsync ${fsync})`, async () => {
    const s = await setup()
    return { storage: s.make({ fsync }), reopen: async () => s.make({ fsync }), cleanup: s.cleanup }
  })
}

describe('DiskStorage recovery', () => {
  let s: Setup
  afterEach(async () => {
    await s.cleanup()
  })
  const docDir = (name = 'doc'): string => path.join(s.dir, documentFileName(name))
  const logFile = (): string => path.join(docDir(), 'log')

  function writeRecords(storage: DiskStorage, editor: Editor, count: number, user: string | null = 'u'): LogRecord[] {
    return Array.from({ length: count }, () => {
      const record = editor.edit(`${editor.nextSeq}.`, user)
      storage.append('doc', record)
      return record
    })
  }

  /** Continues editing from what was loaded, as a server would after a restart. */
  function editorFrom(loaded: { snapshot: Uint8Array | null; records: LogRecord[]; nextSeq: number }): Editor {
    const editor = new Editor(loaded.nextSeq)
    if (loaded.snapshot) Y.applyUpdate(editor.doc, loaded.snapshot)
    for (const r of loaded.records) Y.applyUpdate(editor.doc, r.update)
    return editor
  }

  // The torn-tail tests write without the journal ('never'): with it, the next start would
  // restore the damaged records from the journal instead (see the journal tests below).
  async function expectTornTailRecovery(damage: (file: string, size: number) => Promise<void>, problem: RegExp): Promise<void> {
    s = await setup()
    const editor = new Editor()
    const records = writeRecords(s.make({ fsync: 'never' }), editor, 5)
    const size = (await fsp.stat(logFile())).size
    await damage(logFile(), size)
    const loaded = await s.make().load('doc')
    expect(plain(loaded.records)).toEqual(plain(records.slice(0, 4)))
    expect(loaded.nextSeq).toBe(5)
    expect(loaded.warnings).toHaveLength(1)
    expect(loaded.warnings[0]).toMatch(problem)
    expect(s.warnings).toEqual(loaded.warnings)
    expect((await fsp.readdir(docDir())).some((f) => /^log\.corrupt-\d+$/.test(f))).toBe(true)
    expect((await fsp.stat(logFile())).size).toBe(size - encodeRecord(records[4]!).length)

    const storage = s.make()
    const again = await storage.load('doc')
    expect(again.warnings).toEqual([])
    const next = editorFrom(again)
    storage.append('doc', next.edit('after'))
    const final = await s.make().load('doc')
    expect(final.warnings).toEqual([])
    expect(final.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5])
    expect(loadedText(final)).toBe(next.text)
  }

  it('cuts a log truncated mid-record back to the good prefix', async () => {
    await expectTornTailRecovery((file, size) => fsp.truncate(file, size - 3), /incomplete record/)
  })

  it('cuts a last record whose bytes were flipped', async () => {
    await expectTornTailRecovery(async (file, size) => {
      const buf = await fsp.readFile(file)
      buf[size - 2] ^= 0xff
      await fsp.writeFile(file, buf)
    }, /checksum mismatch/)
  })

  it('cuts a zero-filled tail (power loss after the file grew)', async () => {
    s = await setup()
    const editor = new Editor()
    writeRecords(s.make({ fsync: 'never' }), editor, 3)
    await fsp.appendFile(logFile(), Buffer.alloc(100))
    const loaded = await s.make().load('doc')
    expect(loaded.records.map((r) => r.seq)).toEqual([1, 2, 3])
    expect(loaded.warnings[0]).toMatch(/impossible record length 0/)
  })

  it('repairs a torn tail before appending to a document it has not loaded', async () => {
    s = await setup()
    const editor = new Editor()
    writeRecords(s.make({ fsync: 'never' }), editor, 3)
    await fsp.truncate(logFile(), (await fsp.stat(logFile())).size - 1)
    const storage = s.make()
    const fresh = new Editor(3)
    storage.append('doc', fresh.edit('x'))
    expect(s.warnings).toHaveLength(1)
    const loaded = await s.make().load('doc')
    expect(loaded.warnings).toEqual([])
    expect(loaded.records.map((r) => r.seq)).toEqual([1, 2, 3])
  })

  /** Two compactions (history from seq 1) and two live records. */
  async function compactedDocument(): Promise<Editor> {
    const storage = s.make()
    const editor = new Editor()
    writeRecords(storage, editor, 3, 'alice')
    await storage.compact('doc', editor.compaction())
    writeRecords(storage, editor, 3, 'bob')
    await storage.compact('doc', editor.compaction())
    writeRecords(storage, editor, 2, null)
    return editor
  }

  it('rebuilds a garbage snapshot from history', async () => {
    s = await setup()
    const editor = await compactedDocument()
    await fsp.writeFile(path.join(docDir(), 'snapshot'), Buffer.from('definitely not a snapshot'))
    const loaded = await s.make().load('doc')
    expect(loaded.warnings).toHaveLength(1)
    expect(loaded.warnings[0]).toMatch(/snapshot unreadable \(bad magic\); rebuilt it from 8 records/)
    expect(loadedText(loaded)).toBe(editor.text)
    expect(loaded.nextSeq).toBe(9)
    expect((await fsp.readdir(docDir())).some((f) => f.startsWith('snapshot.corrupt-'))).toBe(true)

    const storage = s.make()
    const again = await storage.load('doc')
    expect(again.warnings).toEqual([])
    expect(loadedText(again)).toBe(editor.text)
    expect((await storage.history('doc')).map((r) => [r.seq, r.user])).toEqual([
      [1, 'alice'],
      [2, 'alice'],
      [3, 'alice'],
      [4, 'bob'],
      [5, 'bob'],
      [6, 'bob'],
      [7, null],
      [8, null],
    ])
  })

  it('rebuilds a missing snapshot when history exists', async () => {
    s = await setup()
    const editor = await compactedDocument()
    await fsp.rm(path.join(docDir(), 'snapshot'))
    const loaded = await s.make().load('doc')
    expect(loaded.warnings[0]).toMatch(/snapshot missing; rebuilt/)
    expect(loadedText(loaded)).toBe(editor.text)
  })

  it('rejects with document_corrupt when a bad snapshot cannot be rebuilt, touching nothing', async () => {
    s = await setup()
    await compactedDocument()
    const garbage = Buffer.from('CGSN\x01garbage-garbage-garbage-garbage')
    await fsp.writeFile(path.join(docDir(), 'snapshot'), garbage)
    const [firstSegment] = (await fsp.readdir(path.join(docDir(), 'history'))).sort()
    await fsp.rm(path.join(docDir(), 'history', firstSegment!))
    const storage = s.make()
    await expect(storage.load('doc')).rejects.toMatchObject({ code: 'document_corrupt' })
    await expect(storage.compact('doc', new Editor().compaction())).rejects.toMatchObject({ code: 'document_corrupt' })
    expect(await fsp.readFile(path.join(docDir(), 'snapshot'))).toEqual(garbage)
  })

  it('rejects a damaged snapshot whose header claims more than the records hold', async () => {
    s = await setup()
    const storage = s.make()
    const editor = new Editor()
    writeRecords(storage, editor, 3)
    await storage.compact('doc', editor.compaction())
    await storage.compact('doc', { state: Y.encodeStateAsUpdate(editor.doc), coveredSeq: 5 }) // state from elsewhere
    const file = path.join(docDir(), 'snapshot')
    const buf = await fsp.readFile(file)
    buf[buf.length - 1] ^= 0x01
    await fsp.writeFile(file, buf)
    await expect(s.make().load('doc')).rejects.toMatchObject({ code: 'document_corrupt' })
  })

  const steps: CompactionStep[] = ['rotated', 'snapshot-temp-written', 'snapshot-written', 'history-temp-written', 'history-written', 'sealed-removed']
  it.each(steps)('loses nothing when the process dies after compaction step %s', async (crashAt) => {
    s = await setup()
    let armed = false
    const editor = new Editor()
    const all: LogRecord[] = []
    const storage = s.make({
      onCompactionStep: (_name, step) => {
        if (!armed) return
        const record = editor.edit(`<${step}>`, 'during') // appends go on while compaction runs
        storage.append('doc', record)
        all.push(record)
        if (step === crashAt) throw new Error(`crash at ${step}`)
      },
    })
    all.push(...writeRecords(storage, editor, 3))
    await storage.compact('doc', editor.compaction())
    all.push(...writeRecords(storage, editor, 3))
    armed = true
    const input = editor.compaction()
    await expect(storage.compact('doc', input)).rejects.toThrow(`crash at ${crashAt}`)
    const left = await fsp.readdir(docDir())
    expect(left.includes('log.sealed')).toBe(crashAt !== 'sealed-removed')
    expect(left.includes('snapshot.tmp')).toBe(crashAt === 'snapshot-temp-written')

    const restarted = s.make()
    const loaded = await restarted.load('doc')
    expect(loaded.warnings).toEqual([])
    expect(loadedText(loaded)).toBe(editor.text)
    expect(loaded.nextSeq).toBe(editor.nextSeq)
    const covered = steps.indexOf(crashAt) >= steps.indexOf('snapshot-written') ? input.coveredSeq : 3
    expect(loaded.records.map((r) => r.seq)).toEqual(all.filter((r) => r.seq > covered).map((r) => r.seq))
    expect(plain(await restarted.history('doc'))).toEqual(plain(all))
    expect(await fsp.readdir(docDir())).not.toContain('log.sealed')
    expect(await fsp.readdir(docDir())).not.toContain('snapshot.tmp')
    expect((await fsp.readdir(path.join(docDir(), 'history'))).filter((f) => f.endsWith('.tmp'))).toEqual([])

    const next = editorFrom(loaded)
    restarted.append('doc', next.edit('after'))
    await restarted.compact('doc', next.compaction())
    const final = await s.make().load('doc')
    expect(loadedText(final)).toBe(next.text)
    expect((await s.make().history('doc')).map((r) => r.seq)).toEqual(all.map((r) => r.seq).concat(next.nextSeq - 1))
  })

  it('finishes a compaction that failed in this process at the next compaction', async () => {
    s = await setup()
    let failures = 1
    const storage = s.make({
      onCompactionStep: (_name, step) => {
        if (step === 'snapshot-written' && failures-- > 0) throw new Error('disk full')
      },
    })
    const editor = new Editor()
    const all = writeRecords(storage, editor, 3)
    const input = editor.compaction()
    all.push(...writeRecords(storage, editor, 1)) // not covered: must stay live
    await expect(storage.compact('doc', input)).rejects.toThrow('disk full')
    all.push(...writeRecords(storage, editor, 2))
    expect(await fsp.readdir(docDir())).toContain('log.sealed')

    await storage.compact('doc', editor.compaction())
    expect(await fsp.readdir(docDir())).not.toContain('log.sealed')
    const loaded = await s.make().load('doc')
    expect(loaded.records).toEqual([])
    expect(loadedText(loaded)).toBe(editor.text)
    expect(plain(await storage.history('doc'))).toEqual(plain(all))
  })

  it('finishes a compaction left half-done on disk (files built by hand)', async () => {
    s = await setup()
    const editor = new Editor()
    const records = Array.from({ length: 7 }, (_, i) => editor.edit(`${i + 1}.`, `user-${i + 1}`))
    const state4 = new Y.Doc()
    for (const r of records.slice(0, 4)) Y.applyUpdate(state4, r.update)
    await fsp.mkdir(path.join(docDir(), 'history'), { recursive: true })
    await fsp.writeFile(path.join(docDir(), 'history', segmentFileName(1, 3)), encodeRecords(records.slice(0, 3)))
    await fsp.writeFile(path.join(docDir(), 'history', `${segmentFileName(3, 4)}.tmp`), 'half a segment')
    await fsp.writeFile(path.join(docDir(), 'snapshot'), encodeSnapshot(Y.encodeStateAsUpdate(state4), 4))
    await fsp.writeFile(path.join(docDir(), 'snapshot.tmp'), 'half a snapshot')
    await fsp.writeFile(path.join(docDir(), 'log.sealed'), encodeRecords(records.slice(2, 6))) // 3 is in history too
    await fsp.writeFile(logFile(), encodeRecords(records.slice(6)))

    const storage = s.make()
    const loaded = await storage.load('doc')
    expect(loaded.warnings).toEqual([])
    expect(loaded.records.map((r) => r.seq)).toEqual([5, 6, 7])
    expect(loaded.nextSeq).toBe(8)
    expect(loadedText(loaded)).toBe(editor.text)
    expect(plain(await storage.history('doc'))).toEqual(plain(records))
    expect((await fsp.readdir(docDir())).sort()).toEqual(['history', 'log', 'snapshot'])
    expect((await fsp.readdir(path.join(docDir(), 'history'))).sort()).toEqual([segmentFileName(1, 3), segmentFileName(3, 4)])
    expect((await s.make().load('doc')).records.map((r) => r.seq)).toEqual([5, 6, 7])
  })

  it('keeps file names inside the data directory', async () => {
    s = await setup()
    const storage = s.make()
    const names = ['a', 'a/b', 'x/y/z/w', 'dots.in.name', 'A_b-c.d/e']
    for (const name of names) {
      const editor = new Editor()
      storage.append(name, editor.edit('x'))
      await storage.compact(name, editor.compaction())
    }
    for (const bad of ['../escape', '..', 'a/../../b', '/etc/x', '%2E%2E']) {
      expect(() => storage.append(bad, new Editor().edit('x'))).toThrow()
    }
    expect(await fsp.readdir(s.root)).toEqual(['data'])
    expect((await fsp.readdir(s.dir)).sort()).toEqual(['.journal', ...names.map(documentFileName)].sort())
    for (const entry of await fsp.readdir(s.dir, { recursive: true })) {
      expect(path.resolve(s.dir, entry).startsWith(s.dir + path.sep)).toBe(true)
    }
    await fsp.mkdir(path.join(s.dir, '.junk'))
    await fsp.writeFile(path.join(s.dir, 'stray-file'), '')
    expect(await storage.list()).toEqual([...names].sort())
  })

  it('throws when an append cannot be written, and the retry with the same seq succeeds', async () => {
    s = await setup()
    const storage = s.make()
    const record = new Editor().edit('x')
    await fsp.mkdir(logFile(), { recursive: true }) // a directory where the log should be
    expect(() => storage.append('doc', record)).toThrow(/EISDIR/)
    await fsp.rmdir(logFile())
    storage.append('doc', record)
    expect((await s.make().load('doc')).records.map((r) => r.seq)).toEqual([1])
  })

  it('closes the log file on release and close', async () => {
    s = await setup()
    const storage = s.make({ fsync: 'never' }) // 'interval' opens a log only when its buffered records are written
    const openLogs = async (): Promise<number> => {
      let n = 0
      for (const fd of await fsp.readdir('/proc/self/fd')) {
        const target = await fsp.readlink(`/proc/self/fd/${fd}`).catch(() => '')
        if (target.startsWith(s.dir) && !target.includes('/.journal/')) n++
      }
      return n
    }
    storage.append('doc', new Editor().edit('x'))
    expect(await openLogs()).toBe(1)
    await storage.release('doc')
    expect(await openLogs()).toBe(0)
    storage.append('doc', new Editor(2).edit('y'))
    expect(await openLogs()).toBe(1)
    await storage.close()
    expect(await openLogs()).toBe(0)
    expect(() => storage.append('doc', new Editor(3).edit('z'))).toThrow(/closed/)
  })
})

describe('DiskStorage under a real kill -9', () => {
  const serverDir = fileURLToPath(new URL('../..', import.meta.url))
  const modulePath = fileURLToPath(new URL('./DiskStorage.ts', import.meta.url))
  // Appends 20 records, optionally starts a compaction, and SIGKILLs itself at `crashAt`.
  const child = `
    const { DiskStorage } = await import(process.env.CG_MODULE)
    const Y = await import('yjs')
    const crashAt = process.env.CG_CRASH_AT
    const kill = () => { process.stdout.write(doc.getText('t').toString()); process.kill(process.pid, 'SIGKILL') }
    const storage = new DiskStorage({ dir: process.env.CG_DIR, fsync: 'interval', fsyncIntervalMs: 60_000,
      onCompactionStep: (name, step) => { if (step === crashAt) kill() } })
    const doc = new Y.Doc()
    let last = null
    doc.on('update', (u) => { last = u })
    for (let seq = 1; seq <= 20; seq++) {
      doc.getText('t').insert(0, seq + ',')
      storage.append('doc', { seq, time: Date.now(), user: 'k', update: last })
      if (seq === 10 && crashAt) await storage.compact('doc', { state: Y.encodeStateAsUpdate(doc), coveredSeq: 10 })
    }
    kill()
  `
  it.each(['', 'snapshot-temp-written', 'history-temp-written'])('keeps every append (crash at %j)', async (crashAt) => {
    const s = await setup()
    try {
      const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], {
        cwd: serverDir,
        env: { ...process.env, CG_MODULE: modulePath, CG_DIR: s.dir, CG_CRASH_AT: crashAt },
        encoding: 'utf8',
        timeout: 30_000,
      })
      expect(result.signal, result.stderr).toBe('SIGKILL')
      const loaded = await s.make().load('doc')
      expect(loaded.warnings).toEqual([])
      expect(loadedText(loaded)).toBe(result.stdout)
      expect((await s.make().history('doc')).map((r) => r.seq)).toEqual(Array.from({ length: crashAt ? 10 : 20 }, (_, i) => i + 1))
    } finally {
      await s.cleanup()
    }
  })
})

describe('DiskStorage journal (fsync interval)', () => {
  let s: Setup
  afterEach(async () => {
    await s.cleanup()
  })
  const journalDir = (): string => path.join(s.dir, '.journal')
  const journalSegments = async (): Promise<string[]> => (await fsp.readdir(journalDir())).sort()
  const groupCommit = () => new Promise((resolve) => setTimeout(resolve, 60))

  /**
   * What a power cut leaves when the logs' unsynced pages were lost but the journal's group
   * commit had run: a copy of the data directory with every document's live log emptied.
   */
  async function powerCutImage(): Promise<string> {
    const image = path.join(s.root, `image-${Date.now()}`)
    await fsp.cp(s.dir, image, { recursive: true })
    for (const entry of await fsp.readdir(image)) {
      const log = path.join(image, entry, 'log')
      await fsp.truncate(log, 0).catch(() => {})
    }
    return image
  }

  it('restores the records a power cut took from the logs, after and without a snapshot', async () => {
    s = await setup()
    const storage = s.make({ fsync: 'interval', fsyncIntervalMs: 10, checkpointIntervalMs: 60_000 })
    const a = new Editor()
    const b = new Editor()
    await storage.load('a')
    await storage.load('b')
    for (let i = 0; i < 5; i++) storage.append('a', a.edit(`a${i} `))
    await storage.compact('a', a.compaction())
    for (let i = 5; i < 8; i++) storage.append('a', a.edit(`a${i} `))
    for (let i = 0; i < 4; i++) storage.append('b', b.edit(`b${i} `))
    await groupCommit()

    const image = await powerCutImage()
    const warnings: string[] = []
    const restored = new DiskStorage({ dir: image, logger: { warn: (m) => warnings.push(m) } })
    try {
      const loadedA = await restored.load('a')
      expect(loadedText(loadedA)).toBe(a.text)
      expect(loadedA.records.map((r) => r.seq)).toEqual([6, 7, 8])
      expect(loadedA.nextSeq).toBe(9)
      const loadedB = await restored.load('b')
      expect(loadedText(loadedB)).toBe(b.text)
      expect(plain(loadedB.records)).toEqual(plain(await storage.history('b')))
      expect(warnings.filter((w) => w.includes('from the journal'))).toHaveLength(2)
      // Replayed into the logs and made durable: the journal of the old run is gone.
      expect(await fsp.readdir(path.join(image, '.journal'))).toHaveLength(1)
    } finally {
      await restored.close()
    }
  })

  it('ignores a torn journal tail and replays the entries before it', async () => {
    s = await setup()
    const storage = s.make({ fsync: 'interval', fsyncIntervalMs: 10, checkpointIntervalMs: 60_000 })
    const e = new Editor()
    await storage.load('doc')
    for (let i = 0; i < 3; i++) storage.append('doc', e.edit(`${i} `))
    await groupCommit()
    const image = await powerCutImage()
    const [segment] = await fsp.readdir(path.join(image, '.journal'))
    await fsp.appendFile(path.join(image, '.journal', segment!), Buffer.from([40, 0, 0, 0, 1, 2, 3]))
    const warnings: string[] = []
    const restored = new DiskStorage({ dir: image, logger: { warn: (m) => warnings.push(m) } })
    try {
      expect(loadedText(await restored.load('doc'))).toBe(e.text)
      expect(warnings.some((w) => w.includes('damaged entry'))).toBe(true)
    } finally {
      await restored.close()
    }
  })

  it('a checkpoint makes the logs durable and drops the older segments; close leaves no journal', async () => {
    s = await setup()
    const storage = s.make({ fsync: 'interval', fsyncIntervalMs: 10, checkpointIntervalMs: 60_000 })
    const e = new Editor()
    await storage.load('doc')
    storage.append('doc', e.edit('one '))
    expect(await journalSegments()).toHaveLength(1)
    const before = (await journalSegments())[0]
    await storage.checkpoint()
    const after = await journalSegments()
    expect(after).toHaveLength(1)
    expect(after[0]).not.toBe(before)
    expect((await fsp.stat(path.join(journalDir(), after[0]!))).size).toBe(0)
    storage.append('doc', e.edit('two '))
    expect((await fsp.stat(path.join(journalDir(), after[0]!))).size).toBeGreaterThan(0)
    await storage.close()
    expect(await journalSegments()).toEqual([])
    const reopened = s.make({ fsync: 'interval' })
    expect(loadedText(await reopened.load('doc'))).toBe('one two ')
    expect(await reopened.list()).toEqual(['doc'])
  })

  it('a checkpoint over many documents, written a few per tick while appends go on, loses none of them', async () => {
    s = await setup()
    const storage = s.make({ fsync: 'interval', fsyncIntervalMs: 10, checkpointIntervalMs: 60_000 })
    const names = Array.from({ length: 30 }, (_, i) => `doc-${i}`)
    const editors = new Map(names.map((n) => [n, new Editor()]))
    for (const n of names) {
      await storage.load(n)
      storage.append(n, editors.get(n)!.edit(`${n} before `))
    }
    const before = await journalSegments()
    const checkpoint = storage.checkpoint()
    // Appends interleave with the checkpoint's log writes (it yields between batches).
    for (const n of names) {
      await new Promise((resolve) => setImmediate(resolve))
      storage.append(n, editors.get(n)!.edit(`${n} during `))
    }
    await checkpoint
    // The old segment is gone, so every record it held must now be in its document's log.
    const after = await journalSegments()
    expect(after.some((f) => before.includes(f))).toBe(false)
    for (const n of names) {
      const log = await fsp.readFile(path.join(s.dir, documentFileName(n), 'log'))
      expect(log.includes(Buffer.from(`${n} before `))).toBe(true)
    }
    // A crash now (no close): the logs plus the new segment give back every document.
    await groupCommit()
    const image = path.join(s.root, 'image-crash')
    await fsp.cp(s.dir, image, { recursive: true })
    const restored = new DiskStorage({ dir: image, logger: { warn: () => {} } })
    try {
      for (const n of names) expect(loadedText(await restored.load(n))).toBe(editors.get(n)!.text)
    } finally {
      await restored.close()
    }
  })

  it('an append while a checkpoint creates the next segment goes to the old one and is in the log before that goes', async () => {
    s = await setup()
    const storage = s.make({ fsync: 'interval', fsyncIntervalMs: 10, checkpointIntervalMs: 60_000 })
    const e = new Editor()
    await storage.load('doc')
    storage.append('doc', e.edit('before '))
    const [old] = await journalSegments()
    const checkpoint = storage.checkpoint()
    // The next segment is being created on the thread pool: this still goes to the old one.
    storage.append('doc', e.edit('during '))
    expect((await fsp.stat(path.join(journalDir(), old!))).size).toBeGreaterThan(0)
    await checkpoint
    expect(await journalSegments()).not.toContain(old)
    const log = await fsp.readFile(path.join(s.dir, documentFileName('doc'), 'log'))
    expect(log.includes(Buffer.from('during '))).toBe(true)
    // A crash now (no close): the log alone gives it back.
    const image = path.join(s.root, 'image-rotation')
    await fsp.cp(s.dir, image, { recursive: true })
    const restored = new DiskStorage({ dir: image, logger: { warn: () => {} } })
    try {
      expect(loadedText(await restored.load('doc'))).toBe('before during ')
    } finally {
      await restored.close()
      await storage.close()
    }
  })

  it('a segment past its size limit starts a checkpoint by itself', async () => {
    s = await setup()
    const storage = s.make({ fsync: 'interval', fsyncIntervalMs: 10, checkpointIntervalMs: 60_000, journalSegmentBytes: 512 })
    const e = new Editor()
    await storage.load('doc')
    const first = (await journalSegments())[0]
    for (let i = 0; i < 40; i++) storage.append('doc', e.edit(`edit number ${i} `))
    await groupCommit()
    // The first segment passed 512 bytes, was checkpointed and dropped.
    expect(await journalSegments()).not.toContain(first)
    await storage.close()
    expect(loadedText(await s.make().load('doc'))).toBe(e.text)
  })
})
