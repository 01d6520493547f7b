// Document metadata (name, created, updated, size) in a lowdb JSON file in DATA_DIR.
// Changes are batched: marked in memory, written after a delay and on close. A new document or
// a new size is written within `writeDelayMs`; a later change time of a known document only
// within `touchWriteDelayMs`, so a server whose documents are being typed in does not rewrite
// the whole file every second. Reads see every change at once; a crash loses at most that
// long of `updated` times (the edits themselves are in the document's storage).
import path from 'node:path'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import type { ServerHooks } from '../hooks.ts'
import type { Logger } from '../logger.ts'
import type { DocumentStorage } from '../storage/DocumentStorage.ts'

export interface DocumentMeta {
  name: string
  /** ISO timestamps. */
  created: string
  updated: string
  /** Bytes on disk after the last compaction. */
  size: number
}

export interface MetadataData {
  version: 1
  documents: Record<string, DocumentMeta>
}

export class MetadataStore {
  private readonly db: Low<MetadataData>
  private writeTimer: NodeJS.Timeout | null = null
  /** When the scheduled write fires (ms since the epoch). */
  private writeDueAt = 0
  /** Newest change time per document not yet applied to the data. */
  private readonly pendingTouches = new Map<string, number>()
  /** Documents compacted since their size was last read. */
  private readonly staleSizes = new Set<string>()
  private writing: Promise<void> = Promise.resolve()

  private constructor(
    file: string,
    private readonly storage: DocumentStorage,
    private readonly logger: Logger,
    private readonly writeDelayMs: number,
    private readonly touchWriteDelayMs: number,
  ) {
    this.db = new Low<MetadataData>(new JSONFile<MetadataData>(file), { version: 1, documents: {} })
  }

  static async open(options: {
    dataDir: string
    storage: DocumentStorage
    logger: Logger
    writeDelayMs?: number
    touchWriteDelayMs?: number
  }): Promise<MetadataStore> {
    const store = new MetadataStore(
      path.join(options.dataDir, 'metadata.json'),
      options.storage,
      options.logger,
      options.writeDelayMs ?? 1000,
      options.touchWriteDelayMs ?? 10_000,
    )
    await store.db.read()
    store.db.data.documents ??= {}
    return store
  }

  list(): DocumentMeta[] {
    this.applyTouches()
    return Object.values(this.db.data.documents).sort((a, b) => b.updated.localeCompare(a.updated))
  }

  get(name: string): DocumentMeta | undefined {
    this.applyTouches()
    return this.entry(name)
  }

  /** The entry of `name`, never an inherited property (`constructor` is a valid document name). */
  private entry(name: string): DocumentMeta | undefined {
    const docs = this.db.data.documents
    return Object.hasOwn(docs, name) ? docs[name] : undefined
  }

  /** Records that a document changed at `time` (ms); created on first sight. */
  touch(name: string, time = Date.now()): void {
    if (this.entry(name) === undefined) {
      // First sight (once per document): the entry now, on disk within writeDelayMs.
      const iso = new Date(time).toISOString()
      this.db.data.documents[name] = { name, created: iso, updated: iso, size: 0 }
      this.scheduleWrite(this.writeDelayMs)
      return
    }
    // On the hot path (every update): remember the newest time, format it when writing.
    const pending = this.pendingTouches.get(name)
    if (pending === undefined || time > pending) this.pendingTouches.set(name, time)
    this.scheduleWrite(this.touchWriteDelayMs)
  }

  /** Moves pending change times into the entries. */
  private applyTouches(): void {
    for (const [name, time] of this.pendingTouches) {
      const iso = new Date(time).toISOString()
      const existing = this.entry(name)
      if (existing && iso > existing.updated) existing.updated = iso
    }
    this.pendingTouches.clear()
  }

  async refreshSize(name: string): Promise<void> {
    await this.readSize(name)
    this.scheduleWrite()
  }

  private async readSize(name: string): Promise<void> {
    this.applyTouches()
    const meta = this.entry(name)
    if (meta) meta.size = (await this.storage.info(name)).size
  }

  /** Hooks that keep the metadata current without the sync code knowing about it. */
  hooks(): ServerHooks {
    return {
      onChange: ({ name, record }) => this.touch(name, record.time),
      // Sizes are read from disk at the next batched write, not after every compaction.
      onStoreDocument: ({ name }) => {
        this.staleSizes.add(name)
        this.scheduleWrite()
      },
    }
  }

  /** Adds documents found in storage but missing here (for example after metadata.json was lost). */
  async reconcile(): Promise<void> {
    const now = new Date().toISOString()
    for (const name of await this.storage.list()) {
      if (this.entry(name)) continue
      const { size } = await this.storage.info(name)
      this.db.data.documents[name] = { name, created: now, updated: now, size }
      this.scheduleWrite()
    }
  }

  /** Makes sure a write happens within `delayMs` (an earlier scheduled write stands). */
  private scheduleWrite(delayMs = this.writeDelayMs): void {
    const dueAt = Date.now() + delayMs
    if (this.writeTimer) {
      if (this.writeDueAt <= dueAt) return
      clearTimeout(this.writeTimer)
    }
    this.writeDueAt = dueAt
    this.writeTimer = setTimeout(() => {
      this.writeTimer = null
      void this.flush()
    }, delayMs)
  }

  /** Writes pending changes now (lowdb writes atomically via a temp file and rename). */
  flush(): Promise<void> {
    if (this.writeTimer) {
      clearTimeout(this.writeTimer)
      this.writeTimer = null
    }
    this.writing = this.writing.then(async () => {
      this.applyTouches()
      const stale = [...this.staleSizes]
      this.staleSizes.clear()
      for (const name of stale) await this.readSize(name).catch(() => this.staleSizes.add(name))
      return this.db.write().catch((error: unknown) => {
        this.logger.error('metadata write failed; will retry', { error })
        this.scheduleWrite()
      })
    })
    return this.writing
  }
}
