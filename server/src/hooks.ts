// Server-side lifecycle hooks: features (metadata, read models, history, permissions) plug in
// here instead of editing the socket or storage code. Each hook gets a typed payload.
import type * as Y from 'yjs'
import type { LogRecord } from './storage/DocumentStorage.ts'

export interface DocumentPayload {
  name: string
  doc: Y.Doc
}

export interface ChangePayload extends DocumentPayload {
  /** The record just appended to the log (seq, time, user, update). */
  record: LogRecord
}

export interface StorePayload extends DocumentPayload {
  /** The snapshot now covers every record with seq <= coveredSeq. */
  coveredSeq: number
}

export interface ServerHooks {
  /** After a document is loaded from storage, before any client sees it. Throwing fails the load. */
  onLoadDocument?(payload: DocumentPayload): void | Promise<void>
  /** After an update was appended to the log, sent to the other clients and applied to `doc`. Must be fast and not throw. */
  onChange?(payload: ChangePayload): void
  /** After a snapshot (compaction) was written. */
  onStoreDocument?(payload: StorePayload): void | Promise<void>
  /** After a document left memory. */
  onUnloadDocument?(payload: DocumentPayload): void | Promise<void>
}

/** Runs a list of hook sets in order; a failing onChange is logged, never propagated. */
export class HookRunner {
  constructor(
    private readonly hooks: readonly ServerHooks[],
    private readonly onHookError: (hook: string, error: unknown) => void,
  ) {}

  async onLoadDocument(payload: DocumentPayload): Promise<void> {
    for (const h of this.hooks) await h.onLoadDocument?.(payload)
  }

  onChange(payload: ChangePayload): void {
    for (const h of this.hooks) {
      if (!h.onChange) continue
      try {
        h.onChange(payload)
      } catch (error) {
        this.onHookError('onChange', error)
      }
    }
  }

  async onStoreDocument(payload: StorePayload): Promise<void> {
    for (const h of this.hooks) {
      try {
        await h.onStoreDocument?.(payload)
      } catch (error) {
        this.onHookError('onStoreDocument', error)
      }
    }
  }

  async onUnloadDocument(payload: DocumentPayload): Promise<void> {
    for (const h of this.hooks) {
      try {
        await h.onUnloadDocument?.(payload)
      } catch (error) {
        this.onHookError('onUnloadDocument', error)
      }
    }
  }
}
