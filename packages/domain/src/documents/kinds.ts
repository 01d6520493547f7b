// The document-kind registry: every kind of Yjs document an initiative owns, in one table —
// its name pattern, who may read and edit it, whether it can be published, its Yjs schema,
// and which documents of the kind an initiative has. A new domain feature adds a row here;
// the server (access checks, listings) and the client (routes, labels) read the table.
import { isEntityId } from '../roles.ts'
import type { DocumentAccess, Standing } from './access.ts'
import type { UpdateGuard } from './guard.ts'
import { partnerSheetGuard } from '../measurements/guard.ts'
import { partnerActivityGuard } from '../activities/guard.ts'

/** Names of initiative documents start with this segment: `i/<initiativeId>/…`. */
export const INITIATIVE_DOCUMENT_PREFIX = 'i'

/** The Y.XmlFragment TipTap's Collaboration extension binds to by default. */
export const EDITOR_FRAGMENT = 'default'

/** A named parameter in a document name (the entity the document belongs to). */
export type DocumentParam = 'partnerId' | 'meetingId'

export type YjsRootType = 'XmlFragment' | 'Map' | 'Array' | 'Text'

/** The top-level shared types of a kind's Y.Doc and what each holds. */
export interface DocumentSchema {
  roots: Readonly<Record<string, { type: YjsRootType; holds: string }>>
}

/** What an initiative has that documents can belong to (grows with the domain). */
export interface InitiativeScope {
  initiativeId: string
  partnerIds: readonly string[]
  /** The initiative's meetings (the meetings module keeps them); absent: none known here. */
  meetingIds?: readonly string[]
}

export interface DocumentKindSpec {
  /** Name segments after `i/<initiativeId>/`; `:partnerId` stands for an entity id. */
  path: readonly (string | `:${DocumentParam}`)[]
  /** The backbone can publish documents of this kind to the public (read only). */
  publishable: boolean
  schema: DocumentSchema
  /** Access for members (role not null); the public reads a published kind and nothing else. */
  memberAccess(ref: DocumentRef, standing: Standing & { role: NonNullable<Standing['role']> }): DocumentAccess
  /** The documents of this kind an initiative has: one parameter set each. */
  instances(scope: InitiativeScope): Partial<Record<DocumentParam, string>>[]
  /** Row-level rules for a member who may edit: what parts of the document they may change (null: all). */
  writeGuard?(ref: DocumentRef, standing: Standing & { role: NonNullable<Standing['role']> }): UpdateGuard | null
}

const RICH_TEXT: DocumentSchema = {
  roots: { [EDITOR_FRAGMENT]: { type: 'XmlFragment', holds: 'the rich text (TipTap / ProseMirror nodes)' } },
}

/**
 * The registry. The access matrix (docs/permissions.md):
 *
 * | kind    | backbone | partner executive           | participant | public            |
 * |---------|----------|-----------------------------|-------------|-------------------|
 * | agenda  | edit     | edit                        | read        | read if published |
 * | partner | edit     | edit own partner, else read | read        | none              |
 * | measurements | edit | edit own partner's rows     | read        | none              |
 * | activities | edit   | edit own partner's activities, propose relations, arrange the graph | read | none |
 * | meeting | edit     | edit                        | read        | none              |
 */
export const DOCUMENT_KIND_REGISTRY = {
  /** `i/<initiativeId>/agenda` — the common agenda. */
  agenda: {
    path: ['agenda'],
    publishable: true,
    schema: RICH_TEXT,
    memberAccess: (_ref, { role }) => (role === 'participant' ? 'read' : 'edit'),
    instances: () => [{}],
  },
  /** `i/<initiativeId>/partners/<partnerId>` — one partner organisation's page, edited by its executives. */
  partner: {
    path: ['partners', ':partnerId'],
    publishable: false,
    schema: RICH_TEXT,
    memberAccess: (ref, { role, partnerId }) => {
      if (role === 'backbone') return 'edit'
      if (role === 'partner' && ref.partnerId !== undefined && ref.partnerId === partnerId) return 'edit'
      return 'read'
    },
    instances: (scope) => scope.partnerIds.map((partnerId) => ({ partnerId })),
  },
  /**
   * `i/<initiativeId>/measurements` — the measurement sheet (measurements/sheet.ts): values per
   * indicator, period, partner and category. A partner executive writes only their partner's
   * cells (the server refuses an update touching any other); approvals are kept by the server.
   */
  measurements: {
    path: ['measurements'],
    publishable: false,
    schema: { roots: { cells: { type: 'Map', holds: 'cell key (JSON coordinates) → Y.Map of value, note, source, status, definitionVersion' } } },
    memberAccess: (_ref, { role }) => (role === 'participant' ? 'read' : 'edit'),
    instances: () => [{}],
    writeGuard: (_ref, { role, partnerId }) => (role === 'partner' ? partnerSheetGuard(partnerId ?? '') : null),
  },
  /**
   * `i/<initiativeId>/activities` — the activity map (activities/map.ts): who does what towards
   * which goals and indicators, strategies, relations, the graph's positions. A partner executive
   * edits only the activities its partner leads and proposes relations (activities/guard.ts).
   */
  activities: {
    path: ['activities'],
    publishable: false,
    schema: {
      roots: {
        activities: {
          type: 'Map',
          holds: 'activity id → Y.Map of title, description, leadPartnerId, contributors, goalIds, indicators, status, start, end, budget, staff, strategyId',
        },
        strategies: { type: 'Map', holds: 'strategy id → Y.Map of title, description, order' },
        relations: { type: 'Map', holds: 'relation id → Y.Map of from, to, type, note, proposedBy, status' },
        layout: { type: 'Map', holds: 'graph node key (activity:/partner:/goal:/strategy:<id>) → { x, y }' },
      },
    },
    memberAccess: (_ref, { role }) => (role === 'participant' ? 'read' : 'edit'),
    instances: () => [{}],
    writeGuard: (_ref, { role, partnerId }) => (role === 'partner' ? partnerActivityGuard(partnerId ?? '') : null),
  },
  /**
   * `i/<initiativeId>/meetings/<meetingId>` — one meeting's agenda document (meetings/blocks.ts):
   * agenda items, decisions and action items as structured blocks, co-edited live; its `meeting`
   * map holds what the server records about it (the carry-over). One per meeting the meetings
   * module keeps (a single meeting, or a series date once it was prepared).
   */
  meeting: {
    path: ['meetings', ':meetingId'],
    publishable: false,
    schema: {
      roots: {
        [EDITOR_FRAGMENT]: { type: 'XmlFragment', holds: 'the rich text with the meeting blocks (meetingItem, decisionBlock, actionItemBlock)' },
        meeting: { type: 'Map', holds: 'carriedOverFrom: the meeting id the open items were carried over from (once)' },
      },
    },
    memberAccess: (_ref, { role }) => (role === 'participant' ? 'read' : 'edit'),
    instances: (scope) => (scope.meetingIds ?? []).map((meetingId) => ({ meetingId })),
  },
} as const satisfies Record<string, DocumentKindSpec>

export type DocumentKind = keyof typeof DOCUMENT_KIND_REGISTRY
export const DOCUMENT_KINDS = Object.keys(DOCUMENT_KIND_REGISTRY) as DocumentKind[]

export function documentKindSpec(kind: DocumentKind): DocumentKindSpec {
  return DOCUMENT_KIND_REGISTRY[kind]
}

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && Object.hasOwn(DOCUMENT_KIND_REGISTRY, value)
}

type PublishableOf<R> = { [K in keyof R]: R[K] extends { publishable: true } ? K : never }[keyof R]
/** Document kinds the backbone can publish to the public. */
export type PublishableKind = PublishableOf<typeof DOCUMENT_KIND_REGISTRY>
export const PUBLISHABLE_KINDS = DOCUMENT_KINDS.filter((k) => DOCUMENT_KIND_REGISTRY[k].publishable) as [PublishableKind, ...PublishableKind[]]

export function isPublishableKind(value: unknown): value is PublishableKind {
  return typeof value === 'string' && (PUBLISHABLE_KINDS as readonly string[]).includes(value)
}

export interface DocumentRef {
  initiativeId: string
  kind: DocumentKind
  /** The partner, for kind `partner`. */
  partnerId?: string
  /** The meeting, for kind `meeting`. */
  meetingId?: string
}

export function documentNameOf(ref: DocumentRef): string {
  const segments = documentKindSpec(ref.kind).path.map((segment) => {
    if (!segment.startsWith(':')) return segment
    const value = ref[segment.slice(1) as DocumentParam]
    if (!isEntityId(value)) throw new Error(`document ${ref.kind} needs ${segment.slice(1)}`)
    return value
  })
  return [INITIATIVE_DOCUMENT_PREFIX, ref.initiativeId, ...segments].join('/')
}

export function agendaDocumentName(initiativeId: string): string {
  return documentNameOf({ initiativeId, kind: 'agenda' })
}

export function measurementsDocumentName(initiativeId: string): string {
  return documentNameOf({ initiativeId, kind: 'measurements' })
}

export function activitiesDocumentName(initiativeId: string): string {
  return documentNameOf({ initiativeId, kind: 'activities' })
}

export function partnerDocumentName(initiativeId: string, partnerId: string): string {
  return documentNameOf({ initiativeId, kind: 'partner', partnerId })
}

export function meetingDocumentName(initiativeId: string, meetingId: string): string {
  return documentNameOf({ initiativeId, kind: 'meeting', meetingId })
}

/** The initiative document a name refers to, or null when the name belongs to no initiative. */
export function parseDocumentName(name: string): DocumentRef | null {
  const parts = name.split('/')
  if (parts[0] !== INITIATIVE_DOCUMENT_PREFIX || !isEntityId(parts[1])) return null
  const initiativeId = parts[1]
  const rest = parts.slice(2)
  for (const kind of DOCUMENT_KINDS) {
    const { path } = DOCUMENT_KIND_REGISTRY[kind]
    if (path.length !== rest.length) continue
    const ref: DocumentRef = { initiativeId, kind }
    const matches = path.every((segment, i) => {
      const part = rest[i]!
      if (!segment.startsWith(':')) return segment === part
      if (!isEntityId(part)) return false
      ref[segment.slice(1) as DocumentParam] = part
      return true
    })
    if (matches) return ref
  }
  return null
}

/** Every document an initiative has, kind by kind, in registry order. */
export function initiativeDocuments(scope: InitiativeScope): (DocumentRef & { name: string })[] {
  return DOCUMENT_KINDS.flatMap((kind) =>
    documentKindSpec(kind)
      .instances(scope)
      .map((params) => {
        const ref: DocumentRef = { initiativeId: scope.initiativeId, kind, ...params }
        return { ...ref, name: documentNameOf(ref) }
      }),
  )
}

/** Whether the document a ref names exists in the initiative described by scope. */
export function documentExists(ref: DocumentRef, scope: InitiativeScope): boolean {
  if (ref.initiativeId !== scope.initiativeId) return false
  const spec: DocumentKindSpec = DOCUMENT_KIND_REGISTRY[ref.kind]
  return spec.instances(scope).some((params) => (Object.keys(params) as DocumentParam[]).every((key) => params[key] === ref[key]))
}

/** The row-level write rule of a member who may edit the document, or null for none. */
export function documentWriteGuard(ref: DocumentRef, standing: Standing): UpdateGuard | null {
  if (standing.role === null) return null
  const spec: DocumentKindSpec = DOCUMENT_KIND_REGISTRY[ref.kind]
  return spec.writeGuard?.(ref, { ...standing, role: standing.role }) ?? null
}

/** The document access matrix: members by the kind's rule, the public only a published kind. */
export function documentAccess(ref: DocumentRef, standing: Standing): DocumentAccess {
  const { role } = standing
  if (role === null) return DOCUMENT_KIND_REGISTRY[ref.kind].publishable && standing.published ? 'read' : 'none'
  return documentKindSpec(ref.kind).memberAccess(ref, { ...standing, role })
}
