// The one error type routes throw; onError turns it into { error: { code, message } }.
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Logger } from '../logger.ts'

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    /** Stable, snake_case, machine-readable. */
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export function errorBody(code: string, message: string) {
  return { error: { code, message } }
}

export function createErrorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof ApiError) return c.json(errorBody(error.code, error.message), error.status)
    logger.error('unhandled error in HTTP route', { path: c.req.path, error })
    return c.json(errorBody('internal_error', 'Something went wrong on the server.'), 500)
  }
}
