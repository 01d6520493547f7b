// An append-only file of JSON lines, written durably: each append is one write followed by an
// fdatasync, one at a time, and resolves once it is on disk. A torn last line (a crash in the
// middle of a write) was never acknowledged: reading skips it, and the next append starts a new
// line. The stores of records the documents do not hold (approvals, meetings) keep theirs in one.
import { open, readFile } from 'node:fs/promises'

export class JsonLines<T> {
  private writing: Promise<void> = Promise.resolve()

  private constructor(
    private readonly file: string,
    /** The file ends in a torn line: the next append starts a new line. */
    private torn: boolean,
  ) {}

  /** Opens the file (missing: empty) and gives its readable lines, in order. */
  static async open<T>(file: string): Promise<{ log: JsonLines<T>; lines: T[] }> {
    let text = ''
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    const lines: T[] = []
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue
      try {
        lines.push(JSON.parse(line) as T)
      } catch {
        // a torn last line (crash mid-write): never acknowledged
      }
    }
    return { log: new JsonLines<T>(file, text.length > 0 && !text.endsWith('\n')), lines }
  }

  /** Appends records durably, in one write; resolves once they are on disk. */
  async append(records: readonly T[]): Promise<void> {
    const text = (this.torn ? '\n' : '') + records.map((r) => JSON.stringify(r) + '\n').join('')
    const write = this.writing.then(async () => {
      const handle = await open(this.file, 'a')
      try {
        await handle.appendFile(text, 'utf8')
        await handle.datasync()
        this.torn = false
      } catch (error) {
        this.torn = true // part of it may be in the file
        throw error
      } finally {
        await handle.close()
      }
    })
    this.writing = write.catch(() => {})
    await write
  }

  /** Resolves once every append started so far is done. */
  settled(): Promise<void> {
    return this.writing
  }
}
