// Across meetings: the decision log (valid decisions of meetings not cancelled, newest meeting
// first, searchable) and the action item list — each action item once, where it is now: a copy
// carried into a later meeting replaces the one it came from, and keeps where it was first written
// (`origin`). Overdue: open with a due date before today in the meeting's time zone. CSV exports of
// both, UTF-8 with a BOM (spreadsheet programs then read Hebrew and Arabic correctly).
import Papa from 'papaparse'
import type { ActionItemEntry, ActionStatus, DecisionLogEntry, DecisionStatus, MeetingRecord, MeetingSummary } from '@common-ground/domain'
import type { Directory } from '../../directory/Directory.ts'
import type { MeetingService } from './MeetingService.ts'

const refOf = (m: MeetingRecord) => ({ id: m.id, title: m.title, date: m.date, documentName: m.documentName })

export function meetingSummaries(service: MeetingService, initiativeId: string): MeetingSummary[] {
  return service.meetings(initiativeId).map((meeting) => {
    const { state } = service.derived(meeting)
    return {
      ...meeting,
      counts: {
        items: state.items.length,
        decisions: state.decisions.length,
        actionItems: state.actionItems.length,
        openActionItems: state.actionItems.filter((a) => a.status === 'open' && a.issues.length === 0).length,
      },
    }
  })
}

/** Lower case without Hebrew and Arabic vowel marks, for a search that ignores them. */
function folded(text: string): string {
  return text
    .toLocaleLowerCase()
    .normalize('NFD')
    .replace(/[\u0591-\u05C7\u064B-\u065F\u0670\u0300-\u036f]/g, '')
}

export function decisionLog(
  service: MeetingService,
  initiativeId: string,
  query: { q?: string | undefined; status?: DecisionStatus | undefined },
): DecisionLogEntry[] {
  const words = folded(query.q ?? '')
    .split(/\s+/)
    .filter((w) => w !== '')
  const entries: DecisionLogEntry[] = []
  for (const meeting of [...service.meetings(initiativeId)].reverse()) {
    if (meeting.status === 'cancelled') continue
    for (const decision of service.derived(meeting).state.decisions) {
      if (decision.issues.length > 0) continue
      if (query.status && decision.status !== query.status) continue
      const text = folded(`${decision.statement} ${decision.rationale}`)
      if (!words.every((w) => text.includes(w))) continue
      entries.push({ ...decision, meeting: refOf(meeting) })
    }
  }
  return entries
}

/** Today's date in a time zone, `YYYY-MM-DD`. */
function today(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

export interface ActionItemFilter {
  ownerId?: string | undefined
  partnerId?: string | undefined
  status?: ActionStatus | undefined
  overdue?: boolean | undefined
}

export function actionItems(service: MeetingService, directory: Directory, initiativeId: string, filter: ActionItemFilter, now: Date): ActionItemEntry[] {
  const meetings = service.meetings(initiativeId).filter((m) => m.status !== 'cancelled')
  const byId = new Map(meetings.map((m) => [m.id, m]))
  const partnerOf = new Map(directory.members(initiativeId).map((m) => [m.userId, m.partnerId]))
  // Every valid action item, and which ones a later meeting carried on.
  const all: { meeting: MeetingRecord; item: ReturnType<MeetingService['derived']>['state']['actionItems'][number] }[] = []
  const carriedOn = new Set<string>()
  for (const meeting of meetings)
    for (const item of service.derived(meeting).state.actionItems) {
      if (item.issues.length > 0) continue
      all.push({ meeting, item })
      if (item.carriedFrom) carriedOn.add(`${item.carriedFrom.meetingId}/${item.carriedFrom.blockId}`)
    }
  const originOf = new Map<string, MeetingRecord>()
  const entries: ActionItemEntry[] = []
  for (const { meeting, item } of all) {
    const key = `${meeting.id}/${item.blockId}`
    const from = item.carriedFrom ? originOf.get(`${item.carriedFrom.meetingId}/${item.carriedFrom.blockId}`) : undefined
    const origin = from ?? (item.carriedFrom ? byId.get(item.carriedFrom.meetingId) : undefined) ?? meeting
    originOf.set(key, origin)
    if (carriedOn.has(key)) continue
    const user = directory.user(item.ownerId)
    const overdue = item.status === 'open' && item.due !== '' && item.due < today(meeting.timeZone, now)
    entries.push({
      ...item,
      meeting: refOf(meeting),
      origin: refOf(origin),
      owner: user ? { userId: user.id, name: user.name } : null,
      ownerPartnerId: partnerOf.get(item.ownerId) ?? null,
      overdue,
    })
  }
  return entries
    .filter(
      (e) =>
        (filter.ownerId === undefined || e.ownerId === filter.ownerId) &&
        (filter.partnerId === undefined || e.ownerPartnerId === filter.partnerId) &&
        (filter.status === undefined || e.status === filter.status) &&
        (filter.overdue === undefined || e.overdue === filter.overdue),
    )
    .sort((a, b) => (a.due || '9999').localeCompare(b.due || '9999') || a.meeting.date.localeCompare(b.meeting.date) || a.position - b.position)
}

const csv = (rows: Record<string, unknown>[]) => `\uFEFF${Papa.unparse(rows, { newline: '\r\n' })}\r\n`

export function decisionsCsv(entries: readonly DecisionLogEntry[]): string {
  return csv(
    entries.map((d) => ({
      id: d.blockId,
      meeting: d.meeting.title,
      meeting_date: d.meeting.date,
      statement: d.statement,
      rationale: d.rationale,
      status: d.status,
      supersedes: d.supersedes,
      changed_at: d.provenance.changedAt,
      changed_by: d.provenance.changedBy?.name ?? '',
    })),
  )
}

export function actionItemsCsv(entries: readonly ActionItemEntry[], partners: readonly { id: string; name: string }[]): string {
  const partnerName = new Map(partners.map((p) => [p.id, p.name]))
  return csv(
    entries.map((a) => ({
      id: a.blockId,
      title: a.title,
      owner: a.owner?.name ?? a.ownerId,
      partner: a.ownerPartnerId ? (partnerName.get(a.ownerPartnerId) ?? a.ownerPartnerId) : '',
      due: a.due,
      status: a.status,
      overdue: a.overdue ? 'yes' : 'no',
      meeting: a.meeting.title,
      meeting_date: a.meeting.date,
      first_written: a.origin.date,
    })),
  )
}
