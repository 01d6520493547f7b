// The version index of every initiative document, kept so that listing versions and comparing
// them never replays a document from its first update. Per document, under
// `<dataDir>/history/<file name>/`:
//   index.json   the version groups (packages/domain/src/history/versions.ts), rewritten debounced
//                (a cache: at the first use in a process it is caught up from the log's metadata);
//   marks.jsonl  named versions and restores, appended and fsynced before the API answers (not derivable);
//   cp-<seq>.bin the document's state (a Yjs update): of the live document every CHECKPOINT_EVERY
//                updates, and of a version once a compare or restore computed it; written once
//                (fsynced, renamed), so the state of any version is a checkpoint plus at most
//                CHECKPOINT_EVERY updates of the log.
// Fed by the onChange hook one record at a time (seq, time, user), synchronously.
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as Y from 'yjs'
import { documentFileName } from '@common-ground/protocol'
import {
  VERSION_GAP_MS,
  addUpdate,
  closeVersion,
  emptyVersionIndex,
  isVersionPoint,
  markRestore,
  nameVersion,
  type NamedVersion,
  type VersionGroup,
  type VersionIndexState,
} from '@common-ground/domain'
import type { Logger } from '../../logger.ts'
import type { DocumentStorage, LogRecord } from '../../storage/DocumentStorage.ts'

export const CHECKPOINT_EVERY = 500

/** Where a document's named versions and restores are kept (the archive exports and imports them: docs/archive.md). */
export const historyMarksFile = (dataDir: string, name: string): string => path.join(dataDir, 'history', documentFileName(name), 'marks.jsonl')

export interface HistoryOptions {
  /** A pause in editing this long ends a version (default 5 minutes). */
  gapMs?: number
  /** A checkpoint every this many updates (default 500). */
  checkpointEvery?: number
}

type Mark =
  | { type: 'name'; seq: number; name: string; createdAt: number; createdBy: string | null }
  | { type: 'restore'; seq: number; from: number }
  /** A version ended without a name (an endorsement of the agenda at that seq). */
  | { type: 'end'; seq: number; reason: string }

interface Entry {
  name: string
  dir: string
  index: VersionIndexState
  checkpoints: Set<number>
  /** Resolves once the index is loaded and caught up with the log; null until the first use. */
  ready: Promise<void> | null
  loaded: boolean
  /** Records that arrived while loading. */
  pending: { record: LogRecord; restoreFrom: number | null }[]
  /** Set by a restore's write function: the next record is that restore. */
  restoring: number | null
  /** Background work (checkpoints), one at a time. */
  work: Promise<void>
  /** The seq of the latest checkpoint written or queued (0: not known yet). */
  scheduledCheckpoint: number
  /** Checkpoints whose file is being written. */
  unwritten: Map<number, Uint8Array>
}

export class HistoryStore {
  private readonly entries = new Map<string, Entry>()
  private readonly dirty = new Set<Entry>()
  private timer: NodeJS.Timeout | null = null
  private readonly gapMs: number
  private readonly every: number
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly root: string,
    private readonly storage: Pick<DocumentStorage, 'history'>,
    private readonly logger: Logger,
    options: HistoryOptions = {},
  ) {
    this.gapMs = options.gapMs ?? VERSION_GAP_MS
    this.every = options.checkpointEvery ?? CHECKPOINT_EVERY
  }

  get gap(): number {
    return this.gapMs
  }

  private entry(name: string): Entry {
    let entry = this.entries.get(name)
    if (!entry) {
      entry = {
        name,
        dir: path.join(this.root, documentFileName(name)),
        index: emptyVersionIndex(),
        checkpoints: new Set(),
        ready: null,
        loaded: false,
        pending: [],
        restoring: null,
        work: Promise.resolve(),
        scheduledCheckpoint: 0,
        unwritten: new Map(),
      }
      this.entries.set(name, entry)
    }
    return entry
  }

  /** The index of a document, loaded and caught up with its log. */
  async open(name: string): Promise<VersionIndexState> {
    const entry = this.entry(name)
    await this.ensureLoading(entry)
    return entry.index
  }

  /** Starts the load once; a failed load is retried at the next use. */
  private ensureLoading(entry: Entry): Promise<void> {
    entry.ready ??= this.load(entry).catch((error: unknown) => {
      this.logger.error('history index load failed', { document: entry.name, error })
      entry.ready = null
      throw error
    })
    return entry.ready
  }

  private async load(entry: Entry): Promise<void> {
    await mkdir(entry.dir, { recursive: true })
    try {
      const saved = JSON.parse(await readFile(path.join(entry.dir, 'index.json'), 'utf8')) as VersionIndexState
      if (Array.isArray(saved.groups) && typeof saved.lastSeq === 'number') entry.index = { lastSeq: saved.lastSeq, groups: saved.groups, named: [] }
    } catch {
      // Missing or unreadable: rebuilt from the log below.
    }
    const marks = await this.readMarks(entry)
    for (const file of await readdir(entry.dir)) {
      const match = /^cp-(\d+)\.bin$/.exec(file)
      if (match) entry.checkpoints.add(Number(match[1]))
    }
    // Catch up with what the log holds beyond the saved index (a crash lost the last rewrite, or
    // records came before this process indexed them), with the marks' boundaries.
    const records = (await this.storage.history(entry.name)).filter((r) => r.seq > entry.index.lastSeq)
    const restoreAt = new Map(marks.filter((m) => m.type === 'restore').map((m) => [m.seq, m.from]))
    const namedAt = new Set(marks.filter((m) => m.type === 'name' || m.type === 'end').map((m) => m.seq))
    for (const record of records) this.add(entry, record, restoreAt.get(record.seq) ?? null, namedAt.has(record.seq - 1))
    entry.index.named = marks.flatMap((m) => (m.type === 'name' ? [{ seq: m.seq, name: m.name, createdAt: m.createdAt, createdBy: m.createdBy }] : []))
    for (const m of marks) if (m.type === 'restore') markRestore(entry.index, m.seq, m.from)
    entry.loaded = true
    for (const { record, restoreFrom } of entry.pending.splice(0)) this.add(entry, record, restoreFrom, false)
    if (records.length > 0) this.markDirty(entry)
  }

  private async readMarks(entry: Entry): Promise<Mark[]> {
    const text = await readFile(path.join(entry.dir, 'marks.jsonl'), 'utf8').catch(() => '')
    const marks: Mark[] = []
    for (const line of text.split('\n')) {
      if (!line.trim()) continue
      try {
        marks.push(JSON.parse(line) as Mark)
      } catch {
        // A torn last line from a crash: that mark was never acknowledged.
      }
    }
    return marks
  }

  private async appendMark(entry: Entry, mark: Mark): Promise<void> {
    const handle = await open(path.join(entry.dir, 'marks.jsonl'), 'a')
    try {
      await handle.appendFile(`${JSON.stringify(mark)}\n`, 'utf8')
      await handle.datasync()
    } finally {
      await handle.close()
    }
  }

  /** The onChange hook: one record, synchronously. `doc` is the document right after it. */
  record(name: string, record: LogRecord, doc: Y.Doc): void {
    const entry = this.entry(name)
    const restoreFrom = entry.restoring
    entry.restoring = null
    if (!entry.loaded) {
      entry.pending.push({ record, restoreFrom })
      this.ensureLoading(entry).catch(() => {})
      return
    }
    this.add(entry, record, restoreFrom, false)
    // A checkpoint of the live state every `every` updates: no replay needed for it.
    if (entry.scheduledCheckpoint === 0) entry.scheduledCheckpoint = Math.max(0, ...entry.checkpoints)
    if (record.seq - entry.scheduledCheckpoint >= this.every && entry.index.lastSeq === record.seq) {
      entry.scheduledCheckpoint = record.seq
      this.background(entry, this.writeCheckpoint(entry, record.seq, Y.encodeStateAsUpdate(doc)))
    }
  }

  private add(entry: Entry, record: LogRecord, restoreFrom: number | null, closeBefore: boolean): void {
    if (record.seq <= entry.index.lastSeq) return
    if (closeBefore || restoreFrom !== null) closeVersion(entry.index)
    addUpdate(entry.index, record, this.gapMs)
    if (restoreFrom !== null) markRestore(entry.index, record.seq, restoreFrom)
    this.markDirty(entry)
  }

  private background(entry: Entry, job: Promise<void>): void {
    const done = job.catch((error: unknown) => this.logger.warn('history checkpoint failed', { document: entry.name, error }))
    entry.work = Promise.all([entry.work, done]).then(() => {})
  }

  /** Resolves when the checkpoint writes started so far are done. */
  async settled(name: string): Promise<void> {
    await this.entries.get(name)?.work
  }

  /** Keeps a checkpoint: usable at once (from memory until its file is written: fsynced, renamed). */
  private async writeCheckpoint(entry: Entry, seq: number, state: Uint8Array): Promise<void> {
    if (entry.checkpoints.has(seq)) return
    entry.checkpoints.add(seq)
    entry.unwritten.set(seq, state)
    const file = path.join(entry.dir, `cp-${seq}.bin`)
    const temp = `${file}.tmp`
    try {
      const handle = await open(temp, 'w')
      try {
        await handle.writeFile(state)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(temp, file)
    } catch (error) {
      entry.checkpoints.delete(seq)
      throw error
    } finally {
      entry.unwritten.delete(seq)
    }
  }

  private async readCheckpoint(entry: Entry, seq: number): Promise<Uint8Array> {
    return entry.unwritten.get(seq) ?? (await readFile(path.join(entry.dir, `cp-${seq}.bin`)))
  }

  /**
   * The document as it was right after update `seq` (0: empty), and the log records between
   * the checkpoint it started from and `seq`. A version point's state is kept as a checkpoint.
   */
  async stateAt(name: string, seq: number, history?: LogRecord[]): Promise<Y.Doc> {
    const entry = this.entry(name)
    await this.open(name)
    const doc = new Y.Doc()
    if (seq <= 0) return doc
    if (entry.checkpoints.has(seq)) {
      try {
        Y.applyUpdate(doc, await this.readCheckpoint(entry, seq))
        return doc
      } catch (error) {
        this.logger.warn('unreadable history checkpoint: rebuilt from the log', { document: name, seq, error })
        entry.checkpoints.delete(seq)
        await rm(path.join(entry.dir, `cp-${seq}.bin`), { force: true })
      }
    }
    const base = Math.max(0, ...[...entry.checkpoints].filter((s) => s < seq))
    const records = (history ?? (await this.storage.history(name))).filter((r) => r.seq > base && r.seq <= seq)
    if (base > 0) {
      const stored = await this.readCheckpoint(entry, base).catch(() => null)
      if (!stored) {
        entry.checkpoints.delete(base)
        return this.stateAt(name, seq, history)
      }
      Y.applyUpdate(doc, stored)
    }
    // One merged update applies much faster than thousands of small ones.
    if (records.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(records.map((r) => r.update)))
    if (isVersionPoint(entry.index, seq) || seq - base >= this.every) this.background(entry, this.writeCheckpoint(entry, seq, Y.encodeStateAsUpdate(doc)))
    return doc
  }

  /** Names the current version (durable before it resolves). Null for a document never edited. */
  async name(name: string, label: string, at: number, by: string | null): Promise<NamedVersion | null> {
    const index = await this.open(name)
    const entry = this.entry(name)
    const named = nameVersion(index, label, at, by)
    if (!named) return null
    await this.appendMark(entry, { type: 'name', seq: named.seq, name: label, createdAt: at, createdBy: by })
    this.markDirty(entry)
    return named
  }

  /**
   * Ends the current version without a name if it ends at `seq` (the document has not moved on
   * since): an endorsement of that version. Durable before it resolves. False when it had moved on.
   */
  async endVersion(name: string, seq: number, reason: string): Promise<boolean> {
    const index = await this.open(name)
    const entry = this.entry(name)
    if (index.lastSeq !== seq || seq === 0) return false
    closeVersion(index)
    await this.appendMark(entry, { type: 'end', seq, reason })
    this.markDirty(entry)
    return true
  }

  /**
   * Runs a restore's write: `write` gets `claim`, to call inside the Yjs transaction once it
   * changed something, so the record it makes is known to be the restore. Resolves with the new
   * version, or null when the content already was the version's.
   */
  async restore(name: string, from: number, write: (claim: () => void) => Promise<void>): Promise<VersionGroup | null> {
    const index = await this.open(name)
    const entry = this.entry(name)
    const before = index.lastSeq
    let claimed = false
    await write(() => {
      claimed = true
      entry.restoring = from
    })
    entry.restoring = null
    if (!claimed || index.lastSeq === before) return null
    const group = index.groups.find((g) => g.restoredFrom === from && g.fromSeq > before) ?? null
    if (!group) return null
    await this.appendMark(entry, { type: 'restore', seq: group.toSeq, from })
    return group
  }

  private markDirty(entry: Entry): void {
    this.dirty.add(entry)
    this.timer ??= setTimeout(() => {
      this.timer = null
      void this.flush()
    }, 1000)
  }

  /** Writes every changed index file (atomically: temp file, rename). */
  async flush(): Promise<void> {
    const entries = [...this.dirty]
    this.dirty.clear()
    this.writing = this.writing.then(async () => {
      for (const entry of entries) {
        if (!entry.loaded) continue
        const { lastSeq, groups } = entry.index
        const file = path.join(entry.dir, 'index.json')
        try {
          await writeFile(`${file}.tmp`, JSON.stringify({ lastSeq, groups }))
          await rename(`${file}.tmp`, file)
        } catch (error) {
          this.logger.warn('history index write failed', { document: entry.name, error })
        }
      }
    })
    await this.writing
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await Promise.allSettled([...this.entries.values()].map((e) => e.work))
    await this.flush()
  }
}
