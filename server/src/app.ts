// The HTTP application, built from injected dependencies (no singletons): API routes behind
// one guard (origin, content type, authentication, CSRF) — the core routes, then each server
// module's, then the OpenAPI document and the JSON 404 for /api/* —, the built client with SPA
// fallback last, and JSON errors. The WebSocket endpoint lives in sync/.
import path from 'node:path'
import { existsSync } from 'node:fs'
import { Hono } from 'hono'
import { serveStatic } from '@hono/node-server/serve-static'
import { bodyLimit } from 'hono/body-limit'
import type { AccessGate } from './access/AccessGate.ts'
import { AttemptLimiter } from './auth/attemptLimiter.ts'
import type { Directory } from './directory/Directory.ts'
import type { DocumentWriter } from './documents/initialDocument.ts'
import type { Logger } from './logger.ts'
import type { MetadataStore } from './metadata/MetadataStore.ts'
import { ApiError, createErrorHandler, errorBody } from './http/ApiError.ts'
import { authRoutes, type SignInLimits } from './http/authRoutes.ts'
import { RAW_BODY_ROUTES, guard, rawBodyRoute, type AppEnv } from './http/authz.ts'
import { healthRoutes, type HealthSource } from './http/healthRoutes.ts'
import { meRoutes } from './http/meRoutes.ts'
import { accountRoutes, memberPasswordResetRoutes, passwordResetRoutes } from './http/accountRoutes.ts'
import { openapiRoutes } from './http/openapiRoutes.ts'
import { directoryRoutes } from './modules/directory/index.ts'
import { metadataRoutes } from './modules/metadata/index.ts'
import type { ModuleRoute } from './modules/ServerModule.ts'

const FIFTEEN_MINUTES = 15 * 60 * 1000
/** No API body is anywhere near this; bigger ones are refused before they are read. */
export const MAX_API_BODY_BYTES = 64 * 1024

export interface AppDeps {
  logger: Logger
  metadata: MetadataStore
  health: HealthSource
  /** Directory of the built client, or null to serve the API only. */
  staticDir: string | null
  /** Serve the built client's source maps (SERVE_SOURCE_MAPS=1); otherwise `*.map` answers 404. */
  serveSourceMaps?: boolean
  /** Accounts, initiatives, memberships. */
  directory: Directory
  /** What document access answers (GET /api/access, /api/documents); defaults to the directory. */
  access?: AccessGate
  /** Writes initial content of new documents (agenda, partner pages). */
  documents: DocumentWriter
  /** Origins allowed besides the server's own (ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[]
  /** Mark the session cookie Secure (COOKIE_SECURE=1, behind HTTPS). */
  cookieSecure?: boolean
  /** Sign-in failure limits; defaults: 10 per account and 30 per IP in 15 minutes. */
  signInLimits?: SignInLimits
  /** The modules' routes in mounting order (startServer passes them); defaults to the built-in modules' (directory, metadata). */
  moduleRoutes?: readonly ModuleRoute[]
}

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const cookieSecure = deps.cookieSecure ?? false
  const gate = deps.access ?? deps.directory
  const now = deps.directory.now
  const limits = deps.signInLimits ?? {
    perAccount: new AttemptLimiter({ limit: 10, windowMs: FIFTEEN_MINUTES, now }),
    perIp: new AttemptLimiter({ limit: 30, windowMs: FIFTEEN_MINUTES, now }),
  }
  app.onError(createErrorHandler(deps.logger))
  const limit = (maxSize: number) =>
    bodyLimit({ maxSize, onError: (c) => c.json(errorBody('payload_too_large', `Request bodies are limited to ${maxSize / 1024} KB.`), 413) })
  const apiLimit = limit(MAX_API_BODY_BYTES)
  // The raw-body routes (the CSV import) have their own, larger limit.
  const rawLimits = new Map(RAW_BODY_ROUTES.map((r) => [r, limit(r.maxBytes)]))
  app.use('/api/*', (c, next) => {
    const raw = rawBodyRoute(c.req.method, c.req.path)
    return (raw ? rawLimits.get(raw)! : apiLimit)(c, next)
  })
  app.use('/api/*', guard({ directory: deps.directory, allowedOrigins: deps.allowedOrigins ?? [], cookieSecure }))
  app.route('/api/health', healthRoutes(deps.health))
  app.route('/api/auth', authRoutes({ limits, cookieSecure }))
  app.route('/api/me', meRoutes())
  app.route('/api/me', accountRoutes({ cookieSecure, passwordLimiter: limits.perAccount }))
  app.route('/api/password-resets', passwordResetRoutes({ cookieSecure }))
  app.route('/api/initiatives', memberPasswordResetRoutes())
  // The modules' routes (startServer's module list; built on their own: the built-in modules').
  const moduleRoutes = deps.moduleRoutes ?? [...directoryRoutes({ documents: deps.documents, access: gate }), ...metadataRoutes(deps.metadata, gate)]
  for (const route of moduleRoutes) app.route(route.path, route.app)
  app.route('/api', openapiRoutes())
  app.all('/api/*', () => {
    throw new ApiError(404, 'not_found', 'No such API route.')
  })

  const staticDir = deps.staticDir
  if (staticDir && existsSync(path.join(staticDir, 'index.html'))) {
    // The build writes hidden source maps (no sourceMappingURL in the bundles); they are not
    // handed out unless asked for, nor does the SPA fallback answer for them.
    if (!deps.serveSourceMaps) app.get('/*', (c, next) => (c.req.path.endsWith('.map') ? c.json(errorBody('not_found', 'Not found.'), 404) : next()))
    app.use('/*', serveStatic({ root: staticDir }))
    // Client-side routes (/d/<name>, /invite/<token>, …) all load the app shell.
    app.get('*', serveStatic({ path: path.join(staticDir, 'index.html') }))
  } else if (staticDir) {
    deps.logger.warn('client build not found; serving the API only (run pnpm build)', { staticDir })
  }
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404))
  return app
}
