// The one question both doors ask — HTTP routes and the WebSocket upgrade: who is this, and
// what may they do with this document? Implemented by the directory (accounts, memberships);
// the sync code depends only on this interface.
import type { DocumentAccess, UpdateGuard } from '@common-ground/domain'

export interface Principal {
  userId: string
  email: string
  name: string
  /** How the caller proved who they are; revoking this credential ends their connections. */
  credential: { type: 'session' | 'token'; id: string }
}

/** Raw credentials as they arrive on a request or an upgrade. */
export interface PresentedCredentials {
  /** The Cookie header (the session cookie is read from it). */
  cookie?: string | undefined
  /** The Authorization header (`Bearer <personal access token>`). */
  authorization?: string | undefined
  /** A token from the `?token=` query parameter (WebSocket clients that cannot set headers). */
  token?: string | undefined
}

/** Something that may change what live connections are allowed to do. */
export type AccessChange =
  /** A membership was created, changed (role, partner) or removed. */
  | { type: 'membership'; initiativeId: string; userId: string }
  /** A session ended or a token was revoked. */
  | { type: 'credential'; credentialId: string }
  /** A document kind was published or unpublished, or an initiative or partner was deleted. */
  | { type: 'initiative'; initiativeId: string }

export interface AccessGate {
  /** The principal the credentials prove, or null (missing, unknown, expired or revoked). */
  authenticate(credentials: PresentedCredentials): Principal | null
  /** What the caller (null = anonymous) may do with a document. Unknown documents are 'none'. */
  documentAccess(documentName: string, principal: Principal | null): DocumentAccess
  /** The row-level rule for an editor of the document (which parts they may change), or null for none. */
  writeGuard?(documentName: string, principal: Principal | null): UpdateGuard | null
  /** True while the principal's credential is still valid. */
  isCredentialValid(principal: Principal): boolean
  /** Notifies after every change that can alter access; returns an unsubscribe function. */
  onAccessChange(listener: (change: AccessChange) => void): () => void
}

/** Every document fully open to everyone: for tests and benchmarks of the sync engine only. */
export const OPEN_ACCESS: AccessGate = {
  authenticate: () => null,
  documentAccess: () => 'edit',
  isCredentialValid: () => true,
  onAccessChange: () => () => {},
}
