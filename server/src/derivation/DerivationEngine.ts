// The derivation engine: feeds each document kind's deriver from the server hooks and keeps the
// read model current. A change schedules its document; pending documents are derived once per
// tick (a burst of keystrokes is one pass), from the room's live Y.Doc. At start, `rebuild`
// re-derives every stored document whose persisted state is missing, of another deriver
// version, or behind the document's last log record — so a crash in the middle of an edit leaves
// no stale record. Derivers never throw on content; if one fails anyway, the error is logged and
// the previous state kept.
import * as Y from 'yjs'
import { parseDocumentName, type DocumentKind, type DocumentRef } from '@common-ground/domain'
import type { ServerHooks } from '../hooks.ts'
import type { Logger } from '../logger.ts'
import type { DocumentStorage } from '../storage/DocumentStorage.ts'
import type { DerivationContext, Deriver, DerivedDocument, ReadModelReader, ReadModelStore } from './types.ts'

interface Pending {
  doc: Y.Doc
  seq: number
  time: number
  user: string | null
}

export interface DerivationEngineOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each deriver has its own state type
  derivers: readonly Deriver<any>[]
  store: ReadModelStore
  storage: Pick<DocumentStorage, 'list' | 'load'>
  context: DerivationContext
  logger: Logger
  /** The live Y.Doc of a loaded document, if any (re-derivation prefers it to storage). */
  liveDoc?: (name: string) => Y.Doc | undefined
}

export class DerivationEngine {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see DerivationEngineOptions
  private readonly byKind = new Map<DocumentKind, Deriver<any>>()
  private readonly pending = new Map<string, Pending>()
  private scheduled: NodeJS.Immediate | null = null
  private waiters: (() => void)[] = []
  /** Derivation passes run (for tests and metrics). */
  passes = 0

  constructor(private readonly options: DerivationEngineOptions) {
    for (const deriver of options.derivers) {
      if (this.byKind.has(deriver.kind)) throw new Error(`two derivers for document kind ${deriver.kind}`)
      this.byKind.set(deriver.kind, deriver)
    }
  }

  readonly hooks: ServerHooks = {
    onChange: ({ name, doc, record }) => {
      if (!this.deriverOf(name)) return
      this.pending.set(name, { doc, seq: record.seq, time: record.time, user: record.user })
      this.scheduled ??= setImmediate(this.runPending)
    },
  }

  readonly reader: ReadModelReader = {
    get: (name) => this.options.store.get(name),
    subscribe: (listener) => this.options.store.subscribe(listener),
    settled: () => this.settled(),
  }

  /** Resolves once every change received so far is derived. */
  settled(): Promise<void> {
    if (!this.scheduled) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  private deriverOf(name: string): { ref: DocumentRef; deriver: Deriver<unknown> } | null {
    const ref = parseDocumentName(name)
    const deriver = ref ? this.byKind.get(ref.kind) : undefined
    return ref && deriver ? { ref, deriver } : null
  }

  private readonly runPending = (): void => {
    this.scheduled = null
    const batch = [...this.pending]
    this.pending.clear()
    for (const [name, p] of batch) this.derive(name, p)
    const waiters = this.waiters.splice(0)
    for (const resolve of waiters) resolve()
  }

  /** One pass over one document; keeps the previous state if the deriver fails. */
  private derive(name: string, p: Pending): boolean {
    const found = this.deriverOf(name)
    if (!found) return false
    const { ref, deriver } = found
    const entry = this.options.store.get(name)
    const previous = entry && entry.version === deriver.version ? entry.state : null
    try {
      const state = deriver.derive({ name, ref, doc: p.doc, seq: p.seq, time: p.time, user: p.user, previous, context: this.options.context })
      this.passes++
      const next: DerivedDocument = { name, kind: ref.kind, version: deriver.version, seq: p.seq, state }
      this.options.store.put(next)
      return true
    } catch (error) {
      this.options.logger.error('derivation failed; the previous records are kept', { document: name, error })
      return false
    }
  }

  /** Loads a stored document into a fresh Y.Doc (read only); its last record's seq, time and user. */
  private async loadStored(name: string): Promise<Pending> {
    const loaded = await this.options.storage.load(name)
    const doc = new Y.Doc()
    Y.transact(doc, () => {
      if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
      for (const record of loaded.records) Y.applyUpdate(doc, record.update)
    })
    const last = loaded.records.at(-1)
    return { doc, seq: loaded.nextSeq - 1, time: last?.time ?? Date.now(), user: last?.user ?? null }
  }

  /**
   * Re-derives stored documents: every one (`all`), or only those whose state is missing, of
   * another deriver version, or behind the document. Drops states of documents that are gone.
   */
  async rebuild(options: { all?: boolean } = {}): Promise<{ derived: number; kept: number; ms: number }> {
    const started = performance.now()
    const names = new Set(await this.options.storage.list())
    let derived = 0
    let kept = 0
    for (const name of names) {
      const found = this.deriverOf(name)
      if (!found) continue
      const entry = this.options.store.get(name)
      const stored = await this.loadStored(name)
      if (!options.all && entry && entry.version === found.deriver.version && entry.seq === stored.seq) {
        kept++
        continue
      }
      const live = this.options.liveDoc?.(name)
      if (this.derive(name, live ? { ...stored, doc: live } : stored)) derived++
    }
    for (const name of this.options.store.names()) if (!names.has(name)) this.options.store.delete(name)
    const ms = Math.round(performance.now() - started)
    this.options.logger.info('read model rebuilt', { derived, kept, ms })
    return { derived, kept, ms }
  }

  /** Re-derives one document now (its validation context changed, e.g. the initiative's partners). */
  async rederive(name: string): Promise<void> {
    if (!this.deriverOf(name)) return
    const entry = this.options.store.get(name)
    const live = this.options.liveDoc?.(name)
    if (live && entry) {
      this.derive(name, { doc: live, seq: entry.seq, time: Date.now(), user: null })
      return
    }
    const names = await this.options.storage.list()
    if (!names.includes(name)) return
    const stored = await this.loadStored(name)
    this.derive(name, stored)
  }
}
