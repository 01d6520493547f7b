// The one error type routes throw; onError turns it into { error: { code, message } }
// (plus `fields` for validation errors, and headers such as Retry-After). A DomainError from the
// data layer (packages/domain errors.ts) gets its status from one table, kind → status.
import type { Context } from 'hono'
import { DomainError, type DomainErrorKind } from '@common-ground/domain'
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

/** The HTTP status of each kind of domain error. */
export const STATUS_OF_KIND: Record<DomainErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
}

/** The ApiError a DomainError answers as: same code, message and fields; the status from its kind. */
export function fromDomainError(error: DomainError): ApiError {
  return new ApiError(STATUS_OF_KIND[error.kind], error.code, error.message, error.fields ? { fields: error.fields } : {})
}

export function errorBody(code: string, message: string, fields?: Record<string, string>) {
  return { error: fields ? { code, message, fields } : { code, message } }
}

export function createErrorHandler(logger: Logger) {
  return (thrown: Error, c: Context) => {
    const error = thrown instanceof DomainError ? fromDomainError(thrown) : thrown
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.options.headers ?? {})) c.header(name, value)
      return c.json(errorBody(error.code, error.message, error.options.fields), error.status)
    }
    logger.error('unhandled error in HTTP route', { path: c.req.path, error })
    return c.json(errorBody('internal_error', 'Something went wrong on the server.'), 500)
  }
}
