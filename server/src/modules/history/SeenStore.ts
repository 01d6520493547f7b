// Where each person last saw each document ("what changed since my last visit"):
// `<dataDir>/history/seen.jsonl`, one line `{ u, d, seq, at }` per mark, appended; the newest line
// per person and document wins. Rewritten compactly at start when it holds many superseded lines.
// Losing the last marks in a crash only shows a change as unseen again.
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Logger } from '../../logger.ts'

export interface SeenMark {
  seq: number
  at: number
}

interface Line {
  u: string
  d: string
  seq: number
  at: number
}

export class SeenStore {
  private readonly marks = new Map<string, Map<string, SeenMark>>()
  private readonly file: string
  private ready: Promise<void> | null = null
  private writing: Promise<void> = Promise.resolve()

  constructor(
    dir: string,
    private readonly logger: Logger,
  ) {
    this.file = path.join(dir, 'seen.jsonl')
  }

  private load(): Promise<void> {
    this.ready ??= (async () => {
      await mkdir(path.dirname(this.file), { recursive: true })
      let text = ''
      try {
        text = await readFile(this.file, 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
      let lines = 0
      for (const raw of text.split('\n')) {
        if (!raw) continue
        lines++
        try {
          const line = JSON.parse(raw) as Line
          if (typeof line.u === 'string' && typeof line.d === 'string' && Number.isInteger(line.seq)) this.set(line.u, line.d, { seq: line.seq, at: line.at })
        } catch {
          this.logger.warn('seen marks: an unreadable line skipped', { file: this.file })
        }
      }
      const kept = [...this.marks.values()].reduce((n, m) => n + m.size, 0)
      if (lines > 1000 && lines > kept * 2) await this.rewrite()
    })()
    return this.ready
  }

  private set(user: string, document: string, mark: SeenMark): void {
    let mine = this.marks.get(user)
    if (!mine) this.marks.set(user, (mine = new Map()))
    mine.set(document, mark)
  }

  private async rewrite(): Promise<void> {
    const lines: string[] = []
    for (const [u, docs] of this.marks) for (const [d, m] of docs) lines.push(JSON.stringify({ u, d, seq: m.seq, at: m.at } satisfies Line))
    await writeFile(`${this.file}.tmp`, lines.length ? `${lines.join('\n')}\n` : '')
    await rename(`${this.file}.tmp`, this.file)
  }

  /** Where `user` last saw each document. */
  async of(user: string): Promise<ReadonlyMap<string, SeenMark>> {
    await this.load()
    return this.marks.get(user) ?? new Map()
  }

  /** Records that `user` has seen `document` up to `seq` (never moves back). */
  async mark(user: string, document: string, seq: number, at: number): Promise<SeenMark> {
    await this.load()
    const known = this.marks.get(user)?.get(document)
    if (known && known.seq >= seq) {
      const mark = { seq: known.seq, at }
      this.set(user, document, mark)
      return mark
    }
    const mark = { seq, at }
    this.set(user, document, mark)
    const line = `${JSON.stringify({ u: user, d: document, seq, at } satisfies Line)}\n`
    this.writing = this.writing.then(() => appendFile(this.file, line)).catch((error: unknown) => this.logger.warn('seen marks: append failed', { error }))
    await this.writing
    return mark
  }

  async close(): Promise<void> {
    await this.writing
  }
}
