// The shared redo journal of DiskStorage's 'interval' policy: every appended record is also
// written here, and the group commit fdatasyncs this one file instead of every document's log.
// Document logs are fsynced only at checkpoints; until then the journal is what survives a
// power loss, and it is replayed into the logs at the next start (docs/storage.md).
import * as fs from 'node:fs'
import * as fsp from 'node:fs/promises'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { crc32 } from 'node:zlib'
import { fsyncDir, isErrno, startFdatasync, type SyncState } from './diskFiles.ts'
import { encodedRecordSize, parseLog, writeRecord } from './logFormat.ts'
import type { LogRecord } from './DocumentStorage.ts'

/** u32 entry length + u32 crc32(body); body = u16 name length + name + one encoded log record. */
const ENTRY_HEADER_BYTES = 8
const SEGMENT = /^(\d{10})\.journal$/
const SEGMENT_FLAGS = fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | fs.constants.O_EXCL
/** fs.open as a promise of a plain fd (a FileHandle would close it when collected). */
const openFd = promisify(fs.open)

/** A document's name as the journal frames it (u16 length + UTF-8), encoded once per document. */
export class JournalName {
  readonly prefix: Buffer
  constructor(name: string) {
    const bytes = Buffer.from(name, 'utf8')
    this.prefix = Buffer.allocUnsafe(2 + bytes.length)
    this.prefix.writeUInt16LE(bytes.length, 0)
    bytes.copy(this.prefix, 2)
  }
}

export interface JournalSegment {
  readonly file: string
  readonly number: number
}

export interface ReplayedDocument {
  name: string
  /** Records in journal order (a seq can repeat after a failed append was retried). */
  records: LogRecord[]
}

export class Journal {
  private fd: number | null = null
  private size = 0
  private current: JournalSegment | null = null
  /** Written since the last group commit; the commit in flight. */
  private readonly sync: SyncState = { dirty: false, syncing: null }
  /** The directory fsync that makes the current segment's name durable (awaited by commit). */
  private dirSynced: Promise<void> = Promise.resolve()

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true })
  }

  /** Segments on disk, oldest first. */
  segments(): JournalSegment[] {
    let names: string[]
    try {
      names = fs.readdirSync(this.dir)
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return []
      throw err
    }
    return names
      .map((name) => SEGMENT.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ file: path.join(this.dir, m[0]), number: Number(m[1]) }))
      .sort((a, b) => a.number - b.number)
  }

  /**
   * Reads every segment (synchronously: it runs once, at start, before anything is served).
   * A torn tail ends a segment; `onDamage` hears about it. Entries are grouped per document.
   */
  read(onDamage: (message: string) => void): ReplayedDocument[] {
    const byName = new Map<string, LogRecord[]>()
    for (const segment of this.segments()) {
      const buf = fs.readFileSync(segment.file)
      let pos = 0
      while (pos < buf.length) {
        const entry = readEntry(buf, pos)
        if (!entry) {
          onDamage(`journal ${path.basename(segment.file)}: damaged entry at byte ${pos} of ${buf.length}; the rest of the segment is ignored`)
          break
        }
        let list = byName.get(entry.name)
        if (!list) byName.set(entry.name, (list = []))
        list.push(entry.record)
        pos = entry.end
      }
    }
    return [...byName].map(([name, records]) => ({ name, records }))
  }

  /** At start: begins a new segment after the newest one on disk; later writes go there. */
  open(): JournalSegment {
    const segment = this.segmentAfter(this.segments().at(-1)?.number ?? 0)
    this.switchTo(segment, fs.openSync(segment.file, SEGMENT_FLAGS, 0o644))
    return segment
  }

  /**
   * The checkpoint's rotation: creates the next segment off the event loop (an O_CREAT can wait
   * on the file system for milliseconds), then moves later writes there in one step.
   */
  async rotate(): Promise<JournalSegment> {
    if (!this.current) throw new Error('journal is not open')
    const segment = this.segmentAfter(this.current.number)
    const fd = await openFd(segment.file, SEGMENT_FLAGS, 0o644)
    if (!this.current) {
      fs.closeSync(fd) // closed meanwhile
      throw new Error('journal is closed')
    }
    this.switchTo(segment, fd)
    return segment
  }

  private segmentAfter(number: number): JournalSegment {
    return { file: path.join(this.dir, `${String(number + 1).padStart(10, '0')}.journal`), number: number + 1 }
  }

  private switchTo(segment: JournalSegment, fd: number): void {
    // Off the event loop: the segment's records count as committed only after the commit that
    // follows, and that commit waits for this.
    this.dirSynced = fsyncDir(this.dir)
    this.dirSynced.catch(() => {})
    const previous = this.fd
    this.fd = fd
    this.size = 0
    this.current = segment
    if (previous !== null) this.closeFd(previous)
  }

  get currentSegment(): JournalSegment | null {
    return this.current
  }

  get bytes(): number {
    return this.size
  }

  /**
   * Writes one record of document `name` as one entry with one write(2), and returns the
   * record's log encoding (a view into the entry: one buffer, one copy of the update). On
   * failure cuts the segment back and rethrows.
   */
  write(name: JournalName, record: LogRecord): Buffer {
    if (this.fd === null) throw new Error('journal is not open')
    const recordBytes = encodedRecordSize(record)
    const prefix = name.prefix
    const bodyStart = ENTRY_HEADER_BYTES
    const recordStart = bodyStart + prefix.length
    const buf = Buffer.allocUnsafe(recordStart + recordBytes)
    buf.writeUInt32LE(prefix.length + recordBytes, 0)
    prefix.copy(buf, bodyStart)
    writeRecord(buf, recordStart, recordBytes, record)
    buf.writeUInt32LE(crc32(buf.subarray(bodyStart)), 4)
    try {
      let written = 0
      while (written < buf.length) written += fs.writeSync(this.fd, buf, written, buf.length - written)
    } catch (err) {
      try {
        fs.ftruncateSync(this.fd, this.size)
      } catch {
        // The next start reads up to the damaged entry and ignores the rest.
      }
      throw err
    }
    this.size += buf.length
    this.sync.dirty = true
    return buf.subarray(recordStart)
  }

  /** The group commit: one fdatasync of the current segment if it was written since the last. */
  async commit(): Promise<void> {
    while (this.sync.syncing) await this.sync.syncing.catch(() => {})
    if (!this.sync.dirty || this.fd === null) return
    this.sync.dirty = false
    const fd = this.fd
    try {
      await this.dirSynced
    } catch (err) {
      this.dirSynced = fsyncDir(this.dir) // retried by the next commit
      this.sync.dirty = true
      throw err
    }
    return startFdatasync(this.sync, fd)
  }

  /**
   * Deletes segments older than `keepFrom` (their records are durable in the documents' files),
   * off the event loop. Not fsynced: a deletion a power cut undoes only replays records the logs
   * already hold.
   */
  async removeBefore(keepFrom: JournalSegment | null): Promise<void> {
    await Promise.all(this.segmentsBefore(keepFrom).map((segment) => fsp.rm(segment.file, { force: true })))
  }

  /** {@link removeBefore} at start, before anything is served. */
  removeBeforeSync(keepFrom: JournalSegment | null): void {
    for (const segment of this.segmentsBefore(keepFrom)) fs.rmSync(segment.file, { force: true })
  }

  private segmentsBefore(keepFrom: JournalSegment | null): JournalSegment[] {
    return this.segments().filter((segment) => !keepFrom || segment.number < keepFrom.number)
  }

  /** Closes the current segment (after any fsync in flight). */
  async close(): Promise<void> {
    while (this.sync.syncing) await this.sync.syncing.catch(() => {})
    if (this.fd !== null) this.closeFd(this.fd)
    this.fd = null
    this.current = null
  }

  private closeFd(fd: number): void {
    const close = () => {
      try {
        fs.closeSync(fd)
      } catch {
        // already closed
      }
    }
    if (this.sync.syncing) void this.sync.syncing.then(close, close)
    else close()
  }
}

function readEntry(buf: Buffer, pos: number): { name: string; record: LogRecord; end: number } | null {
  if (pos + ENTRY_HEADER_BYTES > buf.length) return null
  const body = buf.readUInt32LE(pos)
  const end = pos + ENTRY_HEADER_BYTES + body
  if (body < 2 || end > buf.length) return null
  const bodyBytes = buf.subarray(pos + ENTRY_HEADER_BYTES, end)
  if (crc32(bodyBytes) !== buf.readUInt32LE(pos + 4)) return null
  const nameLength = bodyBytes.readUInt16LE(0)
  if (2 + nameLength > body) return null
  const name = bodyBytes.toString('utf8', 2, 2 + nameLength)
  const parsed = parseLog(bodyBytes.subarray(2 + nameLength))
  if (parsed.problem || parsed.records.length !== 1) return null
  // Copy the update out of the segment's buffer, which is dropped after replay.
  const record = parsed.records[0]!
  return { name, record: { ...record, update: new Uint8Array(record.update) }, end }
}
