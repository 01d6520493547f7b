// The directory's file: lowdb over <dataDir>/directory.json, written durably (temp file, fsync,
// rename, directory fsync) and group-committed: every save() called while a write is queued
// shares that write, which serializes the data as it is when it starts. A save resolves only
// once the file holding its change is on stable storage (docs/storage.md).
import path from 'node:path'
import { readFile } from 'node:fs/promises'
import { Low, type Adapter } from 'lowdb'
import type { Logger } from '../logger.ts'
import { writeFileDurable } from '../storage/diskFiles.ts'
import { emptyDirectory, type DirectoryData } from './types.ts'

/** How long bookkeeping that need not be durable at once (token last-used times) may wait. */
const LAZY_WRITE_MS = 5_000

/** A lowdb adapter: JSON in one file, replaced atomically and durably on every write. */
export class DurableJSONFile<T> implements Adapter<T> {
  private readonly tmp: string

  constructor(private readonly file: string) {
    this.tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`)
  }

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as T
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  /** Serializes `data` at once (synchronously), then writes the bytes durably. */
  write(data: T): Promise<void> {
    const bytes = Buffer.from(JSON.stringify(data, null, 2), 'utf8')
    return writeFileDurable(this.file, this.tmp, bytes)
  }
}

export class DirectoryStore {
  /** The write after the one in flight, not started yet: later saves join it. */
  private queued: Promise<void> | null = null
  private writing: Promise<void> = Promise.resolve()
  private lazyWrite: NodeJS.Timeout | null = null

  private constructor(
    private readonly db: Low<DirectoryData>,
    private readonly logger: Logger,
  ) {}

  static async open(dataDir: string, logger: Logger): Promise<DirectoryStore> {
    const db = new Low<DirectoryData>(new DurableJSONFile<DirectoryData>(path.join(dataDir, 'directory.json')), emptyDirectory())
    await db.read()
    db.data = { ...emptyDirectory(), ...db.data }
    return new DirectoryStore(db, logger)
  }

  /** The data, changed in memory synchronously by the callers; save() makes a change durable. */
  get data(): DirectoryData {
    return this.db.data
  }

  /** Writes the whole file durably; resolves once what memory held when it was called is on disk. */
  save(): Promise<void> {
    if (this.lazyWrite) {
      clearTimeout(this.lazyWrite)
      this.lazyWrite = null
    }
    if (this.queued) return this.queued
    const written = this.writing.then(() => {
      this.queued = null
      return this.db.write()
    })
    this.queued = written
    this.writing = written.catch((error: unknown) => this.logger.error('directory write failed', { error }))
    return written
  }

  /** For bookkeeping that need not be durable at once: written within LAZY_WRITE_MS. */
  saveLater(): void {
    this.lazyWrite ??= setTimeout(() => {
      this.lazyWrite = null
      void this.save().catch(() => {})
    }, LAZY_WRITE_MS)
    this.lazyWrite.unref()
  }

  /** Writes pending bookkeeping now and waits for every write in flight. */
  async flush(): Promise<void> {
    if (this.lazyWrite) await this.save().catch(() => {})
    await this.writing
  }
}
