// A tiny history-API router: the current location as an external store, parsed into a route
// (the routes, the parser and the path builders are in routes.ts).
import { useSyncExternalStore } from 'react'
import { nextPath as nextPathOf, parseRoute, type Route } from './routes.ts'

export { documentPath, initiativePath, parseRoute, partnerPath, sectionItemPath, signInPath } from './routes.ts'
export type { InitiativeSection, Route } from './routes.ts'

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

/** The `next` query parameter if it is a same-site path, else `/`. */
export function nextPath(search: string = window.location.search): string {
  return nextPathOf(search)
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
