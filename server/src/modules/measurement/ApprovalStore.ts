// Approvals and returns of measurement values, kept by the server (never in the document, so a
// partner cannot forge one): `<dataDir>/approvals.jsonl`, one decision per line, appended and
// fdatasynced before the answer (a batch is one write). A decision names the exact value it is of
// (the cell's fingerprint); the latest approval of a cell keeps counting on the report card after a
// correction until the correction is decided.
import type { ApprovalDecision, ActorRef } from '@common-ground/domain'
import { JsonLines } from '../../storage/JsonLines.ts'

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

  private constructor(private readonly log: JsonLines<ApprovalEntry>) {}

  static async open(file: string): Promise<ApprovalStore> {
    const { log, lines } = await JsonLines.open<ApprovalEntry>(file)
    const store = new ApprovalStore(log)
    for (const line of lines) store.remember(line)
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
    await this.log.append(entries)
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
    await this.log.settled()
  }
}
