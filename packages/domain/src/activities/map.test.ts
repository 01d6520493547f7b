import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  ACTIVITY_ROOTS,
  checkActivity,
  checkRelation,
  checkStrategy,
  deriveActivityMap,
  newActivityEntryId,
  readActivityMap,
  removeActivityEntry,
  writeActivity,
  writeLayout,
  writeRelation,
  writeStrategy,
  type ActivityContext,
} from './map.ts'

const context: ActivityContext = {
  partnerIds: ['schools', 'clinic', 'city'],
  goalIds: new Set(['g-read', 'g-health']),
  indicatorIds: new Set(['i-literacy', 'i-visits']),
}

describe('an activity, checked field by field', () => {
  it('reads a complete activity', () => {
    const record = checkActivity(
      'a-reading01',
      {
        title: '  Reading clubs ',
        description: 'Weekly clubs',
        leadPartnerId: 'schools',
        contributors: { clinic: 'consulted', schools: 'responsible', city: 'accountable' },
        goalIds: { 'g-read': true },
        indicators: { 'i-literacy': 'increase' },
        status: 'active',
        start: '2025-01-01',
        end: '2025-12-31',
        budget: '120,000',
        staff: 1.5,
        strategyId: 's-early001',
      },
      context,
      new Set(['s-early001']),
    )
    expect(record).toEqual({
      id: 'a-reading01',
      title: 'Reading clubs',
      description: 'Weekly clubs',
      leadPartnerId: 'schools',
      contributors: [
        { partnerId: 'city', role: 'accountable' },
        { partnerId: 'clinic', role: 'consulted' },
      ],
      goalIds: ['g-read'],
      indicators: [{ indicatorId: 'i-literacy', effect: 'increase' }],
      status: 'active',
      start: '2025-01-01',
      end: '2025-12-31',
      budget: 120000,
      staff: 1.5,
      strategyId: 's-early001',
      issues: [],
    })
  })

  it('reports every bad field and keeps the record (defaults in place)', () => {
    const record = checkActivity(
      'nonsense',
      {
        title: '',
        leadPartnerId: 'bank',
        contributors: { ghost: 'boss' },
        goalIds: ['g-nope'],
        indicators: { 'i-nope': 'explode' },
        status: 'someday',
        start: '2025-02-30',
        end: 'soon',
        budget: -5,
        staff: 'many',
        strategyId: 's-missing1',
      },
      context,
      new Set(),
    )
    expect(record.id).toBe('nonsense')
    expect(record.status).toBe('planned')
    expect(record.goalIds).toEqual(['g-nope'])
    expect(record.contributors).toEqual([{ partnerId: 'ghost', role: 'responsible' }])
    expect(record.indicators).toEqual([{ indicatorId: 'i-nope', effect: 'increase' }])
    expect(record.issues).toEqual([
      { field: 'id', code: 'not_an_entry' },
      { field: 'title', code: 'required' },
      { field: 'leadPartnerId', code: 'not_a_partner' },
      { field: 'contributors.ghost', code: 'not_a_partner' },
      { field: 'contributors.ghost', code: 'invalid_choice' },
      { field: 'goalIds.g-nope', code: 'unknown_goal' },
      { field: 'indicators.i-nope', code: 'unknown_indicator' },
      { field: 'indicators.i-nope', code: 'invalid_choice' },
      { field: 'status', code: 'invalid_choice' },
      { field: 'start', code: 'invalid_date' },
      { field: 'end', code: 'invalid_date' },
      { field: 'budget', code: 'out_of_range' },
      { field: 'staff', code: 'not_a_number' },
      { field: 'strategyId', code: 'unknown_strategy' },
    ])
  })

  it('knows an inverted range, a missing lead and an over-long title', () => {
    const record = checkActivity('a-x0000001', { title: 'x'.repeat(300), start: '2025-05-01', end: '2025-04-01' }, context)
    expect(record.title).toHaveLength(200)
    expect(record.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['title:too_long', 'leadPartnerId:required', 'end:range_inverted'])
  })

  it('checks strategies and relations', () => {
    expect(checkStrategy('s-early001', { title: 'Early years', order: 2 })).toEqual({
      id: 's-early001',
      title: 'Early years',
      description: '',
      order: 2,
      issues: [],
    })
    expect(checkStrategy('s-early001', { order: 0 }).issues).toEqual([
      { field: 'title', code: 'required' },
      { field: 'order', code: 'out_of_range' },
    ])
    const activities = new Set(['a-one00001', 'a-two00001'])
    expect(
      checkRelation(
        'r-rel00001',
        { from: 'a-one00001', to: 'a-two00001', type: 'dependsOn', note: 'needs rooms', proposedBy: 'clinic', status: 'accepted' },
        context,
        activities,
      ),
    ).toEqual({
      id: 'r-rel00001',
      from: 'a-one00001',
      to: 'a-two00001',
      type: 'dependsOn',
      note: 'needs rooms',
      proposedBy: 'clinic',
      status: 'accepted',
      issues: [],
    })
    expect(checkRelation('r-rel00002', { from: 'a-one00001', to: 'a-one00001', type: 'loves', proposedBy: 'bank' }, context, activities).issues).toEqual([
      { field: 'to', code: 'self_relation' },
      { field: 'type', code: 'invalid_choice' },
      { field: 'proposedBy', code: 'not_a_partner' },
    ])
    expect(checkRelation('r-rel00003', { to: 'a-gone0001' }, context, activities).issues).toEqual([
      { field: 'from', code: 'required' },
      { field: 'to', code: 'unknown_activity' },
    ])
  })
})

describe('the map document', () => {
  it('is written with the helpers and derived, never dropping a bad entry', () => {
    const doc = new Y.Doc()
    writeStrategy(doc, 's-early001', { title: 'Early years', order: 1 })
    writeActivity(doc, 'a-reading01', {
      title: 'Reading clubs',
      leadPartnerId: 'schools',
      goalIds: { 'g-read': true },
      indicators: { 'i-literacy': 'increase' },
      contributors: { clinic: 'informed' },
      strategyId: 's-early001',
    })
    writeActivity(doc, 'a-visits001', { title: 'Home visits', leadPartnerId: 'clinic', goalIds: { 'g-health': true } })
    writeActivity(doc, 'a-reading01', { goalIds: { 'g-health': true, 'g-read': false }, contributors: { clinic: null }, budget: 5000 })
    writeRelation(doc, 'r-rel00001', { from: 'a-reading01', to: 'a-visits001', type: 'reinforces', status: 'accepted', proposedBy: '' })
    writeRelation(doc, 'r-rel00002', { from: 'a-reading01', to: 'a-deleted01', type: 'dependsOn' })
    writeLayout(doc, 'activity:a-reading01', { x: 10, y: 20 })
    doc.getMap(ACTIVITY_ROOTS.activities).set('a-plain0001', 'not a map')
    const records = deriveActivityMap(readActivityMap(doc), context)
    expect(records.strategies.map((s) => s.id)).toEqual(['s-early001'])
    expect(records.activities.map((a) => a.id)).toEqual(['a-plain0001', 'a-reading01', 'a-visits001'])
    const reading = records.activities[1]!
    expect(reading.goalIds).toEqual(['g-health'])
    expect(reading.contributors).toEqual([])
    expect(reading.budget).toBe(5000)
    expect(reading.issues).toEqual([])
    expect(records.activities[0]!.issues.map((i) => i.code)).toEqual(['required', 'required'])
    expect(records.relations.map((r) => [r.id, r.issues.map((i) => i.code)])).toEqual([
      ['r-rel00001', []],
      ['r-rel00002', ['unknown_activity']],
    ])
    expect(doc.getMap(ACTIVITY_ROOTS.layout).get('activity:a-reading01')).toEqual({ x: 10, y: 20 })
    removeActivityEntry(doc, 'activities', 'a-visits001')
    expect(deriveActivityMap(readActivityMap(doc), context).relations[0]!.issues).toEqual([{ field: 'to', code: 'unknown_activity' }])
  })

  it('merges two people editing the same activity at once', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    writeActivity(a, 'a-reading01', { title: 'Reading clubs', leadPartnerId: 'schools' })
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    writeActivity(a, 'a-reading01', { goalIds: { 'g-read': true }, status: 'active' })
    writeActivity(b, 'a-reading01', { goalIds: { 'g-health': true }, budget: 10 })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const ra = deriveActivityMap(readActivityMap(a), context).activities[0]!
    expect(ra).toEqual(deriveActivityMap(readActivityMap(b), context).activities[0])
    expect(ra.goalIds).toEqual(['g-health', 'g-read'])
    expect([ra.status, ra.budget]).toEqual(['active', 10])
  })

  it('makes entry ids of each kind', () => {
    expect(newActivityEntryId('activity')).toMatch(/^a-[a-z0-9]{10}$/)
    expect(newActivityEntryId('relation')).toMatch(/^r-[a-z0-9]{10}$/)
  })
})
