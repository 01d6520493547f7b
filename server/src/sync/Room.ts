// One open document: its state (a live Y.Doc, or only its encoding while nobody writes), the
// awareness and connections, and its persistence (append before broadcast, compaction
// schedule, retry after failed writes).
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { ORIGIN_LOAD } from '@common-ground/protocol'
import type { CompactionPolicy } from '../config.ts'
import type { HookRunner } from '../hooks.ts'
import type { Logger } from '../logger.ts'
import type { DocumentStorage, LoadedDocument, LogRecord } from '../storage/DocumentStorage.ts'
import { Connection } from './Connection.ts'
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './encodeMessage.ts'
import { WireFrame } from './wireFrame.ts'

export interface RoomDeps {
  storage: DocumentStorage
  hooks: HookRunner
  logger: Logger
  compaction: CompactionPolicy
  /** An empty Y.Doc shared by every room's awareness (which needs a doc only for its client id). */
  awarenessHost: Y.Doc
}

/** A Yjs v1 update that changes nothing (no structs, empty delete set). */
const EMPTY_UPDATE = new Uint8Array([0, 0])

/**
 * Larger updates (pastes, imports) are applied before they are sent: relaying decodes an update
 * twice, which for a large one costs more than the wait it saves the readers.
 */
const RELAY_MAX_BYTES = 16_384

/** Transaction origin of an update applied after it was logged and sent as received. */
const RELAYED = Symbol('relayed')

/**
 * Transaction origin of a change the server makes itself (RoomManager.transact): it is logged
 * with `user` and sent to every connection, like a client's update.
 */
export class ServerWrite {
  constructor(
    readonly user: string | null,
    /** Why the server writes (for example ORIGIN_SEED); not stored. */
    readonly reason: string,
  ) {}
}

export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0
}

function snapshotOfUpdate(update: Uint8Array): Y.Snapshot {
  return Y.createSnapshot(Y.decodeUpdate(update).ds, Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)))
}

export class Room {
  /**
   * The live document, or null while hibernating: a document nobody has written to since it
   * was compacted is kept only as its encoded state (fullStateFrame), a fraction of a Y.Doc's
   * memory. Readers are served from the encoding; the first write brings the Y.Doc back.
   */
  private liveDoc: Y.Doc | null = null
  readonly awareness: awarenessProtocol.Awareness
  readonly connections = new Set<Connection>()
  /** Called after the last connection left, and after each successful flush while empty. */
  onIdle: (room: Room) => void = () => {}

  private nextSeq: number
  private coveredSeq: number
  private liveLogBytes = 0
  private liveLogRecords = 0
  /** Records whose append failed, in order; while non-empty, broadcasts are held back. */
  private unpersisted: LogRecord[] = []
  private held: { frame: Uint8Array; origin: Connection | null }[] = []
  /** Sync step 1 answers waiting for the held records to reach the log. */
  private deferredAnswers: { conn: Connection; stateVector: Uint8Array }[] = []
  /** The whole state as a sync step 2 frame; dropped on every change, never null while hibernating. */
  private fullStateFrame: Uint8Array | null = null
  /** Our state vector as a sync step 1 frame; dropped on every change. */
  private stateVectorFrame: Uint8Array | null = null
  /** What the document holds (state vector and delete set), for contains(); dropped on every change. */
  private snapshotCache: Y.Snapshot | null = null
  private hibernateTimer: NodeJS.Timeout | null = null
  private idleTimer: NodeJS.Timeout | null = null
  private maxWaitTimer: NodeJS.Timeout | null = null
  private retryTimer: NodeJS.Timeout | null = null
  private retryDelay: number
  private compactionChain: Promise<void> = Promise.resolve()
  private backgroundCompactionQueued = false
  destroyed = false

  private constructor(
    readonly name: string,
    loaded: LoadedDocument,
    private readonly deps: RoomDeps,
  ) {
    this.awareness = new awarenessProtocol.Awareness(deps.awarenessHost)
    this.awareness.setLocalState(null)
    this.nextSeq = loaded.nextSeq
    this.coveredSeq = loaded.nextSeq - 1 - loaded.records.length
    this.retryDelay = deps.compaction.retryBaseMs
    // The snapshot already is an encoding of the whole state: start hibernating and serve
    // joiners from it without building (or re-encoding) the document.
    this.fullStateFrame = encodeSyncStep2(loaded.snapshot ?? EMPTY_UPDATE)
    if (loaded.records.length > 0) {
      const doc = this.materialize()
      Y.transact(
        doc,
        () => {
          for (const record of loaded.records) {
            try {
              Y.applyUpdate(doc, record.update)
            } catch (error) {
              // Only a relayed update that decoded but failed to apply (see receiveUpdate) can:
              // its sender was disconnected then, and the document loads as far as it applied then.
              deps.logger.warn('log record does not apply; skipped', { document: name, seq: record.seq, error })
            }
          }
        },
        ORIGIN_LOAD,
      )
      for (const record of loaded.records) this.liveLogBytes += record.update.byteLength
      this.liveLogRecords = loaded.records.length
      this.fullStateFrame = null
    }
    this.awareness.on('update', this.handleAwarenessUpdate)
  }

  /** The live Y.Doc; wakes a hibernating document (decodes its state) on first use. */
  get doc(): Y.Doc {
    return this.liveDoc ?? this.materialize()
  }

  get hibernating(): boolean {
    return this.liveDoc === null
  }

  /** A hook payload whose `doc` is only built if the hook reads it. */
  payload(): { name: string; readonly doc: Y.Doc } {
    const docOf = () => this.doc
    return {
      name: this.name,
      get doc() {
        return docOf()
      },
    }
  }

  private materialize(): Y.Doc {
    if (this.destroyed) throw new Error(`document ${this.name} was unloaded`)
    const doc = new Y.Doc({ gc: true })
    if (this.fullStateFrame) Y.applyUpdate(doc, this.fullStateUpdate(), ORIGIN_LOAD)
    doc.on('update', this.handleDocUpdate)
    this.liveDoc = doc
    return doc
  }

  /** Drops the Y.Doc of a clean document, keeping its encoded state. */
  private hibernate(): void {
    if (!this.liveDoc || this.dirty || this.destroyed) return
    this.fullState()
    this.liveDoc.off('update', this.handleDocUpdate)
    this.liveDoc.destroy()
    this.liveDoc = null
  }

  /**
   * Waking a document costs time in proportion to its size, so a bigger document waits longer
   * before it hibernates: hibernateAfterMs per started 32 KB of encoded state.
   */
  private scheduleHibernation(): void {
    const base = this.deps.compaction.hibernateAfterMs
    if (!this.liveDoc || base < 0) return
    const delay = base * Math.max(1, Math.ceil(this.fullState().byteLength / 32_768))
    if (this.hibernateTimer) this.hibernateTimer.refresh()
    else
      this.hibernateTimer = setTimeout(() => {
        this.hibernateTimer = null
        this.hibernate()
      }, delay)
  }

  /** Loads a document from storage and runs onLoadDocument. Rejects if either fails. */
  static async load(name: string, deps: RoomDeps): Promise<Room> {
    const loaded = await deps.storage.load(name)
    for (const warning of loaded.warnings) deps.logger.warn('storage recovered document', { document: name, warning })
    const room = new Room(name, loaded, deps)
    try {
      await deps.hooks.onLoadDocument(room.payload())
    } catch (error) {
      room.destroy()
      throw error
    }
    return room
  }

  get dirty(): boolean {
    return this.unpersisted.length > 0 || this.nextSeq - 1 > this.coveredSeq
  }

  /** True while records whose append failed wait for the retry (nothing after them is sent). */
  get holding(): boolean {
    return this.unpersisted.length > 0
  }

  /**
   * Runs `fn` on the document in one transaction with `origin` (waking a hibernating document):
   * what it changes goes the way of a client's update (log, every connection, onChange,
   * compaction schedule). If `fn` throws, what it changed before is kept and the error rethrown.
   */
  applyServerWrite(fn: (doc: Y.Doc) => void, origin: ServerWrite): void {
    const doc = this.doc
    Y.transact(doc, () => fn(doc), origin)
  }

  /** Flushes without waiting; a failure is logged and retried with backoff, and onIdle follows success. */
  flushInBackground(): void {
    void this.compactInBackground()
  }

  /** Adds a connection; it receives broadcasts from now on. */
  addConnection(conn: Connection): void {
    this.connections.add(conn)
  }

  /** Starts the server's side of the sync: our state vector, then who is here. */
  greet(conn: Connection): void {
    this.stateVectorFrame ??= encodeSyncStep1(this.liveDoc ? Y.encodeStateVector(this.liveDoc) : Y.encodeStateVectorFromUpdate(this.fullStateUpdate()))
    conn.send(this.stateVectorFrame)
    const states = this.awareness.getStates()
    if (states.size > 0 && !conn.isPublicReader) {
      conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])))
    }
  }

  removeConnection(conn: Connection): void {
    if (!this.connections.delete(conn)) return
    if (conn.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null)
    }
    if (this.connections.size === 0) this.onIdle(this)
  }

  /**
   * Answers a client's sync step 1 with step 2. While updates are held (their append failed)
   * the answer waits until they are in the log: the document state already contains them, and
   * nobody may receive an update that is not in the log; a step 2 is also the client's
   * acknowledgement that everything it sent before is persisted (docs/protocol.md).
   */
  answerSyncStep1(conn: Connection, stateVector: Uint8Array): void {
    if (this.unpersisted.length === 0) return conn.send(this.syncStep2For(stateVector))
    Y.decodeStateVector(stateVector) // a malformed one is rejected now, not when it is answered
    this.deferredAnswers.push({ conn, stateVector: stateVector.slice() })
  }

  /** The sync step 2 frame answering a client's step 1. */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    const vector = Y.decodeStateVector(stateVector)
    if (vector.size === 0) return this.fullState()
    if (!this.liveDoc) return encodeSyncStep2(Y.diffUpdate(this.fullStateUpdate(), stateVector))
    return encodeSyncStep2(Y.encodeStateAsUpdate(this.liveDoc, stateVector))
  }

  /** Every awareness state we know, as one frame (answer to a query). */
  /**
   * True when applying the update would change nothing: every struct and every deletion in it
   * is already in the document. A hibernating document is not woken: its snapshot is read from
   * the encoded state once per change.
   */
  contains(update: Uint8Array): boolean {
    this.snapshotCache ??= this.liveDoc ? Y.snapshot(this.liveDoc) : snapshotOfUpdate(this.fullStateUpdate())
    return Y.snapshotContainsUpdate(this.snapshotCache, update)
  }

  awarenessFrame(): Uint8Array | null {
    const states = this.awareness.getStates()
    if (states.size === 0) return null
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]))
  }

  private fullState(): Uint8Array {
    this.fullStateFrame ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.liveDoc!))
    return this.fullStateFrame
  }

  /** The whole state as a Yjs update (a view into the cached frame, not a copy). */
  private fullStateUpdate(): Uint8Array {
    const decoder = decoding.createDecoder(this.fullState())
    decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
    return decoding.readVarUint8Array(decoder)
  }

  /**
   * Takes a sync Update message from a client. An update that is exactly what the document
   * expects next (see relayable) is appended to the log as received and sent on before it is
   * applied, so readers do not wait for Y.applyUpdate; any other is applied first, and what Yjs
   * emits is appended and broadcast (handleDocUpdate). Throws on a malformed update, having
   * logged and sent nothing; if applying throws after the relay, the connection is closed as
   * for any malformed message and the loaded log skips that record (docs/protocol.md).
   */
  receiveUpdate(conn: Connection, update: Uint8Array): void {
    const doc = this.liveDoc
    if (!doc || !this.relayable(doc, update)) {
      Y.applyUpdate(this.doc, update, conn)
      return
    }
    const record = this.newRecord(update.slice(), conn.user)
    const frame = encodeUpdate(record.update)
    this.dropCaches() // also when Yjs keeps all of it pending and emits nothing: the encoded state holds pending structs
    const appended = this.unpersisted.length === 0 && this.tryAppend(record)
    if (appended) this.broadcast(frame, conn)
    else this.hold(record, frame, conn)
    try {
      Y.applyUpdate(doc, record.update, RELAYED)
    } finally {
      if (appended) this.afterAppend(record)
    }
  }

  /**
   * True when relaying the update as received sends exactly what applying it would: every
   * client section starts at the clock the document has reached for that client (nothing in
   * it is a resend), it has no gaps (Skip structs), and the document holds no pending structs
   * or deletions that applying it could release. A delete-only update always qualifies, so a
   * resent one goes out again, which receivers ignore. It may still depend on structs the document
   * lacks; then Yjs keeps it pending, as every receiver does, and it is in the log all the same.
   * Decodes the whole update, so a malformed one throws here, before anything is written.
   */
  private relayable(doc: Y.Doc, update: Uint8Array): boolean {
    if (update.byteLength > RELAY_MAX_BYTES || doc.store.pendingStructs || doc.store.pendingDs) return false
    const { structs } = Y.decodeUpdate(update)
    let client = -1
    for (const struct of structs) {
      if (struct instanceof Y.Skip) return false
      if (struct.id.client === client) continue
      client = struct.id.client
      if (struct.id.clock !== Y.getState(doc.store, client)) return false
    }
    return true
  }

  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.dropCaches()
    if (origin === RELAYED) return // receiveUpdate logged and sent it as received
    // A server write (ServerWrite) excludes no connection: every client receives it.
    const conn = origin instanceof Connection ? origin : null
    const record = this.newRecord(update, origin instanceof Connection || origin instanceof ServerWrite ? origin.user : null)
    const frame = encodeUpdate(update)
    if (this.unpersisted.length === 0 && this.tryAppend(record)) {
      // In the log: hand it out first, then the bookkeeping (metadata touch, compaction timers).
      this.broadcast(frame, conn)
      this.afterAppend(record)
    } else this.hold(record, frame, conn)
  }

  private newRecord(update: Uint8Array, user: string | null): LogRecord {
    return { seq: this.nextSeq++, time: Date.now(), user, update }
  }

  /** The document changed: the cached encodings are stale and it is not clean enough to hibernate. */
  private dropCaches(): void {
    this.fullStateFrame = null
    this.snapshotCache = null
    this.stateVectorFrame = null
    if (this.hibernateTimer) clearTimeout(this.hibernateTimer)
    this.hibernateTimer = null
  }

  /** Nobody may receive an update that is not in the log: hold it until the retry succeeds. */
  private hold(record: LogRecord, frame: Uint8Array, origin: Connection | null): void {
    this.unpersisted.push(record)
    this.held.push({ frame, origin })
    this.scheduleRetry()
  }

  private tryAppend(record: LogRecord): boolean {
    try {
      this.deps.storage.append(this.name, record)
    } catch (error) {
      this.deps.logger.error('log append failed; holding updates until it succeeds', { document: this.name, error })
      return false
    }
    return true
  }

  private afterAppend(record: LogRecord): void {
    this.liveLogBytes += record.update.byteLength
    this.liveLogRecords++
    this.deps.hooks.onChange({ name: this.name, doc: this.doc, record })
    this.scheduleCompaction()
  }

  private readonly handleAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin instanceof Connection) {
      for (const id of added) origin.awarenessIds.add(id)
      for (const id of removed) origin.awarenessIds.delete(id)
    }
    const changed = added.concat(updated, removed)
    if (changed.length === 0 || this.connections.size === 0) return
    const frame = new WireFrame(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)))
    for (const conn of this.connections) if (!conn.isPublicReader) conn.send(frame)
  }

  /** Sends `frame` to every connection but `except`, framed for the wire once for all of them. */
  private broadcast(frame: Uint8Array, except: Connection | null): void {
    const recipients = this.connections.size - (except !== null && this.connections.has(except) ? 1 : 0)
    if (recipients === 0) return
    const wire = new WireFrame(frame)
    for (const conn of this.connections) {
      if (conn !== except) conn.send(wire)
    }
  }

  // ---- persistence schedule ----

  private scheduleCompaction(): void {
    const policy = this.deps.compaction
    if (this.liveLogBytes >= policy.maxLogBytes || this.liveLogRecords >= policy.maxLogRecords) {
      void this.compactInBackground()
      return
    }
    if (this.idleTimer) this.idleTimer.refresh()
    else this.idleTimer = setTimeout(() => void this.compactInBackground(), policy.idleMs)
    // ±20 % so that documents edited together do not all compact in the same instant.
    this.maxWaitTimer ??= setTimeout(() => void this.compactInBackground(), policy.maxWaitMs * (0.8 + Math.random() * 0.4))
  }

  private clearCompactionTimers(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    if (this.maxWaitTimer) clearTimeout(this.maxWaitTimer)
    this.idleTimer = this.maxWaitTimer = null
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.destroyed) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      void this.compactInBackground()
    }, this.retryDelay)
    this.retryDelay = Math.min(this.retryDelay * 2, this.deps.compaction.retryMaxMs)
  }

  /**
   * At most one background compaction waits behind the running one: appends past the size
   * threshold, timers and retries that come meanwhile all join that next run.
   */
  private async compactInBackground(): Promise<void> {
    if (this.backgroundCompactionQueued) return
    this.backgroundCompactionQueued = true
    try {
      await this.compactionChain
      this.backgroundCompactionQueued = false
      await this.flush()
    } catch (error) {
      this.backgroundCompactionQueued = false
      this.deps.logger.error('flush failed; will retry', { document: this.name, error, retryInMs: this.retryDelay })
      this.scheduleRetry()
    }
  }

  /**
   * Makes everything durable: appends held records, then writes a snapshot covering every
   * record. Serialized; resolves when done, rejects (document stays dirty) on failure.
   */
  flush(): Promise<void> {
    const run = this.compactionChain.then(() => this.compactNow())
    this.compactionChain = run.catch(() => {})
    return run
  }

  private async compactNow(): Promise<void> {
    if (this.destroyed) return
    this.clearCompactionTimers()
    this.appendHeld()
    const coveredSeq = this.nextSeq - 1
    if (coveredSeq > this.coveredSeq) {
      const recordsAtStart = this.liveLogRecords
      const bytesAtStart = this.liveLogBytes
      await this.deps.storage.compact(this.name, { state: this.fullStateUpdate(), coveredSeq })
      this.coveredSeq = coveredSeq
      this.liveLogRecords -= recordsAtStart
      this.liveLogBytes -= bytesAtStart
      // Object.assign keeps the lazy `doc` getter (a spread would call it).
      await this.deps.hooks.onStoreDocument(Object.assign(this.payload(), { coveredSeq }))
    }
    this.retryDelay = this.deps.compaction.retryBaseMs
    if (!this.dirty) this.scheduleHibernation()
    if (this.connections.size === 0) this.onIdle(this)
  }

  /** Retries held appends in order; throws on the first that still fails. */
  private appendHeld(): void {
    while (this.unpersisted.length > 0) {
      const record = this.unpersisted[0]!
      this.deps.storage.append(this.name, record)
      this.unpersisted.shift()
      const { frame, origin } = this.held.shift()!
      this.broadcast(frame, origin)
      this.afterAppend(record)
    }
    const answers = this.deferredAnswers
    this.deferredAnswers = []
    for (const { conn, stateVector } of answers) {
      if (this.connections.has(conn)) conn.send(this.syncStep2For(stateVector))
    }
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.clearCompactionTimers()
    if (this.retryTimer) clearTimeout(this.retryTimer)
    if (this.hibernateTimer) clearTimeout(this.hibernateTimer)
    this.liveDoc?.off('update', this.handleDocUpdate)
    this.awareness.off('update', this.handleAwarenessUpdate)
    this.awareness.destroy()
    this.liveDoc?.destroy()
    this.liveDoc = null
  }
}
