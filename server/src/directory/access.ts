// The directory's side of the AccessGate: what a principal may do with a document (the
// document-kind registry's matrix over memberships and what is published), and the change
// events that tell live connections to check again.
import {
  documentAccess as accessMatrix,
  documentExists,
  documentWriteGuard,
  parseDocumentName,
  type DocumentAccess,
  type UpdateGuard,
} from '@common-ground/domain'
import type { AccessChange, Principal } from '../access/AccessGate.ts'
import type { Logger } from '../logger.ts'
import type { Initiatives } from './initiatives.ts'

/** Listeners to changes that can alter access; a failing listener is logged, the others still run. */
export class AccessChanges {
  private readonly listeners = new Set<(change: AccessChange) => void>()

  constructor(private readonly logger: Logger) {}

  on(listener: (change: AccessChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit(change: AccessChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change)
      } catch (error) {
        this.logger.error('access change listener failed', { error })
      }
    }
  }
}

/** What the caller (null = anonymous) may do with a document; unknown initiatives, partners and names are 'none'. */
/** The row-level write rule of the caller for a document (docs/permissions.md), or null. */
export function writeGuardOf(initiatives: Initiatives, documentName: string, principal: Principal | null): UpdateGuard | null {
  const ref = parseDocumentName(documentName)
  const initiative = ref ? initiatives.initiative(ref.initiativeId) : undefined
  if (!ref || !initiative || !principal) return null
  const membership = initiatives.membership(initiative.id, principal.userId)
  if (!membership) return null
  return documentWriteGuard(ref, { role: membership.role, partnerId: membership.partnerId ?? null, published: false })
}

export function documentAccessOf(initiatives: Initiatives, documentName: string, principal: Principal | null): DocumentAccess {
  const ref = parseDocumentName(documentName)
  if (!ref) return 'none'
  const initiative = initiatives.initiative(ref.initiativeId)
  if (!initiative) return 'none'
  if (!documentExists(ref, initiatives.scopeOf(initiative.id))) return 'none'
  const membership = principal ? initiatives.membership(initiative.id, principal.userId) : undefined
  return accessMatrix(ref, {
    role: membership?.role ?? null,
    partnerId: membership?.partnerId ?? null,
    published: (initiative.published as readonly string[]).includes(ref.kind),
  })
}
