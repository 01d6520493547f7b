// The server module contract: a feature (metadata, the directory, later agenda & measurement,
// activity map, meetings, history) plugs into the server as one folder server/src/modules/<name>/
// that exports a ServerModule. startServer merges its hooks, mounts its routes, starts it in
// order and stops it in reverse at shutdown.
import { Hono } from 'hono'
import type { DocumentKind } from '@common-ground/domain'
import type { AccessGate } from '../access/AccessGate.ts'
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
  /** Called in module order before the server listens. */
  start?(ctx: ModuleContext): Promise<void>
  /** Called in reverse module order at shutdown, after every document was flushed; then its read models are closed. */
  stop?(): Promise<void>
}
