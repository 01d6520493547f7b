import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AGENDA_BLOCK_NODES } from '../agenda/blocks.ts'
import { diffAgendaDocs, diffSheetDocs, fieldChanges } from './structuredDiff.ts'

const block = (node: string, attributes: Record<string, string>) => {
  const element = new Y.XmlElement(node)
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value)
  return element
}
const copy = (doc: Y.Doc) => {
  const out = new Y.Doc()
  Y.applyUpdate(out, Y.encodeStateAsUpdate(doc))
  return out
}

describe('structured compare', () => {
  it('agenda blocks: added, removed and changed fields, old → new', () => {
    const doc = new Y.Doc()
    const f = doc.getXmlFragment('default')
    f.insert(0, [
      block(AGENDA_BLOCK_NODES.goal, { id: 'g-1', statement: 'Every child reads' }),
      block(AGENDA_BLOCK_NODES.glossaryTerm, { id: 't-1', term: 'Backbone', definition: 'The staff' }),
    ])
    const before = copy(doc)
    ;(f.get(0) as Y.XmlElement).setAttribute('statement', 'Every child reads by grade 3')
    f.delete(1, 1)
    f.insert(1, [block(AGENDA_BLOCK_NODES.indicator, { id: 'i-1', name: 'Readers', valueType: 'count', frequency: 'yearly' })])
    const changes = diffAgendaDocs(before, doc, [])
    expect(changes.map((c) => [c.kind, c.id, c.change])).toEqual([
      ['goal', 'g-1', 'changed'],
      ['indicator', 'i-1', 'added'],
      ['glossaryTerm', 't-1', 'removed'],
    ])
    expect(changes[0]!.fields).toEqual([{ field: 'statement', old: 'Every child reads', new: 'Every child reads by grade 3' }])
    expect(changes[1]!.fields.find((x) => x.field === 'name')).toEqual({ field: 'name', old: null, new: 'Readers' })
    expect(diffAgendaDocs(doc, doc, [])).toEqual([])
  })

  it('sheet cells: the fields of each changed cell', () => {
    const doc = new Y.Doc()
    const cells = doc.getMap<Y.Map<unknown>>('cells')
    cells.set('k1', new Y.Map<unknown>([['value', 1]]))
    const before = copy(doc)
    cells.get('k1')!.set('value', 2)
    cells.set('k2', new Y.Map<unknown>([['value', 5]]))
    expect(diffSheetDocs(before, doc)).toEqual([
      { kind: 'cell', id: 'k1', change: 'changed', fields: [{ field: 'value', old: 1, new: 2 }] },
      { kind: 'cell', id: 'k2', change: 'added', fields: [{ field: 'value', old: null, new: 5 }] },
    ])
    expect(fieldChanges({ a: 1 }, { a: 1 })).toEqual([])
  })
})
