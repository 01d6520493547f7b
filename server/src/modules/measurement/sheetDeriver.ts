// The measurement sheet's deriver: the cells of `i/<id>/measurements` as raw JSON per cell key,
// each with its provenance (the change that last touched it). Checking the cells against the
// indicators happens when they are read (measurementViews.ts): it depends on the agenda, another
// document. Incremental: per Y.Doc instance an observer collects the keys a change touched; the
// first pass over an instance (a load, a hibernated room decoded again) compares every cell with
// the previous state, so provenance is kept where the content did not change.
import * as Y from 'yjs'
import { SHEET_CELLS, type Provenance } from '@common-ground/domain'
import type { DeriveInput, Deriver } from '../../derivation/types.ts'

export interface SheetCell {
  raw: Record<string, unknown>
  provenance: Provenance
}

export interface SheetState {
  cells: Record<string, SheetCell>
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
      for (const [key, value] of cells.entries()) {
        const raw = cellJson(value)
        const before = previous?.cells[key]
        next[key] = before && JSON.stringify(before.raw) === JSON.stringify(raw) ? before : { raw, provenance: provenance(key) }
      }
      return { cells: next }
    }
    const next: Record<string, SheetCell> = { ...previous.cells }
    for (const key of touched) {
      const value = cells.get(key)
      if (value === undefined) delete next[key]
      else next[key] = { raw: cellJson(value), provenance: provenance(key) }
    }
    touched.clear()
    return { cells: next }
  },
}
