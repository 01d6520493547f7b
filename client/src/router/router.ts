// A tiny history-API router: the current path as an external store, parsed into a route.
import { useSyncExternalStore } from 'react'

export type Route =
  | { name: 'home' }
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

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === currentPath()) return
  if (options.replace) window.history.replaceState(null, '', path)
  else window.history.pushState(null, '', path)
  notify()
}

/** `/d/<document name>` for a document; the name's segments are URL-safe already. */
export function documentPath(documentName: string): string {
  return `/d/${documentName.split('/').map(encodeURIComponent).join('/')}`
}

export function parseRoute(path: string): Route {
  if (path === '/' || path === '') return { name: 'home' }
  const match = /^\/d\/(.+?)\/?$/.exec(path)
  if (match) {
    try {
      const documentName = match[1].split('/').map(decodeURIComponent).join('/')
      return { name: 'document', documentName }
    } catch {
      return { name: 'notFound', path }
    }
  }
  return { name: 'notFound', path }
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath)
}

export function useRoute(): Route {
  const path = usePath()
  return parseRoute(path)
}
