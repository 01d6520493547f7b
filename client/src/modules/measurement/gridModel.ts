// The measurement grid as plain data: which rows (indicator × reporter, and per category when
// expanded), which period columns (the recent periods of each frequency, with an offset for older
// ones), keyboard movement over the cells, and a pasted tab-separated block. No React, no Yjs.
import Papa from 'papaparse'
import { FREQUENCY_PERIOD, periodContaining, previousPeriod, type CellCoordinates, type Frequency, type Period } from '@common-ground/domain'
import type { IndicatorRecordView } from '@common-ground/domain'

/** How many period columns the grid shows at once. */
export const GRID_COLUMNS = 6

export const FREQUENCY_ORDER: readonly Frequency[] = ['monthly', 'quarterly', 'school_year', 'yearly']

/**
 * The `count` periods of a frequency ending `offset` periods before the one containing `now`,
 * oldest first (in a right-to-left page the oldest is on the right).
 */
export function periodsFor(frequency: Frequency, count: number, offset: number, now: number): Period[] {
  let period = periodContaining(FREQUENCY_PERIOD[frequency], now)
  for (let i = 0; i < offset; i++) period = previousPeriod(period)
  const periods: Period[] = [period]
  while (periods.length < count) periods.unshift(previousPeriod(periods[0]!))
  return periods
}

/** One data row of the grid: a reporter's values of one indicator (or of one category of it). */
export interface GridRow {
  /** Unique within the grid. */
  id: string
  indicator: IndicatorRecordView
  partnerId: string
  dimension: string
  category: string
  /** The row can be expanded into per-category rows. */
  expandable: boolean
  /** The partner's or initiative-wide row (0) or a category row under it (1). */
  depth: 0 | 1
  periods: Period[]
}

/** A frequency group's heading line (its period columns) or a data row. */
export type GridLine = { type: 'header'; id: string; frequency: Frequency; periods: Period[] } | { type: 'row'; row: GridRow }

export function rowId(indicatorId: string, partnerId: string, dimension = '', category = ''): string {
  return JSON.stringify([indicatorId, partnerId, dimension, category])
}

export interface GridInput {
  indicators: readonly IndicatorRecordView[]
  /** The reporters shown for every indicator ('' initiative-wide), in order. */
  reporters: readonly string[]
  /** rowId()s of the expanded rows. */
  expanded: ReadonlySet<string>
  offset: number
  now: number
  columns?: number
}

/** The grid's lines: per frequency (monthly first), a heading, then its indicators × reporters (and their categories). */
export function buildLines(input: GridInput): GridLine[] {
  const columns = input.columns ?? GRID_COLUMNS
  const lines: GridLine[] = []
  for (const frequency of FREQUENCY_ORDER) {
    const indicators = input.indicators.filter((i) => i.frequency === frequency)
    if (indicators.length === 0) continue
    const periods = periodsFor(frequency, columns, input.offset, input.now)
    lines.push({ type: 'header', id: `header:${frequency}`, frequency, periods })
    for (const indicator of indicators) {
      for (const partnerId of input.reporters) {
        const id = rowId(indicator.id, partnerId)
        const expandable = indicator.disaggregations.some((d) => d.categories.length > 0)
        lines.push({ type: 'row', row: { id, indicator, partnerId, dimension: '', category: '', expandable, depth: 0, periods } })
        if (!expandable || !input.expanded.has(id)) continue
        for (const d of indicator.disaggregations) {
          for (const category of d.categories) {
            lines.push({
              type: 'row',
              row: {
                id: rowId(indicator.id, partnerId, d.dimension, category),
                indicator,
                partnerId,
                dimension: d.dimension,
                category,
                expandable: false,
                depth: 1,
                periods,
              },
            })
          }
        }
      }
    }
  }
  return lines
}

/** The cell a grid position names. */
export function cellAt(row: GridRow, column: number): CellCoordinates | null {
  const period = row.periods[column]
  if (!period) return null
  return { indicatorId: row.indicator.id, period: period.id, partnerId: row.partnerId, dimension: row.dimension, category: row.category }
}

export interface Position {
  row: number
  column: number
}

export interface MoveKey {
  key: string
  shiftKey?: boolean
  ctrlKey?: boolean
  metaKey?: boolean
}

/**
 * Where a key moves the selection among `rows` × `columns` data cells, or null when the key
 * does not move it. `rtl`: the columns run right to left, so ArrowLeft goes to the next column.
 */
export function move(from: Position, key: MoveKey, rows: number, columns: number, rtl: boolean): Position | null {
  if (rows === 0 || columns === 0) return null
  const clamp = (p: Position): Position => ({ row: Math.max(0, Math.min(rows - 1, p.row)), column: Math.max(0, Math.min(columns - 1, p.column)) })
  const jump = key.ctrlKey || key.metaKey
  switch (key.key) {
    case 'ArrowUp':
      return clamp({ row: jump ? 0 : from.row - 1, column: from.column })
    case 'ArrowDown':
      return clamp({ row: jump ? rows - 1 : from.row + 1, column: from.column })
    case 'ArrowLeft':
    case 'ArrowRight': {
      const forward = (key.key === 'ArrowRight') !== rtl
      return clamp({ row: from.row, column: jump ? (forward ? columns - 1 : 0) : from.column + (forward ? 1 : -1) })
    }
    case 'Home':
      return clamp({ row: jump ? 0 : from.row, column: 0 })
    case 'End':
      return clamp({ row: jump ? rows - 1 : from.row, column: columns - 1 })
    case 'PageUp':
      return clamp({ row: from.row - 10, column: from.column })
    case 'PageDown':
      return clamp({ row: from.row + 10, column: from.column })
    case 'Enter':
      return clamp({ row: from.row + (key.shiftKey ? -1 : 1), column: from.column })
    case 'Tab': {
      // Across the row, then on to the next (or previous) row's first (last) cell.
      const index = from.row * columns + from.column + (key.shiftKey ? -1 : 1)
      if (index < 0 || index >= rows * columns) return null
      return { row: Math.floor(index / columns), column: index % columns }
    }
    default:
      return null
  }
}

/** A rectangle of cells between two corners, inclusive. */
export interface Range {
  top: number
  bottom: number
  first: number
  last: number
}

export function rangeOf(a: Position, b: Position): Range {
  return { top: Math.min(a.row, b.row), bottom: Math.max(a.row, b.row), first: Math.min(a.column, b.column), last: Math.max(a.column, b.column) }
}

export function inRange(range: Range, p: Position): boolean {
  return p.row >= range.top && p.row <= range.bottom && p.column >= range.first && p.column <= range.last
}

/** A pasted block: rows of tab-separated cells (as a spreadsheet copies them; quoted cells may hold tabs or newlines). */
export function parsePaste(text: string): string[][] {
  const body = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '')
  if (body === '') return []
  if (!body.includes('\t') && !body.includes('\n')) return [[body]]
  const parsed = Papa.parse<string[]>(body, { delimiter: '\t', newline: '\n', quoteChar: '"' })
  return parsed.data.map((row) => row.map((cell) => cell.trim()))
}

/** The cells a pasted block fills from `at`, clipped to the grid: each with its position and text. */
export function pasteTargets(block: string[][], at: Position, rows: number, columns: number): { position: Position; text: string }[] {
  const targets: { position: Position; text: string }[] = []
  block.forEach((cells, r) =>
    cells.forEach((text, c) => {
      const position = { row: at.row + r, column: at.column + c }
      if (position.row < rows && position.column < columns) targets.push({ position, text })
    }),
  )
  return targets
}

/** Which of the visible lines to render: a window around the scroll position (fixed line height). */
export function visibleWindow(lineCount: number, lineHeight: number, scrollTop: number, viewport: number, overscan = 8): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / lineHeight) - overscan)
  const end = Math.min(lineCount, Math.ceil((scrollTop + viewport) / lineHeight) + overscan)
  return { start, end }
}
