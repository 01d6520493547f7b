import { describe, expect, it } from 'vitest'
import type { CardIndicator, ReportCardAnswer } from '@common-ground/domain'
import {
  axisLayout,
  chartRows,
  disaggregatedViews,
  filterCard,
  formatAxisValue,
  formatChange,
  formatPeriod,
  formatValue,
  sortPeriods,
  trendKey,
} from './format.ts'

const t = (key: string, values?: Record<string, unknown>) => `${key}${values ? JSON.stringify(values) : ''}`

describe('formatting', () => {
  it('formats values by type and language', () => {
    expect(formatValue(68, { valueType: 'percent', unit: '%' }, 'en', t)).toBe('68%')
    expect(formatValue(21.15, { valueType: 'percent', unit: '%' }, 'en', t)).toBe('21.2%')
    expect(formatValue(3890, { valueType: 'count', unit: 'children' }, 'en', t)).toBe('3,890 children')
    expect(formatValue(2_000_000, { valueType: 'currency', unit: '₪' }, 'en', t)).toBe('₪2,000,000')
    expect(formatValue(1, { valueType: 'boolean', unit: '' }, 'en', t)).toBe('reportcard.value.yes')
    expect(formatValue(3890, { valueType: 'count', unit: '' }, 'he', t)).toBe(new Intl.NumberFormat('he').format(3890))
  })

  it('keeps axis values short', () => {
    expect(formatAxisValue(4500, { valueType: 'count', unit: 'children' }, 'en')).toBe('4.5K')
    expect(formatAxisValue(2_000_000, { valueType: 'currency', unit: '₪' }, 'en')).toBe('₪2M')
    expect(formatAxisValue(62.5, { valueType: 'percent', unit: '%' }, 'en')).toBe('62.5%')
  })

  it('signs changes, in points for percentages', () => {
    expect(formatChange(10, { valueType: 'percent', unit: '%' }, 'en', t)).toBe('reportcard.value.points{"value":"+10"}')
    expect(formatChange(-3.14, { valueType: 'count', unit: 'students' }, 'en', t)).toBe('-3.1 students')
    expect(formatChange(0, { valueType: 'count', unit: '' }, 'en', t)).toBe('0')
  })

  it('names periods', () => {
    expect(formatPeriod('2026-03', 'en', t)).toBe('Mar 2026')
    expect(formatPeriod('2026-Q1', 'en', t)).toBe('reportcard.period.quarter{"quarter":1,"year":"2026"}')
    expect(formatPeriod('2026', 'en', t)).toBe('2026')
    expect(formatPeriod('2025/26', 'en', t)).toBe('reportcard.period.schoolYear{"year":"2025/26"}')
    expect(formatPeriod('2099/00', 'en', t)).toBe('reportcard.period.schoolYear{"year":"2099/00"}')
    expect(formatPeriod('nonsense', 'en', t)).toBe('nonsense')
    expect(formatPeriod('2026-03', 'he', t)).toBe(
      new Intl.DateTimeFormat('he', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2026, 2, 1)),
    )
  })

  it('sorts periods of different kinds by their end', () => {
    expect(sortPeriods(['2026', '2025/26', '2025-Q4', '2025', '2025-Q4'])).toEqual(['2025', '2025-Q4', '2025/26', '2026'])
  })
})

describe('the chart', () => {
  it('has a row per period with a value and the projection from the latest value to the target date', () => {
    const rows = chartRows({
      series: [
        { period: '2024', value: 3 },
        { period: '2023', value: 2 },
      ],
      latest: { period: '2024', value: 3 },
      projection: { period: '2027', value: 5.5 },
    })
    expect(rows).toEqual([
      { period: '2023', actual: 2 },
      { period: '2024', actual: 3, projection: 3 },
      { period: '2027', projection: 5.5 },
    ])
    expect(chartRows({ series: [], latest: null, projection: null })).toEqual([])
  })

  it('runs the time axis right to left in rtl, with the value axis on the right', () => {
    expect(axisLayout('rtl')).toEqual({ reversed: true, valueAxis: 'right' })
    expect(axisLayout('ltr')).toEqual({ reversed: false, valueAxis: 'left' })
  })

  it('shapes disaggregated series, skipping dimensions without values', () => {
    const views = disaggregatedViews({
      disaggregated: [
        {
          dimension: 'gender',
          categories: [
            { category: 'girls', series: [{ period: '2024', value: 5 }] },
            {
              category: 'boys',
              series: [
                { period: '2023', value: 3 },
                { period: '2024', value: 4 },
              ],
            },
          ],
        },
        { dimension: 'age', categories: [{ category: '0-3', series: [] }] },
      ],
    })
    expect(views).toEqual([
      {
        dimension: 'gender',
        categories: ['girls', 'boys'],
        rows: [
          { period: '2023', c1: 3 },
          { period: '2024', c0: 5, c1: 4 },
        ],
        latest: [
          { category: 'girls', period: '2024', value: 5 },
          { category: 'boys', period: '2024', value: 4 },
        ],
      },
    ])
  })
})

describe('filters', () => {
  const indicator = (id: string, status: CardIndicator['status']) => ({ id, status }) as CardIndicator
  const headline = { total: 0, trendingRight: 0, withTrend: 0, onTrack: 0, withStatus: 0 }
  const card = {
    initiativeId: 'x',
    asOf: '',
    dataAsOf: null,
    headline,
    goals: [
      { id: 'g1', statement: 'One', population: '', headline, indicators: [indicator('a', 'on_track'), indicator('b', 'off_track')] },
      { id: 'g2', statement: 'Two', population: '', headline, indicators: [indicator('c', 'off_track')] },
    ],
    unassigned: [indicator('d', 'unknown')],
  } satisfies ReportCardAnswer

  it('keeps the chosen goal and status, and drops goals left empty', () => {
    expect(filterCard(card, { goalId: 'all', status: 'all' }).map((s) => [s.id, s.indicators.map((i) => i.id)])).toEqual([
      ['g1', ['a', 'b']],
      ['g2', ['c']],
      ['', ['d']],
    ])
    expect(filterCard(card, { goalId: 'all', status: 'off_track' }).map((s) => [s.id, s.indicators.map((i) => i.id)])).toEqual([
      ['g1', ['b']],
      ['g2', ['c']],
    ])
    expect(filterCard(card, { goalId: 'g1', status: 'off_track' }).map((s) => s.indicators.map((i) => i.id))).toEqual([['b']])
    expect(filterCard(card, { goalId: 'g2', status: 'on_track' })).toEqual([])
  })

  it('says "no data" for an indicator without a value, else the server\'s trend', () => {
    expect(trendKey({ trend: 'unknown', latest: null })).toBe('no_data')
    expect(trendKey({ trend: 'worse', latest: { period: '2024', value: 1 } })).toBe('worse')
  })
})
