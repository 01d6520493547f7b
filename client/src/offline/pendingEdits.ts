// How many local edits of each document are not yet on the server, for the header's notice and
// the warning before the tab closes. Kept in localStorage (`cg.pending:<cacheKey>`, deleted at
// sign-out) so a document closed or reloaded with edits still counts until the server has them.
import { useSyncExternalStore } from 'react'
import { mayStoreLocally } from '../session/localData.ts'

const PREFIX = 'cg.pending:'

const counts = new Map<string, number>()
const listeners = new Set<() => void>()
let loaded = false

function loadAll(): void {
  if (loaded) return
  loaded = true
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)
      if (!key?.startsWith(PREFIX)) continue
      const count = Number(localStorage.getItem(key))
      if (Number.isFinite(count) && count > 0) counts.set(key.slice(PREFIX.length), count)
    }
  } catch {
    // storage unavailable: only this page's edits count
  }
}

function notify(): void {
  for (const listener of listeners) listener()
}

/** The edits of one document (its cacheKey, session/localData.ts) not yet on the server. */
export function setPendingEdits(cacheKey: string, count: number): void {
  loadAll()
  const previous = counts.get(cacheKey) ?? 0
  if (previous === count) return
  if (count > 0) counts.set(cacheKey, count)
  else counts.delete(cacheKey)
  if (mayStoreLocally(cacheKey)) {
    try {
      if (count > 0) localStorage.setItem(PREFIX + cacheKey, String(count))
      else localStorage.removeItem(PREFIX + cacheKey)
    } catch {
      // not kept: a reload counts the document's edits as one
    }
  }
  notify()
}

export function pendingEditsOf(cacheKey: string): number {
  loadAll()
  return counts.get(cacheKey) ?? 0
}

/** Documents of this person (`anon` when signed out) with edits not yet on the server. */
export function pendingDocuments(userId: string | null): { cacheKey: string; documentName: string; count: number }[] {
  loadAll()
  const prefix = `${userId ?? 'anon'}:`
  return [...counts].filter(([key]) => key.startsWith(prefix)).map(([cacheKey, count]) => ({ cacheKey, documentName: cacheKey.slice(prefix.length), count }))
}

export function totalPendingEdits(userId: string | null): number {
  return pendingDocuments(userId).reduce((sum, entry) => sum + entry.count, 0)
}

const open = new Map<string, number>()

/** A document session is open on `cacheKey` (it saves its own edits); call the result when it closes. */
export function documentOpened(cacheKey: string): () => void {
  open.set(cacheKey, (open.get(cacheKey) ?? 0) + 1)
  let released = false
  return () => {
    if (released) return
    released = true
    const left = (open.get(cacheKey) ?? 1) - 1
    if (left > 0) open.set(cacheKey, left)
    else open.delete(cacheKey)
    // Closed with edits left: the background sync takes them (offline/backgroundSync.ts).
    notify()
  }
}

export function isDocumentOpen(cacheKey: string): boolean {
  return open.has(cacheKey)
}

export function subscribePendingEdits(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Forgets every count (sign-out deletes the keys themselves). */
export function forgetPendingEdits(): void {
  counts.clear()
  notify()
}

export function usePendingEdits(userId: string | null): number {
  return useSyncExternalStore(subscribePendingEdits, () => totalPendingEdits(userId))
}

if (typeof window !== 'undefined') {
  // Another tab's edits count too (and its saves).
  window.addEventListener('storage', (event) => {
    if (event.key === null) {
      counts.clear()
      loaded = false
      notify()
      return
    }
    if (!event.key.startsWith(PREFIX)) return
    const cacheKey = event.key.slice(PREFIX.length)
    const count = Number(event.newValue)
    if (event.newValue !== null && Number.isFinite(count) && count > 0) counts.set(cacheKey, count)
    else counts.delete(cacheKey)
    notify()
  })
}
