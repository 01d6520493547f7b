// WebSocket close codes the sync server uses. 1000–1015 are RFC 6455's; 4000–4999 are ours,
// laid out like HTTP statuses (4400 ≈ 400, 4429 ≈ 429, …) so they read at a glance.

export const CloseCode = {
  /** The peer closed normally. */
  Normal: 1000,
  /** The server is shutting down (SIGTERM/SIGINT); reconnect later. */
  GoingAway: 1001,
  /** A frame exceeded the server's maximum frame size. */
  MessageTooBig: 1009,
  /** The server hit an unexpected error handling this connection's frame; it keeps serving others. */
  InternalError: 1011,
  /** A frame could not be decoded, had an unknown message type, or held an invalid update. */
  BadMessage: 4400,
  /** No valid credentials were presented. */
  Unauthenticated: 4401,
  /** The credentials do not allow access to this document (or access was revoked). */
  Forbidden: 4403,
  /**
   * The connection's rights changed (role changed, document published or unpublished): the
   * client should ask again what it may do (GET /api/access) and reconnect.
   */
  PermissionsChanged: 4409,
  /**
   * An update touched a part of the document the connection may not change (a partner executive
   * writing another partner's cells of the measurement sheet); nothing of it was applied.
   */
  ForbiddenWrite: 4413,
  /** The document name in the URL breaks the naming rules (docs/protocol.md). */
  InvalidDocumentName: 4422,
  /** Too many connections from this address in the current window. */
  RateLimited: 4429,
  /** The document could not be loaded from storage; it is not served. */
  DocumentUnavailable: 4500,
  /** The connection did not read its messages fast enough; its backlog passed the limit. */
  SlowConsumer: 4508,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** Close codes after which a client should not retry the same request unchanged. */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.InvalidDocumentName,
  CloseCode.Unauthenticated,
  CloseCode.Forbidden,
  CloseCode.ForbiddenWrite,
])
