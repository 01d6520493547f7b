// What a write guard needs from an update it decodes without applying: its items grouped by
// client, and a lookup of an item by id — among the update's own items first, then in the document.
import * as Y from 'yjs'

export interface UpdateItems {
  /** The update's items (not its GC or skip structs), by client. */
  local: Map<number, Y.Item[]>
  /** The item of the update holding `id`, if any. */
  findLocal(id: Y.ID): Y.Item | undefined
  /** The document's item holding `id`, or null (unknown or garbage-collected). */
  findDoc(id: Y.ID): Y.Item | null
}

export function updateItems(doc: Y.Doc, structs: readonly (Y.Item | Y.GC | Y.Skip)[]): UpdateItems {
  const local = new Map<number, Y.Item[]>()
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue
    const list = local.get(struct.id.client)
    if (list) list.push(struct)
    else local.set(struct.id.client, [struct])
  }
  return {
    local,
    findLocal: (id) => local.get(id.client)?.find((item) => id.clock >= item.id.clock && id.clock < item.id.clock + item.length),
    findDoc: (id) => {
      try {
        const struct = Y.getItem(doc.store, id)
        return struct instanceof Y.Item ? struct : null
      } catch {
        return null
      }
    },
  }
}
