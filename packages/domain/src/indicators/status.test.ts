// Hand-checked examples: each figure below was worked out on paper from the numbers given.
import { describe, expect, it } from 'vitest'
import { checkIndicator, type IndicatorDefinition } from './definition.ts'
import { duePeriod, headline, indicatorStatus, totalSeries } from './status.ts'

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`)
function define(raw: Record<string, unknown>): IndicatorDefinition {
  const { definition, issues } = checkIndicator({ id: 'i', name: 'n', ...raw }, { partnerIds: [] })
  expect(issues).toEqual([])
  return definition
}

describe('indicatorStatus', () => {
  const readiness = define({
    valueType: 'percent',
    polarity: 'higher_is_better',
    baseline: { value: 52, period: '2022' },
    targets: [{ value: 70, period: '2028' }],
    frequency: 'yearly',
    minChange: 1,
  })
  const series = [
    { period: '2024', value: 57 },
    { period: '2023', value: 54 },
    { period: '2025', value: 59 },
  ]

  it('higher is better, improving too slowly: better trend, at risk', () => {
    const s = indicatorStatus(readiness, series, day('2026-06-01'))
    expect(s.latest).toEqual({ period: '2025', value: 59 })
    expect(s.previous).toEqual({ period: '2024', value: 57 })
    expect(s.trend).toBe('better')
    expect(s.target).toEqual({ period: '2028', value: 70 })
    expect(s.targetMet).toBe(false)
    expect(s.progress).toBeCloseTo(7 / 18, 6)
    expect(s.changeSinceBaseline).toBe(7)
    // Least squares through (2022, 52) … (2025, 59): 2.4 a year → 66.3 in 2028; 14.3 of 18 = 0.79 ≥ 0.75.
    expect(s.projection!.value).toBeCloseTo(66.3, 1)
    expect(s.status).toBe('at_risk')
    expect(s.freshness).toBe('current')
    expect(s.duePeriod).toBe('2025')
  })

  it('data goes stale once the next period is due', () => {
    expect(indicatorStatus(readiness, series, day('2026-03-01')).duePeriod).toBe('2024')
    const later = indicatorStatus(readiness, series, day('2027-06-01'))
    expect(later.duePeriod).toBe('2026')
    expect(later.freshness).toBe('stale')
  })

  it('lower is better, a change below the minimum meaningful change is no change; far from target is off track', () => {
    const absenteeism = define({
      valueType: 'percent',
      polarity: 'lower_is_better',
      baseline: { value: 24, period: '2022/23' },
      targets: [{ value: 15, period: '2026/27' }],
      frequency: 'school_year',
      minChange: 1,
    })
    const s = indicatorStatus(
      absenteeism,
      [
        { period: '2023/24', value: 22 },
        { period: '2024/25', value: 21.5 },
      ],
      day('2025-10-01'),
    )
    expect(s.trend).toBe('no_change')
    expect(s.progress).toBeCloseTo(2.5 / 9, 6)
    // Through 24, 22, 21.5: −1.25 a year → 18.75 in 2026/27; 5.25 of 9 = 0.58 < 0.75.
    expect(s.projection!.value).toBeCloseTo(18.75, 1)
    expect(s.status).toBe('off_track')
    expect(s.changeSinceBaseline).toBe(-2.5)
    // Without a minimum, any change counts: 22 → 21.5 is better.
    expect(
      indicatorStatus(
        { ...absenteeism, minChange: null },
        [
          { period: '2023/24', value: 22 },
          { period: '2024/25', value: 21.5 },
        ],
        day('2025-10-01'),
      ).trend,
    ).toBe('better')
  })

  it('a target already met is on track; a target period reached without it is off track', () => {
    const met = indicatorStatus(readiness, [...series, { period: '2026', value: 71 }], day('2026-06-01'))
    expect(met.targetMet).toBe(true)
    expect(met.status).toBe('on_track')
    expect(met.progress).toBeCloseTo(19 / 18, 6)

    const missed = define({ polarity: 'higher_is_better', targets: [{ value: 80, period: '2024' }], frequency: 'yearly' })
    const s = indicatorStatus(
      missed,
      [
        { period: '2023', value: 70 },
        { period: '2024', value: 75 },
      ],
      day('2025-02-01'),
    )
    expect(s.target).toEqual({ period: '2024', value: 80 })
    expect(s.status).toBe('off_track')
    // The baseline falls back to the first value for progress: (75 − 70) / (80 − 70).
    expect(s.progress).toBeCloseTo(0.5, 6)
    expect(s.changeSinceBaseline).toBeNull()
  })

  it('a target range: closer to the range is better', () => {
    const classSize = define({
      valueType: 'count',
      polarity: 'target_range',
      baseline: { value: 31, period: '2023' },
      targets: [{ value: 20, upper: 25, period: '2027' }],
      frequency: 'yearly',
    })
    const s = indicatorStatus(
      classSize,
      [
        { period: '2024', value: 29 },
        { period: '2025', value: 27 },
      ],
      day('2026-02-01'),
    )
    expect(s.trend).toBe('better')
    expect(s.progress).toBeCloseTo(4 / 6, 6)
    // 31, 29, 27: −2 a year → 23 in 2027, inside 20–25.
    expect(s.projection!.value).toBeCloseTo(23, 1)
    expect(s.status).toBe('on_track')
  })

  it('no data: nothing is claimed', () => {
    const s = indicatorStatus(readiness, [], day('2026-06-01'))
    expect(s).toMatchObject({ latest: null, previous: null, trend: 'unknown', status: 'unknown', freshness: 'missing', progress: null, projection: null })
    // One value after the baseline gives a trend against the baseline.
    const one = indicatorStatus(readiness, [{ period: '2023', value: 50 }], day('2024-06-01'))
    expect(one.previous).toEqual({ period: '2022', value: 52 })
    expect(one.trend).toBe('worse')
  })

  it('yes/no indicators: met or not yet, no projection', () => {
    const policy = define({ valueType: 'boolean', targets: [{ value: 1, period: '2027' }], frequency: 'yearly' })
    expect(indicatorStatus(policy, [{ period: '2025', value: 0 }], day('2026-02-01')).status).toBe('at_risk')
    expect(indicatorStatus(policy, [{ period: '2025', value: 1 }], day('2026-02-01')).status).toBe('on_track')
  })
})

describe('totalSeries', () => {
  const values = [
    { period: '2024', value: 10, partnerId: 'a', category: null },
    { period: '2024', value: 5, partnerId: 'b', category: null },
    { period: '2024', value: 3, partnerId: null, category: { gender: 'girls' } },
    { period: '2025', value: 12, partnerId: 'a', category: null },
    { period: '2025', value: 20, partnerId: null, category: null },
  ]
  it('prefers a reported total, sums partners only for counts and money', () => {
    expect(totalSeries('count', values)).toEqual([
      { period: '2024', value: 15 },
      { period: '2025', value: 20 },
    ])
    expect(totalSeries('percent', values)).toEqual([{ period: '2025', value: 20 }])
  })
})

describe('headline and due periods', () => {
  it('counts trending right and on track among those that have a trend or a status', () => {
    const base = {
      baseline: null,
      latest: null,
      previous: null,
      target: null,
      targetMet: false,
      progress: null,
      changeSinceBaseline: null,
      projection: null,
      freshness: 'missing' as const,
      duePeriod: '2025',
    }
    const h = headline([
      { ...base, trend: 'better', status: 'on_track' },
      { ...base, trend: 'worse', status: 'at_risk' },
      { ...base, trend: 'unknown', status: 'unknown' },
    ])
    expect(h).toEqual({ total: 3, trendingRight: 1, withTrend: 2, onTrack: 1, withStatus: 2 })
  })

  it('gives each frequency its reporting lag', () => {
    expect(duePeriod('monthly', day('2026-03-15')).id).toBe('2026-01')
    expect(duePeriod('quarterly', day('2026-03-15')).id).toBe('2025-Q4')
    expect(duePeriod('quarterly', day('2026-02-01')).id).toBe('2025-Q3')
    expect(duePeriod('school_year', day('2026-12-31')).id).toBe('2025/26')
    expect(duePeriod('school_year', day('2026-11-01')).id).toBe('2024/25')
  })
})
