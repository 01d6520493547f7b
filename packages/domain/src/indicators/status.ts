// The report card's arithmetic for one indicator: baseline → latest → target, progress, trend,
// status against the target (from a projection to the target's period), and data freshness
// against the reporting frequency. Pure: the same answers on the server (read model, API, public
// card) and in the client (live preview while a value is typed).
import type { Frequency, IndicatorDefinition, Polarity, Target, ValueType } from './definition.ts'
import { ADDITIVE_VALUE_TYPES } from './definition.ts'
import { parsePeriod, periodContaining, periodMidpoint, previousPeriod, type Period, type PeriodKind } from './periods.ts'

/** One value of the initiative-wide series (approved data only). */
export interface Observation {
  period: string
  value: number
}

export type Trend = 'better' | 'worse' | 'no_change' | 'unknown'
export type TargetStatus = 'on_track' | 'at_risk' | 'off_track' | 'unknown'
export type Freshness = 'current' | 'stale' | 'missing'

export interface IndicatorStatus {
  baseline: Observation | null
  latest: Observation | null
  /** The value the trend compares the latest with (the one before it, or the baseline). */
  previous: Observation | null
  /** The target the status is measured against: the first whose period the data has not reached, else the last. */
  target: Target | null
  targetMet: boolean
  /** The share of the way from the baseline to the target that the latest value has come (1 = there). */
  progress: number | null
  changeSinceBaseline: number | null
  trend: Trend
  status: TargetStatus
  /** The straight-line projection of the series to the target's period. */
  projection: Observation | null
  freshness: Freshness
  /** The most recent period whose value should have been reported by now. */
  duePeriod: string
}

export const FREQUENCY_PERIOD: Record<Frequency, PeriodKind> = { monthly: 'month', quarterly: 'quarter', yearly: 'year', school_year: 'school_year' }

/** How long after a period ends its value is due (a reporting lag), in days. */
export const REPORTING_LAG_DAYS: Record<Frequency, number> = { monthly: 31, quarterly: 45, yearly: 120, school_year: 120 }

/** Projected progress at or above this share of the way to the target is "at risk", below it "off track". */
export const AT_RISK_PROGRESS = 0.75

const DAY_MS = 86_400_000
const YEAR_MS = 365.25 * DAY_MS

export function meetsTarget(value: number, target: Target, polarity: Polarity): boolean {
  switch (polarity) {
    case 'higher_is_better':
      return value >= target.value
    case 'lower_is_better':
      return value <= target.value
    case 'target_range':
      return value >= target.value && value <= (target.upper ?? target.value)
  }
}

/** How far a value is from good, for comparing two values: lower is better. */
function badness(value: number, polarity: Polarity, target: Target | null): number {
  switch (polarity) {
    case 'higher_is_better':
      return -value
    case 'lower_is_better':
      return value
    case 'target_range': {
      if (!target) return 0
      const upper = target.upper ?? target.value
      return value < target.value ? target.value - value : value > upper ? value - upper : 0
    }
  }
}

/** The period of an observation (observations hold valid periods; a bad one sorts first). */
function periodOf(o: Observation): Period {
  return parsePeriod(o.period) ?? { id: o.period, kind: 'year', start: -Infinity, end: -Infinity }
}

/** Least-squares line through the points (x in years), evaluated at x; null with fewer than two distinct x. */
function project(points: { x: number; y: number }[], x: number): number | null {
  if (points.length < 2) return null
  const n = points.length
  const mx = points.reduce((s, p) => s + p.x, 0) / n
  const my = points.reduce((s, p) => s + p.y, 0) / n
  let sxx = 0
  let sxy = 0
  for (const p of points) {
    sxx += (p.x - mx) ** 2
    sxy += (p.x - mx) * (p.y - my)
  }
  if (sxx === 0) return null
  return my + (sxy / sxx) * (x - mx)
}

/** The report card figures of one indicator from its definition and its approved series. */
export function indicatorStatus(definition: IndicatorDefinition, series: readonly Observation[], asOf: number): IndicatorStatus {
  const observed = [...series].filter((o) => Number.isFinite(o.value)).sort((a, b) => periodOf(a).end - periodOf(b).end)
  const baseline = definition.baseline
  const latest = observed.at(-1) ?? null
  const latestPeriod = latest ? periodOf(latest) : null
  let previous: Observation | null = observed.length >= 2 ? observed.at(-2)! : null
  if (!previous && baseline && latestPeriod && parsePeriod(baseline.period)!.end < latestPeriod.end) previous = baseline

  const targets = definition.targets
  const target = (latestPeriod ? targets.find((t) => parsePeriod(t.period)!.end > latestPeriod.end) : targets[0]) ?? targets.at(-1) ?? null
  const targetMet = latest !== null && target !== null && meetsTarget(latest.value, target, definition.polarity)

  // Trend: latest against previous, honouring the minimum meaningful change and the polarity.
  let trend: Trend = 'unknown'
  if (latest && previous) {
    const delta = badness(previous.value, definition.polarity, target) - badness(latest.value, definition.polarity, target)
    const threshold = definition.minChange ?? 0
    trend = Math.abs(delta) <= threshold && (threshold > 0 || delta === 0) ? 'no_change' : delta > 0 ? 'better' : 'worse'
  }

  const start = baseline ?? observed[0] ?? null
  let progress: number | null = null
  if (latest && start && target) {
    const goal = definition.polarity === 'target_range' ? nearestBound(start.value, target) : target.value
    progress = goal === start.value ? (targetMet ? 1 : 0) : (latest.value - start.value) / (goal - start.value)
  }

  // Status against the target.
  let status: TargetStatus = 'unknown'
  let projection: Observation | null = null
  if (latest && target && latestPeriod) {
    const targetPeriod = parsePeriod(target.period)!
    if (targetMet) status = 'on_track'
    else if (latestPeriod.end >= targetPeriod.end || asOf >= targetPeriod.end + REPORTING_LAG_DAYS[definition.frequency] * DAY_MS) status = 'off_track'
    else if (definition.valueType === 'boolean') status = 'at_risk'
    else {
      const points = [...(baseline && !observed.some((o) => o.period === baseline.period) ? [baseline] : []), ...observed].map((o) => ({
        x: periodMidpoint(periodOf(o)) / YEAR_MS,
        y: o.value,
      }))
      const projected = project(points, periodMidpoint(targetPeriod) / YEAR_MS)
      if (projected !== null) {
        projection = { period: target.period, value: projected }
        if (meetsTarget(projected, target, definition.polarity)) status = 'on_track'
        else if (start) {
          const goal = definition.polarity === 'target_range' ? nearestBound(start.value, target) : target.value
          const share = goal === start.value ? 0 : (projected - start.value) / (goal - start.value)
          status = share >= AT_RISK_PROGRESS ? 'at_risk' : 'off_track'
        }
      }
    }
  }

  const due = duePeriod(definition.frequency, asOf)
  const freshness: Freshness = !latestPeriod ? 'missing' : latestPeriod.end >= due.end ? 'current' : 'stale'

  return {
    baseline,
    latest,
    previous,
    target,
    targetMet,
    progress,
    changeSinceBaseline: latest && baseline ? latest.value - baseline.value : null,
    trend,
    status,
    projection,
    freshness,
    duePeriod: due.id,
  }
}

function nearestBound(value: number, target: Target): number {
  const upper = target.upper ?? target.value
  return value < target.value ? target.value : value > upper ? upper : value
}

/** The most recent period of the frequency whose reporting lag has passed at `asOf`. */
export function duePeriod(frequency: Frequency, asOf: number): Period {
  let period = previousPeriod(periodContaining(FREQUENCY_PERIOD[frequency], asOf))
  while (period.end + REPORTING_LAG_DAYS[frequency] * DAY_MS > asOf) period = previousPeriod(period)
  return period
}

/** One reported value: initiative-wide (partner and category null), or one partner's, or one category's. */
export interface MeasurementValue {
  period: string
  value: number
  partnerId: string | null
  /** `{ dimension: category }`, e.g. `{ gender: 'girls' }`; null for all categories together. */
  category: Record<string, string> | null
}

/**
 * The initiative-wide series: per period, the reported total (no partner, no category); where
 * only parts were reported and the value type adds up (counts, money), the sum of the partners'
 * totals. Other types are never summed: a period without a reported total has no value.
 */
export function totalSeries(valueType: ValueType, values: readonly MeasurementValue[]): Observation[] {
  const byPeriod = new Map<string, { total: number | null; partners: Map<string, number> }>()
  for (const v of values) {
    if (v.category !== null) continue
    const entry = byPeriod.get(v.period) ?? { total: null, partners: new Map() }
    if (v.partnerId === null) entry.total = v.value
    else entry.partners.set(v.partnerId, v.value)
    byPeriod.set(v.period, entry)
  }
  const additive = ADDITIVE_VALUE_TYPES.includes(valueType)
  const series: Observation[] = []
  for (const [period, entry] of byPeriod) {
    if (entry.total !== null) series.push({ period, value: entry.total })
    else if (additive && entry.partners.size > 0) series.push({ period, value: [...entry.partners.values()].reduce((a, b) => a + b, 0) })
  }
  return series.sort((a, b) => periodOf(a).end - periodOf(b).end)
}

export interface Headline {
  total: number
  /** Indicators whose latest change went the right way, of those with a trend. */
  trendingRight: number
  withTrend: number
  onTrack: number
  withStatus: number
}

/** "x of n indicators trending in the right direction", "x of n on track". */
export function headline(statuses: readonly IndicatorStatus[]): Headline {
  return {
    total: statuses.length,
    trendingRight: statuses.filter((s) => s.trend === 'better').length,
    withTrend: statuses.filter((s) => s.trend !== 'unknown').length,
    onTrack: statuses.filter((s) => s.status === 'on_track').length,
    withStatus: statuses.filter((s) => s.status !== 'unknown').length,
  }
}
