// GET /api/openapi.json (the OpenAPI 3.1 document generated from packages/domain/src/api/) and
// GET /api/docs (a page rendering it with Swagger UI, whose files are served from the
// swagger-ui-dist package: no CDN, nothing loaded from anywhere but this server). Public.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Hono } from 'hono'
import { buildOpenApiDocument } from '@common-ground/domain'
import { VERSION } from '../version.ts'
import { ApiError } from './ApiError.ts'
import type { AppEnv } from './authz.ts'

/** The files of swagger-ui-dist the page loads, with their content types. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Common Ground API</title>
<link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="api-reference"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#api-reference', deepLinking: true, validatorUrl: null })\n`

/** swagger-ui-dist's folder; resolved from this module (or the server bundle) at run time. */
function swaggerUiDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
}

export function openapiRoutes() {
  let document: string | null = null
  const assets = new Map<string, Promise<Buffer>>()
  return new Hono<AppEnv>()
    .get('/openapi.json', (c) => {
      document ??= JSON.stringify(
        buildOpenApiDocument({
          title: 'Common Ground API',
          version: VERSION,
          description: 'The HTTP API of Common Ground (docs/api.md). Generated from the zod schemas in packages/domain/src/api/ that validate the routes.',
        }),
      )
      return c.body(document, 200, { 'Content-Type': 'application/json; charset=utf-8' })
    })
    .get('/docs', (c) => c.html(PAGE))
    .get('/docs/:file', async (c) => {
      const file = c.req.param('file')
      if (file === 'init.js') return c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' })
      const type = ASSETS[file]
      if (!type) throw new ApiError(404, 'not_found', 'No such file.')
      let bytes = assets.get(file)
      if (!bytes) {
        bytes = readFile(path.join(swaggerUiDir(), file))
        assets.set(file, bytes)
        bytes.catch(() => assets.delete(file))
      }
      return c.body(new Uint8Array(await bytes), 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' })
    })
}
