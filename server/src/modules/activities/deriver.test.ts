// The activity map's deriver on its own: entries as raw JSON with the provenance of the change
// that last touched each, incrementally per Y.Doc instance (untouched entries keep their objects,
// which the views' check cache relies on); a new instance of the same document keeps the
// provenance of unchanged entries.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { parseDocumentName, removeActivityEntry, writeActivity, writeLayout, writeRelation, writeStrategy, type DocumentRef } from '@common-ground/domain'
import type { DerivationContext } from '../../derivation/types.ts'
import { activityMapDeriver, type ActivityMapState } from './deriver.ts'

const NAME = 'i/init000001/activities'
const ref = parseDocumentName(NAME) as DocumentRef
const context: DerivationContext = {
  scope: () => null,
  actor: (userId) => (userId ? { userId, name: `Name of ${userId}` } : null),
  members: () => [],
  derived: () => null,
}
const derive = (doc: Y.Doc, seq: number, user: string, previous: ActivityMapState | null) =>
  activityMapDeriver.derive({ name: NAME, ref, doc, seq, time: Date.UTC(2025, 0, seq), user, previous, context })

describe('activityMapDeriver', () => {
  it('keeps each entry with the change that last touched it, incrementally', () => {
    const doc = new Y.Doc()
    writeStrategy(doc, 's-early001', { title: 'Early years' })
    writeActivity(doc, 'a-one00001', { title: 'One', leadPartnerId: 'p' })
    writeActivity(doc, 'a-two00001', { title: 'Two', leadPartnerId: 'p' })
    writeRelation(doc, 'r-rel00001', { from: 'a-one00001', to: 'a-two00001' })
    let state = derive(doc, 1, 'u-a', null)
    expect(Object.keys(state.activities).sort()).toEqual(['a-one00001', 'a-two00001'])
    expect(state.activities['a-one00001']).toEqual({
      raw: { title: 'One', leadPartnerId: 'p', contributors: {}, goalIds: {}, indicators: {} },
      provenance: { document: NAME, blockId: 'a-one00001', changedAt: '2025-01-01T00:00:00.000Z', changedBy: { userId: 'u-a', name: 'Name of u-a' }, seq: 1 },
    })
    expect(Object.keys(state.strategies)).toEqual(['s-early001'])
    expect(Object.keys(state.relations)).toEqual(['r-rel00001'])

    // A nested change touches its activity only; the others stay the same objects.
    const before = state
    writeActivity(doc, 'a-two00001', { goalIds: { 'g-x': true } })
    writeLayout(doc, 'activity:a-one00001', { x: 1, y: 1 })
    state = derive(doc, 2, 'u-b', state)
    expect(state.activities['a-two00001']!.raw.goalIds).toEqual({ 'g-x': true })
    expect(state.activities['a-two00001']!.provenance).toMatchObject({ seq: 2, changedBy: { userId: 'u-b' } })
    expect(state.activities['a-one00001']).toBe(before.activities['a-one00001'])
    expect(state.relations).toBe(before.relations)
    expect(before.activities['a-two00001']!.raw.goalIds).toEqual({})

    // Removed entries go; a layout-only change derives nothing new.
    removeActivityEntry(doc, 'relations', 'r-rel00001')
    state = derive(doc, 3, 'u-a', state)
    expect(state.relations).toEqual({})
    const quiet = derive(doc, 4, 'u-c', state)
    expect(quiet.activities).toBe(state.activities)

    // Another instance of the same document (a reload): unchanged entries keep their provenance.
    const reloaded = new Y.Doc()
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(doc))
    const again = derive(reloaded, 5, 'u-d', state)
    expect(again.activities['a-two00001']!.provenance.seq).toBe(2)
    expect(again.activities['a-one00001']!.provenance.seq).toBe(1)
  })
})
