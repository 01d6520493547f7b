// Domain errors: what the data layer throws when a request cannot be done (no such thing, a
// conflict, a rule broken). A stable snake_case `code` for clients, and a `kind` that the HTTP
// layer maps to a status in one table (server/src/http/ApiError.ts). No Node or DOM APIs.

/** What went wrong, in terms the transport maps to its own statuses. */
export type DomainErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'gone' | 'rate_limited'

export const DOMAIN_ERROR_KINDS: readonly DomainErrorKind[] = ['invalid', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'gone', 'rate_limited']

export interface DomainErrorOptions {
  /** Per-field codes: `{ email: "taken" }`. */
  fields?: Record<string, string>
}

export class DomainError extends Error {
  override readonly name = 'DomainError'
  readonly fields: Record<string, string> | undefined

  constructor(
    readonly kind: DomainErrorKind,
    /** Stable, snake_case, machine-readable. */
    readonly code: string,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message)
    this.fields = options.fields
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError
}
