// The server module contract: a feature (metadata, the directory, later agenda & measurement,
// activity map, meetings, history) plugs into the server as one folder server/src/modules/<name>/
// that exports a ServerModule. startServer merges its hooks, mounts its routes, starts it in
// order and stops it in reverse at shutdown.
import { Hono } from 'hono'
import type { DocumentKind } from '@common-ground/domain'
import type { AccessGate } from '../access/AccessGate.ts'
import type { DemoSeed } from '../demo/seedDemo.ts'
import type { Deriver, ReadModelReader } from '../derivation/types.ts'
import type { ServerConfig } from '../config.ts'
import type { Directory } from '../directory/Directory.ts'
import type { DocumentWriter } from '../documents/initialDocument.ts'
import type { ServerHooks } from '../hooks.ts'
import type { AppEnv } from '../http/authz.ts'
import type { Logger } from '../logger.ts'
import type { MetadataStore } from '../metadata/MetadataStore.ts'
import type { DocumentStorage } from '../storage/DocumentStorage.ts'
import type { RoomManager } from '../sync/RoomManager.ts'

/** What a module may use. Server-side changes to documents go through `rooms.transact` (or `documents`), never `storage`. */
export interface ModuleContext {
  logger: Logger
  rooms: Pick<RoomManager, 'transact' | 'get' | 'size'>
  directory: Directory
  /** What document access answers (the directory, or open access in sync-engine tests). */
  access: AccessGate
  metadata: MetadataStore
  /** Read-only use (listing, loading for a read model rebuild). */
  storage: DocumentStorage
  documents: DocumentWriter
  /** The derived records of every document (server/src/derivation/), fed by the modules' derivers. */
  readModel: ReadModelReader
  config: Readonly<Pick<ServerConfig, 'dataDir' | 'seedDemo' | 'allowedOrigins' | 'cookieSecure'>>
}

/** A Hono app mounted at `path` (for example '/api/initiatives'). */
export interface ModuleRoute {
  path: string
  app: Hono<AppEnv>
}

/** A Hono app for a module's routes, typed with the API's context (auth state, directory). */
export function createModuleApp(): Hono<AppEnv> {
  return new Hono<AppEnv>()
}

/**
 * A projection of documents kept by a module (fed by its hooks): `rebuild` recomputes it from
 * the documents (the module calls it, for example in start), `close` runs at shutdown.
 */
export interface ReadModel {
  name: string
  rebuild(): Promise<void>
  close(): Promise<void>
}

export interface ServerModule {
  name: string
  /** The document kinds (names from the domain registry, packages/domain/src/documents/kinds.ts) this module owns. */
  documentKinds?: readonly DocumentKind[]
  /** Lifecycle hooks, run after those of the modules before it. */
  hooks?: ServerHooks
  /** Routes, mounted after the core routes and before the OpenAPI routes, in module order. */
  routes?(ctx: ModuleContext): ModuleRoute[]
  readModels?: ReadModel[]
  /** Derivers of the document kinds this module projects into the read model (one per kind). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each deriver has its own state type
  derivers?: readonly Deriver<any>[]
  /** Called in module order before the server listens. */
  start?(ctx: ModuleContext): Promise<void>
  /** After the demo initiative was seeded (first start with SEED_DEMO): the module adds its demo data (approvals, endorsements). */
  seedDemo?(ctx: ModuleContext, demo: DemoSeed): Promise<void>
  /** Called in reverse module order at shutdown, after every document was flushed; then its read models are closed. */
  stop?(): Promise<void>
}
