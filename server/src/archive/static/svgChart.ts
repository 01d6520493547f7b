// A report card indicator's chart as a standalone SVG image, written by hand (no chart library,
// no script, no external font): the approved values as a line with points, the baseline as a
// dashed line, the target as a line (or a band for a target range) with its period marked, the
// projection as a dotted segment. In a right-to-left language the time axis runs right to left.
import { parsePeriod, type CardIndicator } from '@common-ground/domain'

export interface ChartLabels {
  title: string
  actual: string
  baseline: string
  target: string
  projection: string
}

const WIDTH = 560
const HEIGHT = 240
const PAD = { top: 22, bottom: 34, side: 56, far: 16 }
const COLORS = { line: '#0e7090', baseline: '#667085', target: '#067647', band: '#dcfae6', projection: '#0e7090', grid: '#eaecf0', text: '#344054' }

export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

/** Periods oldest first (by their end, so a school year sorts among calendar years). */
export function sortPeriods(ids: Iterable<string>): string[] {
  const end = (id: string) => parsePeriod(id)?.end ?? Number.MAX_SAFE_INTEGER
  return [...new Set(ids)].sort((a, b) => end(a) - end(b) || a.localeCompare(b))
}

/** Short axis values: `68%`, `3.9K`. */
function axisValue(value: number, indicator: Pick<CardIndicator, 'valueType'>, language: string): string {
  if (indicator.valueType === 'percent') return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100)
  return new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: 1 }).format(value)
}

/** Round tick steps (1, 2, 5 × 10^n) covering [min, max]. */
function ticks(min: number, max: number, count = 4): number[] {
  const span = max - min || Math.abs(max) || 1
  const raw = span / count
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw
  const out: number[] = []
  for (let v = Math.floor(min / step) * step; v <= max + step * 0.5; v += step) out.push(Number(v.toPrecision(12)))
  return out
}

export function indicatorChartSvg(indicator: CardIndicator, options: { language: string; rtl: boolean; labels: ChartLabels }): string {
  const { language, rtl, labels } = options
  const series = indicator.series
  const periods = sortPeriods([
    ...series.map((o) => o.period),
    ...(indicator.baseline ? [indicator.baseline.period] : []),
    ...(indicator.target ? [indicator.target.period] : []),
    ...(indicator.projection ? [indicator.projection.period] : []),
  ])
  const values = [
    ...series.map((o) => o.value),
    ...(indicator.baseline ? [indicator.baseline.value] : []),
    ...(indicator.target ? [indicator.target.value, ...(indicator.target.upper !== undefined ? [indicator.target.upper] : [])] : []),
    ...(indicator.projection ? [indicator.projection.value] : []),
  ]
  const out: string[] = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="t" font-family="system-ui, 'Segoe UI', Arial, sans-serif" font-size="12">`,
    `<title id="t">${escapeXml(labels.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
  )
  if (periods.length === 0 || values.length === 0) {
    out.push('</svg>')
    return out.join('\n') + '\n'
  }
  const tickValues = ticks(Math.min(...values), Math.max(...values))
  const lo = tickValues[0]!
  const hi = tickValues.at(-1)! === lo ? lo + 1 : tickValues.at(-1)!
  const left = rtl ? PAD.far : PAD.side
  const right = WIDTH - (rtl ? PAD.side : PAD.far)
  const top = PAD.top
  const bottom = HEIGHT - PAD.bottom
  const xOf = (period: string): number => {
    const i = periods.indexOf(period)
    const share = periods.length === 1 ? 0.5 : i / (periods.length - 1)
    const x = left + 12 + share * (right - left - 24)
    return rtl ? left + right - x : x
  }
  const yOf = (value: number): number => bottom - ((value - lo) / (hi - lo)) * (bottom - top)
  const f = (n: number) => n.toFixed(1)

  // The value axis: grid lines and labels on the start side.
  const labelX = rtl ? right + 6 : left - 6
  for (const v of tickValues) {
    out.push(`<line x1="${f(left)}" x2="${f(right)}" y1="${f(yOf(v))}" y2="${f(yOf(v))}" stroke="${COLORS.grid}"/>`)
    out.push(
      `<text x="${f(labelX)}" y="${f(yOf(v) + 4)}" text-anchor="${rtl ? 'start' : 'end'}" fill="${COLORS.text}">${escapeXml(axisValue(v, indicator, language))}</text>`,
    )
  }
  // The time axis: every period's label (thinned when there are many).
  const every = Math.max(1, Math.ceil(periods.length / 8))
  periods.forEach((period, i) => {
    if (i % every !== 0 && i !== periods.length - 1) return
    out.push(`<text x="${f(xOf(period))}" y="${f(bottom + 18)}" text-anchor="middle" fill="${COLORS.text}" class="period">${escapeXml(period)}</text>`)
  })
  out.push(`<line x1="${f(left)}" x2="${f(right)}" y1="${f(bottom)}" y2="${f(bottom)}" stroke="${COLORS.baseline}"/>`)

  // The target: a band for a range, else a line; its period marked.
  const target = indicator.target
  if (target) {
    if (target.upper !== undefined) {
      const y1 = yOf(target.upper)
      const y2 = yOf(target.value)
      out.push(
        `<rect class="target-band" x="${f(left)}" y="${f(y1)}" width="${f(right - left)}" height="${f(Math.max(1, y2 - y1))}" fill="${COLORS.band}" opacity="0.8"/>`,
      )
    } else {
      out.push(
        `<line class="target" x1="${f(left)}" x2="${f(right)}" y1="${f(yOf(target.value))}" y2="${f(yOf(target.value))}" stroke="${COLORS.target}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
      )
    }
    const tx = xOf(target.period)
    const ty = yOf(target.upper ?? target.value)
    out.push(`<path d="M ${f(tx)} ${f(ty - 7)} l 6 7 l -6 7 l -6 -7 z" fill="${COLORS.target}"/>`)
    out.push(`<text x="${f(tx)}" y="${f(ty - 11)}" text-anchor="middle" fill="${COLORS.target}">${escapeXml(labels.target)}</text>`)
  }
  // The baseline.
  if (indicator.baseline) {
    const y = yOf(indicator.baseline.value)
    out.push(`<line class="baseline" x1="${f(left)}" x2="${f(right)}" y1="${f(y)}" y2="${f(y)}" stroke="${COLORS.baseline}" stroke-dasharray="2 3"/>`)
    out.push(
      `<text x="${f(rtl ? left + 4 : right - 4)}" y="${f(y - 5)}" text-anchor="${rtl ? 'start' : 'end'}" fill="${COLORS.baseline}">${escapeXml(labels.baseline)}</text>`,
    )
  }
  // The projection: from the latest value, dotted.
  const last = series.at(-1)
  if (indicator.projection && last) {
    out.push(
      `<line class="projection" x1="${f(xOf(last.period))}" y1="${f(yOf(last.value))}" x2="${f(xOf(indicator.projection.period))}" y2="${f(yOf(indicator.projection.value))}" stroke="${COLORS.projection}" stroke-width="2" stroke-dasharray="2 4" opacity="0.7"/>`,
    )
  }
  // The approved values.
  if (series.length > 0) {
    const points = series.map((o) => `${f(xOf(o.period))},${f(yOf(o.value))}`).join(' ')
    out.push(`<polyline class="actual" points="${points}" fill="none" stroke="${COLORS.line}" stroke-width="2.5" stroke-linejoin="round"/>`)
    for (const o of series)
      out.push(
        `<circle cx="${f(xOf(o.period))}" cy="${f(yOf(o.value))}" r="3.5" fill="${COLORS.line}"><title>${escapeXml(`${o.period}: ${axisValue(o.value, indicator, language)}`)}</title></circle>`,
      )
  }
  // The legend, on the start side of the top edge.
  const legend = `${labels.actual}`
  out.push(
    `<text x="${f(rtl ? right : left)}" y="14" text-anchor="${rtl ? 'end' : 'start'}" fill="${COLORS.line}" font-weight="600">${escapeXml(legend)}</text>`,
  )
  out.push('</svg>')
  return out.join('\n') + '\n'
}
