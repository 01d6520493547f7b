// Durable document storage on the local disk: per document an append-only log, a checksummed
// snapshot and sealed history segments. Format, crash safety and fsync policy: docs/storage.md.
import * as fs from 'node:fs'
import * as fsp from 'node:fs/promises'
import * as path from 'node:path'
import * as Y from 'yjs'
import { documentNameFromFileName } from '@common-ground/protocol'
import type { CompactionInput, DocumentStorage, LoadedDocument, LogRecord, StoredDocumentInfo } from './DocumentStorage.ts'
import {
  DocumentCorruptError,
  FILE,
  corruptCopyName,
  cutDamagedTail,
  documentDir,
  fsyncDir,
  isErrno,
  listSegments,
  readOptional,
  readOptionalSync,
  removeTempFiles,
  segmentFileName,
  writeFileDurable,
  writeFileDurableSync,
} from './diskFiles.ts'
import { ChunkedBytes } from './chunkedBytes.ts'
import { Journal, JournalName } from './journal.ts'
import { replayJournal } from './journalReplay.ts'
import type { Segment } from './diskFiles.ts'
import { encodeRecord, encodeRecords, maxSeq, mergeRecords, parseLog } from './logFormat.ts'
import { LogFiles } from './logFiles.ts'
import type { FsyncPolicy, OpenLog, StorageLogger } from './logFiles.ts'
import { decodeSnapshot, encodeSnapshot } from './snapshotFormat.ts'

export { DocumentCorruptError } from './diskFiles.ts'
export type { FsyncPolicy, StorageLogger } from './logFiles.ts'

/** Points between the syscalls of a compaction, in order; see `onCompactionStep`. */
export type CompactionStep = 'rotated' | 'snapshot-temp-written' | 'snapshot-written' | 'history-temp-written' | 'history-written' | 'sealed-removed'

export interface DiskStorageOptions {
  /** Data directory; one subdirectory per document. Created if missing. */
  dir: string
  /** When appended bytes reach stable storage. Default 'interval'. */
  fsync?: FsyncPolicy
  /** Group-commit period of the 'interval' policy. Default 100 ms. */
  fsyncIntervalMs?: number
  /**
   * Under 'interval': how often the documents' logs are fsynced so the shared journal's older
   * segments can be dropped (a checkpoint). Default 30 s; also when a segment passes
   * `journalSegmentBytes` (default 64 MiB).
   */
  checkpointIntervalMs?: number
  journalSegmentBytes?: number
  logger?: StorageLogger
  /**
   * Test hook, called after each compaction step. Throwing from it abandons the compaction
   * there, leaving the files exactly as a process crash at that point would.
   */
  onCompactionStep?: (name: string, step: CompactionStep) => void
}

interface DocState {
  readonly name: string
  readonly dir: string
  log: OpenLog | null
  /** Highest seq on disk; appends must exceed it. */
  lastSeq: number
  /** coveredSeq of the current snapshot (0 if none). */
  coveredSeq: number
  /** A full recovery (load) ran in this instance. */
  loaded: boolean
  /** The live log's tail was checked, so appends cannot land behind garbage. */
  tailChecked: boolean
  /** A sealed log is on disk (a compaction is under way or was interrupted). */
  sealedPresent: boolean
  /** The document's directory and its history/ are known to exist. */
  dirReady: boolean
  historyReady: boolean
  /**
   * Journal mode: records already in the journal but not yet written to the document's log.
   * They reach the log in one write at the next checkpoint, compaction, release, load or
   * history read — the journal alone is what makes an append safe.
   */
  buffered: ChunkedBytes
  /** The name as journal entries frame it, encoded on the first append. */
  journalName: JournalName | null
  /** Operations queued or running on `queue`. */
  pending: number
  /** Serializes load, compact, history and release of this document. */
  queue: Promise<unknown>
}

type Warn = (message: string) => void
/** Not a valid document file name (starts with a dot), so list() never mistakes it for one. */
const JOURNAL_DIR = '.journal'
/** A document's buffered records are written to its log once they reach this size. */
const MAX_BUFFERED_BYTES = 256 * 1024
/** Documents whose buffered records a checkpoint writes to their logs in one event-loop turn. */
const CHECKPOINT_DOCS_PER_TICK = 8
const EMPTY = Buffer.alloc(0)
const noop = (): void => {}

export class DiskStorage implements DocumentStorage {
  readonly dir: string
  private readonly logger: StorageLogger
  private readonly onStep: DiskStorageOptions['onCompactionStep']
  private readonly files: LogFiles
  private readonly docs = new Map<string, DocState>()
  private closed = false
  /** The shared redo journal ('interval' policy only). */
  private readonly journal: Journal | null
  /** Logs written since the last checkpoint: fsynced before older journal segments go. */
  private readonly uncheckpointed = new Set<OpenLog>()
  /** Documents with records waiting to be written to their logs. */
  private readonly bufferedDocs = new Set<DocState>()
  private readonly checkpointTimer: NodeJS.Timeout | null = null
  private checkpointing: Promise<void> | null = null
  private readonly journalSegmentBytes: number

  constructor(options: DiskStorageOptions) {
    this.dir = path.resolve(options.dir)
    this.logger = options.logger ?? { warn: (msg, extra) => console.warn(`[storage] ${msg}`, extra ?? '') }
    this.onStep = options.onCompactionStep
    fs.mkdirSync(this.dir, { recursive: true })
    const policy = options.fsync ?? 'interval'
    this.journalSegmentBytes = options.journalSegmentBytes ?? 64 * 1024 * 1024
    this.journal = policy === 'interval' ? new Journal(path.join(this.dir, JOURNAL_DIR)) : null
    const journal = this.journal
    this.files = new LogFiles(policy, options.fsyncIntervalMs ?? 100, this.logger, journal ? { onTick: () => journal.commit() } : null)
    if (journal) {
      replayJournal(journal, this.dir, this.logger)
      journal.open()
      this.checkpointTimer = setInterval(() => void this.checkpoint(), options.checkpointIntervalMs ?? 30_000)
      this.checkpointTimer.unref()
    } else if (fs.existsSync(path.join(this.dir, JOURNAL_DIR))) {
      // Started before under 'interval': its journal may hold what a power loss took from the logs.
      replayJournal(new Journal(path.join(this.dir, JOURNAL_DIR)), this.dir, this.logger)
    }
  }

  async load(name: string): Promise<LoadedDocument> {
    const doc = this.doc(name)
    return this.enqueue(doc, () => this.recover(doc))
  }

  append(name: string, record: LogRecord): void {
    if (this.closed) throw new Error('storage is closed')
    const doc = this.docs.get(name) ?? this.doc(name)
    if (!doc.tailChecked) this.checkTailSync(doc)
    if (record.seq <= doc.lastSeq) {
      throw new Error(`out-of-order append to ${JSON.stringify(name)}: seq ${record.seq} after ${doc.lastSeq}`)
    }
    if (this.journal) {
      // One write(2), to the journal: from here a process crash cannot lose the record (the
      // next start replays it), and the group commit makes it survive a power cut.
      const buf = this.journal.write((doc.journalName ??= new JournalName(name)), record)
      doc.buffered.push(buf)
      this.bufferedDocs.add(doc)
      doc.lastSeq = record.seq
      if (doc.buffered.length >= MAX_BUFFERED_BYTES) this.flushBuffered(doc)
      if (this.journal.bytes >= this.journalSegmentBytes) void this.checkpoint()
      return
    }
    this.writeToLog(doc, encodeRecord(record))
    doc.lastSeq = record.seq
  }

  /** One write to the document's live log (opened on first use); a damaged log is dropped. */
  private writeToLog(doc: DocState, buf: Buffer): OpenLog {
    const log = doc.log ?? (doc.log = this.files.open(path.join(doc.dir, FILE.log), doc.dir, this.dir))
    try {
      this.files.write(log, buf)
    } catch (err) {
      if (log.torn) {
        doc.log = null
        doc.tailChecked = false // the next write repairs the tail first
        this.files.closeLater(log, false, 'a damaged log')
      }
      throw err
    }
    return log
  }

  async compact(name: string, input: CompactionInput): Promise<void> {
    const doc = this.doc(name)
    // Seal the live log in the caller's tick when nothing else is under way: the caller encoded
    // the state in this tick, so the sealed log then holds exactly the covered records, and
    // appends that arrive during the compaction go to a fresh log instead of becoming
    // leftovers that must be merged back synchronously.
    const rotateNow = doc.loaded && doc.pending === 0 && input.coveredSeq >= doc.coveredSeq && !doc.sealedPresent
    if (rotateNow) this.rotate(doc)
    await this.enqueue(doc, async () => {
      if (!doc.loaded) await this.recover(doc)
      if (input.coveredSeq < doc.coveredSeq) {
        throw new Error(`compaction of ${JSON.stringify(name)} would go back from seq ${doc.coveredSeq} to ${input.coveredSeq}`)
      }
      const warn: Warn = (m) => this.logger.warn(m, { document: doc.name })
      const step = (s: CompactionStep): void => this.onStep?.(doc.name, s)
      if (!rotateNow) {
        await this.settleSealed(doc, warn) // left over by an earlier compaction that failed
        this.rotate(doc)
      }
      step('rotated')
      await this.ensureDocDir(doc)
      const snapshotFile = path.join(doc.dir, FILE.snapshot)
      // The rename reaches the disk with the directory fsync that ends step 3: until then the
      // sealed records are in the log, and after it in history, so either snapshot suffices.
      await writeFileDurable(
        snapshotFile,
        path.join(doc.dir, FILE.snapshotTmp),
        encodeSnapshot(input.state, input.coveredSeq),
        () => step('snapshot-temp-written'),
        { syncDir: false },
      )
      doc.coveredSeq = input.coveredSeq
      doc.lastSeq = Math.max(doc.lastSeq, input.coveredSeq)
      step('snapshot-written')
      if (!(await this.settleSealed(doc, warn, step))) await fsyncDir(doc.dir)
    })
  }

  async history(name: string): Promise<LogRecord[]> {
    const doc = this.doc(name)
    return this.enqueue(doc, async () => {
      this.flushBuffered(doc)
      const warn: Warn = (m) => this.logger.warn(m, { document: doc.name })
      const history = await this.readSegments(await listSegments(doc.dir), warn)
      const sealed = parseLog((await readOptional(path.join(doc.dir, FILE.sealed))) ?? EMPTY)
      const live = parseLog((await readOptional(path.join(doc.dir, FILE.log))) ?? EMPTY)
      return mergeRecords([history, sealed.records, live.records])
    })
  }

  async info(name: string): Promise<StoredDocumentInfo> {
    const dir = this.docDir(name)
    let size = this.docs.get(name)?.buffered.length ?? 0
    for (const file of [FILE.snapshot, FILE.log, FILE.sealed]) {
      try {
        size += (await fsp.stat(path.join(dir, file))).size
      } catch (err) {
        if (!isErrno(err, 'ENOENT')) throw err
      }
    }
    return { name, size }
  }

  async list(): Promise<string[]> {
    const entries = await fsp.readdir(this.dir, { withFileTypes: true })
    const names = new Set<string>()
    for (const entry of entries) {
      const name = entry.isDirectory() ? documentNameFromFileName(entry.name) : null
      if (name !== null) names.add(name)
    }
    // Documents whose first records are still only in the journal.
    for (const doc of this.bufferedDocs) names.add(doc.name)
    return [...names].sort()
  }

  async sync(name?: string): Promise<void> {
    const docs = name === undefined ? [...this.docs.values()] : [this.docs.get(name) ?? this.doc(name)]
    for (const doc of docs) this.flushBuffered(doc)
    await Promise.all(docs.map((doc) => (doc.log ? this.files.fsync(doc.log) : undefined)))
    await this.files.flushDirs()
  }

  async release(name: string): Promise<void> {
    const doc = this.doc(name)
    await this.enqueue(doc, () => this.retireLog(doc))
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.files.stop()
    if (this.checkpointTimer) clearInterval(this.checkpointTimer)
    await this.checkpointing
    const docs = [...this.docs.values()]
    await Promise.all(docs.map((doc) => doc.queue))
    await Promise.all(docs.map((doc) => this.retireLog(doc)))
    await this.files.flushDirs()
    if (this.journal) {
      // Every log is fsynced and closed: the journal holds nothing the logs do not.
      await this.journal.close()
      await this.journal.removeBefore(null)
    }
  }

  // ---- the journal ----------------------------------------------------------------------

  /**
   * Makes the logs durable up to now and drops the journal segments that only repeat them.
   * Runs every `checkpointIntervalMs` and when a segment grows past its size limit.
   */
  checkpoint(): Promise<void> {
    const journal = this.journal
    if (!journal || this.closed) return Promise.resolve()
    return (this.checkpointing ??= (async () => {
      try {
        if (journal.bytes === 0) return
        const keep = await journal.rotate() // later appends go to the new segment
        // Everything the older segments hold goes into the logs before they are dropped: the
        // documents buffered at the rotation, a few per tick so that a hundred log writes do
        // not hold up the updates arriving meanwhile (a flush writes what came since as well).
        const docs = [...this.bufferedDocs]
        for (let i = 0; i < docs.length; i++) {
          if (i > 0 && i % CHECKPOINT_DOCS_PER_TICK === 0) await new Promise<void>((resolve) => setImmediate(resolve))
          try {
            this.flushBuffered(docs[i]!)
          } catch (err) {
            this.logger.warn(`writing buffered records failed; the journal keeps them: ${String(err)}`, { document: docs[i]!.name })
            return // keep the older segments until a later checkpoint succeeds
          }
        }
        const logs = [...this.uncheckpointed]
        this.uncheckpointed.clear()
        try {
          // A log closed since (compaction, release) was fsynced by its close.
          await Promise.all(logs.map((log) => this.files.fsync(log)))
          await this.files.flushDirs()
        } catch (err) {
          for (const log of logs) if (!log.closing) this.uncheckpointed.add(log)
          throw err
        }
        await journal.removeBefore(keep)
      } catch (err) {
        this.logger.warn(`journal checkpoint failed; will retry: ${String(err)}`)
      } finally {
        this.checkpointing = null
      }
    })())
  }

  // ---- recovery -------------------------------------------------------------------------

  /** Reads a document, repairing what a crash or torn write left behind (docs/storage.md). */
  private async recover(doc: DocState): Promise<LoadedDocument> {
    const warnings: string[] = []
    const warn: Warn = (message) => {
      warnings.push(message)
      this.logger.warn(message, { document: doc.name })
    }
    const file = (name: string): string => path.join(doc.dir, name)
    await this.retireLog(doc)
    await removeTempFiles(doc.dir)
    const snapBuf = await readOptional(file(FILE.snapshot))
    const snap = snapBuf ? decodeSnapshot(snapBuf) : null
    const logBuf = await readOptional(file(FILE.log))
    const sealedBuf = await readOptional(file(FILE.sealed))
    const log = parseLog(logBuf ?? EMPTY)
    const sealed = parseLog(sealedBuf ?? EMPTY)
    const segments = await listSegments(doc.dir)
    // A valid snapshot makes history before it irrelevant to loading: only read segments reaching past it.
    const wanted = snap?.ok ? segments.filter((s) => s.last > snap.coveredSeq) : segments
    const all = mergeRecords([await this.readSegments(wanted, warn), sealed.records, log.records])
    let snapshot = snap?.ok ? snap.state : null
    let coveredSeq = snap?.ok ? snap.coveredSeq : 0

    // No snapshot although there was one (a corrupt file, or history that only compaction writes).
    if (!snap?.ok && (snap !== null || segments.length > 0)) {
      const why = snap ? `snapshot unreadable (${snap.reason})` : 'snapshot missing'
      // The records must run from seq 1 without gaps, and at least as far as a damaged header claims.
      const claimed = snap && !snap.ok ? (snap.claimedCoveredSeq ?? 0) : 0
      if (all.length === 0 || !all.every((r, i) => r.seq === i + 1) || maxSeq(all) < claimed) {
        throw new DocumentCorruptError(`${JSON.stringify(doc.name)}: ${why} and the records from seq 1 are incomplete; it cannot be rebuilt`)
      }
      try {
        snapshot = Y.mergeUpdates(all.map((r) => r.update))
      } catch (err) {
        throw new DocumentCorruptError(`${JSON.stringify(doc.name)}: ${why} and its records do not merge: ${String(err)}`)
      }
      coveredSeq = all[all.length - 1]!.seq
      if (snapBuf) await fsp.rename(file(FILE.snapshot), corruptCopyName(file(FILE.snapshot)))
      await writeFileDurable(file(FILE.snapshot), file(FILE.snapshotTmp), encodeSnapshot(snapshot, coveredSeq))
      warn(`${why}; rebuilt it from ${all.length} records (seq 1–${coveredSeq})`)
    }

    if (log.problem) cutDamagedTail(file(FILE.log), logBuf!, log, warn)
    if (sealed.problem) cutDamagedTail(file(FILE.sealed), sealedBuf!, sealed, warn)
    doc.coveredSeq = coveredSeq
    doc.lastSeq = Math.max(doc.lastSeq, coveredSeq, maxSeq(all), ...segments.map((s) => s.last))
    doc.sealedPresent = sealedBuf !== null
    if (sealedBuf) await this.settleSealed(doc, warn)
    doc.loaded = doc.tailChecked = true
    return { snapshot, records: all.filter((r) => r.seq > coveredSeq), nextSeq: doc.lastSeq + 1, warnings }
  }

  /** Cheap tail repair for an append to a document this instance has not loaded. */
  private checkTailSync(doc: DocState): void {
    const file = path.join(doc.dir, FILE.log)
    const buf = readOptionalSync(file)
    if (buf) {
      const parsed = parseLog(buf)
      if (parsed.problem) cutDamagedTail(file, buf, parsed, (m) => this.logger.warn(m, { document: doc.name }))
      doc.lastSeq = Math.max(doc.lastSeq, maxSeq(parsed.records))
    }
    doc.tailChecked = true
  }

  private async readSegments(segments: readonly Segment[], warn: Warn): Promise<LogRecord[]> {
    const lists: LogRecord[][] = []
    for (const segment of segments) {
      const parsed = parseLog((await readOptional(segment.file)) ?? EMPTY)
      if (parsed.problem) warn(`history segment ${path.basename(segment.file)}: ${parsed.problem}`)
      lists.push(parsed.records)
    }
    return mergeRecords(lists)
  }

  // ---- compaction -----------------------------------------------------------------------

  /**
   * Writes a document's buffered records to its log with one write. A failure keeps them
   * buffered (they are safe in the journal) and is rethrown.
   */
  private flushBuffered(doc: DocState): void {
    if (doc.buffered.length === 0) return
    if (!doc.tailChecked) this.checkTailSync(doc)
    const log = this.writeToLog(doc, doc.buffered.toBuffer())
    doc.buffered.clear()
    this.bufferedDocs.delete(doc)
    this.uncheckpointed.add(log)
  }

  /** Step 1: the live log becomes the sealed log; the next append creates a fresh log. */
  private rotate(doc: DocState): void {
    this.flushBuffered(doc) // the sealed log must hold every record the snapshot covers
    const old = doc.log
    doc.log = null
    try {
      fs.renameSync(path.join(doc.dir, FILE.log), path.join(doc.dir, FILE.sealed))
      doc.sealedPresent = true
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) {
        doc.log = old
        throw err
      }
    }
    if (old) this.files.closeLater(old, this.files.policy !== 'never', 'the sealed log')
  }

  /**
   * Step 3 (also run by load to finish an interrupted compaction): sealed records the snapshot
   * covers go into a new history segment; any it does not cover go back into the live log.
   * Only then is the sealed log removed, so every crash point leaves each record somewhere.
   */
  private async settleSealed(doc: DocState, warn: Warn, step?: (s: CompactionStep) => void): Promise<boolean> {
    const sealedFile = path.join(doc.dir, FILE.sealed)
    const buf = await readOptional(sealedFile)
    if (!buf) {
      doc.sealedPresent = false
      return false
    }
    const parsed = parseLog(buf)
    if (parsed.problem) cutDamagedTail(sealedFile, buf, parsed, warn)
    const records = mergeRecords([parsed.records])
    const covered = records.filter((r) => r.seq <= doc.coveredSeq)
    const leftovers = records.filter((r) => r.seq > doc.coveredSeq)
    if (covered.length > 0) {
      const historyDir = path.join(doc.dir, FILE.history)
      if (!doc.historyReady) {
        if (await fsp.mkdir(historyDir, { recursive: true })) await fsyncDir(doc.dir)
        doc.historyReady = true
      }
      // Named by its seq range, so redoing this after a crash rewrites the same file.
      const segment = path.join(historyDir, segmentFileName(covered[0]!.seq, covered[covered.length - 1]!.seq))
      await writeFileDurable(segment, `${segment}.tmp`, encodeRecords(covered), () => step?.('history-temp-written'))
    }
    step?.('history-written')
    if (leftovers.length > 0) this.mergeIntoLogSync(doc, leftovers, warn)
    await fsp.unlink(sealedFile)
    doc.sealedPresent = false
    await fsyncDir(doc.dir)
    step?.('sealed-removed')
    return true
  }

  /** Rewrites the live log with `records` merged in. Synchronous so no append interleaves. */
  private mergeIntoLogSync(doc: DocState, records: LogRecord[], warn: Warn): void {
    this.flushBuffered(doc)
    const logFile = path.join(doc.dir, FILE.log)
    const old = doc.log
    doc.log = null
    const buf = readOptionalSync(logFile) ?? EMPTY
    const current = parseLog(buf)
    if (current.problem) cutDamagedTail(logFile, buf, current, warn)
    const merged = mergeRecords([records, current.records])
    writeFileDurableSync(logFile, path.join(doc.dir, FILE.logTmp), encodeRecords(merged))
    doc.lastSeq = Math.max(doc.lastSeq, maxSeq(merged))
    if (old) this.files.closeLater(old, false, 'the replaced log')
  }

  // ---- files and fsync ------------------------------------------------------------------

  private doc(name: string): DocState {
    let doc = this.docs.get(name)
    if (!doc) {
      doc = {
        name,
        dir: this.docDir(name),
        log: null,
        lastSeq: 0,
        coveredSeq: 0,
        loaded: false,
        tailChecked: false,
        sealedPresent: false,
        dirReady: false,
        historyReady: false,
        buffered: new ChunkedBytes(),
        journalName: null,
        pending: 0,
        queue: Promise.resolve(),
      }
      this.docs.set(name, doc)
    }
    return doc
  }

  private docDir(name: string): string {
    return documentDir(this.dir, name)
  }

  private enqueue<T>(doc: DocState, fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('storage is closed'))
    doc.pending++
    const run = doc.queue.then(fn).finally(() => doc.pending--)
    doc.queue = run.catch(noop)
    return run
  }

  private async ensureDocDir(doc: DocState): Promise<void> {
    if (doc.dirReady) return
    if (await fsp.mkdir(doc.dir, { recursive: true })) await fsyncDir(this.dir)
    doc.dirReady = true
  }

  private async retireLog(doc: DocState): Promise<void> {
    this.flushBuffered(doc)
    const log = doc.log
    doc.log = null
    if (log) await this.files.close(log, true)
  }
}
