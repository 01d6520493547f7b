// Reporting periods: how a measurement says when it applies. Four forms, each a half-open
// interval [start, end) in UTC:
//   month        2026-03      (March 2026)
//   quarter      2026-Q1      (January–March 2026)
//   year         2026         (calendar year)
//   school year  2025/26      (1 September 2025 – 31 August 2026)
// Periods of different forms can be compared by their end (an indicator may be reported by
// school year while its target is for a calendar year).

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'school_year'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

export interface Period {
  /** The canonical text form (`2026-03`, `2026-Q1`, `2026`, `2025/26`). */
  id: string
  kind: PeriodKind
  /** Inclusive start, ms since the epoch (UTC midnight). */
  start: number
  /** Exclusive end, ms since the epoch (UTC midnight of the next period's first day). */
  end: number
}

const MIN_YEAR = 1900
const MAX_YEAR = 2200

function utc(year: number, monthIndex: number): number {
  return Date.UTC(year, monthIndex, 1)
}

/** The period a text names, or null when it names none. */
export function parsePeriod(text: unknown): Period | null {
  if (typeof text !== 'string') return null
  const s = text.trim()
  let m = /^(\d{4})-(\d{2})$/.exec(s)
  if (m) {
    const year = Number(m[1])
    const month = Number(m[2])
    if (month < 1 || month > 12 || !yearOk(year)) return null
    return { id: `${m[1]}-${m[2]}`, kind: 'month', start: utc(year, month - 1), end: utc(year, month) }
  }
  m = /^(\d{4})-Q([1-4])$/i.exec(s)
  if (m) {
    const year = Number(m[1])
    const q = Number(m[2])
    if (!yearOk(year)) return null
    return { id: `${m[1]}-Q${q}`, kind: 'quarter', start: utc(year, (q - 1) * 3), end: utc(year, q * 3) }
  }
  m = /^(\d{4})$/.exec(s)
  if (m) {
    const year = Number(m[1])
    if (!yearOk(year)) return null
    return { id: m[1]!, kind: 'year', start: utc(year, 0), end: utc(year + 1, 0) }
  }
  m = /^(\d{4})\/(\d{2})$/.exec(s)
  if (m) {
    const year = Number(m[1])
    if (!yearOk(year) || Number(m[2]) !== (year + 1) % 100) return null
    return { id: `${m[1]}/${m[2]}`, kind: 'school_year', start: utc(year, 8), end: utc(year + 1, 8) }
  }
  return null
}

function yearOk(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR
}

export function isPeriod(text: unknown): text is string {
  return parsePeriod(text) !== null
}

/** The period of a kind that contains a time. */
export function periodContaining(kind: PeriodKind, time: number): Period {
  const d = new Date(time)
  const year = d.getUTCFullYear()
  const month = d.getUTCMonth()
  const pad = (n: number) => String(n).padStart(2, '0')
  switch (kind) {
    case 'month':
      return parsePeriod(`${year}-${pad(month + 1)}`)!
    case 'quarter':
      return parsePeriod(`${year}-Q${Math.floor(month / 3) + 1}`)!
    case 'year':
      return parsePeriod(String(year))!
    case 'school_year': {
      const first = month >= 8 ? year : year - 1
      return parsePeriod(`${first}/${pad((first + 1) % 100)}`)!
    }
  }
}

/** The period of the same kind just before `period`. */
export function previousPeriod(period: Period): Period {
  return periodContaining(period.kind, period.start - 1)
}

/** Orders periods by end, then by start (a shorter period ending at the same time comes later). */
export function comparePeriods(a: Period, b: Period): number {
  return a.end - b.end || b.start - a.start
}

/** The middle of a period: where its value sits on a time axis (trend lines, charts). */
export function periodMidpoint(period: Period): number {
  return period.start + (period.end - period.start) / 2
}
