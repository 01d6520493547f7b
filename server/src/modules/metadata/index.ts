// The metadata module: keeps every document's created/updated times and size (MetadataStore,
// fed by the onChange / onStoreDocument hooks, so client edits and server writes alike) and
// answers GET /api/documents.
import type { AccessGate } from '../../access/AccessGate.ts'
import { documentRoutes } from '../../http/documentRoutes.ts'
import type { MetadataStore } from '../../metadata/MetadataStore.ts'
import type { ModuleRoute, ServerModule } from '../ServerModule.ts'

export function metadataRoutes(metadata: MetadataStore, access: AccessGate): ModuleRoute[] {
  return [{ path: '/api/documents', app: documentRoutes(metadata, access) }]
}

/** `metadata` is opened (and reconciled with storage) by startServer before the rooms exist; it is flushed at shutdown by startServer. */
export function metadataModule(metadata: MetadataStore): ServerModule {
  return {
    name: 'metadata',
    hooks: metadata.hooks(),
    routes: (ctx) => metadataRoutes(ctx.metadata, ctx.access),
  }
}
