import { describe, expect, it } from 'vitest'
import { checkIndicator, definitionChanges, readNumber } from './definition.ts'

const context = { partnerIds: ['municipality', 'university'] }
const valid = {
  id: 'ind-1',
  goalId: 'goal-1',
  name: 'Children ready for first grade',
  definition: 'Share of children assessed as ready in the spring screening',
  valueType: 'percent',
  unit: '%',
  polarity: 'higher_is_better',
  baseline: { value: '52', period: '2022' },
  targets: [
    { value: 70, period: '2028' },
    { value: '60', period: '2025' },
  ],
  frequency: 'yearly',
  dataSource: 'Municipal screening',
  ownerPartnerId: 'municipality',
  disaggregations: [{ dimension: 'neighbourhood', categories: ['Dalet', 'Gimel', 'Dalet', ''] }],
  minChange: '1',
}

describe('checkIndicator', () => {
  it('normalises a valid block: numbers from text, targets in period order, categories deduplicated', () => {
    const { definition, issues } = checkIndicator(valid, context)
    expect(issues).toEqual([])
    expect(definition).toMatchObject({
      id: 'ind-1',
      goalId: 'goal-1',
      baseline: { value: 52, period: '2022' },
      targets: [
        { value: 60, period: '2025' },
        { value: 70, period: '2028' },
      ],
      ownerPartnerId: 'municipality',
      disaggregations: [{ dimension: 'neighbourhood', categories: ['Dalet', 'Gimel'] }],
      minChange: 1,
      rateBase: null,
    })
  })

  it('reports every problem on its field and never throws, whatever the block holds', () => {
    const { issues, definition } = checkIndicator(
      {
        id: 'ind-2',
        name: '  ',
        valueType: 'percent',
        polarity: 'sideways',
        baseline: { value: '40', period: 'last year' },
        targets: [
          { value: 'seventy', period: '2028' },
          { value: 120, period: '2029' },
          { value: 50, period: '2029' },
        ],
        ownerPartnerId: 'someone-else',
        disaggregations: [{ dimension: '' }, { dimension: 'gender' }, { dimension: 'gender' }],
        minChange: -2,
      },
      context,
    )
    expect(issues).toEqual([
      { field: 'name', code: 'required' },
      { field: 'polarity', code: 'invalid_choice' },
      { field: 'baseline.period', code: 'invalid_period' },
      { field: 'targets.0.value', code: 'not_a_number' },
      { field: 'targets.1.value', code: 'out_of_range' },
      { field: 'targets.2.period', code: 'duplicate' },
      { field: 'ownerPartnerId', code: 'not_a_partner' },
      { field: 'disaggregations.0.dimension', code: 'required' },
      { field: 'disaggregations.2.dimension', code: 'duplicate' },
      { field: 'minChange', code: 'out_of_range' },
    ])
    // What could be read is kept; what could not falls back to a default.
    expect(definition.polarity).toBe('higher_is_better')
    expect(definition.ownerPartnerId).toBeNull()
    expect(definition.baseline).toBeNull()
    expect(definition.minChange).toBeNull()
    for (const garbage of [{}, { targets: 'x', baseline: 3, disaggregations: {} }, { name: 42, id: 7 }]) {
      expect(() => checkIndicator(garbage, context)).not.toThrow()
    }
    expect(checkIndicator({}, context).issues.map((i) => i.field)).toEqual(['id', 'name'])
  })

  it('checks rates, ranges and targets against the baseline', () => {
    const rate = checkIndicator({ ...valid, valueType: 'rate', rateBase: '' }, context)
    expect(rate.issues).toEqual([{ field: 'rateBase', code: 'required' }])
    const range = checkIndicator({ ...valid, valueType: 'count', polarity: 'target_range', targets: [{ value: 25, upper: 20, period: '2027' }] }, context)
    expect(range.issues).toEqual([{ field: 'targets.0.upper', code: 'range_inverted' }])
    const early = checkIndicator({ ...valid, targets: [{ value: 70, period: '2021' }] }, context)
    expect(early.issues).toEqual([{ field: 'targets.0.period', code: 'before_baseline' }])
  })

  it('reads numbers as people type them', () => {
    expect(readNumber(' 1,200 ')).toBe(1200)
    expect(readNumber('-3.5')).toBe(-3.5)
    expect(readNumber('')).toBeNull()
    expect(readNumber('12a')).toBe('invalid')
    expect(readNumber(Number.NaN)).toBe('invalid')
  })

  it('says which versioned fields changed between two definitions', () => {
    const before = checkIndicator(valid, context).definition
    const after = checkIndicator({ ...valid, unit: 'percent', dataSource: 'Another source', targets: [{ value: 75, period: '2028' }] }, context).definition
    expect(definitionChanges(before, after)).toEqual(['unit', 'targets'])
    expect(definitionChanges(before, before)).toEqual([])
  })
})
