// The signed-in person: loaded from GET /api/auth/session, updated by sign-in, sign-up and sign-out.
// An external store (useSyncExternalStore), so React never owns it.
import { useSyncExternalStore } from 'react'
import * as endpoints from '../api/endpoints.ts'
import { ApiError, isApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/http.ts'
import type { Me, Membership, SignupBody, User } from '../api/types.ts'
import { clearLocalDocuments, forgetSession, rememberSession, rememberedSession } from './localData.ts'
import { setCacheOwner } from '../offline/apiCache.ts'
import { onReconnect } from '../offline/connectivity.ts'
import { forgetPendingEdits } from '../offline/pendingEdits.ts'

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut' }
  | { status: 'error'; error: ApiError }
  /** `offline`: the server could not be reached; this is the person it last confirmed. */
  | { status: 'signedIn'; user: User; memberships: Membership[]; offline?: boolean }

let state: SessionState = { status: 'loading' }
const listeners = new Set<() => void>()

function set(next: SessionState): void {
  state = next
  // The API answers kept for offline use are this person's (or nobody's, signed out).
  if (next.status === 'signedIn') setCacheOwner(next.user.id)
  else if (next.status === 'signedOut') setCacheOwner(null)
  for (const listener of listeners) listener()
}

function applyMe(me: Me | null): void {
  if (!me?.user) {
    setCsrfToken(null)
    forgetSession()
    set({ status: 'signedOut' })
    return
  }
  setCsrfToken(me.csrfToken)
  const memberships = me.memberships ?? []
  rememberSession({ user: me.user, memberships })
  // Keep the same user object while it is unchanged, so screens keyed on it do not restart.
  const same = state.status === 'signedIn' && JSON.stringify(state.user) === JSON.stringify(me.user)
  set({ status: 'signedIn', user: same && state.status === 'signedIn' ? state.user : me.user, memberships })
}

let loading: Promise<void> | null = null

/** (Re)reads GET /api/auth/session: `me: null` means signed out (so does a 401, from an older server). */
export function refreshSession(): Promise<void> {
  if (loading) return loading
  const remembered = rememberedSession<{ user: User; memberships: Membership[] }>()
  if (!navigator.onLine && remembered?.user) {
    // Known to be offline: do not even ask; the 'online' event asks again.
    set({ status: 'signedIn', user: remembered.user, memberships: remembered.memberships ?? [], offline: true })
    return Promise.resolve()
  }
  loading = endpoints
    .getSession()
    .then(
      (answer) => applyMe(answer.me),
      (error: unknown) => {
        if (isApiError(error) && error.status === 401) {
          setCsrfToken(null)
          forgetSession()
          set({ status: 'signedOut' })
        } else if (isApiError(error, 'network_error') && remembered?.user) {
          // Offline: carry on with the local copies; the server checks again on reconnect.
          set({ status: 'signedIn', user: remembered.user, memberships: remembered.memberships ?? [], offline: true })
        } else {
          set({ status: 'error', error: error instanceof ApiError ? error : new ApiError(0, 'network_error', String(error)) })
        }
      },
    )
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

export async function signUp(fields: SignupBody): Promise<void> {
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
  await endLocalSession(leave)
}

/**
 * The browser's half of signing out, for when the server already ended the session (signing
 * out everywhere, deleting the account): forget the person, leave, delete the local copies.
 */
export async function endLocalSession(leave: () => void): Promise<void> {
  setCsrfToken(null)
  forgetSession()
  set({ status: 'signedOut' })
  leave()
  await clearLocalDocuments()
  forgetPendingEdits()
}

/** A session the server just started outside sign-in (a password reset link): adopt it. */
export async function adoptSession(csrfToken: string): Promise<void> {
  setCsrfToken(csrfToken)
  await refreshSession()
}

const permissionListeners = new Set<() => void>()

/**
 * The server said a live connection's rights changed (4409): the person's role may have
 * changed. Re-reads the memberships and tells screens that show role-dependent things.
 */
export function notifyPermissionsChanged(): void {
  void refreshSession()
  for (const listener of permissionListeners) listener()
}

export function onPermissionsChanged(listener: () => void): () => void {
  permissionListeners.add(listener)
  return () => permissionListeners.delete(listener)
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
setUnauthenticatedHandler(() => {
  if (state.status === 'signedIn' && !state.offline) void refreshSession()
})
// Back online, or the server answers again (offline/connectivity.ts): ask who is signed in.
const askAgainIfOffline = () => {
  if (state.status === 'error' || (state.status === 'signedIn' && state.offline)) void refreshSession()
}
window.addEventListener('online', askAgainIfOffline)
onReconnect(askAgainIfOffline)
