// A tiny history-API router: the current location as an external store, parsed into a route.
import { useSyncExternalStore } from 'react'

export type InitiativeSection = 'home' | 'partners' | 'members' | 'audit' | 'settings'

export type Route =
  | { name: 'home' }
  | { name: 'signin' }
  | { name: 'signup' }
  | { name: 'tokens' }
  | { name: 'invite'; token: string }
  | { name: 'public'; initiativeId: string }
  | { name: 'initiative'; initiativeId: string; section: InitiativeSection }
  | { name: 'partner'; initiativeId: string; partnerId: string }
  | { name: 'document'; documentName: string }
  | { name: 'notFound'; path: string }

const listeners = new Set<() => void>()

function notify(): void {
  for (const listener of listeners) listener()
}

window.addEventListener('popstate', notify)

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function currentPath(): string {
  return window.location.pathname
}

function currentLocation(): string {
  return window.location.pathname + window.location.search
}

/** Navigates to a path (with an optional query string). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === currentLocation()) return
  if (options.replace) window.history.replaceState(null, '', path)
  else window.history.pushState(null, '', path)
  notify()
}

/** `/d/<document name>` for a document; the name's segments are URL-safe already. */
export function documentPath(documentName: string): string {
  return `/d/${documentName.split('/').map(encodeURIComponent).join('/')}`
}

export function initiativePath(initiativeId: string, section: InitiativeSection = 'home'): string {
  const base = `/i/${encodeURIComponent(initiativeId)}`
  return section === 'home' ? base : `${base}/${section}`
}

export function partnerPath(initiativeId: string, partnerId: string): string {
  return `/i/${encodeURIComponent(initiativeId)}/partners/${encodeURIComponent(partnerId)}`
}

/** `/signin?next=<where to return>` (only same-site paths are returned to). */
export function signInPath(next?: string, screen: 'signin' | 'signup' = 'signin'): string {
  return next && next !== '/' ? `/${screen}?next=${encodeURIComponent(next)}` : `/${screen}`
}

/** The `next` query parameter if it is a same-site path, else `/`. */
export function nextPath(search: string = window.location.search): string {
  const next = new URLSearchParams(search).get('next')
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  return next
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

const SECTIONS: readonly InitiativeSection[] = ['partners', 'members', 'audit', 'settings']

export function parseRoute(path: string): Route {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path
  if (trimmed === '/' || trimmed === '') return { name: 'home' }
  if (trimmed === '/signin') return { name: 'signin' }
  if (trimmed === '/signup') return { name: 'signup' }
  if (trimmed === '/account/tokens') return { name: 'tokens' }
  const document = /^\/d\/(.+)$/.exec(trimmed)
  if (document) {
    const parts = document[1].split('/').map(decode)
    if (parts.some((part) => part === null)) return { name: 'notFound', path }
    return { name: 'document', documentName: parts.join('/') }
  }
  const segments = trimmed.slice(1).split('/').map(decode)
  if (segments.some((s) => s === null || s === '')) return { name: 'notFound', path }
  const [first, id, third, fourth, ...rest] = segments as string[]
  if (first === 'invite' && id && third === undefined) return { name: 'invite', token: id }
  if (first === 'p' && id && third === undefined) return { name: 'public', initiativeId: id }
  if (first === 'i' && id && rest.length === 0) {
    if (third === undefined) return { name: 'initiative', initiativeId: id, section: 'home' }
    if (third === 'partners' && fourth !== undefined) return { name: 'partner', initiativeId: id, partnerId: fourth }
    if (fourth === undefined && (SECTIONS as readonly string[]).includes(third)) {
      return { name: 'initiative', initiativeId: id, section: third as InitiativeSection }
    }
  }
  return { name: 'notFound', path }
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath)
}

/** The path and query string, e.g. for `?next=` links. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, currentLocation)
}

export function useRoute(): Route {
  const path = usePath()
  return parseRoute(path)
}
