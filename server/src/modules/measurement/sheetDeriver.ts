// The measurement sheet's deriver: the cells of `i/<id>/measurements` as raw JSON per cell key,
// each with its provenance (the change that last touched it). Checking the cells against the
// indicators happens when they are read (measurementViews.ts): it depends on the agenda, another
// document. Incremental: per Y.Doc instance an observer collects the keys a change touched; the
// first pass over an instance (a load, a hibernated room decoded again) compares every cell with
// the previous state, so provenance is kept where the content did not change. Later passes update
// the previous state's cell table in place (a sheet has up to ~100,000 cells: copying it on every
// keystroke would cost more than the change), and replace only the touched cells' objects, so a
// reader can tell an unchanged cell by its identity.
import * as Y from 'yjs'
import { SHEET_CELLS, type Provenance } from '@common-ground/domain'
import type { DeriveInput, Deriver } from '../../derivation/types.ts'

export interface SheetCell {
  raw: Record<string, unknown>
  provenance: Provenance
}

export interface SheetState {
  cells: Record<string, SheetCell>
  /** Counts passes that added or removed a cell key (absent: 0), so readers can keep their sorted key lists. */
  keysVersion?: number
}

const touchedByDoc = new WeakMap<Y.Doc, Set<string>>()

function cellJson(value: unknown): Record<string, unknown> {
  return value instanceof Y.Map ? (value.toJSON() as Record<string, unknown>) : { value }
}

function watch(doc: Y.Doc): Set<string> {
  const touched = new Set<string>()
  doc.getMap(SHEET_CELLS).observeDeep((events) => {
    for (const event of events) {
      if (event.path.length === 0) for (const key of event.keys.keys()) touched.add(key)
      else touched.add(String(event.path[0]))
    }
  })
  touchedByDoc.set(doc, touched)
  return touched
}

export const sheetDeriver: Deriver<SheetState> = {
  kind: 'measurements',
  version: 1,
  derive(input: DeriveInput<SheetState>): SheetState {
    const { name, doc, seq, time, user, previous, context } = input
    const cells = doc.getMap(SHEET_CELLS)
    const provenance = (key: string): Provenance => ({
      document: name,
      blockId: key,
      changedAt: new Date(time).toISOString(),
      changedBy: context.actor(user),
      seq,
    })
    let touched = touchedByDoc.get(doc)
    if (!touched || !previous) {
      touched ??= watch(doc)
      touched.clear()
      const next: Record<string, SheetCell> = {}
      let sameKeys = previous !== null
      for (const [key, value] of cells.entries()) {
        const raw = cellJson(value)
        const before = previous?.cells[key]
        if (!before) sameKeys = false
        next[key] = before && JSON.stringify(before.raw) === JSON.stringify(raw) ? before : { raw, provenance: provenance(key) }
      }
      if (previous && Object.keys(previous.cells).length !== cells.size) sameKeys = false
      const base = previous?.keysVersion ?? 0
      const keysVersion = sameKeys && base > 0 ? base : base + 1
      return { cells: next, keysVersion }
    }
    const next = previous.cells
    let keysChanged = false
    for (const key of touched) {
      const value = cells.get(key)
      if (value === undefined) {
        if (key in next) keysChanged = true
        delete next[key]
      } else {
        if (!(key in next)) keysChanged = true
        next[key] = { raw: cellJson(value), provenance: provenance(key) }
      }
    }
    touched.clear()
    return { cells: next, keysVersion: (previous.keysVersion ?? 0) + (keysChanged ? 1 : 0) }
  },
}
