// The last answer of every GET the app made, per signed-in person, in IndexedDB
// (`cg-api:<userId>`, `cg-api:anon` when signed out; deleted at sign-out with the documents'
// local copies, session/localData.ts), so screens open offline from what this browser last saw.
import { API_DB_PREFIX, mayStoreLocally } from '../session/localData.ts'

const STORE = 'answers'

export interface CachedAnswer {
  body: unknown
  /** When the server gave it (ms since the epoch). */
  savedAt: number
}

/** Whose answers are kept: a user id, `null` for nobody signed in, `undefined` while unknown. */
let owner: string | null | undefined
let database: Promise<IDBDatabase | null> | null = null

/** Paths whose answers are not kept: the session, sign-in, live access checks, health. */
const NOT_CACHED = [/^\/api\/me(\?|$)/, /^\/api\/auth\//, /^\/api\/access(\?|$)/, /^\/api\/health/, /^\/api\/invitations\//]

export function isCacheable(path: string): boolean {
  return path.startsWith('/api/') && !NOT_CACHED.some((pattern) => pattern.test(path))
}

/** Set by the session store whenever it knows who is signed in. */
export function setCacheOwner(next: string | null): void {
  if (next === owner) return
  owner = next
  const previous = database
  database = null
  void previous?.then((db) => db?.close())
}

function ownerKey(): string | null {
  if (owner === undefined) return null
  return owner ?? 'anon'
}

function open(): Promise<IDBDatabase | null> {
  const key = ownerKey()
  if (key === null || typeof indexedDB === 'undefined') return Promise.resolve(null)
  database ??= new Promise((resolve) => {
    try {
      const request = indexedDB.open(API_DB_PREFIX + key, 1)
      request.onupgradeneeded = () => request.result.createObjectStore(STORE)
      request.onsuccess = () => {
        const db = request.result
        // Sign-out deletes the database: let it.
        db.onversionchange = () => {
          db.close()
          database = null
        }
        resolve(db)
      }
      request.onerror = () => resolve(null)
      request.onblocked = () => resolve(null)
    } catch {
      resolve(null)
    }
  })
  return database
}

function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | null> {
  return open().then(
    (db) =>
      new Promise<T | null>((resolve) => {
        if (!db) return resolve(null)
        try {
          const request = action(db.transaction(STORE, mode).objectStore(STORE))
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => resolve(null)
        } catch {
          resolve(null)
        }
      }),
  )
}

export function saveAnswer(path: string, body: unknown): void {
  const key = ownerKey()
  // Signed out in another tab since: nothing of this person is written again.
  if (key === null || !mayStoreLocally(`${key}:api`)) return
  const entry: CachedAnswer = { body, savedAt: Date.now() }
  void run('readwrite', (store) => store.put(entry, path))
}

export async function loadAnswer(path: string): Promise<CachedAnswer | null> {
  const entry = await run<CachedAnswer | undefined>('readonly', (store) => store.get(path) as IDBRequest<CachedAnswer | undefined>)
  return entry && typeof entry.savedAt === 'number' ? entry : null
}
