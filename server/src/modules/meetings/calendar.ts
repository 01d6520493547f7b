// A meeting series as an iCalendar file (RFC 5545, written by the `ics` library): one VEVENT per
// date, its start and end in UTC — the instants the domain computed from the local time in the
// series' zone, so a 17:00 meeting shows at 17:00 on both sides of a daylight-saving change in any
// calendar, with no VTIMEZONE to get wrong. A date whose meeting was prepared and then moved or
// cancelled shows as that meeting is. From half a year back, at most CALENDAR_EVENTS_MAX events.
import { createEvents, type EventAttributes } from 'ics'
import { CALENDAR_EVENTS_MAX, type MeetingRecord, type SeriesRecord } from '@common-ground/domain'
import { seriesMeetingId, type MeetingService } from './MeetingService.ts'

const HALF_YEAR_MS = 182 * 86_400_000

export function seriesCalendar(service: MeetingService, series: SeriesRecord, now: Date): string {
  const meetings = new Map<string, MeetingRecord>(service.meetings(series.initiativeId).map((m) => [m.id, m]))
  const from = new Date(now.getTime() - HALF_YEAR_MS)
  const events: EventAttributes[] = service.upcoming(series, CALENDAR_EVENTS_MAX, from).map((o) => {
    const meeting = meetings.get(seriesMeetingId(series.id, o.seriesDate))
    const start = Date.parse(meeting?.start ?? o.start)
    const end = Date.parse(meeting?.end ?? o.end)
    return {
      uid: `${series.initiativeId}.${seriesMeetingId(series.id, o.seriesDate)}@common-ground`,
      title: meeting?.title ?? series.title,
      start,
      startInputType: 'utc',
      startOutputType: 'utc',
      end,
      endInputType: 'utc',
      endOutputType: 'utc',
      status: meeting?.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      productId: 'common-ground/meetings',
      calName: series.title,
      sequence: 0,
    }
  })
  if (events.length === 0) return emptyCalendar(series.title)
  const { error, value } = createEvents(events)
  if (error || value === null) throw error ?? new Error('the calendar could not be written')
  return value
}

function emptyCalendar(name: string): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'PRODID:common-ground/meetings',
    `X-WR-CALNAME:${name.replace(/[\r\n]/g, ' ')}`,
    'END:VCALENDAR',
    '',
  ].join('\r\n')
}
