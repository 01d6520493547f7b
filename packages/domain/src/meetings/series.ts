// A meeting series: partner executives meet on a cadence (every two weeks by default) at a local
// time in the initiative's time zone, for years. Its occurrences are computed, not stored: local
// wall-clock dates and times (a 17:00 meeting stays at 17:00 across a daylight-saving change),
// each with its instant in UTC; single dates can be cancelled or moved.
import { TZDate } from '@date-fns/tz'
import { addWeeks } from 'date-fns'
import type { ValidationIssue } from '../indicators/definition.ts'

export const DEFAULT_CADENCE_WEEKS = 2
export const SERIES_LIMITS = { title: 200, weeks: 8, durationMinutes: 12 * 60, exceptions: 500 } as const

/** A date moved to another day or time, or cancelled (`to: null`). */
export interface SeriesException {
  /** The occurrence's local date, `YYYY-MM-DD`. */
  date: string
  to: { date: string; time: string } | null
}

export interface MeetingSeries {
  id: string
  title: string
  /** IANA time zone, e.g. `Asia/Jerusalem`. */
  timeZone: string
  /** The first meeting's local date, `YYYY-MM-DD`; later ones follow every `everyWeeks` weeks. */
  startDate: string
  /** Local start time, `HH:MM`. */
  time: string
  durationMinutes: number
  everyWeeks: number
  /** The last date the series may have a meeting on, or null: open-ended. */
  until: string | null
  exceptions: SeriesException[]
}

export interface Occurrence {
  /** The series date this occurrence is (the key of its meeting): `YYYY-MM-DD`. */
  seriesDate: string
  /** Where it actually takes place (a moved occurrence differs). */
  date: string
  time: string
  /** ISO instants in UTC. */
  start: string
  end: string
  moved: boolean
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone.length > 0
  } catch {
    return false
  }
}

function parseDate(date: string): [number, number, number] | null {
  const match = DATE.exec(date)
  if (!match) return null
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const probe = new Date(Date.UTC(y, m - 1, d))
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d ? [y, m, d] : null
}

/** The instant of a local date and time in a zone. */
export function localInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = parseDate(date)!
  const [, hh, mm] = TIME.exec(time)!
  return new Date(new TZDate(y, m - 1, d, Number(hh), Number(mm), timeZone).getTime())
}

const pad = (n: number) => String(n).padStart(2, '0')

function localDateOf(value: TZDate): string {
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`
}

/** Checks a series' fields; never throws. */
export function checkSeries(series: MeetingSeries): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  if (series.title.trim() === '') issues.push({ field: 'title', code: 'required' })
  if (series.title.length > SERIES_LIMITS.title) issues.push({ field: 'title', code: 'too_long' })
  if (!isTimeZone(series.timeZone)) issues.push({ field: 'timeZone', code: 'invalid_choice' })
  if (!parseDate(series.startDate)) issues.push({ field: 'startDate', code: 'invalid_period' })
  if (!TIME.test(series.time)) issues.push({ field: 'time', code: 'invalid_choice' })
  if (!Number.isInteger(series.everyWeeks) || series.everyWeeks < 1 || series.everyWeeks > SERIES_LIMITS.weeks)
    issues.push({ field: 'everyWeeks', code: 'out_of_range' })
  if (!Number.isInteger(series.durationMinutes) || series.durationMinutes < 5 || series.durationMinutes > SERIES_LIMITS.durationMinutes)
    issues.push({ field: 'durationMinutes', code: 'out_of_range' })
  if (series.until !== null && (!parseDate(series.until) || series.until < series.startDate)) issues.push({ field: 'until', code: 'invalid_period' })
  if (series.exceptions.length > SERIES_LIMITS.exceptions) issues.push({ field: 'exceptions', code: 'too_many' })
  series.exceptions.forEach((e, i) => {
    if (!parseDate(e.date)) issues.push({ field: `exceptions.${i}.date`, code: 'invalid_period' })
    if (e.to && (!parseDate(e.to.date) || !TIME.test(e.to.time))) issues.push({ field: `exceptions.${i}.to`, code: 'invalid_period' })
  })
  return issues
}

/**
 * The series' occurrences whose end is after `from` (an instant), in order, at most `count`;
 * cancelled dates are skipped, moved ones appear at their new date and time. A series with
 * issues (checkSeries) has none.
 */
export function occurrences(series: MeetingSeries, from: Date, count: number): Occurrence[] {
  if (checkSeries(series).length > 0 || count <= 0) return []
  const exceptions = new Map(series.exceptions.map((e) => [e.date, e]))
  const [y, m, d] = parseDate(series.startDate)!
  const [, hh, mm] = TIME.exec(series.time)!
  const first = new TZDate(y, m - 1, d, Number(hh), Number(mm), series.timeZone)
  const durationMs = series.durationMinutes * 60_000
  const result: Occurrence[] = []
  // Skip whole cadence steps up to `from` without walking every one (a series may be years old).
  const stepMs = series.everyWeeks * 7 * 86_400_000
  let index = Math.max(0, Math.floor((from.getTime() - first.getTime()) / stepMs) - 1)
  // A moved occurrence may land later than the next dates: look a little further than `count`.
  for (let guard = 0; result.length < count && guard < count * 4 + 60; guard++, index++) {
    const at = addWeeks(first, index * series.everyWeeks)
    const seriesDate = localDateOf(at)
    if (series.until !== null && seriesDate > series.until) break
    const exception = exceptions.get(seriesDate)
    if (exception && exception.to === null) continue
    const date = exception?.to?.date ?? seriesDate
    const time = exception?.to?.time ?? series.time
    const start = exception?.to ? localInstant(date, time, series.timeZone) : new Date(at.getTime())
    const end = new Date(start.getTime() + durationMs)
    if (end.getTime() <= from.getTime()) continue
    result.push({ seriesDate, date, time, start: start.toISOString(), end: end.toISOString(), moved: exception?.to !== undefined && exception.to !== null })
  }
  return result.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)).slice(0, count)
}
