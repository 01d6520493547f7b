// What every part of the directory shares: the store, the audit log, the clock and the access
// change events, with the one way a mutation finishes (commit: the file and its audit entry
// durable before the caller's answer).
import type { AccessChange } from '../access/AccessGate.ts'
import type { Logger } from '../logger.ts'
import { AccessChanges } from './access.ts'
import type { AuditEntry, AuditLog, AuditTarget } from './AuditLog.ts'
import type { DirectoryStore } from './directoryStore.ts'
import type { Actor, DirectoryData } from './types.ts'

export const DAY_MS = 24 * 60 * 60 * 1000

export interface AuditFields {
  initiativeId?: string | null
  subjectUserId?: string | null
  target?: AuditTarget | null
  details?: Record<string, unknown>
}

export class DirectoryContext {
  readonly changes: AccessChanges

  constructor(
    readonly store: DirectoryStore,
    readonly audit: AuditLog,
    readonly logger: Logger,
    readonly now: () => number,
  ) {
    this.changes = new AccessChanges(logger)
  }

  get data(): DirectoryData {
    return this.store.data
  }

  /** The clock as an ISO time, `offsetMs` from now. */
  iso(offsetMs = 0): string {
    return new Date(this.now() + offsetMs).toISOString()
  }

  /** Appends an audit entry (durable when the promise resolves). */
  record(action: string, actor: Actor, fields: AuditFields): Promise<AuditEntry> {
    return this.audit.append({
      at: this.iso(),
      action,
      actorId: actor.userId,
      initiativeId: fields.initiativeId ?? null,
      subjectUserId: fields.subjectUserId ?? null,
      target: fields.target ?? null,
      details: fields.details ?? {},
      ip: actor.ip,
    })
  }

  /** Finishes a mutation already made in memory: the file written and the audit entries appended, all durably. */
  async commit(...audit: Promise<AuditEntry>[]): Promise<void> {
    await Promise.all([this.store.save(), ...audit])
  }

  /** Tells live connections about a change that can alter access (after it is durable). */
  emit(change: AccessChange): void {
    this.changes.emit(change)
  }
}
