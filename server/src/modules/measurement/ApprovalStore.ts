// Approvals and returns of measurement values, kept by the server (never in the document, so a
// partner cannot forge one): `<dataDir>/approvals.jsonl`, one decision per line, appended and
// fdatasynced before the answer (a batch is one write). A decision names the exact value it is of
// (the cell's fingerprint); the latest approval of a cell keeps counting on the report card after a
// correction until the correction is decided.
import { open, readFile } from 'node:fs/promises'
import type { ApprovalDecision, ActorRef } from '@common-ground/domain'

export interface ApprovalEntry {
  initiativeId: string
  key: string
  fingerprint: string
  value: number | null
  definitionVersion: number
  decision: ApprovalDecision
  comment: string
  decidedAt: string
  decidedBy: ActorRef
}

export class ApprovalStore {
  private readonly byCell = new Map<string, ApprovalEntry[]>()
  private readonly counts = new Map<string, number>()
  private writing: Promise<void> = Promise.resolve()
  /** The file ends in a torn line (a crash mid-write): the next append starts a new line. */
  private torn = false

  private constructor(private readonly file: string) {}

  static async open(file: string): Promise<ApprovalStore> {
    const store = new ApprovalStore(file)
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
        store.remember(JSON.parse(line) as ApprovalEntry)
      } catch {
        // a torn last line (crash mid-write): that decision was never acknowledged
      }
    }
    return store
  }

  private remember(entry: ApprovalEntry): void {
    const id = `${entry.initiativeId}\n${entry.key}`
    const list = this.byCell.get(id)
    if (list) list.push(entry)
    else this.byCell.set(id, [entry])
    this.counts.set(entry.initiativeId, (this.counts.get(entry.initiativeId) ?? 0) + 1)
  }

  /** Appends decisions durably; resolves once they are on disk. */
  async append(entries: readonly ApprovalEntry[]): Promise<void> {
    const text = (this.torn ? '\n' : '') + entries.map((e) => JSON.stringify(e) + '\n').join('')
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
    for (const entry of entries) this.remember(entry)
  }

  /** A cell's decisions, oldest first. */
  history(initiativeId: string, key: string): readonly ApprovalEntry[] {
    return this.byCell.get(`${initiativeId}\n${key}`) ?? []
  }

  latest(initiativeId: string, key: string): ApprovalEntry | undefined {
    return this.history(initiativeId, key).at(-1)
  }

  /** The latest approval (not return) of a cell: the value that counts. */
  latestApproval(initiativeId: string, key: string): ApprovalEntry | undefined {
    const list = this.history(initiativeId, key)
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.decision === 'approve') return list[i]
    return undefined
  }

  /** How many decisions an initiative has (a cache key: it only grows). */
  count(initiativeId: string): number {
    return this.counts.get(initiativeId) ?? 0
  }

  async close(): Promise<void> {
    await this.writing
  }
}
