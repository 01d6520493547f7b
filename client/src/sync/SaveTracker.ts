// Honest save status over the plain y-websocket protocol: "saved" only once the server has
// answered a sync step 1 that we sent after our last local change (see client/README.md).
import type * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import type { WebsocketProvider } from 'y-websocket'
import { MessageType, SyncMessageType } from '@common-ground/protocol'

export type SaveStatus = 'saved' | 'unsaved' | 'saving'

/** FIFO entry for the provider's own step 1 on connect: its answer proves nothing local. */
const INITIAL_STEP1 = -1

export interface SaveTrackerOptions {
  /** True for transaction origins that are not local edits (the provider, IndexedDB). */
  isRemoteOrigin: (origin: unknown) => boolean
  /** Quiet time after the last local change before a marker is sent. */
  debounceMs?: number
  /** Longest a stream of changes waits for a marker. */
  maxWaitMs?: number
  /** After `sync`, how long to wait for the server's own step 1 before pushing our state. */
  serverStep1TimeoutMs?: number
}

type Provider = Pick<WebsocketProvider, 'ws' | 'wsconnected' | 'synced' | 'messageHandlers' | 'on' | 'off'>
type SyncHandler = WebsocketProvider['messageHandlers'][number]

export class SaveTracker {
  private changes = 0
  private acked = 0
  private fifo: number[] = []
  private answeredServerStep1 = false
  private debounceTimer: ReturnType<typeof setTimeout> | null = null
  private maxWaitTimer: ReturnType<typeof setTimeout> | null = null
  private fallbackTimer: ReturnType<typeof setTimeout> | null = null
  private status: SaveStatus = 'saved'
  private readonly listeners = new Set<() => void>()
  private readonly originalSyncHandler: SyncHandler
  private readonly debounceMs: number
  private readonly maxWaitMs: number
  private readonly serverStep1TimeoutMs: number
  private destroyed = false

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: Provider,
    private readonly options: SaveTrackerOptions,
  ) {
    this.debounceMs = options.debounceMs ?? 250
    this.maxWaitMs = options.maxWaitMs ?? 1500
    this.serverStep1TimeoutMs = options.serverStep1TimeoutMs ?? 2000
    this.originalSyncHandler = provider.messageHandlers[MessageType.Sync]
    provider.messageHandlers[MessageType.Sync] = this.handleSyncMessage
    doc.on('update', this.handleUpdate)
    provider.on('status', this.handleStatus)
    provider.on('sync', this.handleSync)
    provider.on('connection-close', this.handleClose)
  }

  getStatus(): SaveStatus {
    return this.status
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Local changes not yet acknowledged by the server. */
  pendingCount(): number {
    return this.changes - this.acked
  }

  /**
   * Counts state that may not be on the server yet (e.g. offline edits loaded from IndexedDB):
   * at least `count` changes are then pending.
   */
  markUnconfirmed(count = 1): void {
    this.changes = Math.max(this.changes + 1, this.acked + count)
    this.refresh(true)
    this.schedule(0)
  }

  destroy(): void {
    this.destroyed = true
    this.clearTimers()
    this.doc.off('update', this.handleUpdate)
    this.provider.off('status', this.handleStatus)
    this.provider.off('sync', this.handleSync)
    this.provider.off('connection-close', this.handleClose)
    if (this.provider.messageHandlers[MessageType.Sync] === this.handleSyncMessage) {
      this.provider.messageHandlers[MessageType.Sync] = this.originalSyncHandler
    }
    this.listeners.clear()
  }

  private readonly handleSyncMessage: SyncHandler = (encoder, decoder, provider, emitSynced, messageType) => {
    const kind = decoding.peekVarUint(decoder)
    this.originalSyncHandler(encoder, decoder, provider, emitSynced, messageType)
    // emitSynced is false for BroadcastChannel messages: only the server's answers count.
    if (!emitSynced) return
    if (kind === SyncMessageType.Step2) this.handleStep2()
    else if (kind === SyncMessageType.Step1) {
      // Our answer (a step 2 with everything the server lacks, offline edits included) is sent
      // right after this handler returns, so any marker sent from now on is answered after it.
      this.answeredServerStep1 = true
      this.clearFallback()
      this.schedule(0)
    }
  }

  private handleStep2(): void {
    const entry = this.fifo.shift()
    const before = this.acked
    if (entry !== undefined && entry > this.acked) this.acked = entry
    this.refresh(this.acked !== before)
    if (this.changes > this.acked) this.schedule(0)
  }

  private readonly handleUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (this.options.isRemoteOrigin(origin)) return
    this.changes++
    this.refresh(true)
    this.scheduleDebounced()
  }

  private readonly handleStatus = ({ status }: { status: string }): void => {
    // 'connected' is emitted just before the provider sends its own step 1 on the new socket.
    if (status === 'connected') {
      this.fifo = [INITIAL_STEP1]
      this.answeredServerStep1 = false
      this.refresh()
    }
  }

  private readonly handleSync = (synced: boolean): void => {
    if (!synced) return
    if (!this.answeredServerStep1) {
      this.clearFallback()
      this.fallbackTimer = setTimeout(this.pushFullState, this.serverStep1TimeoutMs)
    }
    this.schedule(0)
  }

  private readonly handleClose = (): void => {
    this.fifo = []
    this.answeredServerStep1 = false
    this.clearTimers()
    this.refresh()
  }

  /** A server that never sent its step 1 has not asked for our offline edits: send them all. */
  private readonly pushFullState = (): void => {
    this.fallbackTimer = null
    const ws = this.provider.ws
    if (this.destroyed || this.answeredServerStep1 || !ws || !this.provider.wsconnected) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    syncProtocol.writeSyncStep2(encoder, this.doc)
    ws.send(encoding.toUint8Array(encoder))
    this.answeredServerStep1 = true
    this.schedule(0)
  }

  private scheduleDebounced(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer)
    this.debounceTimer = setTimeout(this.flush, this.debounceMs)
    this.maxWaitTimer ??= setTimeout(this.flush, this.maxWaitMs)
  }

  private schedule(delay: number): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer)
    this.debounceTimer = setTimeout(this.flush, delay)
  }

  private readonly flush = (): void => {
    this.clearDebounce()
    if (this.destroyed) return
    const ws = this.provider.ws
    if (!ws || !this.provider.wsconnected || !this.provider.synced || !this.answeredServerStep1) return
    if (ws.readyState !== ws.OPEN) return
    const covered = Math.max(this.acked, ...this.fifo)
    if (this.changes <= covered) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    syncProtocol.writeSyncStep1(encoder, this.doc)
    ws.send(encoding.toUint8Array(encoder))
    this.fifo.push(this.changes)
    this.refresh()
  }

  /** Tells the listeners when the status changes, or (`countChanged`) the pending count. */
  private refresh(countChanged = false): void {
    const next: SaveStatus = this.changes <= this.acked ? 'saved' : this.fifo.some((value) => value > this.acked) ? 'saving' : 'unsaved'
    if (next === this.status && !countChanged) return
    this.status = next
    for (const listener of this.listeners) listener()
  }

  private clearDebounce(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer)
    if (this.maxWaitTimer) clearTimeout(this.maxWaitTimer)
    this.debounceTimer = null
    this.maxWaitTimer = null
  }

  private clearFallback(): void {
    if (this.fallbackTimer) clearTimeout(this.fallbackTimer)
    this.fallbackTimer = null
  }

  private clearTimers(): void {
    this.clearDebounce()
    this.clearFallback()
  }
}
