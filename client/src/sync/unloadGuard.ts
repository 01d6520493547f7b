// Protects the last seconds of edits at page unload: IndexedDB writes still in flight when a
// page is closed or reloaded are aborted, so recent updates are also written synchronously
// to localStorage on 'pagehide', and applied again the next time the document opens.
import * as Y from 'yjs'
import { fromBase64, toBase64 } from 'lib0/buffer'
import { mayStoreLocally } from '../session/localData.ts'

const PREFIX = 'cg.unload:'
/** IndexedDB commits well within this; older updates are surely stored. */
const WINDOW_MS = 5000
export const ORIGIN_RECOVERED = 'cg:recovered'

export class UnloadGuard {
  private recent: { time: number; update: Uint8Array }[] = []

  constructor(
    private readonly documentName: string,
    private readonly doc: Y.Doc,
    /** Updates with this origin came from IndexedDB itself. */
    private readonly storageOrigin: unknown,
  ) {
    doc.on('update', this.handleUpdate)
    window.addEventListener('pagehide', this.handlePageHide)
  }

  /** Applies what a previous page saved at unload (as a local change), then forgets it. */
  recover(): void {
    const key = PREFIX + this.documentName
    try {
      const saved = localStorage.getItem(key)
      if (saved) Y.applyUpdate(this.doc, fromBase64(saved), ORIGIN_RECOVERED)
      localStorage.removeItem(key)
    } catch {
      // unreadable or unavailable: nothing to recover
    }
  }

  destroy(): void {
    this.doc.off('update', this.handleUpdate)
    window.removeEventListener('pagehide', this.handlePageHide)
  }

  private readonly handleUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this.storageOrigin) return
    const now = Date.now()
    this.recent.push({ time: now, update })
    while (this.recent.length > 0 && now - this.recent[0].time > WINDOW_MS) this.recent.shift()
  }

  private readonly handlePageHide = (): void => {
    const now = Date.now()
    const updates = this.recent.filter((entry) => now - entry.time <= WINDOW_MS).map((entry) => entry.update)
    // Signed out (in another tab) since: this person's edits must not be left behind here.
    if (updates.length === 0 || !mayStoreLocally(this.documentName)) return
    try {
      localStorage.setItem(PREFIX + this.documentName, toBase64(Y.mergeUpdates(updates)))
    } catch {
      // quota exceeded: IndexedDB still has all but the very last edits
    }
  }
}
