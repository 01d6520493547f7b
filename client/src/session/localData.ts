// What this browser keeps of the documents a person opened: IndexedDB databases `cg-doc:*`,
// the last API answers (`cg-api:*`, offline/apiCache.ts) and the localStorage keys of
// confirmedState, unloadGuard and the unsaved-edit counts (offline/pendingEdits.ts). Cleared at sign-out.
const DOC_DB_PREFIX = 'cg-doc:'
export const API_DB_PREFIX = 'cg-api:'
const DB_PREFIXES = [DOC_DB_PREFIX, API_DB_PREFIX]
const STORAGE_PREFIXES = ['cg.confirmed:', 'cg.unload:', 'cg.access:', 'cg.pending:', 'cg.session']
const ACCESS_PREFIX = 'cg.access:'
const SESSION_KEY = 'cg.session'

/** The IndexedDB database of a document for one person (`anon` when signed out). */
export function documentCacheKey(userId: string | null, documentName: string): string {
  return `${userId ?? 'anon'}:${documentName}`
}

export function documentDatabaseName(cacheKey: string): string {
  return DOC_DB_PREFIX + cacheKey
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => resolve()
    // Still open somewhere (another tab): deletion completes when it closes.
    request.onblocked = () => resolve()
  })
}

/**
 * Whether this browser may still write the local data of `cacheKey`: not once its person
 * signed out. A sign-out in one tab clears this browser's storage while another tab of the
 * same person may stay connected for a moment (until the server closes it), and that tab must
 * not write its document's keys back. Anonymous copies belong to no session.
 */
export function mayStoreLocally(cacheKey: string): boolean {
  const userId = cacheKey.slice(0, cacheKey.indexOf(':'))
  if (userId === 'anon') return true
  return rememberedSession<{ user?: { id?: string } }>()?.user?.id === userId
}

/**
 * What the server last said this person may do with a document, so a reload while offline
 * opens the local copy with the same rights (the server enforces them again on reconnect).
 */
export function rememberAccess(cacheKey: string, access: 'edit' | 'read'): void {
  if (!mayStoreLocally(cacheKey)) return
  try {
    localStorage.setItem(ACCESS_PREFIX + cacheKey, access)
  } catch {
    // not remembered: offline reloads show the error state instead
  }
}

export function rememberedAccess(cacheKey: string): 'edit' | 'read' | null {
  try {
    const value = localStorage.getItem(ACCESS_PREFIX + cacheKey)
    return value === 'edit' || value === 'read' ? value : null
  } catch {
    return null
  }
}

/** The signed-in person as last confirmed by the server, for reloads while offline. */
export function rememberSession(value: unknown): void {
  try {
    localStorage.setItem(SESSION_KEY, JSON.stringify(value))
  } catch {
    // not remembered
  }
}

export function rememberedSession<T>(): T | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY)
    return raw ? (JSON.parse(raw) as T) : null
  } catch {
    return null
  }
}

export function forgetSession(): void {
  try {
    localStorage.removeItem(SESSION_KEY)
  } catch {
    // nothing to forget
  }
}

export async function clearLocalDocuments(): Promise<void> {
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i)
      if (key && STORAGE_PREFIXES.some((prefix) => key.startsWith(prefix))) localStorage.removeItem(key)
    }
  } catch {
    // storage unavailable: nothing kept there
  }
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return
  try {
    const databases = await indexedDB.databases()
    await Promise.all(
      databases
        .map((db) => db.name)
        .filter((name): name is string => typeof name === 'string' && DB_PREFIXES.some((prefix) => name.startsWith(prefix)))
        .map(deleteDatabase),
    )
  } catch {
    // IndexedDB unavailable
  }
}
