// The OpenAPI 3.1 document, generated from the operations table and its zod schemas with zod's
// own JSON Schema output (draft 2020-12, the dialect of OpenAPI 3.1). Request schemas are
// described as a client sends them (zod's input side); answers have no transforms, so the same
// side describes them too. Pure: the server serves the result at GET /api/openapi.json.
import * as z from 'zod'
import { API_OPERATIONS, API_TAGS, commonErrors, type ApiOperation, type OperationError } from './operations.ts'
import { API_SCHEMAS } from './schemas.ts'

type JsonSchema = Record<string, unknown>
type Json = Record<string, unknown>

export interface OpenApiInfo {
  title: string
  version: string
  description?: string
}

/** The session cookie browsers authenticate with (server/src/auth/cookies.ts sets it). */
export const SESSION_COOKIE_NAME = 'cg_session'

const COMPONENT_PREFIX = '#/components/schemas/'

/** A `z.preprocess` is a pipe from a transform: its input side says nothing, so it is described by what it feeds. */
function describePreprocess(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: z.core.JSONSchema.BaseSchema }) {
  const def = ctx.zodSchema._zod.def
  if (def.type !== 'pipe' || def.in._zod.def.type !== 'transform') return
  const inner = z.toJSONSchema(def.out, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema
  delete inner.$schema
  Object.assign(ctx.jsonSchema, inner)
}

function toJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any', override: describePreprocess }) as JsonSchema
  delete json.$schema
  return json
}

const pascal = (id: string) => id[0]!.toUpperCase() + id.slice(1)
const ref = (name: string) => ({ $ref: `${COMPONENT_PREFIX}${name}` })

function security(op: ApiOperation): Json[] {
  const signedIn = [{ session: [] }, { token: [] }]
  if (op.auth === 'public') return []
  return op.auth === 'optional' ? [{}, ...signedIn] : signedIn
}

function describe(op: ApiOperation, errors: OperationError[]): string {
  const who =
    op.auth === 'public'
      ? 'No sign-in needed.'
      : op.auth === 'optional'
        ? 'Anyone; the answer depends on what the caller may see.'
        : 'Signed in (session cookie or bearer token).'
  const lines = [who]
  if (op.member) lines.push('Members of the initiative only.')
  if (op.action) lines.push(`Role permission: \`${op.action}\`.`)
  lines.push('', 'Errors:', ...errors.map((e) => `- \`${e.status} ${e.code}\`: ${e.when}`))
  return lines.join('\n')
}

/** The OpenAPI 3.1 document of `operations` (by default every operation of the API). */
export function buildOpenApiDocument(info: OpenApiInfo, operations: Readonly<Record<string, ApiOperation>> = API_OPERATIONS): Json {
  // One registry names the shapes: the shared ones, then each operation's own.
  const registry = z.registry<{ id: string }>()
  const nameOf = new Map<z.ZodType, string>()
  const name = (schema: z.ZodType, fallback: string) => {
    let id = nameOf.get(schema)
    if (id === undefined) {
      id = fallback
      nameOf.set(schema, id)
      registry.add(schema, { id })
    }
    return id
  }
  for (const [id, schema] of Object.entries(API_SCHEMAS)) name(schema, id)

  const paths: Record<string, Record<string, Json>> = {}
  for (const [operationId, op] of Object.entries(operations)) {
    const errors = [...commonErrors(op), ...(op.errors ?? [])].sort((a, b) => a.status - b.status)
    const parameters: Json[] = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, param]) => ({ name: param, in: 'path', required: true, schema: { type: 'string' } }))
    for (const [key, prop] of Object.entries(op.query?.shape ?? {})) {
      const schema = toJsonSchema(prop as z.ZodType)
      const { description, ...rest } = schema
      parameters.push({
        name: key,
        in: 'query',
        required: !(prop as z.ZodType).safeParse(undefined).success,
        schema: rest,
        ...(description ? { description } : {}),
      })
    }
    const responses: Record<string, Json> = {}
    for (const [status, answer] of Object.entries(op.responses)) {
      const content = answer.schema
        ? { 'application/json': { schema: ref(name(answer.schema, `${pascal(operationId)}Answer`)) } }
        : answer.contentType
          ? { [answer.contentType]: {} }
          : undefined
      responses[status] = { description: answer.description, ...(content ? { content } : {}) }
    }
    const byStatus = new Map<number, OperationError[]>()
    for (const error of errors) byStatus.set(error.status, [...(byStatus.get(error.status) ?? []), error])
    for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
      responses[String(status)] = {
        description: list.map((e) => `\`${e.code}\`: ${e.when}`).join(' '),
        content: { 'application/json': { schema: ref('ApiError') } },
        'x-error-codes': [...new Set(list.map((e) => e.code))],
      }
    }
    paths[op.path] ??= {}
    paths[op.path]![op.method] = {
      operationId,
      summary: op.summary,
      description: describe(op, errors),
      tags: [...op.tags],
      security: security(op),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(name(op.body, `${pascal(operationId)}Body`)) } } } } : {}),
      ...(op.rawBody
        ? {
            requestBody: {
              required: true,
              description: op.rawBody.description,
              content: { [op.rawBody.contentType]: { schema: { type: 'string', maxLength: op.rawBody.maxBytes } } },
            },
          }
        : {}),
      responses,
      ...(op.action ? { 'x-action': op.action } : {}),
    }
  }

  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `${COMPONENT_PREFIX}${id}`,
    override: describePreprocess,
  }) as unknown as { schemas: Record<string, JsonSchema> }
  for (const schema of Object.values(schemas)) {
    delete schema.$id
    delete schema.$schema
  }

  return {
    openapi: '3.1.0',
    info,
    tags: Object.entries(API_TAGS).map(([tag, description]) => ({ name: tag, description })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE_NAME,
          description: 'Browsers; state-changing requests also need the X-CSRF-Token header.',
        },
        token: { type: 'http', scheme: 'bearer', description: 'A personal access token `cgp_…`.' },
      },
    },
  }
}
