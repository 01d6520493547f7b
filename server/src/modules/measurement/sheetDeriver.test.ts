// The sheet deriver and the approval store on their own: cells as raw JSON with the provenance
// of the change that last touched each (incrementally per Y.Doc instance; a new instance of the
// same document keeps the provenance of unchanged cells), and decisions that survive a reopen
// (a torn last line is dropped).
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { parseDocumentName, writeCell, type DocumentRef } from '@common-ground/domain'
import type { DerivationContext } from '../../derivation/types.ts'
import { ApprovalStore, type ApprovalEntry } from './ApprovalStore.ts'
import { sheetDeriver, type SheetState } from './sheetDeriver.ts'

const NAME = 'i/init000001/measurements'
const ref = parseDocumentName(NAME) as DocumentRef
const context: DerivationContext = {
  scope: () => null,
  actor: (userId) => (userId ? { userId, name: `Name of ${userId}` } : null),
  members: () => [],
  derived: () => null,
}
const at = (period: string) => ({ indicatorId: 'i-1', period, partnerId: '', dimension: '', category: '' })
const derive = (doc: Y.Doc, seq: number, user: string, previous: SheetState | null) =>
  sheetDeriver.derive({ name: NAME, ref, doc, seq, time: Date.UTC(2025, 0, seq), user, previous, context })

describe('sheetDeriver', () => {
  it('keeps each cell with the change that last touched it', () => {
    const doc = new Y.Doc()
    writeCell(doc, at('2023'), { value: 5, status: 'submitted' })
    writeCell(doc, at('2024'), { value: 6 })
    let state = derive(doc, 1, 'u-a', null)
    expect(Object.keys(state.cells)).toHaveLength(2)
    const key2023 = Object.keys(state.cells).find((k) => k.includes('2023'))!
    const key2024 = Object.keys(state.cells).find((k) => k.includes('2024'))!
    expect(state.cells[key2023]).toEqual({
      raw: { value: 5, status: 'submitted' },
      provenance: { document: NAME, blockId: key2023, changedAt: '2025-01-01T00:00:00.000Z', changedBy: { userId: 'u-a', name: 'Name of u-a' }, seq: 1 },
    })

    // Incremental: only the touched cell gets the new provenance; a deleted cell goes.
    writeCell(doc, at('2024'), { value: 7 })
    state = derive(doc, 2, 'u-b', state)
    expect(state.cells[key2024]!.raw).toEqual({ value: 7 })
    expect(state.cells[key2024]!.provenance).toMatchObject({ seq: 2, changedBy: { userId: 'u-b' } })
    expect(state.cells[key2023]!.provenance.seq).toBe(1)
    doc.getMap('cells').delete(key2023)
    state = derive(doc, 3, 'u-b', state)
    expect(Object.keys(state.cells)).toEqual([key2024])

    // A new Y.Doc instance of the same document (a room decoded again): a full pass that keeps
    // the provenance of cells whose content did not change.
    const again = new Y.Doc()
    Y.applyUpdate(again, Y.encodeStateAsUpdate(doc))
    writeCell(again, at('2025'), { value: 8 })
    const next = derive(again, 4, 'u-c', state)
    expect(next.cells[key2024]).toBe(state.cells[key2024])
    expect(Object.values(next.cells).map((c) => c.provenance.seq)).toEqual([2, 4])
  })

  it('counts the passes that add or remove a cell, and replaces only touched cells', () => {
    const doc = new Y.Doc()
    writeCell(doc, at('2023'), { value: 1 })
    let state = derive(doc, 1, 'u-a', null)
    expect(state.keysVersion).toBe(1)
    const [key2023] = Object.keys(state.cells)
    const first = state.cells[key2023!]
    writeCell(doc, at('2024'), { value: 2 })
    state = derive(doc, 2, 'u-a', state)
    expect(state.keysVersion).toBe(2)
    expect(state.cells[key2023!]).toBe(first)
    writeCell(doc, at('2024'), { value: 3 })
    state = derive(doc, 3, 'u-a', state)
    expect(state.keysVersion).toBe(2)
    doc.getMap('cells').delete(key2023!)
    state = derive(doc, 4, 'u-a', state)
    expect(state.keysVersion).toBe(3)
    // A new instance with the same cells: the same count.
    const again = new Y.Doc()
    Y.applyUpdate(again, Y.encodeStateAsUpdate(doc))
    expect(derive(again, 5, 'u-a', state).keysVersion).toBe(3)
  })
})

describe('ApprovalStore', () => {
  const dirs: string[] = []
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
  })
  const entry = (key: string, value: number, decision: 'approve' | 'return'): ApprovalEntry => ({
    initiativeId: 'init000001',
    key,
    fingerprint: JSON.stringify([key, value, 1]),
    value,
    definitionVersion: 1,
    decision,
    comment: decision === 'return' ? 'check the source' : '',
    decidedAt: '2025-02-01T00:00:00.000Z',
    decidedBy: { userId: 'u-backbone', name: 'Backbone' },
  })

  it('appends decisions durably and reads them back, dropping a torn last line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cg-approvals-'))
    dirs.push(dir)
    const file = path.join(dir, 'approvals.jsonl')
    const store = await ApprovalStore.open(file)
    await store.append([entry('k1', 60, 'approve'), entry('k2', 5, 'approve')])
    await store.append([entry('k1', 58, 'return')])
    expect(store.latest('init000001', 'k1')!.decision).toBe('return')
    expect(store.latestApproval('init000001', 'k1')!.value).toBe(60)
    expect(store.count('init000001')).toBe(3)
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(4)
    await store.close()

    await appendFile(file, '{"initiativeId":"init000001","key":"k3"')
    const reopened = await ApprovalStore.open(file)
    expect(reopened.history('init000001', 'k1').map((e) => [e.value, e.decision])).toEqual([
      [60, 'approve'],
      [58, 'return'],
    ])
    expect(reopened.history('init000001', 'k3')).toEqual([])
    expect(reopened.count('init000001')).toBe(3)
    expect(reopened.count('other00001')).toBe(0)
    expect([...reopened.decidedKeys('init000001')].sort()).toEqual(['k1', 'k2'])
    expect(reopened.since('init000001', 2).map((e) => [e.key, e.value, e.decision])).toEqual([['k1', 58, 'return']])
    // The next decision starts a new line after the torn one, so it survives the next reopen.
    await reopened.append([entry('k2', 6, 'approve')])
    await reopened.close()
    expect((await ApprovalStore.open(file)).history('init000001', 'k2').map((e) => e.value)).toEqual([5, 6])
  })
})
