// Meeting series against hand-checked calendars: every two weeks at 17:00 Jerusalem time across
// the March daylight-saving change, cancelled and moved dates, an end date, bad fields.
import { describe, expect, it } from 'vitest'
import { checkSeries, localInstant, occurrences, type MeetingSeries } from './series.ts'

const series = (fields: Partial<MeetingSeries> = {}): MeetingSeries => ({
  id: 's-1',
  title: 'Steering committee',
  timeZone: 'Asia/Jerusalem',
  startDate: '2026-03-12',
  time: '17:00',
  durationMinutes: 90,
  everyWeeks: 2,
  until: null,
  exceptions: [],
  ...fields,
})

describe('meeting series', () => {
  it('keeps the local time across a daylight-saving change', () => {
    // Israel moves to summer time on Friday 27 March 2026 (UTC+2 → UTC+3).
    const list = occurrences(series(), new Date('2026-03-01T00:00:00Z'), 3)
    expect(list.map((o) => [o.date, o.time, o.start, o.end])).toEqual([
      ['2026-03-12', '17:00', '2026-03-12T15:00:00.000Z', '2026-03-12T16:30:00.000Z'],
      ['2026-03-26', '17:00', '2026-03-26T15:00:00.000Z', '2026-03-26T16:30:00.000Z'],
      ['2026-04-09', '17:00', '2026-04-09T14:00:00.000Z', '2026-04-09T15:30:00.000Z'],
    ])
  })

  it('starts from a later instant without walking years of dates, and includes a meeting under way', () => {
    const list = occurrences(series(), new Date('2026-03-26T15:30:00Z'), 2)
    expect(list.map((o) => o.date)).toEqual(['2026-03-26', '2026-04-09'])
    const years = occurrences(series(), new Date('2036-01-01T00:00:00Z'), 1)
    // 3,582 days after the first meeting is 12 days into a fortnight: the next is two days later, a Thursday.
    expect(years[0]!.date).toBe('2036-01-03')
  })

  it('skips a cancelled date, moves another, and stops at the end date', () => {
    const s = series({
      exceptions: [
        { date: '2026-03-26', to: null },
        { date: '2026-04-09', to: { date: '2026-04-13', time: '09:30' } },
      ],
      until: '2026-05-07',
    })
    const list = occurrences(s, new Date('2026-03-01T00:00:00Z'), 10)
    expect(list.map((o) => [o.seriesDate, o.date, o.time, o.moved])).toEqual([
      ['2026-03-12', '2026-03-12', '17:00', false],
      ['2026-04-09', '2026-04-13', '09:30', true],
      ['2026-04-23', '2026-04-23', '17:00', false],
      ['2026-05-07', '2026-05-07', '17:00', false],
    ])
    expect(list[1]!.start).toBe(localInstant('2026-04-13', '09:30', 'Asia/Jerusalem').toISOString())
    expect(list[1]!.start).toBe('2026-04-13T06:30:00.000Z')
  })

  it('reports bad fields and then has no occurrences', () => {
    const bad = series({ title: ' ', timeZone: 'Mars/Olympus', startDate: '2026-02-30', time: '25:00', everyWeeks: 0, durationMinutes: 2 })
    expect(checkSeries(bad).map((i) => `${i.field}:${i.code}`)).toEqual([
      'title:required',
      'timeZone:invalid_choice',
      'startDate:invalid_period',
      'time:invalid_choice',
      'everyWeeks:out_of_range',
      'durationMinutes:out_of_range',
    ])
    expect(occurrences(bad, new Date(), 3)).toEqual([])
    expect(checkSeries(series())).toEqual([])
  })
})
