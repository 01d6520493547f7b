// Whether the server answers, and which screens show answers from this browser's cache
// (offline/apiCache.ts) instead. While the server does not answer, it is asked again by
// itself — at once on the browser's 'online' event, otherwise every 1, 2, 4 … 30 s — and when
// it answers again every loaded resource reloads (api/useResource.ts): no "Try again" needed.
import { useSyncExternalStore } from 'react'

export interface ConnectivityState {
  /** The last request could not reach the server (or the browser is offline). */
  unreachable: boolean
  /** The oldest cached answer on show, if any (ms since the epoch). */
  staleSince: number | null
}

const FIRST_RETRY_MS = 1000
const MAX_RETRY_MS = 30_000

let state: ConnectivityState = { unreachable: typeof navigator !== 'undefined' && !navigator.onLine, staleSince: null }
const stale = new Map<string, number>()
const listeners = new Set<() => void>()
const reconnectListeners = new Set<() => void>()
let retryTimer: ReturnType<typeof setTimeout> | null = null
let retryDelay = FIRST_RETRY_MS
let probing = false

function set(next: Partial<ConnectivityState>): void {
  const merged = { ...state, ...next }
  if (merged.unreachable === state.unreachable && merged.staleSince === state.staleSince) return
  state = merged
  for (const listener of listeners) listener()
}

function oldestStale(): number | null {
  let oldest: number | null = null
  for (const time of stale.values()) if (oldest === null || time < oldest) oldest = time
  return oldest
}

/** A GET was answered from the cache with what the server said at `savedAt`. */
export function reportStale(path: string, savedAt: number): void {
  stale.set(path, savedAt)
  set({ staleSince: oldestStale() })
}

/** The server answered a request (any status): it is reachable. */
export function reportReachable(path?: string): void {
  if (path !== undefined && stale.delete(path)) set({ staleSince: oldestStale() })
  if (!state.unreachable) return
  reconnected()
}

/** A request could not reach the server: ask again later, by itself. */
export function reportUnreachable(): void {
  set({ unreachable: true })
  scheduleRetry()
}

function reconnected(): void {
  clearRetry()
  retryDelay = FIRST_RETRY_MS
  // What the screens show now comes from the server again (their reloads report anew).
  stale.clear()
  set({ unreachable: false, staleSince: null })
  for (const listener of [...reconnectListeners]) listener()
}

function clearRetry(): void {
  if (retryTimer) clearTimeout(retryTimer)
  retryTimer = null
}

function scheduleRetry(): void {
  // Known to be offline: the 'online' event asks; failing requests would only log errors.
  if (retryTimer || probing || !navigator.onLine) return
  retryTimer = setTimeout(() => {
    retryTimer = null
    void probe()
  }, retryDelay)
  retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS)
}

async function probe(): Promise<void> {
  if (probing || !navigator.onLine) return
  probing = true
  let reachable: boolean
  try {
    const response = await fetch('/api/health', { cache: 'no-store', credentials: 'same-origin' })
    reachable = response.status < 500
  } catch {
    reachable = false
  } finally {
    probing = false
  }
  if (reachable) {
    if (state.unreachable) reconnected()
  } else {
    set({ unreachable: true })
    scheduleRetry()
  }
}

/** Called once the server answers again after it did not. */
export function onReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener)
  return () => reconnectListeners.delete(listener)
}

export function getConnectivity(): ConnectivityState {
  return state
}

export function subscribeConnectivity(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useConnectivity(): ConnectivityState {
  return useSyncExternalStore(subscribeConnectivity, getConnectivity)
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    clearRetry()
    retryDelay = FIRST_RETRY_MS
    void probe()
  })
  window.addEventListener('offline', () => {
    clearRetry()
    set({ unreachable: true })
  })
}
