// What a caller may do with one document, and what the caller is relative to its initiative.
import type { Role } from '../roles.ts'

export type DocumentAccess = 'edit' | 'read' | 'none'

/** What a caller is, relative to one initiative. */
export interface Standing {
  /** null: not a member (anonymous, or signed in without a membership). */
  role: Role | null
  /** The partner a partner executive is bound to. */
  partnerId: string | null
  /** Whether the backbone published this document kind to the public. */
  published: boolean
}
