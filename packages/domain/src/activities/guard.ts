// The activity map's write guard for a partner executive, decided from the update alone (decoded,
// never applied) and the document as it is:
// - activities: only those whose lead is the partner — an existing one must be led by the partner
//   now, and every value the update writes as `leadPartnerId` must be the partner; a new one must
//   come with the partner as its lead;
// - relations: only proposals — a new relation must be written with status `proposed` and
//   `proposedBy` the partner; the partner may change or withdraw its own relations while they are
//   still proposed (never accept one, never touch another's);
// - layout (graph positions): anyone who may edit the map;
// - strategies and any other root type: the backbone only.
// Every item of the update is placed by its path from the root (`activities/<id>/contributors/<p>`):
// an item written into a map has its key; an item without parent information sits next to its
// origin (or right origin) and shares its parent and key; a deletion touches the place of what it deletes.
import * as Y from 'yjs'
import { updateItems } from '../documents/updateItems.ts'
import type { UpdateGuard, WriteViolation } from '../documents/guard.ts'
import { ACTIVITY_ROOTS, entryJson } from './map.ts'

const KNOWN_ROOTS = new Set<string>(Object.values(ACTIVITY_ROOTS))
const violation = (code: string, detail: string): WriteViolation => ({ code, detail })

/** Where an item is: its root type and the keys down to it (null for a list position). */
interface Path {
  root: string
  keys: (string | null)[]
}

export interface TouchedEntry {
  root: string
  key: string
  /** The entry itself is (re)written by the update (a new entry, or one replaced). */
  written: boolean
  /** Deleted by the update (the entry itself). */
  deleted: boolean
  /** The values the update writes into the entry's own fields (field → values; a nested type reads as `{}`). */
  fields: Map<string, unknown[]>
  /** A plain-object value written as the whole entry, if any. */
  plain: Record<string, unknown> | null
}

function contentValue(item: Y.Item): unknown {
  const content = item.content
  if (content instanceof Y.ContentAny) return content.getContent()[content.getContent().length - 1]
  if (content instanceof Y.ContentString) return content.getContent().join('')
  if (content instanceof Y.ContentType) return {}
  if (content instanceof Y.ContentJSON) return content.getContent()[0]
  return undefined
}

/** The entries of the map's root types an update touches, or a violation when part of it cannot be placed. */
export function touchedEntries(doc: Y.Doc, update: Uint8Array): TouchedEntry[] | WriteViolation {
  const { structs, ds } = Y.decodeUpdate(update)
  const roots = new Map<unknown, string>()
  for (const name of doc.share.keys()) roots.set(doc.share.get(name)!, name)
  const { local, findLocal, findDoc } = updateItems(doc, structs)
  const isLocal = (item: Y.Item) => {
    const p = item.parent as unknown
    return p === null || typeof p === 'string' || p instanceof Y.ID
  }

  const pathOf = (item: Y.Item, depth = 0): Path | WriteViolation => {
    if (depth > 64) return violation('too_deep', 'nesting deeper than an activity')
    if (!isLocal(item)) {
      const parent = item.parent as Y.AbstractType<unknown>
      const root = roots.get(parent)
      if (root !== undefined) return { root, keys: [item.parentSub] }
      const holder = parent._item
      if (!holder) return violation('other_root', 'a change outside the activity map')
      const up = pathOf(holder, depth + 1)
      return 'root' in up ? { root: up.root, keys: [...up.keys, item.parentSub] } : up
    }
    const parent = item.parent as unknown
    if (typeof parent === 'string') return { root: parent, keys: [item.parentSub] }
    if (parent instanceof Y.ID) {
      const holder = findLocal(parent) ?? findDoc(parent)
      if (!holder) return violation('unresolved', 'a parent the document does not have')
      const up = pathOf(holder, depth + 1)
      return 'root' in up ? { root: up.root, keys: [...up.keys, item.parentSub] } : up
    }
    const neighbour = item.origin ?? item.rightOrigin
    if (!neighbour) return violation('unresolved', 'an item without a parent or neighbour')
    const sibling = findLocal(neighbour) ?? findDoc(neighbour)
    if (!sibling) return violation('unresolved', 'a neighbour the document does not have')
    return pathOf(sibling, depth + 1)
  }

  const entries = new Map<string, TouchedEntry>()
  const entry = (root: string, key: string): TouchedEntry => {
    const id = `${root}\n${key}`
    let e = entries.get(id)
    if (!e) {
      e = { root, key, written: false, deleted: false, fields: new Map(), plain: null }
      entries.set(id, e)
    }
    return e
  }
  const place = (item: Y.Item, deleting: boolean): WriteViolation | null => {
    const path = pathOf(item)
    if (!('root' in path)) return path
    if (!KNOWN_ROOTS.has(path.root)) return violation('other_root', `a change in the root type ${path.root}`)
    const [key, field] = path.keys
    if (key === null || key === undefined) return violation('not_an_entry', `a list item in the root type ${path.root}`)
    const e = entry(path.root, key)
    if (path.keys.length === 1) {
      if (deleting) e.deleted = true
      else {
        e.written = true
        const value = contentValue(item)
        if (value !== null && typeof value === 'object' && !(item.content instanceof Y.ContentType)) e.plain = value as Record<string, unknown>
      }
    } else if (path.keys.length === 2 && !deleting && field !== null && field !== undefined) {
      const list = e.fields.get(field)
      if (list) list.push(contentValue(item))
      else e.fields.set(field, [contentValue(item)])
    }
    return null
  }
  for (const list of local.values())
    for (const item of list) {
      const problem = place(item, false)
      if (problem) return problem
    }
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      let at = clock
      while (at < clock + len) {
        const item = findLocal(Y.createID(client, at)) ?? findDoc(Y.createID(client, at))
        if (!item) {
          at++
          continue
        }
        // Deleting what the same update inserts is part of writing it; only deletions of the document's content count.
        if (isLocal(item)) {
          at = item.id.clock + item.length
          continue
        }
        const problem = place(item, true)
        if (problem) return problem
        at = item.id.clock + item.length
      }
    }
  }
  return [...entries.values()]
}

/** What the document holds for an entry now (plain JSON), or null for none. */
function current(doc: Y.Doc, root: string, key: string): Record<string, unknown> | null {
  const map = doc.getMap(root)
  return map.has(key) ? entryJson(map.get(key)) : null
}

/** Every value the update gives a field (from the entry's own fields and a plain entry value). */
function written(e: TouchedEntry, field: string): unknown[] {
  const values = [...(e.fields.get(field) ?? [])]
  if (e.plain && field in e.plain) values.push(e.plain[field])
  return values
}

/** The guard of a partner executive of `partnerId` (docs/permissions.md, "The activity map"). */
export function partnerActivityGuard(partnerId: string): UpdateGuard {
  return (doc, update) => {
    const touched = touchedEntries(doc, update)
    if (!Array.isArray(touched)) return touched
    for (const e of touched) {
      if (e.root === ACTIVITY_ROOTS.layout) continue
      if (e.root === ACTIVITY_ROOTS.activities) {
        const now = current(doc, e.root, e.key)
        if (now !== null && now.leadPartnerId !== partnerId)
          return violation('other_partner', `activity ${e.key} is led by ${String(now.leadPartnerId ?? 'nobody')}`)
        const leads = written(e, 'leadPartnerId')
        if (leads.some((lead) => lead !== partnerId)) return violation('other_partner', `activity ${e.key} would be led by another partner`)
        if ((now === null || e.written) && !e.deleted && leads.length === 0) return violation('lead_required', `a new activity ${e.key} must name its lead`)
        continue
      }
      if (e.root === ACTIVITY_ROOTS.relations) {
        const now = current(doc, e.root, e.key)
        if (now !== null && (now.proposedBy !== partnerId || now.status !== 'proposed'))
          return violation('not_own_proposal', `relation ${e.key} is not a proposal of ${partnerId}`)
        const statuses = written(e, 'status')
        if (statuses.some((s) => s !== 'proposed')) return violation('proposal_only', 'a partner only proposes relations')
        const proposers = written(e, 'proposedBy')
        if (proposers.some((p) => p !== partnerId)) return violation('not_own_proposal', 'a relation proposed on behalf of another')
        if ((now === null || e.written) && !e.deleted && (statuses.length === 0 || proposers.length === 0))
          return violation('proposal_only', `a new relation ${e.key} must be proposed, by ${partnerId}`)
        continue
      }
      if (e.root === ACTIVITY_ROOTS.strategies) return violation('backbone_only', 'strategies are edited by the backbone')
      return violation('other_root', `a change in the root type ${e.root}`)
    }
    return null
  }
}
