// Row-level write rules inside one document: a kind may restrict what parts of its document a
// member may change (a partner executive writes only their partner's cells of the measurement
// sheet; later, only their partner's activities of the activity map). The server runs the guard on
// every update from such a connection before applying it; a violation closes the connection with
// CloseCode.ForbiddenWrite and nothing of the update is applied, logged or sent on.
import type * as Y from 'yjs'

export interface WriteViolation {
  /** Stable, snake_case. */
  code: string
  detail: string
}

/** Checks an update (v1) against the document it would be applied to, without applying it. */
export type UpdateGuard = (doc: Y.Doc, update: Uint8Array) => WriteViolation | null
