// The audit log: append-only JSON lines in <dataDir>/audit.jsonl, loaded into memory at start.
// Each append is written (one write per entry, serialized) before the caller's answer.
import { appendFile, readFile } from 'node:fs/promises'
import type { Logger } from '../logger.ts'
import { randomId } from '../auth/secrets.ts'

export interface AuditTarget {
  type: 'user' | 'initiative' | 'partner' | 'invitation' | 'token' | 'member'
  id: string
}

export interface AuditEntry {
  id: string
  /** ISO time. */
  at: string
  /** `auth.signin`, `member.role_changed`, … (docs/api.md). */
  action: string
  /** Who did it; null when nobody was signed in (a failed sign-in). */
  actorId: string | null
  /** The initiative it happened in; null for account-level events (sign-ins, tokens). */
  initiativeId: string | null
  /** For account-level events: the account concerned (shown to the initiatives it belongs to). */
  subjectUserId: string | null
  target: AuditTarget | null
  details: Record<string, unknown>
  ip: string | null
}

export interface AuditQuery {
  initiativeId: string
  /** Account-level entries of these users are included (the initiative's members). */
  memberIds: ReadonlySet<string>
  actionPrefix?: string
  actorId?: string
  since?: string
  until?: string
  limit: number
}

export class AuditLog {
  private readonly entries: AuditEntry[] = []
  private writing: Promise<void> = Promise.resolve()

  private constructor(
    private readonly file: string,
    private readonly logger: Logger,
  ) {}

  static async open(file: string, logger: Logger): Promise<AuditLog> {
    const log = new AuditLog(file, logger)
    let text = ''
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    const lines = text.split('\n')
    lines.forEach((line, index) => {
      if (line.trim() === '') return
      try {
        log.entries.push(JSON.parse(line) as AuditEntry)
      } catch {
        // A torn last line after a crash; anything else is worth a warning.
        if (index < lines.length - 1) logger.warn('skipping an unreadable audit line', { file, line: index + 1 })
      }
    })
    return log
  }

  /** Appends one entry; resolves once it is in the file. */
  append(entry: Omit<AuditEntry, 'id' | 'at'> & { at?: string }): Promise<AuditEntry> {
    const full: AuditEntry = { id: randomId(12), at: entry.at ?? new Date().toISOString(), ...entry } as AuditEntry
    const line = JSON.stringify(full) + '\n'
    const written = this.writing.then(() => appendFile(this.file, line, 'utf8'))
    this.writing = written.catch((error: unknown) => this.logger.error('audit write failed', { error }))
    return written.then(() => {
      this.entries.push(full)
      return full
    })
  }

  query(q: AuditQuery): AuditEntry[] {
    const result: AuditEntry[] = []
    for (let i = this.entries.length - 1; i >= 0 && result.length < q.limit; i--) {
      const e = this.entries[i]!
      const inScope = e.initiativeId === q.initiativeId || (e.initiativeId === null && e.subjectUserId !== null && q.memberIds.has(e.subjectUserId))
      if (!inScope) continue
      if (q.actionPrefix && !e.action.startsWith(q.actionPrefix)) continue
      if (q.actorId && e.actorId !== q.actorId) continue
      if (q.since && e.at < q.since) continue
      if (q.until && e.at > q.until) continue
      result.push(e)
    }
    return result
  }

  get size(): number {
    return this.entries.length
  }

  async flush(): Promise<void> {
    await this.writing
  }
}
