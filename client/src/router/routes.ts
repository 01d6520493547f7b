// The app's URLs as data: the routes, the pure parser from a path to a route and the path
// builders. No React, no window: the history store and the hooks are in router.ts.
import { HOME_SECTION, sectionRoute, type InitiativeSection } from '../modules/sections.ts'

export type { InitiativeSection } from '../modules/sections.ts'

export type Route =
  | { name: 'home' }
  | { name: 'signin' }
  | { name: 'signup' }
  | { name: 'tokens' }
  | { name: 'account' }
  | { name: 'reset'; token: string }
  | { name: 'invite'; token: string }
  | { name: 'public'; initiativeId: string }
  /** The published community report card (no sign-in). */
  | { name: 'publicReportCard'; initiativeId: string }
  /** `itemId`: one item of a section that has items, e.g. a partner under `partners`. */
  | { name: 'initiative'; initiativeId: string; section: InitiativeSection; itemId?: string }
  | { name: 'document'; documentName: string }
  | { name: 'notFound'; path: string }

/** `/d/<document name>` for a document; the name's segments are URL-safe already. */
export function documentPath(documentName: string): string {
  return `/d/${documentName.split('/').map(encodeURIComponent).join('/')}`
}

export function initiativePath(initiativeId: string, section: InitiativeSection = HOME_SECTION): string {
  const base = `/i/${encodeURIComponent(initiativeId)}`
  return section === HOME_SECTION ? base : `${base}/${section}`
}

/** One item of a section, e.g. `/i/<id>/partners/<partnerId>`. */
export function sectionItemPath(initiativeId: string, section: InitiativeSection, itemId: string): string {
  return `${initiativePath(initiativeId, section)}/${encodeURIComponent(itemId)}`
}

export function partnerPath(initiativeId: string, partnerId: string): string {
  return sectionItemPath(initiativeId, 'partners', partnerId)
}

/** `/p/<id>`: an initiative's public page. */
export function publicPath(initiativeId: string): string {
  return `/p/${encodeURIComponent(initiativeId)}`
}

/** `/p/<id>/report`: its published community report card. */
export function publicReportCardPath(initiativeId: string): string {
  return `${publicPath(initiativeId)}/report`
}

/** `/signin?next=<where to return>` (only same-site paths are returned to). */
export function signInPath(next?: string, screen: 'signin' | 'signup' = 'signin'): string {
  return next && next !== '/' ? `/${screen}?next=${encodeURIComponent(next)}` : `/${screen}`
}

const SAME_SITE = 'http://same-site.invalid'

/** The `next` query parameter of `search` if it is a same-site path, else `/`. */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next')
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  // The URL parser drops tabs and newlines and reads `\` as `/`: `/\t/evil.example` is `//evil.example`.
  try {
    if (new URL(next, SAME_SITE).origin !== SAME_SITE) return '/'
  } catch {
    return '/'
  }
  return next
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

export function parseRoute(path: string): Route {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path
  if (trimmed === '/' || trimmed === '') return { name: 'home' }
  if (trimmed === '/signin') return { name: 'signin' }
  if (trimmed === '/signup') return { name: 'signup' }
  if (trimmed === '/account/tokens') return { name: 'tokens' }
  if (trimmed === '/account') return { name: 'account' }
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
  if (first === 'reset' && id && third === undefined) return { name: 'reset', token: id }
  if (first === 'p' && id && third === undefined) return { name: 'public', initiativeId: id }
  if (first === 'p' && id && third === 'report' && fourth === undefined) return { name: 'publicReportCard', initiativeId: id }
  if (first === 'i' && id && rest.length === 0) {
    if (third === undefined) return { name: 'initiative', initiativeId: id, section: HOME_SECTION }
    const section = third === HOME_SECTION ? undefined : sectionRoute(third)
    if (section && fourth === undefined) return { name: 'initiative', initiativeId: id, section: section.id }
    if (section?.items && fourth !== undefined) return { name: 'initiative', initiativeId: id, section: section.id, itemId: fourth }
  }
  return { name: 'notFound', path }
}
