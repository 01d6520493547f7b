// Wire constants of the y-websocket protocol as Common Ground speaks it (see docs/protocol.md).
// Both the server and the client import these; never write the bare numbers.

/** First varuint of every WebSocket frame. */
export const MessageType = {
  /** y-protocols/sync: step 1 (state vector), step 2 (missing updates), update. */
  Sync: 0,
  /** y-protocols/awareness: an awareness update (presence, carets). */
  Awareness: 1,
  /** y-protocols/auth: a permission-denied notice (AuthMessageType); servers send it, a client's is ignored. */
  Auth: 2,
  /** Ask the peer to send the awareness states it knows. No payload. */
  QueryAwareness: 3,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]

/** Second varuint of a Sync message. */
export const SyncMessageType = {
  /** Payload: the sender's state vector. The receiver answers with Step2. */
  Step1: 0,
  /** Payload: an update holding everything the Step1 sender was missing. */
  Step2: 1,
  /** Payload: an incremental update. */
  Update: 2,
} as const
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType]

/** Second varuint of an Auth message (y-protocols/auth), followed by a varstring reason. */
export const AuthMessageType = {
  PermissionDenied: 0,
} as const
export type AuthMessageType = (typeof AuthMessageType)[keyof typeof AuthMessageType]

/** Reasons the server gives in a permission-denied message (docs/protocol.md). */
export const PermissionDeniedReason = {
  /**
   * The connection may read the document, not change it: an update it sent was dropped (its
   * connection stays open). Sent once per connection.
   */
  ReadOnly: 'read_only',
} as const
export type PermissionDeniedReason = (typeof PermissionDeniedReason)[keyof typeof PermissionDeniedReason]
