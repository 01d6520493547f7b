// The one error type routes throw; onError turns it into { error: { code, message } }
// (plus `fields` for validation errors, and headers such as Retry-After).
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Logger } from '../logger.ts'

export interface ApiErrorOptions {
  /** Per-field codes for validation errors: `{ email: "invalid" }`. */
  fields?: Record<string, string>
  /** Extra response headers (e.g. Retry-After). */
  headers?: Record<string, string>
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    /** Stable, snake_case, machine-readable. */
    readonly code: string,
    message: string,
    readonly options: ApiErrorOptions = {},
  ) {
    super(message)
  }
}

export function errorBody(code: string, message: string, fields?: Record<string, string>) {
  return { error: fields ? { code, message, fields } : { code, message } }
}

export function createErrorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.options.headers ?? {})) c.header(name, value)
      return c.json(errorBody(error.code, error.message, error.options.fields), error.status)
    }
    logger.error('unhandled error in HTTP route', { path: c.req.path, error })
    return c.json(errorBody('internal_error', 'Something went wrong on the server.'), 500)
  }
}
