import { describe, expect, it } from 'vitest'
import { comparePeriods, parsePeriod, periodContaining, previousPeriod } from './periods.ts'

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`)

describe('periods', () => {
  it('parses the four forms into half-open UTC intervals', () => {
    expect(parsePeriod('2026-03')).toEqual({ id: '2026-03', kind: 'month', start: day('2026-03-01'), end: day('2026-04-01') })
    expect(parsePeriod('2026-q4')).toEqual({ id: '2026-Q4', kind: 'quarter', start: day('2026-10-01'), end: day('2027-01-01') })
    expect(parsePeriod(' 2026 ')).toEqual({ id: '2026', kind: 'year', start: day('2026-01-01'), end: day('2027-01-01') })
    expect(parsePeriod('2025/26')).toEqual({ id: '2025/26', kind: 'school_year', start: day('2025-09-01'), end: day('2026-09-01') })
    expect(parsePeriod('1999/00')?.end).toBe(day('2000-09-01'))
  })

  it.each(['', '2026-13', '2026-00', '2026-Q5', '2025/27', '26', '1800', 'March 2026', '2026-3', null, 2026])('names no period: %j', (text) => {
    expect(parsePeriod(text)).toBeNull()
  })

  it('finds the period containing a time, and the one before', () => {
    const t = day('2026-02-15')
    expect(periodContaining('month', t).id).toBe('2026-02')
    expect(periodContaining('quarter', t).id).toBe('2026-Q1')
    expect(periodContaining('year', t).id).toBe('2026')
    expect(periodContaining('school_year', t).id).toBe('2025/26')
    expect(periodContaining('school_year', day('2026-09-01')).id).toBe('2026/27')
    expect(previousPeriod(parsePeriod('2026-01')!).id).toBe('2025-12')
    expect(previousPeriod(parsePeriod('2026-Q1')!).id).toBe('2025-Q4')
    expect(previousPeriod(parsePeriod('2000/01')!).id).toBe('1999/00')
  })

  it('orders periods of different forms by their end', () => {
    const ids = ['2026', '2025/26', '2026-Q1', '2025-12', '2026-12'].map((p) => parsePeriod(p)!)
    expect(ids.sort(comparePeriods).map((p) => p.id)).toEqual(['2025-12', '2026-Q1', '2025/26', '2026-12', '2026'])
  })
})
