// The meeting series and meetings of every initiative, kept by the server (the documents hold what
// people write in a meeting; this holds when it is): `<dataDir>/meetings.jsonl`, one record per
// line — a series or a meeting as it is after a change —, appended and fdatasynced before the
// answer; the latest line of an id wins. Changes run one at a time (`change`), so two requests
// preparing the same series date create its meeting once (a series meeting's id is a function of
// the series and the date).
import type { MeetingRecord, SeriesRecord } from '@common-ground/domain'
import { JsonLines } from '../../storage/JsonLines.ts'

type Line = { type: 'series'; record: SeriesRecord } | { type: 'meeting'; record: MeetingRecord }

export class MeetingStore {
  private readonly series = new Map<string, SeriesRecord>()
  private readonly meetings = new Map<string, MeetingRecord>()
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(private readonly log: JsonLines<Line>) {}

  static async open(file: string): Promise<MeetingStore> {
    const { log, lines } = await JsonLines.open<Line>(file)
    const store = new MeetingStore(log)
    for (const line of lines) store.remember(line)
    return store
  }

  private key(initiativeId: string, id: string): string {
    return `${initiativeId}/${id}`
  }

  private remember(line: Line): void {
    if (line.type === 'series') this.series.set(this.key(line.record.initiativeId, line.record.id), line.record)
    else this.meetings.set(this.key(line.record.initiativeId, line.record.id), line.record)
  }

  /** Runs `fn` after every change before it finished: read, decide, `put` without another change in between. */
  change<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn)
    this.queue = run.catch(() => {})
    return run
  }

  /** Writes records durably; resolves once they are on disk (then they are visible). */
  async put(lines: readonly Line[]): Promise<void> {
    await this.log.append(lines)
    for (const line of lines) this.remember(line)
  }

  putSeries(record: SeriesRecord): Promise<void> {
    return this.put([{ type: 'series', record }])
  }

  putMeeting(record: MeetingRecord): Promise<void> {
    return this.put([{ type: 'meeting', record }])
  }

  seriesOf(initiativeId: string): SeriesRecord[] {
    return [...this.series.values()]
      .filter((s) => s.initiativeId === initiativeId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
  }

  getSeries(initiativeId: string, id: string): SeriesRecord | undefined {
    return this.series.get(this.key(initiativeId, id))
  }

  /** The initiative's meetings, earliest first. */
  meetingsOf(initiativeId: string): MeetingRecord[] {
    return [...this.meetings.values()].filter((m) => m.initiativeId === initiativeId).sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id))
  }

  getMeeting(initiativeId: string, id: string): MeetingRecord | undefined {
    return this.meetings.get(this.key(initiativeId, id))
  }

  async close(): Promise<void> {
    await this.queue
    await this.log.settled()
  }
}
