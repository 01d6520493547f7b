import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DOCUMENT_KIND_REGISTRY } from '../documents/kinds.ts'
import { restoreDocument, restoreFragment, restoreMap } from './restore.ts'

const paragraph = (text: string, attrs: Record<string, string> = {}) => {
  const p = new Y.XmlElement('paragraph')
  for (const [k, v] of Object.entries(attrs)) p.setAttribute(k, v)
  p.insert(0, [new Y.XmlText(text)])
  return p
}
const copy = (doc: Y.Doc) => {
  const out = new Y.Doc()
  Y.applyUpdate(out, Y.encodeStateAsUpdate(doc))
  return out
}
const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
const xml = (doc: Y.Doc) => doc.getXmlFragment('default').toString()
const textIn = (doc: Y.Doc, i: number) => (doc.getXmlFragment('default').get(i) as Y.XmlElement).get(0) as Y.XmlText

describe('restore', () => {
  it('makes the fragment equal to the version: text, formatting, attributes, added and removed blocks', () => {
    const doc = new Y.Doc()
    const f = doc.getXmlFragment('default')
    f.insert(0, [paragraph('Alpha beta', { textAlign: 'right' }), paragraph('Gamma')])
    textIn(doc, 0).format(0, 5, { bold: true })
    const version = copy(doc)
    textIn(doc, 0).insert(5, ' and')
    textIn(doc, 0).format(0, 5, { bold: null })
    ;(f.get(0) as Y.XmlElement).setAttribute('textAlign', 'left')
    f.delete(1, 1)
    f.insert(1, [paragraph('Delta')])
    expect(xml(doc)).not.toBe(xml(version))
    doc.transact(() => restoreDocument(doc, version, DOCUMENT_KIND_REGISTRY.agenda.schema))
    expect(xml(doc)).toBe(xml(version))
    expect(textIn(doc, 0).toDelta()).toEqual(textIn(version, 0).toDelta())
  })

  it('keeps the paragraphs both have: an offline edit inside one survives the restore', () => {
    const server = new Y.Doc()
    server.getXmlFragment('default').insert(0, [paragraph('Kept paragraph')])
    const version = copy(server)
    server.getXmlFragment('default').insert(1, [paragraph('Added later')])
    const offline = copy(server)
    textIn(offline, 0).insert(4, ' (offline)')
    offline.getXmlFragment('default').insert(2, [paragraph('Offline block')])
    server.transact(() => restoreFragment(server.getXmlFragment('default'), version.getXmlFragment('default')))
    expect(xml(server)).toBe(xml(version))
    sync(offline, server)
    sync(server, offline)
    expect(xml(server)).toBe(xml(offline))
    expect(xml(server)).toBe('<paragraph>Kept (offline) paragraph</paragraph><paragraph>Offline block</paragraph>')
  })

  it('restores the cells of a map: removed cells come back, new ones go, changed fields are set back', () => {
    const doc = new Y.Doc()
    const cells = doc.getMap<Y.Map<unknown>>('cells')
    const cell = (value: number) =>
      new Y.Map<unknown>([
        ['value', value],
        ['status', 'draft'],
      ])
    cells.set('a', cell(1))
    cells.set('b', cell(2))
    const version = copy(doc)
    cells.get('a')!.set('value', 10)
    cells.get('a')!.set('note', 'fixed')
    cells.delete('b')
    cells.set('c', cell(3))
    doc.transact(() => restoreMap(cells as Y.Map<unknown>, version.getMap('cells')))
    expect(cells.toJSON()).toEqual(version.getMap('cells').toJSON())
  })

  it('restoring the current state changes nothing (no update)', () => {
    const doc = new Y.Doc()
    doc.getXmlFragment('default').insert(0, [paragraph('Same')])
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    doc.transact(() => restoreDocument(doc, copy(doc), DOCUMENT_KIND_REGISTRY.partner.schema))
    expect(updates).toHaveLength(0)
  })
})
