// The signed-in person: loaded from GET /api/me, updated by sign-in, sign-up and sign-out.
// An external store (useSyncExternalStore), so React never owns it.
import { useSyncExternalStore } from 'react'
import * as endpoints from '../api/endpoints.ts'
import { ApiError, isApiError, setCsrfToken } from '../api/http.ts'
import type { Me, Membership, User } from '../api/types.ts'
import { clearLocalDocuments } from './localData.ts'

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut' }
  | { status: 'error'; error: ApiError }
  | { status: 'signedIn'; user: User; memberships: Membership[] }

let state: SessionState = { status: 'loading' }
const listeners = new Set<() => void>()

function set(next: SessionState): void {
  state = next
  for (const listener of listeners) listener()
}

function applyMe(me: Me): void {
  setCsrfToken(me.csrfToken)
  set({ status: 'signedIn', user: me.user, memberships: me.memberships ?? [] })
}

let loading: Promise<void> | null = null

/** (Re)reads GET /api/me. A 401 means signed out; that is not an error. */
export function refreshSession(): Promise<void> {
  if (loading) return loading
  loading = endpoints
    .getMe()
    .then(applyMe, (error: unknown) => {
      if (isApiError(error) && error.status === 401) {
        setCsrfToken(null)
        set({ status: 'signedOut' })
      } else {
        set({ status: 'error', error: error instanceof ApiError ? error : new ApiError(0, 'network_error', String(error)) })
      }
    })
    .finally(() => {
      loading = null
    })
  return loading
}

export async function signIn(email: string, password: string): Promise<void> {
  const answer = await endpoints.login(email, password)
  setCsrfToken(answer.csrfToken)
  await refreshSession()
}

export async function signUp(fields: { email: string; password: string; name: string; language?: string }): Promise<void> {
  const answer = await endpoints.signup(fields)
  setCsrfToken(answer.csrfToken)
  await refreshSession()
}

/**
 * Ends the session on the server, then deletes this browser's copies of the documents so the
 * next person at this machine cannot read them. Callers navigate away first, so no document
 * holds its database open.
 */
export async function signOut(leave: () => void): Promise<void> {
  try {
    await endpoints.logout()
  } catch (error) {
    // Already signed out on the server: carry on and clear this browser.
    if (!isApiError(error) || (error.status !== 401 && error.status !== 403)) throw error
  }
  setCsrfToken(null)
  set({ status: 'signedOut' })
  leave()
  await clearLocalDocuments()
}

export function getSession(): SessionState {
  return state
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribeSession, getSession)
}

/** The caller's role in an initiative, from the session's memberships. */
export function membershipOf(session: SessionState, initiativeId: string): Membership | null {
  if (session.status !== 'signedIn') return null
  return session.memberships.find((m) => m.initiativeId === initiativeId) ?? null
}

void refreshSession()
