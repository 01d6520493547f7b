// Request bodies and query strings: JSON parsing and validation with the domain's zod schemas
// (packages/domain/src/api/) turned into stable errors (400 invalid_json; 400 validation_failed
// with error.fields = { field: code }).
import type { Context } from 'hono'
import * as z from 'zod'
import { ApiError } from './ApiError.ts'

/** The parsed JSON body; an empty body reads as `{}`. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text()
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.')
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

function fieldCode(issue: z.core.$ZodIssue, input: unknown): string {
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && valueAt(input, issue.path) === undefined) return 'required'
  switch (issue.code) {
    case 'invalid_type':
      return 'invalid_type'
    case 'too_small':
      return issue.origin === 'string' ? 'too_short' : issue.origin === 'array' ? 'too_few' : 'too_small'
    case 'too_big':
      return issue.origin === 'string' ? 'too_long' : issue.origin === 'array' ? 'too_many' : 'too_big'
    case 'invalid_format':
      return issue.format === 'email' ? 'invalid_email' : 'invalid_format'
    case 'invalid_value':
      return 'invalid_value'
    case 'custom':
      return (issue.params?.code as string | undefined) ?? 'invalid'
    default:
      return 'invalid'
  }
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ApiError(400, 'validation_failed', 'The request body must be a JSON object.', { fields: {} })
  }
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const fields: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || '_'
    fields[key] ??= fieldCode(issue, input)
  }
  const first = Object.keys(fields)[0]
  throw new ApiError(400, 'validation_failed', `Invalid field: ${first}.`, { fields })
}

export async function body<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return parseWith(schema, await readJson(c))
}

/** The shared field rules live with the API's schemas in packages/domain (src/api/fields.ts). */
export { fields } from '@common-ground/domain'
