// The report card's pure helpers: values, changes and periods formatted with Intl for the
// reader's language, the chart's rows (actuals, the projection) and its axes (reversed in
// right-to-left languages), the disaggregated series, and the goal / status filters.
import { parsePeriod, type CardIndicator, type ReportCardAnswer } from '@common-ground/domain'
import { intlLocale } from '../../i18n/locale.ts'

type Formatted = Pick<CardIndicator, 'valueType' | 'unit'>
/** Translates a key with values (i18next's `t`, or a stand-in in tests). */
export type Translate = (key: string, values?: Record<string, unknown>) => string

const numberFormat = (language: string, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(intlLocale(language), options)

/** A value as its indicator reads: `68%`, `3,890 children`, `₪2,000,000`, `yes`. */
export function formatValue(value: number, indicator: Formatted, language: string, t: Translate): string {
  switch (indicator.valueType) {
    case 'percent':
      return numberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100)
    case 'boolean':
      return value ? t('reportcard.value.yes') : t('reportcard.value.no')
    case 'currency':
      return withUnit(numberFormat(language, { maximumFractionDigits: 0 }).format(value), indicator.unit)
    default:
      return withUnit(numberFormat(language, { maximumFractionDigits: 2 }).format(value), indicator.unit)
  }
}

/** A value on the chart's axis: short, without the unit's words (`68%`, `3.9K`, `₪2M`). */
export function formatAxisValue(value: number, indicator: Formatted, language: string): string {
  if (indicator.valueType === 'percent') return numberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100)
  const number = numberFormat(language, { notation: 'compact', maximumFractionDigits: 1 }).format(value)
  return indicator.valueType === 'currency' && /^\p{Sc}$/u.test(indicator.unit) ? `${indicator.unit}${number}` : number
}

/** A change with its sign: `+10 pts` for a percentage, `+790 children`, `−3.1 pts`. */
export function formatChange(change: number, indicator: Formatted, language: string, t: Translate): string {
  const signed = numberFormat(language, { maximumFractionDigits: indicator.valueType === 'currency' ? 0 : 1, signDisplay: 'exceptZero' }).format(change)
  if (indicator.valueType === 'percent') return t('reportcard.value.points', { value: signed })
  if (indicator.valueType === 'boolean') return signed
  return withUnit(signed, indicator.unit)
}

/** A share (0.83 → `83%`). */
export function formatShare(share: number, language: string): string {
  return numberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(share)
}

function withUnit(number: string, unit: string): string {
  if (!unit) return number
  // A currency sign goes before the number; words after it.
  return /^\p{Sc}$/u.test(unit) ? `${unit}${number}` : `${number} ${unit}`
}

/** A period for people: `Mar 2026`, `Q1 2026`, `2026`, `2025/26` (in the reader's language). */
export function formatPeriod(id: string, language: string, t: Translate): string {
  const period = parsePeriod(id)
  if (!period) return id
  const year = new Date(period.start).getUTCFullYear()
  const yearText = numberFormat(language, { useGrouping: false }).format(year)
  switch (period.kind) {
    case 'month':
      return new Intl.DateTimeFormat(intlLocale(language), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(period.start)
    case 'quarter':
      return t('reportcard.period.quarter', { quarter: Number(id.slice(-1)), year: yearText })
    case 'year':
      return yearText
    case 'school_year':
      return t('reportcard.period.schoolYear', {
        year: `${yearText}/${numberFormat(language, { minimumIntegerDigits: 2, useGrouping: false }).format((year + 1) % 100)}`,
      })
  }
}

/** Periods oldest first (by their end, so a school year sorts among calendar years). */
export function sortPeriods(ids: Iterable<string>): string[] {
  const end = (id: string) => parsePeriod(id)?.end ?? Number.MAX_SAFE_INTEGER
  return [...new Set(ids)].sort((a, b) => end(a) - end(b) || a.localeCompare(b))
}

export interface ChartRow {
  period: string
  /** The approved value of the period, if any. */
  actual?: number
  /** The projection's line: from the latest value to the projected value at the target date. */
  projection?: number
}

/** The rows of an indicator's chart: every period with a value, then the projection's period. */
export function chartRows(indicator: Pick<CardIndicator, 'series' | 'latest' | 'projection'>): ChartRow[] {
  const rows = new Map<string, ChartRow>()
  const periods = sortPeriods([...indicator.series.map((o) => o.period), ...(indicator.projection ? [indicator.projection.period] : [])])
  for (const period of periods) rows.set(period, { period })
  for (const o of indicator.series) rows.get(o.period)!.actual = o.value
  if (indicator.projection && indicator.latest && indicator.projection.period !== indicator.latest.period) {
    rows.get(indicator.latest.period)!.projection = indicator.latest.value
    rows.get(indicator.projection.period)!.projection = indicator.projection.value
  }
  return [...rows.values()]
}

export interface AxisLayout {
  /** The time axis runs right to left. */
  reversed: boolean
  /** The value axis sits at the start side of the reading direction. */
  valueAxis: 'left' | 'right'
}

export function axisLayout(direction: 'ltr' | 'rtl'): AxisLayout {
  return direction === 'rtl' ? { reversed: true, valueAxis: 'right' } : { reversed: false, valueAxis: 'left' }
}

export interface DisaggregatedView {
  dimension: string
  categories: string[]
  /** One row per period, one key per category (`c0`, `c1`, … in the order of `categories`). */
  rows: ({ period: string } & Record<string, number | string>)[]
  /** Each category's latest value. */
  latest: { category: string; period: string; value: number }[]
}

export function disaggregatedViews(indicator: Pick<CardIndicator, 'disaggregated'>): DisaggregatedView[] {
  return indicator.disaggregated
    .filter((d) => d.categories.some((c) => c.series.length > 0))
    .map((d) => {
      const categories = d.categories.map((c) => c.category)
      const rows = new Map<string, { period: string } & Record<string, number | string>>()
      for (const period of sortPeriods(d.categories.flatMap((c) => c.series.map((o) => o.period)))) rows.set(period, { period })
      d.categories.forEach((c, i) => c.series.forEach((o) => (rows.get(o.period)![`c${i}`] = o.value)))
      const latest = d.categories.flatMap((c) => {
        const last = c.series.at(-1)
        return last ? [{ category: c.category, period: last.period, value: last.value }] : []
      })
      return { dimension: d.dimension, categories, rows: [...rows.values()], latest }
    })
}

export type StatusFilter = 'all' | CardIndicator['status']
export interface CardFilter {
  goalId: string | 'all'
  status: StatusFilter
}

export type CardSection = { id: string; statement: string; population: string; indicators: CardIndicator[] }

/** The goals (and the indicators under no goal, as a last section with id '') the filter keeps, each with the indicators it keeps. */
export function filterCard(card: ReportCardAnswer, filter: CardFilter): CardSection[] {
  const sections: CardSection[] = card.goals.map((g) => ({ id: g.id, statement: g.statement, population: g.population, indicators: g.indicators }))
  if (card.unassigned.length > 0) sections.push({ id: '', statement: '', population: '', indicators: card.unassigned })
  return sections
    .filter((s) => filter.goalId === 'all' || s.id === filter.goalId)
    .map((s) => ({ ...s, indicators: s.indicators.filter((i) => filter.status === 'all' || i.status === filter.status) }))
    .filter((s) => s.indicators.length > 0)
}

/** What the card says about an indicator's direction: the server's trend, or "no data" when it has no value. */
export function trendKey(indicator: Pick<CardIndicator, 'trend' | 'latest'>): 'better' | 'worse' | 'no_change' | 'unknown' | 'no_data' {
  return indicator.latest === null ? 'no_data' : indicator.trend
}
