// The audit log: append-only JSON lines in <dataDir>/audit.jsonl, loaded into memory at start.
// Appends are group-committed: the entries that arrive while a write runs go out together in
// the next one, each write followed by an fdatasync, and append() resolves only after it.
import path from 'node:path'
import { open, readFile, truncate } from 'node:fs/promises'
import type { Logger } from '../logger.ts'
import { randomId } from '../auth/secrets.ts'
import { fsyncDir } from '../storage/diskFiles.ts'

export interface AuditTarget {
  type: 'user' | 'initiative' | 'partner' | 'invitation' | 'token' | 'member' | 'meeting' | 'meetingSeries'
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

interface Pending {
  entry: AuditEntry
  line: string
  resolve: (entry: AuditEntry) => void
  reject: (error: unknown) => void
}

export class AuditLog {
  private readonly entries: AuditEntry[] = []
  /** Entries waiting for the next write. */
  private pending: Pending[] = []
  /** The write loop while it runs. */
  private draining: Promise<void> | null = null
  /** False until the file's name is known to be durable (it existed at open, or its directory was fsynced). */
  private named = false
  private readonly listeners = new Set<(entry: AuditEntry) => void>()

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
    log.named = text !== ''
    // A torn last line (a crash in the middle of a write) is cut off, so the next append starts a line.
    if (text !== '' && !text.endsWith('\n')) {
      text = text.slice(0, text.lastIndexOf('\n') + 1)
      logger.warn('cutting a torn last audit line', { file })
      await truncate(file, Buffer.byteLength(text, 'utf8'))
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

  /** Calls `listener` with every entry appended from now on, once it is durable (e.g. the history's version at an endorsement). */
  onAppend(listener: (entry: AuditEntry) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Appends one entry; resolves once it is in the file and fdatasynced. */
  append(entry: Omit<AuditEntry, 'id' | 'at'> & { at?: string }): Promise<AuditEntry> {
    const full: AuditEntry = { id: randomId(12), at: entry.at ?? new Date().toISOString(), ...entry } as AuditEntry
    return new Promise<AuditEntry>((resolve, reject) => {
      this.pending.push({ entry: full, line: JSON.stringify(full) + '\n', resolve, reject })
      this.draining ??= this.drain()
    })
  }

  /** Writes batches until none is waiting: one append and one fdatasync per batch. */
  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending
      this.pending = []
      try {
        await this.write(batch.map((p) => p.line).join(''))
      } catch (error) {
        this.logger.error('audit write failed', { error })
        for (const p of batch) p.reject(error)
        continue
      }
      for (const p of batch) {
        this.entries.push(p.entry)
        p.resolve(p.entry)
        for (const listener of this.listeners) {
          try {
            listener(p.entry)
          } catch (error) {
            this.logger.error('audit listener failed', { error, action: p.entry.action })
          }
        }
      }
    }
    this.draining = null
  }

  /** One append of whole lines, fdatasynced; a new file's name is made durable by fsyncing its directory. */
  private async write(text: string): Promise<void> {
    const handle = await open(this.file, 'a')
    try {
      await handle.appendFile(text, 'utf8')
      await handle.datasync()
    } finally {
      await handle.close()
    }
    if (!this.named) {
      await fsyncDir(path.dirname(this.file))
      this.named = true
    }
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

  /** Waits until every entry appended so far is written. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining
  }

  async close(): Promise<void> {
    await this.flush()
  }
}
