// The meeting series and meetings of every initiative, kept by the server (the documents hold what
// people write in a meeting; this holds when it is): `<dataDir>/meetings.jsonl`, one record per
// line — a series or a meeting as it is after a change —, appended and fdatasynced before the
// answer; the latest line of an id wins. Changes run one at a time (`change`), so two requests
// preparing the same series date create its meeting once (a series meeting's id is a function of
// the series and the date).
import { open, readFile } from 'node:fs/promises'
import type { MeetingRecord, SeriesRecord } from '@common-ground/domain'

type Line = { type: 'series'; record: SeriesRecord } | { type: 'meeting'; record: MeetingRecord }

export class MeetingStore {
  private readonly series = new Map<string, SeriesRecord>()
  private readonly meetings = new Map<string, MeetingRecord>()
  private writing: Promise<void> = Promise.resolve()
  private queue: Promise<unknown> = Promise.resolve()
  /** The file ends in a torn line (a crash mid-write): the next append starts a new line. */
  private torn = false

  private constructor(private readonly file: string) {}

  static async open(file: string): Promise<MeetingStore> {
    const store = new MeetingStore(file)
    let text = ''
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    store.torn = text.length > 0 && !text.endsWith('\n')
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue
      try {
        store.remember(JSON.parse(line) as Line)
      } catch {
        // a torn last line (crash mid-write): that change was never acknowledged
      }
    }
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
    const text = (this.torn ? '\n' : '') + lines.map((l) => JSON.stringify(l) + '\n').join('')
    const write = this.writing.then(async () => {
      const handle = await open(this.file, 'a')
      try {
        await handle.appendFile(text, 'utf8')
        await handle.datasync()
        this.torn = false
      } catch (error) {
        this.torn = true
        throw error
      } finally {
        await handle.close()
      }
    })
    this.writing = write.catch(() => {})
    await write
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
    await this.writing
  }
}
