// The activity map's deriver: the entries of `i/<id>/activities` — activities, strategies,
// relations — as raw JSON per id, each with its provenance (the change that last touched it; an
// entry whose content did not change keeps its provenance and its object). Checking them against
// the agenda and the partners, and the coordination check, happen when they are read (views.ts):
// they depend on other documents. The graph's layout is not derived (only the live document needs
// it). Incremental like the sheet's deriver: per Y.Doc instance an observer collects the entries a
// change touched; the first pass over an instance (a load, a hibernated room decoded again)
// compares every entry with the previous state, later passes re-read only the touched ones.
import type * as Y from 'yjs'
import { ACTIVITY_ROOTS, entryJson, type Provenance } from '@common-ground/domain'
import type { DeriveInput, Deriver } from '../../derivation/types.ts'

export interface MapEntry {
  raw: Record<string, unknown>
  provenance: Provenance
}

export interface ActivityMapState {
  activities: Record<string, MapEntry>
  strategies: Record<string, MapEntry>
  relations: Record<string, MapEntry>
}

const ROOTS = ['activities', 'strategies', 'relations'] as const
type Root = (typeof ROOTS)[number]

const touchedByDoc = new WeakMap<Y.Doc, Map<Root, Set<string>>>()

function watch(doc: Y.Doc): Map<Root, Set<string>> {
  const touched = new Map<Root, Set<string>>(ROOTS.map((root) => [root, new Set<string>()]))
  for (const root of ROOTS) {
    const keys = touched.get(root)!
    doc.getMap(ACTIVITY_ROOTS[root]).observeDeep((events) => {
      for (const event of events) {
        if (event.path.length === 0) for (const key of event.keys.keys()) keys.add(key)
        else keys.add(String(event.path[0]))
      }
    })
  }
  touchedByDoc.set(doc, touched)
  return touched
}

export const activityMapDeriver: Deriver<ActivityMapState> = {
  kind: 'activities',
  version: 1,
  derive(input: DeriveInput<ActivityMapState>): ActivityMapState {
    const { name, doc, seq, time, user, previous, context } = input
    const changedAt = new Date(time).toISOString()
    const changedBy = context.actor(user)
    const entry = (key: string, raw: Record<string, unknown>): MapEntry => ({ raw, provenance: { document: name, blockId: key, changedAt, changedBy, seq } })
    let touched = touchedByDoc.get(doc)
    const next = { activities: {}, strategies: {}, relations: {} } as ActivityMapState
    if (!touched || !previous) {
      touched ??= watch(doc)
      for (const root of ROOTS) {
        touched.get(root)!.clear()
        const before = previous?.[root] ?? {}
        const out = next[root]
        for (const [key, value] of doc.getMap(ACTIVITY_ROOTS[root]).entries()) {
          const raw = entryJson(value)
          const old = before[key]
          out[key] = old && JSON.stringify(old.raw) === JSON.stringify(raw) ? old : entry(key, raw)
        }
      }
      return next
    }
    for (const root of ROOTS) {
      const keys = touched.get(root)!
      // A new table per pass (readers may hold the previous one); the untouched entries are the same objects.
      const out = keys.size === 0 ? previous[root] : { ...previous[root] }
      const map = doc.getMap(ACTIVITY_ROOTS[root])
      for (const key of keys) {
        const value = map.get(key)
        if (value === undefined) delete out[key]
        else {
          const raw = entryJson(value)
          const old = out[key]
          out[key] = old && JSON.stringify(old.raw) === JSON.stringify(raw) ? old : entry(key, raw)
        }
      }
      keys.clear()
      next[root] = out
    }
    return next
  },
}
