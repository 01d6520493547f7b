// The measurement sheet's write guard: which cells an update touches, found by decoding it
// (never applying it), and whether they all belong to one partner. An item written at the root
// map `cells` is a cell (its key is the item's parentSub); an item inside a cell's map belongs to
// that cell; an item without parent information sits next to its origin (or right origin) and
// belongs to the same cell; a deletion touches the cells of the items it deletes. Anything in
// another root type, or that cannot be placed, is a violation.
import * as Y from 'yjs'
import { updateItems } from '../documents/updateItems.ts'
import type { UpdateGuard, WriteViolation } from '../documents/guard.ts'
import { SHEET_CELLS, parseCellKey } from './sheet.ts'

type Place = { key: string } | WriteViolation

const violation = (code: string, detail: string): WriteViolation => ({ code, detail })

/** The cell keys an update touches, or a violation when part of it is outside the cells. */
export function touchedCells(doc: Y.Doc, update: Uint8Array): Set<string> | WriteViolation {
  const { structs, ds } = Y.decodeUpdate(update)
  const cells = doc.getMap(SHEET_CELLS)
  const { local, findLocal, findDoc } = updateItems(doc, structs)

  // An integrated item: walk up to the item directly in `cells`.
  const placeOfDocItem = (item: Y.Item): Place => {
    let current: Y.Item = item
    for (let depth = 0; depth < 64; depth++) {
      const parent = current.parent as Y.AbstractType<unknown> | null
      if (parent === cells) return current.parentSub === null ? violation('not_a_cell', 'a list item in the cells map') : { key: current.parentSub }
      const holder = parent?._item ?? null
      if (!holder) return violation('other_root', 'a change outside the measurement cells')
      current = holder
    }
    return violation('too_deep', 'nesting deeper than a cell')
  }

  const placeOf = (item: Y.Item, depth = 0): Place => {
    if (depth > 64) return violation('too_deep', 'nesting deeper than a cell')
    const parent = item.parent as unknown
    if (typeof parent === 'string') {
      if (parent !== SHEET_CELLS) return violation('other_root', `a change in the root type ${parent}`)
      return item.parentSub === null ? violation('not_a_cell', 'a list item in the cells map') : { key: item.parentSub }
    }
    if (parent instanceof Y.ID) {
      const holder = findLocal(parent)
      if (holder) return placeOf(holder, depth + 1)
      const integrated = findDoc(parent)
      return integrated ? placeOfDocItem(integrated) : violation('unresolved', 'a parent the document does not have')
    }
    if (parent !== null && parent !== undefined) {
      // Integrated already (the same struct object): the document's own structure.
      return placeOfDocItem(item)
    }
    const neighbour = item.origin ?? item.rightOrigin
    if (!neighbour) return violation('unresolved', 'an item without a parent or neighbour')
    const sibling = findLocal(neighbour)
    if (sibling) return placeOf(sibling, depth + 1)
    const integrated = findDoc(neighbour)
    return integrated ? placeOfDocItem(integrated) : violation('unresolved', 'a neighbour the document does not have')
  }

  const keys = new Set<string>()
  const add = (place: Place): WriteViolation | null => {
    if ('key' in place) {
      keys.add(place.key)
      return null
    }
    return place
  }
  for (const list of local.values())
    for (const item of list) {
      const problem = add(placeOf(item))
      if (problem) return problem
    }
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      let at = clock
      while (at < clock + len) {
        const id = Y.createID(client, at)
        const item = findLocal(id) ?? findDoc(id)
        if (!item) {
          // Deleted content the document does not have (or garbage-collected): nothing to protect.
          at++
          continue
        }
        const problem = add(item.parent !== null && typeof item.parent === 'object' && !(item.parent instanceof Y.ID) ? placeOfDocItem(item) : placeOf(item))
        if (problem) return problem
        at = item.id.clock + item.length
      }
    }
  }
  return keys
}

/** A guard that allows only cells whose key names `partnerId` (a partner executive's rows). */
export function partnerSheetGuard(partnerId: string): UpdateGuard {
  return (doc, update) => {
    const touched = touchedCells(doc, update)
    if (!(touched instanceof Set)) return touched
    for (const key of touched) {
      const coordinates = parseCellKey(key)
      if (!coordinates) return violation('not_a_cell', 'a key that is not a cell key')
      if (coordinates.partnerId !== partnerId)
        return violation('other_partner', `a cell of ${coordinates.partnerId === '' ? 'the initiative' : coordinates.partnerId}`)
    }
    return null
  }
}
