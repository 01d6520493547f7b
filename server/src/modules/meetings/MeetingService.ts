// What the meetings routes do, apart from HTTP: series and meetings (checked with the domain's
// checkSeries, kept in the MeetingStore), a series' occurrences, preparing a meeting (the
// carry-over of the meeting before it, written through rooms.transact — the one server-side
// write path —, once: the document remembers it), and removing the copies two concurrent
// carry-overs by clients left (the same choice on every replica, so they converge).
import {
  DomainError,
  UPCOMING_COUNT,
  carryOver,
  checkSeries,
  localInstant,
  meetingDocumentName,
  occurrences,
  removeDuplicateBlocks,
  EDITOR_FRAGMENT,
  type ActorRef,
  type MeetingBody,
  type MeetingPatchBody,
  type MeetingRecord,
  type MeetingSeries,
  type OccurrenceView,
  type SeriesBody,
  type SeriesPatchBody,
  type SeriesRecord,
} from '@common-ground/domain'
import { randomId } from '../../auth/secrets.ts'
import type { ReadModelReader } from '../../derivation/types.ts'
import type { Directory } from '../../directory/Directory.ts'
import type { ModuleContext } from '../ServerModule.ts'
import type { MeetingStore } from './MeetingStore.ts'
import { EMPTY_MEETING, asDerivedMeeting, meetingContextOf, type MeetingReadState } from './meetingDeriver.ts'

export interface Actor {
  userId: string
  ip: string | null
}

const invalid = (issues: { field: string; code: string }[]) =>
  new DomainError('invalid', 'validation_failed', `Invalid field: ${issues[0]!.field}.`, { fields: Object.fromEntries(issues.map((i) => [i.field, i.code])) })

export function seriesMeetingId(seriesId: string, seriesDate: string): string {
  return `${seriesId}-${seriesDate}`
}

export class MeetingService {
  constructor(
    private readonly deps: {
      store: MeetingStore
      directory: Directory
      readModel: ReadModelReader
      rooms: ModuleContext['rooms']
      now?: () => Date
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date()
  }

  private actorRef(userId: string): ActorRef | null {
    const user = this.deps.directory.user(userId)
    return user ? { userId: user.id, name: user.name } : null
  }

  private async audit(
    action: string,
    actor: Actor,
    initiativeId: string,
    target: { type: 'meeting' | 'meetingSeries'; id: string },
    details: Record<string, unknown>,
  ) {
    await this.deps.directory.audit.append({ action, actorId: actor.userId, initiativeId, subjectUserId: null, target, details, ip: actor.ip })
  }

  // ——— series ———

  series(initiativeId: string): SeriesRecord[] {
    return this.deps.store.seriesOf(initiativeId)
  }

  mustSeries(initiativeId: string, seriesId: string): SeriesRecord {
    const series = this.deps.store.getSeries(initiativeId, seriesId)
    if (!series) throw new DomainError('not_found', 'series_not_found', 'No meeting series has this id in the initiative.')
    return series
  }

  /** The series' next dates (those whose end is after `from`), each with its meeting's id and whether it exists. */
  upcoming(series: SeriesRecord, count = UPCOMING_COUNT, from = this.now()): OccurrenceView[] {
    return occurrences(series, from, count).map((o) => {
      const meetingId = seriesMeetingId(series.id, o.seriesDate)
      return { ...o, meetingId, prepared: this.deps.store.getMeeting(series.initiativeId, meetingId) !== undefined }
    })
  }

  async createSeries(initiativeId: string, input: ReturnType<typeof normalizeSeries>, actor: Actor): Promise<SeriesRecord> {
    const at = this.now().toISOString()
    const id = `s${randomId(8)}`
    const record: SeriesRecord = { id, initiativeId, ...input, createdAt: at, createdBy: this.actorRef(actor.userId), updatedAt: at }
    const issues = checkSeries(record)
    if (issues.length > 0) throw invalid(issues)
    await this.deps.store.change(() => this.deps.store.putSeries(record))
    await this.audit('meeting.series_created', actor, initiativeId, { type: 'meetingSeries', id }, { title: record.title, everyWeeks: record.everyWeeks })
    return record
  }

  async updateSeries(initiativeId: string, seriesId: string, patch: SeriesPatchBody, actor: Actor): Promise<SeriesRecord> {
    const record = await this.deps.store.change(async () => {
      const before = this.mustSeries(initiativeId, seriesId)
      const after: SeriesRecord = { ...before, ...definedOf(patch), updatedAt: this.now().toISOString() }
      const issues = checkSeries(after)
      if (issues.length > 0) throw invalid(issues)
      await this.deps.store.putSeries(after)
      return after
    })
    await this.audit('meeting.series_updated', actor, initiativeId, { type: 'meetingSeries', id: seriesId }, { fields: Object.keys(definedOf(patch)) })
    return record
  }

  // ——— meetings ———

  meetings(initiativeId: string): MeetingRecord[] {
    return this.deps.store.meetingsOf(initiativeId)
  }

  mustMeeting(initiativeId: string, meetingId: string): MeetingRecord {
    const meeting = this.deps.store.getMeeting(initiativeId, meetingId)
    if (!meeting) throw new DomainError('not_found', 'meeting_not_found', 'No meeting has this id in the initiative.')
    return meeting
  }

  /** A meeting's derived records and the document version they reflect. */
  derived(meeting: MeetingRecord): { state: MeetingReadState; version: number } {
    const entry = this.deps.readModel.get<MeetingReadState>(meeting.documentName)
    return { state: entry?.state ?? EMPTY_MEETING, version: entry?.seq ?? 0 }
  }

  private timed(fields: { date: string; time: string; timeZone: string; durationMinutes: number }) {
    const issues = checkSeries({
      id: 'x',
      title: 'x',
      startDate: fields.date,
      time: fields.time,
      timeZone: fields.timeZone,
      durationMinutes: fields.durationMinutes,
      everyWeeks: 1,
      until: null,
      exceptions: [],
    })
    if (issues.length > 0) throw invalid(issues.map((i) => ({ ...i, field: i.field === 'startDate' ? 'date' : i.field })))
    const start = localInstant(fields.date, fields.time, fields.timeZone)
    return { start: start.toISOString(), end: new Date(start.getTime() + fields.durationMinutes * 60_000).toISOString() }
  }

  async createMeeting(initiativeId: string, input: Required<MeetingBody>, actor: Actor): Promise<MeetingRecord> {
    const at = this.now().toISOString()
    const id = `m${randomId(9)}`
    const record: MeetingRecord = {
      id,
      initiativeId,
      seriesId: null,
      seriesDate: null,
      title: input.title,
      date: input.date,
      time: input.time,
      timeZone: input.timeZone,
      durationMinutes: input.durationMinutes,
      ...this.timed(input),
      status: 'scheduled',
      documentName: meetingDocumentName(initiativeId, id),
      createdAt: at,
      createdBy: this.actorRef(actor.userId),
      updatedAt: at,
    }
    await this.deps.store.change(() => this.deps.store.putMeeting(record))
    await this.audit('meeting.created', actor, initiativeId, { type: 'meeting', id }, { title: record.title, date: record.date })
    return record
  }

  async updateMeeting(initiativeId: string, meetingId: string, patch: MeetingPatchBody, actor: Actor): Promise<MeetingRecord> {
    const record = await this.deps.store.change(async () => {
      const before = this.mustMeeting(initiativeId, meetingId)
      const merged = { ...before, ...definedOf(patch) }
      const after: MeetingRecord = { ...merged, ...this.timed(merged), updatedAt: this.now().toISOString() }
      await this.deps.store.putMeeting(after)
      return after
    })
    const action = patch.status === 'cancelled' ? 'meeting.cancelled' : 'meeting.updated'
    await this.audit(action, actor, initiativeId, { type: 'meeting', id: meetingId }, { fields: Object.keys(definedOf(patch)) })
    return record
  }

  /** The meeting of a series date, created if it does not exist yet (once, whoever asks at the same time). */
  private async meetingOfOccurrence(series: SeriesRecord, occurrence: OccurrenceView, actor: Actor): Promise<{ meeting: MeetingRecord; created: boolean }> {
    return this.deps.store.change(async () => {
      const existing = this.deps.store.getMeeting(series.initiativeId, occurrence.meetingId)
      if (existing) return { meeting: existing, created: false }
      const at = this.now().toISOString()
      const meeting: MeetingRecord = {
        id: occurrence.meetingId,
        initiativeId: series.initiativeId,
        seriesId: series.id,
        seriesDate: occurrence.seriesDate,
        title: series.title,
        date: occurrence.date,
        time: occurrence.time,
        timeZone: series.timeZone,
        durationMinutes: series.durationMinutes,
        start: occurrence.start,
        end: occurrence.end,
        status: 'scheduled',
        documentName: meetingDocumentName(series.initiativeId, occurrence.meetingId),
        createdAt: at,
        createdBy: this.actorRef(actor.userId),
        updatedAt: at,
      }
      await this.deps.store.putMeeting(meeting)
      return { meeting, created: true }
    })
  }

  /** The meeting of one series date (past or future), created once if needed; null when the series has no such date. */
  async meetingOfSeriesDate(series: SeriesRecord, seriesDate: string, actor: Actor): Promise<MeetingRecord | null> {
    const from = localInstant(seriesDate, '00:00', series.timeZone)
    const occurrence = this.upcoming(series, 1, from)[0]
    if (!occurrence || occurrence.seriesDate !== seriesDate) return null
    const { meeting, created } = await this.meetingOfOccurrence(series, occurrence, actor)
    if (created)
      await this.audit(
        'meeting.created',
        actor,
        series.initiativeId,
        { type: 'meeting', id: meeting.id },
        { title: meeting.title, date: meeting.date, seriesId: series.id },
      )
    return meeting
  }

  /** Prepares the series' next meeting (the first date whose end is after now). */
  async prepareNext(
    initiativeId: string,
    seriesId: string,
    actor: Actor,
  ): Promise<{ meeting: MeetingRecord; previousMeetingId: string | null; added: number }> {
    const series = this.mustSeries(initiativeId, seriesId)
    const next = this.upcoming(series, 1)[0]
    if (!next) throw new DomainError('conflict', 'series_ended', 'The series has no date after now.')
    const { meeting, created } = await this.meetingOfOccurrence(series, next, actor)
    if (created)
      await this.audit('meeting.created', actor, initiativeId, { type: 'meeting', id: meeting.id }, { title: meeting.title, date: meeting.date, seriesId })
    return this.prepare(initiativeId, meeting.id, actor)
  }

  /** The meeting before this one: the latest earlier meeting of the initiative that was not cancelled. */
  previousOf(meeting: MeetingRecord): MeetingRecord | null {
    const earlier = this.meetings(meeting.initiativeId).filter((m) => m.id !== meeting.id && m.status !== 'cancelled' && m.start < meeting.start)
    return earlier.at(-1) ?? null
  }

  /**
   * Carries the open action items and undiscussed items of the meeting before into this one's
   * document, once (carryOver: the document remembers it; a concurrent call finds it done, and the
   * ids a carried block gets are those of its origin, so copies can only repeat an id).
   */
  async prepare(initiativeId: string, meetingId: string, actor: Actor): Promise<{ meeting: MeetingRecord; previousMeetingId: string | null; added: number }> {
    const meeting = this.mustMeeting(initiativeId, meetingId)
    if (meeting.status === 'cancelled') throw new DomainError('conflict', 'meeting_cancelled', 'A cancelled meeting is not prepared.')
    const previous = this.previousOf(meeting)
    if (!previous) return { meeting, previousMeetingId: null, added: 0 }
    // The meeting before as derived from everything it received so far.
    await this.deps.readModel.settled()
    const before = asDerivedMeeting(this.derived(previous).state)
    const context = meetingContextOf(
      { members: (id) => this.deps.directory.members(id).map((m) => m.userId), derived: <S>(name: string) => this.deps.readModel.get<S>(name)?.state ?? null },
      initiativeId,
    )
    let added = 0
    await this.deps.rooms.transact(
      meeting.documentName,
      (doc) => {
        added = carryOver(before, previous.id, doc, context)
      },
      { user: actor.userId, reason: `meeting: carried over from ${previous.id}` },
    )
    if (added > 0) await this.audit('meeting.prepared', actor, initiativeId, { type: 'meeting', id: meeting.id }, { from: previous.id, added })
    return { meeting, previousMeetingId: previous.id, added }
  }

  /** Removes the copies two concurrent carry-overs left in a meeting document (a no-op when there are none). */
  async removeCopies(name: string): Promise<number> {
    let removed = 0
    await this.deps.rooms.transact(
      name,
      (doc) => {
        removed = removeDuplicateBlocks(doc.getXmlFragment(EDITOR_FRAGMENT))
      },
      { user: null, reason: 'meeting: copies of a concurrent carry-over removed' },
    )
    return removed
  }
}

/** A series body with its defaults, in the domain's shape (without id). */
export function normalizeSeries(input: Required<SeriesBody>): Omit<MeetingSeries, 'id'> {
  return {
    title: input.title,
    timeZone: input.timeZone,
    startDate: input.startDate,
    time: input.time,
    durationMinutes: input.durationMinutes,
    everyWeeks: input.everyWeeks,
    until: input.until,
    exceptions: input.exceptions,
  }
}

function definedOf<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>
}
