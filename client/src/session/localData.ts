// What this browser keeps of the documents a person opened: IndexedDB databases `cg-doc:*`
// and the localStorage keys of confirmedState and unloadGuard. Cleared at sign-out.
const DOC_DB_PREFIX = 'cg-doc:'
const STORAGE_PREFIXES = ['cg.confirmed:', 'cg.unload:']

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
        .filter((name): name is string => typeof name === 'string' && name.startsWith(DOC_DB_PREFIX))
        .map(deleteDatabase),
    )
  } catch {
    // IndexedDB unavailable
  }
}
