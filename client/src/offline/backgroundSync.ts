// Edits of documents no screen has open (closed, or reloaded offline and left) still reach the
// server by themselves: whenever this browser is online and such a document of the signed-in
// person has edits not yet on the server (offline/pendingEdits.ts), it is opened in the
// background — its local copy, a socket, no presence — until the server has everything, then closed.
import { getSession, subscribeSession } from '../session/sessionStore.ts'
import { getIdentity } from '../identity/identityStore.ts'
import { isDocumentOpen, pendingDocuments, subscribePendingEdits } from './pendingEdits.ts'
import { onReconnect } from './connectivity.ts'

/** Longest one document may take; then it is tried again later. */
const ATTEMPT_MS = 30_000
const RETRY_AFTER_MS = 60_000
/** After "saved", long enough for the session to record what the server holds (confirmedState). */
const SETTLE_MS = 800

let started = false
let busy = false
let timer: ReturnType<typeof setTimeout> | null = null
const failedAt = new Map<string, number>()

function schedule(delay = 1000): void {
  if (timer) return
  timer = setTimeout(() => {
    timer = null
    void run()
  }, delay)
}

function next(): { cacheKey: string; documentName: string } | null {
  const session = getSession()
  if (session.status !== 'signedIn' || session.offline) return null
  const now = Date.now()
  return pendingDocuments(session.user.id).find((d) => !isDocumentOpen(d.cacheKey) && now - (failedAt.get(d.cacheKey) ?? -Infinity) > RETRY_AFTER_MS) ?? null
}

async function run(): Promise<void> {
  if (busy || !navigator.onLine) return
  const target = next()
  if (!target) return
  busy = true
  try {
    const { DocumentSession } = await import('../sync/DocumentSession.ts')
    if (isDocumentOpen(target.cacheKey)) return
    const session = new DocumentSession(target.documentName, getIdentity(), { cacheKey: target.cacheKey, presence: false })
    const saved = await new Promise<boolean>((resolve) => {
      let settle: ReturnType<typeof setTimeout> | null = null
      const deadline = setTimeout(() => finish(false), ATTEMPT_MS)
      const finish = (ok: boolean) => {
        clearTimeout(deadline)
        if (settle) clearTimeout(settle)
        unsubscribe()
        resolve(ok)
      }
      const check = () => {
        const snapshot = session.getSnapshot()
        if (snapshot.fatal) return finish(false)
        const done = snapshot.connection === 'connected' && snapshot.save === 'saved'
        if (done && !settle) settle = setTimeout(() => finish(true), SETTLE_MS)
        else if (!done && settle) {
          clearTimeout(settle)
          settle = null
        }
      }
      const unsubscribe = session.subscribe(check)
      check()
    })
    session.destroy()
    if (!saved) failedAt.set(target.cacheKey, Date.now())
  } catch {
    failedAt.set(target.cacheKey, Date.now())
  } finally {
    busy = false
  }
  schedule(0)
}

/** Starts watching (once, at start-up). */
export function startBackgroundSync(): void {
  if (started || typeof window === 'undefined') return
  started = true
  subscribePendingEdits(() => schedule())
  subscribeSession(() => schedule())
  onReconnect(() => schedule())
  window.addEventListener('online', () => schedule())
  schedule()
}
