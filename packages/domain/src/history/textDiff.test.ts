import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { attributionOf, diffFragments, diffStats, fragmentTokens } from './textDiff.ts'

/** A document edited by two people, each with their own Y.Doc; every update kept with its author, like the server's log. */
function world() {
  const log: { user: string; update: Uint8Array }[] = []
  const server = new Y.Doc()
  const people = new Map<string, Y.Doc>()
  const as = (user: string, edit: (fragment: Y.XmlFragment) => void) => {
    let doc = people.get(user)
    if (!doc) {
      doc = new Y.Doc()
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server))
      people.set(user, doc)
    } else Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)))
    const before = Y.encodeStateVector(doc)
    edit(doc.getXmlFragment('default'))
    const update = Y.encodeStateAsUpdate(doc, before)
    Y.applyUpdate(server, update)
    log.push({ user, update })
  }
  const version = () => {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server))
    return { doc: copy, at: log.length }
  }
  return { as, version, log }
}

const paragraph = (text: string) => {
  const p = new Y.XmlElement('paragraph')
  p.insert(0, [new Y.XmlText(text)])
  return p
}
const textOf = (fragment: Y.XmlFragment, index: number) => (fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText

describe('text compare', () => {
  it('insertions and deletions by identity, in document order, each with its author', () => {
    const w = world()
    w.as('ada', (f) => f.insert(0, [paragraph('The children read.'), paragraph('Old line')]))
    const a = w.version()
    w.as('bo', (f) => textOf(f, 0).insert(4, 'young '))
    w.as('ada', (f) => f.delete(1, 1))
    w.as('bo', (f) => f.insert(1, [paragraph('New line')]))
    const b = w.version()
    const runs = diffFragments(a.doc.getXmlFragment('default'), b.doc.getXmlFragment('default'), attributionOf(w.log.slice(a.at, b.at)))
    expect(runs).toEqual([
      { op: 'equal', text: '\n', user: null, block: 'paragraph' },
      { op: 'equal', text: 'The ', user: null },
      { op: 'insert', text: 'young ', user: 'bo' },
      { op: 'equal', text: 'children read.', user: null },
      { op: 'delete', text: '\n', user: 'ada', block: 'paragraph' },
      { op: 'delete', text: 'Old line', user: 'ada' },
      { op: 'insert', text: '\n', user: 'bo', block: 'paragraph' },
      { op: 'insert', text: 'New line', user: 'bo' },
    ])
    expect(diffStats(runs)).toEqual({ inserted: 15, deleted: 9 })
  })

  it('a retyped word is a deletion and an insertion, not an equal run; the same version compares equal', () => {
    const w = world()
    w.as('ada', (f) => f.insert(0, [paragraph('cat')]))
    const a = w.version()
    w.as('bo', (f) => {
      textOf(f, 0).delete(0, 3)
      textOf(f, 0).insert(0, 'cat')
    })
    const b = w.version()
    const runs = diffFragments(a.doc.getXmlFragment('default'), b.doc.getXmlFragment('default'), attributionOf(w.log.slice(a.at, b.at)))
    expect(runs.filter((r) => r.op !== 'equal')).toEqual([
      { op: 'delete', text: 'cat', user: 'bo' },
      { op: 'insert', text: 'cat', user: 'bo' },
    ])
    expect(diffFragments(b.doc.getXmlFragment('default'), b.doc.getXmlFragment('default'), attributionOf([])).every((r) => r.op === 'equal')).toBe(true)
    expect(
      fragmentTokens(b.doc.getXmlFragment('default'))
        .map((t) => t.text)
        .join(''),
    ).toBe('\ncat')
  })

  it('an insertion whose update is not among the records is attributed through the known clients', () => {
    const w = world()
    const a = w.version()
    w.as('ada', (f) => f.insert(0, [paragraph('hi')]))
    const b = w.version()
    const client = [...Y.parseUpdateMeta(w.log[0]!.update).to.keys()][0]!
    const runs = diffFragments(a.doc.getXmlFragment('default'), b.doc.getXmlFragment('default'), attributionOf([], { [client]: 'ada' }))
    expect(runs.map((r) => [r.op, r.user])).toEqual([
      ['insert', 'ada'],
      ['insert', 'ada'],
    ])
  })
})
