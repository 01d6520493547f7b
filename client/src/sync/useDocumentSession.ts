// React hooks over DocumentSession: open one per document name (in an effect) and read its snapshot.
import { useEffect, useState, useSyncExternalStore } from 'react'
import { DocumentSession, type SessionSnapshot } from './DocumentSession.ts'
import { getIdentity, useIdentity } from '../identity/identityStore.ts'

/**
 * Opens the document while the component is mounted; null until the effect has run.
 * `cacheKey` names this person's local copy (session/localData.ts).
 */
export function useDocumentSession(documentName: string | null, cacheKey: string): DocumentSession | null {
  const [session, setSession] = useState<DocumentSession | null>(null)
  useEffect(() => {
    if (!documentName) return
    // Created here, not in a state initializer: StrictMode would destroy it before it connects.
    const next = new DocumentSession(documentName, getIdentity(), { cacheKey })
    setSession(next)
    return () => {
      next.destroy()
      setSession((current) => (current === next ? null : current))
    }
  }, [documentName, cacheKey])

  const identity = useIdentity()
  useEffect(() => {
    session?.setUser(identity)
  }, [session, identity])

  return session
}

const EMPTY: SessionSnapshot = { connection: 'connecting', save: 'saved', loaded: false, fatal: null, permissionsChanged: 0, peers: [] }
const noop = () => () => {}

export function useSessionSnapshot(session: DocumentSession | null): SessionSnapshot {
  return useSyncExternalStore(session ? session.subscribe : noop, session ? session.getSnapshot : () => EMPTY)
}
