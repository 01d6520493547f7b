// The HTTP application, built from injected dependencies (no singletons): API routes, the
// built client with SPA fallback, and JSON errors. The WebSocket endpoint lives in sync/.
import path from 'node:path'
import { existsSync } from 'node:fs'
import { Hono } from 'hono'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Logger } from './logger.ts'
import type { MetadataStore } from './metadata/MetadataStore.ts'
import { ApiError, createErrorHandler } from './http/ApiError.ts'
import { documentRoutes } from './http/documentRoutes.ts'
import { healthRoutes, type HealthSource } from './http/healthRoutes.ts'

export interface AppDeps {
  logger: Logger
  metadata: MetadataStore
  health: HealthSource
  /** Directory of the built client, or null to serve the API only. */
  staticDir: string | null
}

export function createApp(deps: AppDeps) {
  const app = new Hono()
  app.onError(createErrorHandler(deps.logger))
  app.route('/api/health', healthRoutes(deps.health))
  app.route('/api/documents', documentRoutes(deps.metadata))
  app.all('/api/*', () => {
    throw new ApiError(404, 'not_found', 'No such API route.')
  })

  const staticDir = deps.staticDir
  if (staticDir && existsSync(path.join(staticDir, 'index.html'))) {
    app.use('/*', serveStatic({ root: staticDir }))
    // Client-side routes (/d/<name>, …) all load the app shell.
    app.get('*', serveStatic({ path: path.join(staticDir, 'index.html') }))
  } else if (staticDir) {
    deps.logger.warn('client build not found; serving the API only (run pnpm build)', { staticDir })
  }
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404))
  return app
}
