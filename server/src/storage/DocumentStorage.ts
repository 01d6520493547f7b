// The storage interface every document persistence backend implements (disk, memory).
// The sync server only ever talks to this; docs/storage.md describes the disk format.

/** One update as it arrived: the unit of the append-only log and of version history. */
export interface LogRecord {
  /** Per-document sequence number, strictly increasing, never reused (survives compaction). */
  seq: number
  /** Milliseconds since the epoch when the server received the update. */
  time: number
  /** Who sent it: the connection's user id once accounts exist, otherwise null. */
  user: string | null
  /** The Yjs update (v1 encoding) exactly as the document integrated it. */
  update: Uint8Array
}

export interface LoadedDocument {
  /** The latest valid snapshot (a Yjs v1 update of the whole state), or null if none. */
  snapshot: Uint8Array | null
  /** Log records not covered by the snapshot, in seq order. */
  records: LogRecord[]
  /** The seq the next appended record must carry. */
  nextSeq: number
  /** Human-readable notes on anything recovered (torn log tail cut off, snapshot rebuilt, …). */
  warnings: string[]
}

export interface CompactionInput {
  /** The whole document state as a Yjs v1 update. */
  state: Uint8Array
  /** The state covers every record with seq <= coveredSeq. */
  coveredSeq: number
}

export interface StoredDocumentInfo {
  name: string
  /** Bytes on disk (snapshot + live log), for metadata. */
  size: number
}

export interface DocumentStorage {
  /**
   * Reads a document. A document never stored loads as empty (snapshot null, no records,
   * nextSeq 1). Recoverable damage (a torn log tail) is repaired and reported in `warnings`;
   * damage that would lose acknowledged data (unreadable snapshot and no history to rebuild
   * it from) rejects, and the caller must not serve or write that document.
   */
  load(name: string): Promise<LoadedDocument>

  /**
   * Appends one record to the document's log. Synchronous on purpose: when it returns, the
   * bytes are in the operating system (they survive a process crash), so the caller may
   * broadcast the update. Throws if the write fails. Records must come in seq order.
   */
  append(name: string, record: LogRecord): void

  /**
   * Writes a snapshot atomically (temp file, fsync, rename, checksum) that covers every
   * record with seq <= coveredSeq, then moves those records out of the live log into the
   * document's history, which keeps them (time, user, update) for version history.
   * Records appended while this runs (seq > coveredSeq) stay in the live log.
   */
  compact(name: string, input: CompactionInput): Promise<void>

  /** Every record ever stored for the document (history + live log), in seq order. */
  history(name: string): Promise<LogRecord[]>

  /** Size on disk, for metadata. */
  info(name: string): Promise<StoredDocumentInfo>

  /** Names of all stored documents. */
  list(): Promise<string[]>

  /** Forces buffered writes of this document (or all documents) to stable storage (fsync). */
  sync(name?: string): Promise<void>

  /** Releases the open files of one document (after unload). Appends re-open as needed. */
  release(name: string): Promise<void>

  /** Syncs and closes everything. */
  close(): Promise<void>
}
