// The derivation framework's contract: a deriver per document kind turns a document into the
// records the read model keeps for it (goals, indicators, measurement cells, later activities,
// decisions, versions), and the read model holds them per document behind a small interface,
// so that it can move to a shared store (several server instances) without the derivers
// changing. The framework (this folder) feeds derivers from the server hooks, persists their
// states, and rebuilds them from the documents at start when missing or out of date.
import type * as Y from 'yjs'
import type { ActorRef, DocumentKind, DocumentRef, InitiativeScope } from '@common-ground/domain'

/** What a deriver may look up besides its document. */
export interface DerivationContext {
  /** The initiative's partners (validation context), or null for an initiative that no longer exists. */
  scope(initiativeId: string): InitiativeScope | null
  /** A user as the records name them (their name now), or null for an unknown id. */
  actor(userId: string | null): ActorRef | null
  /** The user ids of the initiative's members (who may own an action item); empty for an unknown initiative. */
  members(initiativeId: string): readonly string[]
  /** Another document's derived state as the read model has it now (a meeting's links check the agenda's goals), or null. */
  derived<S>(name: string): S | null
}

/** One derivation pass of one document. */
export interface DeriveInput<S> {
  name: string
  ref: DocumentRef
  doc: Y.Doc
  /** The document version the pass reflects: the seq of its last log record (0 for an empty document). */
  seq: number
  /** When and by whom the document last changed (the last record's time and user). */
  time: number
  user: string | null
  /** The state of the previous pass (or the persisted one at a rebuild), to keep provenance and versions; null the first time. */
  previous: S | null
  context: DerivationContext
}

/**
 * Derives the read-model state of one document kind. Pure apart from its own caches: it never
 * throws on bad content (a bad block is a record with issues) and never drops a block. Its state
 * is plain JSON (it is persisted and may live in a shared store).
 */
export interface Deriver<S> {
  kind: DocumentKind
  /** Bumped when the state's shape or the derivation changes: persisted states of another version are rebuilt at start. */
  version: number
  derive(input: DeriveInput<S>): S
}

/** A document's derived state as the read model keeps it. */
export interface DerivedDocument<S = unknown> {
  name: string
  kind: DocumentKind
  /** The deriver version that produced it. */
  version: number
  /** The document version (log seq) it reflects. */
  seq: number
  state: S
}

/** The read model: derived states per document. Small on purpose, so it can move to a shared store. */
export interface ReadModelStore {
  get<S>(name: string): DerivedDocument<S> | undefined
  put(entry: DerivedDocument): void
  delete(name: string): void
  names(): string[]
  /** Called after every put or delete, with the document name. Returns an unsubscribe function. */
  subscribe(listener: (name: string) => void): () => void
  /** Makes every put so far durable. */
  flush(): Promise<void>
  close(): Promise<void>
}

/** What modules read from: the read model plus a way to wait for derivation to catch up. */
export interface ReadModelReader {
  get<S>(name: string): DerivedDocument<S> | undefined
  subscribe(listener: (name: string) => void): () => void
  /** Resolves once every change received so far is derived (derivation may be batched). */
  settled(): Promise<void>
}
