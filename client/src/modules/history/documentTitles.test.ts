import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { cellKey } from '@common-ground/domain'
import { authorSlots, cellLabel, documentKey, fieldLabel, formatValue, historyPath } from './documentTitles.ts'

const t = i18next.t.bind(i18next)
const partners = new Map([['schools', 'City schools']])

describe('history names and values', () => {
  it('names a cell by indicator, period, partner and category', () => {
    const key = cellKey({ indicatorId: 'i-1', period: '2026-Q1', partnerId: 'schools', dimension: 'gender', category: 'girls' })
    expect(cellLabel(key, new Map([['i-1', 'Reading at grade level']]), partners)).toBe('Reading at grade level · 2026-Q1 · City schools · girls')
    expect(cellLabel('not a key', new Map(), partners)).toBe('not a key')
  })

  it('formats values for people: numbers in the locale, baselines with their period, partner ids as names', () => {
    expect(formatValue(t, 1234.5, 'en', partners)).toBe('1,234.5')
    expect(formatValue(t, { value: 12, period: '2024' }, 'en', partners)).toBe('12 (2024)')
    expect(formatValue(t, 'schools', 'en', partners, 'ownerPartnerId')).toBe('City schools')
    expect(formatValue(t, 'schools', 'en', partners, 'statement')).toBe('schools')
  })

  it('falls back to a spelled-out field name, and keeps the document key and colour slots stable', () => {
    expect(fieldLabel(t, 'definitionVersionX', () => false)).toBe('definition version x')
    expect(documentKey('c2c', 'i/c2c/partners/schools')).toBe('partners/schools')
    expect(historyPath('c2c', 'i/c2c/agenda', { from: 3, to: 9 })).toBe('/i/c2c/history/agenda?from=3&to=9')
    expect([...authorSlots(['a', null, 'b', 'a'])]).toEqual([
      ['a', 0],
      ['b', 1],
    ])
  })
})
