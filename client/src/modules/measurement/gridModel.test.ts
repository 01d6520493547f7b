// The measurement grid's plain logic: periods per frequency, keyboard movement (mirrored in RTL),
// pasted blocks and the rendered window.
import { describe, expect, it } from 'vitest'
import { move, parsePaste, pasteTargets, periodsFor, rangeOf, inRange, visibleWindow } from './gridModel.ts'

describe('the measurement grid model', () => {
  it('lists the recent periods of a frequency, oldest first, and pages back by an offset', () => {
    const now = Date.UTC(2026, 11, 7)
    expect(periodsFor('yearly', 3, 0, now).map((p) => p.id)).toEqual(['2024', '2025', '2026'])
    expect(periodsFor('yearly', 3, 2, now).map((p) => p.id)).toEqual(['2022', '2023', '2024'])
    expect(periodsFor('quarterly', 2, 0, now).map((p) => p.id)).toEqual(['2026-Q3', '2026-Q4'])
    expect(periodsFor('monthly', 2, 0, now).map((p) => p.id)).toEqual(['2026-11', '2026-12'])
  })

  it('moves with the arrow keys, mirrored when the columns run right to left', () => {
    const at = { row: 1, column: 1 }
    expect(move(at, { key: 'ArrowRight' }, 3, 3, false)).toEqual({ row: 1, column: 2 })
    expect(move(at, { key: 'ArrowRight' }, 3, 3, true)).toEqual({ row: 1, column: 0 })
    expect(move(at, { key: 'ArrowLeft' }, 3, 3, true)).toEqual({ row: 1, column: 2 })
    expect(move(at, { key: 'ArrowUp', ctrlKey: true }, 3, 3, false)).toEqual({ row: 0, column: 1 })
    expect(move({ row: 2, column: 2 }, { key: 'ArrowDown' }, 3, 3, false)).toEqual({ row: 2, column: 2 })
    expect(move({ row: 0, column: 2 }, { key: 'Tab' }, 3, 3, false)).toEqual({ row: 1, column: 0 })
    expect(move({ row: 2, column: 2 }, { key: 'Tab' }, 3, 3, false)).toBeNull()
    expect(move(at, { key: 'a' }, 3, 3, false)).toBeNull()
  })

  it('reads a block pasted from a spreadsheet and clips it to the grid', () => {
    const block = parsePaste('1\t2\t3\r\n4\t"5\t6"\t7\r\n')
    expect(block).toEqual([
      ['1', '2', '3'],
      ['4', '5\t6', '7'],
    ])
    expect(parsePaste('42')).toEqual([['42']])
    expect(parsePaste('')).toEqual([])
    const targets = pasteTargets(block, { row: 1, column: 1 }, 3, 3)
    expect(targets).toEqual([
      { position: { row: 1, column: 1 }, text: '1' },
      { position: { row: 1, column: 2 }, text: '2' },
      { position: { row: 2, column: 1 }, text: '4' },
      { position: { row: 2, column: 2 }, text: '5\t6' },
    ])
  })

  it('selects rectangles whichever corner comes first', () => {
    const range = rangeOf({ row: 3, column: 0 }, { row: 1, column: 2 })
    expect(range).toEqual({ top: 1, bottom: 3, first: 0, last: 2 })
    expect(inRange(range, { row: 2, column: 1 })).toBe(true)
    expect(inRange(range, { row: 0, column: 1 })).toBe(false)
  })

  it('renders only a window of lines around the scroll position', () => {
    const window = visibleWindow(1000, 44, 44 * 500, 440, 8)
    expect(window.start).toBe(492)
    expect(window.end).toBeGreaterThanOrEqual(510)
    expect(window.end).toBeLessThanOrEqual(520)
    expect(visibleWindow(5, 44, 0, 440)).toEqual({ start: 0, end: 5 })
  })
})
