// In-memory DocumentStorage for tests: same semantics as DiskStorage, plus injectable write
// failures so the server's retry and error paths can be exercised.
import { documentFileName } from '@common-ground/protocol'
import type { CompactionInput, DocumentStorage, LoadedDocument, LogRecord, StoredDocumentInfo } from './DocumentStorage.ts'

/** One document's data; shared between a MemoryStorage and the instances `reopen()` returns. */
export interface MemoryDocument {
  snapshot: Uint8Array | null
  coveredSeq: number
  /** Records moved out of the live log by compaction. */
  history: LogRecord[]
  live: LogRecord[]
  lastSeq: number
}

export class MemoryStorage implements DocumentStorage {
  /** When true, every append and compact throws (and stores nothing). */
  failWrites = false
  private failuresLeft = 0
  private closed = false
  /** Per-document chain, so concurrent compactions of one document run one after another. */
  private readonly queues = new Map<string, Promise<unknown>>()

  constructor(readonly store: Map<string, MemoryDocument> = new Map()) {}

  /** A new instance over the same data, like a process restart over the same data directory. */
  reopen(): MemoryStorage {
    return new MemoryStorage(this.store)
  }

  /** Makes the next `n` appends/compactions throw (and store nothing). */
  failNextWrites(n: number): void {
    this.failuresLeft = n
  }

  async load(name: string): Promise<LoadedDocument> {
    validate(name)
    const doc = this.store.get(name)
    if (!doc) return { snapshot: null, records: [], nextSeq: 1, warnings: [] }
    return {
      snapshot: doc.snapshot && new Uint8Array(doc.snapshot),
      records: doc.live.filter((r) => r.seq > doc.coveredSeq).map(copy),
      nextSeq: doc.lastSeq + 1,
      warnings: [],
    }
  }

  append(name: string, record: LogRecord): void {
    // On the hot path: a stored document's name was checked when it was first seen.
    if (!this.store.has(name)) validate(name)
    this.checkWritable('append')
    const doc = this.docFor(name)
    if (record.seq <= doc.lastSeq) {
      throw new Error(`out-of-order append to ${JSON.stringify(name)}: seq ${record.seq} after ${doc.lastSeq}`)
    }
    doc.live.push(copy(record))
    doc.lastSeq = record.seq
  }

  async compact(name: string, input: CompactionInput): Promise<void> {
    validate(name)
    await this.serialize(name, async () => {
      this.checkWritable('compact')
      const doc = this.docFor(name)
      if (input.coveredSeq < doc.coveredSeq) {
        throw new Error(`compaction of ${JSON.stringify(name)} would go back from seq ${doc.coveredSeq} to ${input.coveredSeq}`)
      }
      doc.snapshot = new Uint8Array(input.state)
      doc.coveredSeq = input.coveredSeq
      doc.lastSeq = Math.max(doc.lastSeq, input.coveredSeq)
      doc.history.push(...doc.live.filter((r) => r.seq <= input.coveredSeq))
      doc.live = doc.live.filter((r) => r.seq > input.coveredSeq)
    })
  }

  async history(name: string): Promise<LogRecord[]> {
    validate(name)
    const doc = this.store.get(name)
    return doc ? [...doc.history, ...doc.live].sort((a, b) => a.seq - b.seq).map(copy) : []
  }

  async info(name: string): Promise<StoredDocumentInfo> {
    validate(name)
    const doc = this.store.get(name)
    let size = doc?.snapshot?.length ?? 0
    for (const r of doc?.live ?? []) size += r.update.length
    return { name, size }
  }

  async list(): Promise<string[]> {
    return [...this.store.keys()].sort()
  }

  async sync(name?: string): Promise<void> {
    if (name !== undefined) validate(name)
  }

  async release(name: string): Promise<void> {
    validate(name)
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.queues.values())
  }

  private checkWritable(op: string): void {
    if (this.closed) throw new Error('storage is closed')
    if (this.failWrites) throw new Error(`injected ${op} failure`)
    if (this.failuresLeft > 0) {
      this.failuresLeft--
      throw new Error(`injected ${op} failure`)
    }
  }

  private docFor(name: string): MemoryDocument {
    let doc = this.store.get(name)
    if (!doc) {
      doc = { snapshot: null, coveredSeq: 0, history: [], live: [], lastSeq: 0 }
      this.store.set(name, doc)
    }
    return doc
  }

  private serialize(name: string, fn: () => Promise<void>): Promise<void> {
    const run = (this.queues.get(name) ?? Promise.resolve()).then(fn)
    this.queues.set(
      name,
      run.catch(() => {}),
    )
    return run
  }
}

function validate(name: string): void {
  documentFileName(name) // throws for names that break the naming rules
}

/** Callers may reuse their buffers; stored and returned data must not alias them. */
function copy(record: LogRecord): LogRecord {
  return { seq: record.seq, time: record.time, user: record.user, update: new Uint8Array(record.update) }
}
