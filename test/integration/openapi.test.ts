// The OpenAPI document (GET /api/openapi.json) against the routes the server really mounts:
// structurally valid OpenAPI 3.1, every Hono route of a started server (every module) documented and every documented
// operation mounted; the browsable page /api/docs loads with its assets from this server; and the
// domain's request schemas refuse what the routes refuse, with the same field codes.
import { describe, expect, it } from 'vitest'
import { API_OPERATIONS, INVITATION_EXPIRY_DAYS_MAX, TOKEN_EXPIRY_DAYS_MAX, createInvitationBody, createTokenBody } from '@common-ground/domain'
import { parseWith } from '../../server/src/http/validate.ts'
import { ApiError } from '../../server/src/http/ApiError.ts'
import { api, createInitiative, signUp } from './helpers/accounts.ts'
import { useCleanup } from './helpers/cleanup.ts'
import { startTestServer } from './helpers/server.ts'

useCleanup()

type Json = Record<string, any>

/** `/api/initiatives/:id` and `/api/documents/:name{.+}` → `/api/initiatives/{id}`, `/api/documents/{name}`. */
const openApiPath = (honoPath: string) => honoPath.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')

/** The routes createApp() mounts under /api, as `METHOD /path` (middleware and the 404 catch-all are `ALL`). */
async function mountedRoutes(): Promise<string[]> {
  const server = await startTestServer({ access: 'enforced' })
  const routes = server.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${openApiPath(r.path)}`)
  await server.stop()
  return [...new Set(routes)].sort()
}

function resolveRef(doc: Json, ref: string): unknown {
  expect(ref.startsWith('#/')).toBe(true)
  return ref
    .slice(2)
    .split('/')
    .reduce<any>((node, key) => (node === undefined ? undefined : node[key]), doc)
}

function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refsIn(item, found)
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value)
      else refsIn(value, found)
    }
  }
  return found
}

describe('the OpenAPI document', () => {
  it('is served without sign-in, is OpenAPI 3.1 and lists exactly the mounted routes', async () => {
    const server = await startTestServer({ access: 'enforced' })
    const response = await fetch(`${server.url}/api/openapi.json`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const doc = (await response.json()) as Json

    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info.title).toBeTypeOf('string')
    expect(doc.info.version).toBeTypeOf('string')
    const operationIds = new Set<string>()
    const documented: string[] = []
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      expect(path.startsWith('/api/')).toBe(true)
      const templateParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
      for (const [method, op] of Object.entries(item as Json)) {
        expect(['get', 'post', 'put', 'patch', 'delete']).toContain(method)
        documented.push(`${method.toUpperCase()} ${path}`)
        expect(operationIds.has(op.operationId)).toBe(false)
        operationIds.add(op.operationId)
        expect(Object.keys(op.responses).length).toBeGreaterThan(0)
        for (const status of Object.keys(op.responses)) expect(status).toMatch(/^[1-5]\d\d$/)
        for (const answer of Object.values(op.responses as Json)) expect(answer.description).toBeTypeOf('string')
        const pathParams = (op.parameters ?? []).filter((p: Json) => p.in === 'path')
        expect(pathParams.map((p: Json) => p.name).sort()).toEqual(templateParams)
        for (const p of pathParams) expect(p.required).toBe(true)
      }
    }
    // Every reference resolves; every component is a JSON Schema object.
    for (const ref of refsIn(doc)) expect(resolveRef(doc, ref), ref).toBeTypeOf('object')
    for (const schema of Object.values(doc.components.schemas as Json)) expect(schema).toBeTypeOf('object')

    // The operations table, the document and Hono's route list agree: an undocumented route fails here.
    const table = Object.values(API_OPERATIONS)
      .map((op) => `${op.method.toUpperCase()} ${op.path}`)
      .sort()
    expect(documented.sort()).toEqual(table)
    expect(await mountedRoutes()).toEqual(table)
  })

  it('describes request limits from the same schemas the routes validate with', async () => {
    const server = await startTestServer({ access: 'enforced' })
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Json
    const tokenBody = resolveRef(doc, doc.paths['/api/me/tokens'].post.requestBody.content['application/json'].schema.$ref) as Json
    expect(JSON.stringify(tokenBody.properties.expiresInDays)).toContain(`"maximum":${TOKEN_EXPIRY_DAYS_MAX}`)
    const audit = doc.paths['/api/initiatives/{id}/audit'].get.parameters.find((p: Json) => p.name === 'limit')
    expect(audit).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500 } })
  })

  it('is browsable at /api/docs with every file from this server', async () => {
    const server = await startTestServer({ access: 'enforced' })
    const page = await fetch(`${server.url}/api/docs`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await page.text()
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
    expect(urls.length).toBeGreaterThanOrEqual(3)
    for (const url of urls) {
      expect(url.startsWith('/api/docs/'), url).toBe(true)
      const asset = await fetch(server.url + url)
      expect(asset.status, url).toBe(200)
      expect((await asset.arrayBuffer()).byteLength, url).toBeGreaterThan(0)
    }
    const init = await (await fetch(`${server.url}/api/docs/init.js`)).text()
    expect(init).toContain("'/api/openapi.json'")
    expect((await fetch(`${server.url}/api/docs/../package.json`)).status).toBe(404)
    expect((await fetch(`${server.url}/api/docs/index.html`)).status).toBe(404)
  })
})

/** The field codes the server's validation gives for `input` against `schema`. */
function fieldCodes(schema: Parameters<typeof parseWith>[0], input: unknown): Record<string, string> | null {
  try {
    parseWith(schema, input)
    return null
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    return error.options.fields ?? {}
  }
}

describe('request schemas and routes agree', () => {
  it('a body the schema refuses is refused by the route with the same field codes', async () => {
    const server = await startTestServer({ access: 'enforced' })
    const owner = await signUp(server.url, 'Owner')
    const { id } = await createInitiative(server.url, owner)

    const cases: { path: string; schema: Parameters<typeof parseWith>[0]; body: Json }[] = [
      { path: '/api/me/tokens', schema: createTokenBody, body: { name: 'script', expiresInDays: TOKEN_EXPIRY_DAYS_MAX + 1 } },
      { path: '/api/me/tokens', schema: createTokenBody, body: { name: '   ', expiresInDays: 0.5 } },
      {
        path: `/api/initiatives/${id}/invitations`,
        schema: createInvitationBody,
        body: { role: 'participant', expiresInDays: INVITATION_EXPIRY_DAYS_MAX + 1 },
      },
      { path: `/api/initiatives/${id}/invitations`, schema: createInvitationBody, body: { role: 'partner', email: 'not an email' } },
      { path: `/api/initiatives/${id}/invitations`, schema: createInvitationBody, body: { role: 'backbone', partnerId: 'p1' } },
    ]
    for (const { path, schema, body } of cases) {
      const expected = fieldCodes(schema, body)
      expect(expected, JSON.stringify(body)).not.toBeNull()
      const answer = await api(server.url, 'POST', path, { as: owner, body })
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.body.error.code).toBe('validation_failed')
      expect(answer.body.error.fields).toEqual(expected)
    }
    expect(fieldCodes(createTokenBody, { name: 'script', expiresInDays: TOKEN_EXPIRY_DAYS_MAX })).toBeNull()
    const accepted = await api(server.url, 'POST', '/api/me/tokens', { as: owner, body: { name: 'script', expiresInDays: TOKEN_EXPIRY_DAYS_MAX } })
    expect(accepted.status).toBe(201)
  })
})
