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
  /** initiative → cell key → decisions, oldest first. */
  private readonly byInitiative = new Map<string, Map<string, ApprovalEntry[]>>()
  /** initiative → its decisions in the order they were made. */
  private readonly logs = new Map<string, ApprovalEntry[]>()
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
    let cells = this.byInitiative.get(entry.initiativeId)
    if (!cells) this.byInitiative.set(entry.initiativeId, (cells = new Map()))
    const list = cells.get(entry.key)
    if (list) list.push(entry)
    else cells.set(entry.key, [entry])
    const log = this.logs.get(entry.initiativeId)
    if (log) log.push(entry)
    else this.logs.set(entry.initiativeId, [entry])
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
    return this.byInitiative.get(initiativeId)?.get(key) ?? []
  }

  /** The cell keys of an initiative that have decisions. */
  decidedKeys(initiativeId: string): IterableIterator<string> {
    return (this.byInitiative.get(initiativeId) ?? new Map<string, ApprovalEntry[]>()).keys()
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
    return this.logs.get(initiativeId)?.length ?? 0
  }

  /** The decisions made after the first `count` (as count() gave it), oldest first. */
  since(initiativeId: string, count: number): readonly ApprovalEntry[] {
    return this.logs.get(initiativeId)?.slice(count) ?? []
  }

  async close(): Promise<void> {
    await this.writing
  }
}
