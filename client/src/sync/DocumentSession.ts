// One open document: owns its Y.Doc, WebsocketProvider, IndexedDB persistence, awareness and
// save tracker, and exposes their state as an immutable snapshot for useSyncExternalStore.
import * as Y from 'yjs'
import * as authProtocol from 'y-protocols/auth'
import { WebsocketProvider } from 'y-websocket'
import { IndexeddbPersistence } from 'y-indexeddb'
import { CloseCode, FATAL_CLOSE_CODES, MessageType, PermissionDeniedReason } from '@common-ground/protocol'
import { SaveTracker, type SaveStatus } from './SaveTracker.ts'
import { hasUnconfirmedChanges, recordConfirmed } from './confirmedState.ts'
import { peersOf, samePeers, type Peer } from './presence.ts'
import { UnloadGuard } from './unloadGuard.ts'
import { documentDatabaseName, mayStoreLocally } from '../session/localData.ts'
import { documentOpened, pendingEditsOf, setPendingEdits } from '../offline/pendingEdits.ts'

export type ConnectionStatus = 'connecting' | 'connected' | 'offline' | 'error'

/**
 * The save status, or `readOnly`: the server said (permission-denied `read_only`) that this
 * connection may not write and dropped what it sent; local changes are not saved.
 */
export type DocumentSaveStatus = SaveStatus | 'readOnly'

export interface SessionSnapshot {
  connection: ConnectionStatus
  save: DocumentSaveStatus
  /** Local (IndexedDB) or server content has arrived. */
  loaded: boolean
  /** The server refused the document for good (a fatal close code). */
  fatal: { code: number; reason: string } | null
  /** Counts the server's 4409 closes: the connection's rights changed, ask /api/access again. */
  permissionsChanged: number
  peers: Peer[]
}

export interface SessionOptions {
  /**
   * Whose local copy this is (see session/localData.ts): the IndexedDB database and the
   * localStorage keys are per person, and deleted at sign-out.
   */
  cacheKey: string
  /** Shown to the others as present (default); not for the background sync of closed documents. */
  presence?: boolean
}

export interface SessionUser {
  name: string
  color: string
}

/** The Y.XmlFragment TipTap edits. */
export const FRAGMENT_NAME = 'default'
const IDB_TIMEOUT_MS = 3000

export function syncUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/sync`
}

export class DocumentSession {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  private readonly idb: IndexeddbPersistence
  private readonly tracker: SaveTracker
  private readonly unloadGuard: UnloadGuard
  private snapshot: SessionSnapshot
  private readonly listeners = new Set<() => void>()
  private fatal: SessionSnapshot['fatal'] = null
  private loaded = false
  private browserOnline = navigator.onLine
  private idbReady = false
  private destroyed = false
  private confirmTimer: ReturnType<typeof setTimeout> | null = null
  private idbTimer: ReturnType<typeof setTimeout> | null = null

  private permissionsChanged = 0
  /** The server dropped an update of ours as read-only (until the rights change). */
  private writeDenied = false
  private readonly cacheKey: string
  private readonly presence: boolean
  private readonly releaseOpen: () => void
  private countsEdits = true

  constructor(
    readonly name: string,
    user: SessionUser,
    options: SessionOptions,
  ) {
    this.cacheKey = options.cacheKey
    this.presence = options.presence ?? true
    this.releaseOpen = documentOpened(options.cacheKey)
    this.idb = new IndexeddbPersistence(documentDatabaseName(options.cacheKey), this.doc)
    this.provider = new WebsocketProvider(syncUrl(), name, this.doc, {
      connect: false,
      // Tabs sync through the server; BroadcastChannel would let a tab see another tab's
      // unsaved edits as if they came from the server.
      disableBc: true,
      maxBackoffTime: 8000,
      shouldReconnect: (event) => !FATAL_CLOSE_CODES.has(event.code),
    })
    this.tracker = new SaveTracker(this.doc, this.provider, {
      isRemoteOrigin: (origin) => origin === this.provider || origin === this.idb,
    })
    this.provider.messageHandlers[MessageType.Auth] = (_encoder, decoder, provider) => {
      authProtocol.readAuthMessage(decoder, provider.doc, (_doc, reason) => this.handlePermissionDenied(reason))
    }
    this.unloadGuard = new UnloadGuard(options.cacheKey, this.doc, this.idb)
    if (this.presence) this.provider.awareness.setLocalStateField('user', { ...user })
    else this.provider.awareness.setLocalState(null)
    this.snapshot = this.compute()

    this.provider.on('status', this.refresh)
    this.provider.on('sync', this.handleSync)
    this.provider.on('connection-close', this.handleClose)
    this.provider.on('closed', this.handleFatalClose)
    this.provider.awareness.on('change', this.refresh)
    this.tracker.subscribe(this.handleSaveChange)
    this.doc.on('update', this.handleDocUpdate)
    window.addEventListener('online', this.handleOnline)
    window.addEventListener('offline', this.handleOffline)

    this.idb.whenSynced.then(this.handleIdbSynced, () => this.connectIfOnline())
    // If IndexedDB is unavailable or slow, work online rather than wait forever.
    this.idbTimer = setTimeout(() => {
      this.idbTimer = null
      this.loaded = true
      this.connectIfOnline()
      this.refresh()
    }, IDB_TIMEOUT_MS)
  }

  get fragment(): Y.XmlFragment {
    return this.doc.getXmlFragment(FRAGMENT_NAME)
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): SessionSnapshot => this.snapshot

  setUser(user: SessionUser): void {
    if (this.destroyed || !this.presence) return
    this.provider.awareness.setLocalStateField('user', { ...user })
  }

  /**
   * Opened read-only: there are no edits of one's own to count in the header (a local copy the
   * server has not confirmed yet is not "changes not yet saved").
   */
  setCountsEdits(counts: boolean): void {
    if (this.destroyed || this.countsEdits === counts) return
    this.countsEdits = counts
    this.reportPending()
  }

  private reportPending(): void {
    if (this.idbReady) setPendingEdits(this.cacheKey, this.countsEdits ? this.tracker.pendingCount() : 0)
  }

  /** Leaves the document: tells the others, closes the socket and the local database. */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    if (this.confirmTimer) clearTimeout(this.confirmTimer)
    if (this.idbTimer) clearTimeout(this.idbTimer)
    window.removeEventListener('online', this.handleOnline)
    window.removeEventListener('offline', this.handleOffline)
    this.doc.off('update', this.handleDocUpdate)
    this.provider.awareness.off('change', this.refresh)
    this.tracker.destroy()
    this.unloadGuard.destroy()
    this.provider.awareness.setLocalState(null)
    this.provider.destroy()
    void this.idb.destroy()
    this.doc.destroy()
    this.listeners.clear()
    this.releaseOpen()
  }

  private connectIfOnline(): void {
    if (this.idbTimer) clearTimeout(this.idbTimer)
    this.idbTimer = null
    if (this.destroyed || this.fatal || !this.browserOnline) return
    if (!this.provider.shouldConnect) this.provider.connect()
  }

  private readonly handleIdbSynced = (): void => {
    if (this.destroyed) return
    const counted = pendingEditsOf(this.cacheKey)
    this.idbReady = true
    this.loaded = true
    // The last edits of a page closed before IndexedDB committed them.
    this.unloadGuard.recover()
    // Edits from an earlier visit that the server never confirmed count as unsaved (as many as
    // were counted then).
    if (hasUnconfirmedChanges(this.cacheKey, this.doc)) this.tracker.markUnconfirmed(counted)
    else this.reportPending()
    this.connectIfOnline()
    this.refresh()
  }

  private readonly handleSync = (synced: boolean): void => {
    if (synced) this.loaded = true
    this.refresh()
    this.scheduleConfirm()
  }

  private readonly handlePermissionDenied = (reason: string): void => {
    if (reason !== PermissionDeniedReason.ReadOnly || this.destroyed) return
    this.writeDenied = true
    this.refresh()
  }

  private readonly handleClose = (event: CloseEvent | null): void => {
    if (event?.code === CloseCode.PermissionsChanged) {
      this.permissionsChanged++
      this.writeDenied = false
    }
    this.refresh()
  }

  private readonly handleFatalClose = (event: { code: number; reason: string }): void => {
    this.fatal = { code: event.code, reason: event.reason }
    this.refresh()
  }

  private readonly handleOnline = (): void => {
    this.browserOnline = true
    if (this.idbReady || this.idbTimer === null) this.connectIfOnline()
    this.refresh()
  }

  private readonly handleOffline = (): void => {
    // The socket may linger half-open for a long time; drop it and work locally.
    this.browserOnline = false
    this.provider.disconnect()
    this.refresh()
  }

  private readonly handleSaveChange = (): void => {
    this.reportPending()
    this.refresh()
    this.scheduleConfirm()
  }

  private readonly handleDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === this.provider) this.scheduleConfirm()
  }

  /** While everything is saved and in sync, remember what the server holds. */
  private scheduleConfirm(): void {
    if (this.confirmTimer || this.destroyed) return
    this.confirmTimer = setTimeout(() => {
      this.confirmTimer = null
      if (this.destroyed || !this.idbReady) return
      if (this.tracker.getStatus() === 'saved' && this.provider.synced && this.provider.wsconnected && mayStoreLocally(this.cacheKey)) {
        recordConfirmed(this.cacheKey, this.doc)
      }
    }, 500)
  }

  private compute(): SessionSnapshot {
    const provider = this.provider
    let connection: ConnectionStatus
    if (this.fatal) connection = 'error'
    else if (!this.browserOnline) connection = 'offline'
    else if (provider.wsconnected && provider.synced) connection = 'connected'
    else if (provider.wsUnsuccessfulReconnects >= 2) connection = 'offline'
    else connection = 'connecting'
    const peers = peersOf(provider.awareness)
    const previous = this.snapshot as SessionSnapshot | undefined
    return {
      connection,
      save: this.writeDenied ? 'readOnly' : this.tracker.getStatus(),
      loaded: this.loaded,
      fatal: this.fatal,
      permissionsChanged: this.permissionsChanged,
      peers: previous && samePeers(previous.peers, peers) ? previous.peers : peers,
    }
  }

  private readonly refresh = (): void => {
    if (this.destroyed) return
    const next = this.compute()
    const prev = this.snapshot
    if (
      prev.connection === next.connection &&
      prev.save === next.save &&
      prev.loaded === next.loaded &&
      prev.fatal === next.fatal &&
      prev.permissionsChanged === next.permissionsChanged &&
      prev.peers === next.peers
    ) {
      return
    }
    this.snapshot = next
    for (const listener of this.listeners) listener()
  }
}
