import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkIndicator } from '../indicators/definition.ts'
import { totalSeries } from '../indicators/status.ts'
import { SHEET_CELLS, cellKey, checkMeasurement, deriveSheet, measurementFingerprint, measurementValue, parseCellKey, writeCell } from './sheet.ts'

const readiness = checkIndicator(
  {
    id: 'i-ready',
    name: 'Ready for first grade',
    valueType: 'percent',
    frequency: 'school_year',
    disaggregations: [{ dimension: 'neighbourhood', categories: ['Dalet', 'Gimel'] }],
  },
  { partnerIds: [] },
).definition
const workshops = checkIndicator({ id: 'i-work', name: 'Workshops', valueType: 'count', frequency: 'quarterly' }, { partnerIds: [] }).definition
const context = { indicators: new Map([readiness, workshops].map((d) => [d.id, d])), partnerIds: ['municipality', 'clinic'] }
const at = (indicatorId: string, period: string, partnerId = '', dimension = '', category = '') => ({ indicatorId, period, partnerId, dimension, category })

describe('cell keys', () => {
  it('round-trip, whatever the category holds', () => {
    const c = at('i-ready', '2025/26', 'municipality', 'neighbourhood', 'Dalet / "north", 2')
    expect(parseCellKey(cellKey(c))).toEqual(c)
    expect(parseCellKey('nonsense')).toBeNull()
    expect(parseCellKey('["a","b"]')).toBeNull()
    expect(parseCellKey('[1,2,3,4,5]')).toBeNull()
  })
})

describe('checkMeasurement', () => {
  it('accepts a value that fits its indicator, period kind, partner and category', () => {
    const record = checkMeasurement(
      cellKey(at('i-ready', '2025/26', 'municipality', 'neighbourhood', 'Dalet')),
      { value: '61.5', status: 'submitted', definitionVersion: 2 },
      context,
    )
    expect(record).toMatchObject({ value: 61.5, status: 'submitted', definitionVersion: 2, issues: [] })
    expect(measurementValue(record)).toEqual({ period: '2025/26', value: 61.5, partnerId: 'municipality', category: { neighbourhood: 'Dalet' } })
  })

  it('reports every problem on its field', () => {
    const issues = (key: string, raw: Record<string, unknown>) => checkMeasurement(key, raw, context).issues
    expect(issues(cellKey(at('i-gone', '2026')), { value: 1 })).toEqual([{ field: 'indicatorId', code: 'invalid_choice' }])
    expect(issues(cellKey(at('i-ready', '2026-Q1')), { value: 1 })).toEqual([{ field: 'period', code: 'invalid_period' }])
    expect(issues(cellKey(at('i-work', '2026-Q5')), { value: 1 })).toEqual([{ field: 'period', code: 'invalid_period' }])
    expect(issues(cellKey(at('i-work', '2026-Q1', 'bakery')), { value: 3 })).toEqual([{ field: 'partnerId', code: 'not_a_partner' }])
    expect(issues(cellKey(at('i-ready', '2025/26', '', 'gender', 'girls')), { value: 1 })).toEqual([{ field: 'dimension', code: 'invalid_choice' }])
    expect(issues(cellKey(at('i-ready', '2025/26', '', 'neighbourhood', 'Zayin')), { value: 1 })).toEqual([{ field: 'category', code: 'invalid_choice' }])
    expect(issues(cellKey(at('i-ready', '2025/26')), { value: 101 })).toEqual([{ field: 'value', code: 'out_of_range' }])
    expect(issues(cellKey(at('i-work', '2026-Q1')), { value: 2.5 })).toEqual([{ field: 'value', code: 'out_of_range' }])
    expect(issues(cellKey(at('i-work', '2026-Q1')), { value: 'many', status: 'approved' })).toEqual([
      { field: 'value', code: 'not_a_number' },
      { field: 'status', code: 'invalid_choice' },
    ])
    expect(issues(cellKey(at('i-work', '2026-Q1')), { status: 'submitted' })).toEqual([{ field: 'value', code: 'required' }])
    expect(issues('garbage', { value: 1 })).toEqual([
      { field: 'indicatorId', code: 'required' },
      { field: 'period', code: 'required' },
    ])
  })
})

describe('deriveSheet', () => {
  it('derives every cell from real Yjs edits, merging two people writing one cell at once', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    writeCell(a, at('i-work', '2026-Q1', 'municipality'), { value: 4 })
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    writeCell(a, at('i-work', '2026-Q1', 'municipality'), { note: 'two in Dalet' })
    writeCell(b, at('i-work', '2026-Q1', 'municipality'), { value: 5, status: 'submitted' })
    writeCell(b, at('i-work', '2026-Q1', 'clinic'), { value: 2 })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const records = deriveSheet(a.getMap(SHEET_CELLS), context)
    expect(records).toEqual(deriveSheet(b.getMap(SHEET_CELLS), context))
    expect(records.map((r) => [r.partnerId, r.value, r.note, r.status])).toEqual([
      ['clinic', 2, '', 'draft'],
      ['municipality', 5, 'two in Dalet', 'submitted'],
    ])
    const values = records.map(measurementValue).filter((v) => v !== null)
    expect(totalSeries('count', values)).toEqual([{ period: '2026-Q1', value: 7 }])
  })

  it('a cell that is not a map (a raw client) is still a record', () => {
    const doc = new Y.Doc()
    doc.getMap(SHEET_CELLS).set(cellKey(at('i-work', '2026-Q2')), 'twelve')
    expect(deriveSheet(doc.getMap(SHEET_CELLS), context)[0]!.issues).toEqual([{ field: 'value', code: 'not_a_number' }])
  })

  it('a correction changes the fingerprint; the note does not', () => {
    const key = cellKey(at('i-work', '2026-Q1'))
    const approved = checkMeasurement(key, { value: 4, note: 'first' }, context)
    expect(measurementFingerprint(checkMeasurement(key, { value: 4, note: 'edited note' }, context))).toBe(measurementFingerprint(approved))
    expect(measurementFingerprint(checkMeasurement(key, { value: 5 }, context))).not.toBe(measurementFingerprint(approved))
  })
})
